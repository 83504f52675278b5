package debugpanel

import (
	_ "embed"
	"fmt"
	"html/template"
	"time"
)

//go:embed pages.html
var pagesHTML string

// pages are the panel's templates; html/template escapes every value, SQL
// and arguments included.
var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"ms":  func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) },
	"pct": func(f float64) string { return fmt.Sprintf("%.2f%%", f) },
	"add": func(a, b int) int { return a + b },
	"clock": func(t time.Time) string {
		return t.Format("15:04:05.000")
	},
}).Parse(pagesHTML))

type indexView struct {
	Prefix   string
	Requests []*Request
	Keep     int
	Redacted bool
}

type requestView struct {
	Prefix   string
	Req      *Request
	Queries  []queryView
	Explain  *Explanation
	Redacted bool
}

type queryView struct {
	Query
	Left, Width       float64 // the timeline bar, in percent of the request
	Duplicates        int
	Similar           int
	Explainable       bool
	NotExplainableWhy string
}

func (p *Panel) requestView(req *Request, ex *Explanation) requestView {
	v := requestView{Prefix: p.cfg.prefix, Req: req, Explain: ex, Redacted: p.cfg.redact}
	span := req.Duration
	for _, q := range req.Queries {
		span = max(span, q.Offset+q.Duration)
	}
	for i, q := range req.Queries {
		qv := queryView{Query: q, Duplicates: req.dupOf[i], Similar: req.similarOf[i]}
		if span > 0 {
			qv.Left = 100 * float64(q.Offset) / float64(span)
			qv.Width = max(100*float64(q.Duration)/float64(span), 0.4)
			qv.Left = min(qv.Left, 100-qv.Width)
		}
		if err := explainable(p.db, q); err != nil {
			qv.NotExplainableWhy = err.Error()
		} else {
			qv.Explainable = true
		}
		v.Queries = append(v.Queries, qv)
	}
	return v
}
