package debugpanel

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/djorm/orm"
)

// Middleware records the statements each request runs with its context
// (r.Context() or one derived from it), and keeps the request for the
// pages. The panel's own pages are not recorded.
func (p *Panel) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, p.cfg.prefix) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &recorder{}
		ctx, captured := orm.CaptureQueries(context.WithValue(r.Context(), recorderKey{}, rec))
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			// Deferred so that a handler that panics still shows its queries.
			p.store(p.newRequest(r, sw.status, start, time.Since(start), rec, captured))
		}()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

// newRequest turns what was recorded into a Request. The hook's records
// carry stacks and start times; orm.CaptureQueries' are the fallback when
// the hook is not installed (or missed statements of another DB).
func (p *Panel) newRequest(r *http.Request, status int, start time.Time, d time.Duration, rec *recorder, c *orm.Captured) *Request {
	req := &Request{Method: r.Method, Path: r.URL.RequestURI(), Status: status, Start: start, Duration: d}
	hooked, captured := rec.list(), c.Queries()
	if len(hooked) > 0 && len(hooked) >= len(captured) {
		req.Timed = true
		for i, h := range hooked {
			q := p.newQuery(i, h.rec)
			q.Offset = max(h.start.Sub(start), 0)
			q.Stack = h.stack
			if len(h.stack) > 0 {
				q.Caller = h.stack[0].String()
			}
			req.Queries = append(req.Queries, q)
		}
	} else {
		var at time.Duration
		for i, cr := range captured {
			q := p.newQuery(i, cr)
			q.Offset = at
			at += cr.Duration
			req.Queries = append(req.Queries, q)
		}
	}
	req.analysis = analyze(req.Queries, p.cfg.threshold, p.cfg.redact)
	return req
}

func (p *Panel) newQuery(i int, r orm.QueryRecord) Query {
	q := Query{Index: i, SQL: r.SQL, NumArgs: len(r.Args), Duration: r.Duration, Rows: r.Rows,
		Database: r.Database, Caller: shortPath(r.Caller), Lazy: r.Lazy, redacted: p.cfg.redact}
	if r.Err != nil {
		q.Err = r.Err.Error()
	}
	if !p.cfg.redact {
		q.args = r.Args
		q.Args = make([]string, len(r.Args))
		for j, a := range r.Args {
			q.Args[j] = printArg(a)
		}
	}
	return q
}

// shortPath cuts a file:line to the file's last two path elements, as
// Frame.String does.
func shortPath(fileLine string) string {
	if i := strings.LastIndexByte(fileLine, '/'); i > 0 {
		if j := strings.LastIndexByte(fileLine[:i], '/'); j >= 0 {
			return fileLine[j+1:]
		}
	}
	return fileLine
}

// printArg shows an argument as the page lists it: text quoted, bytes as
// their length (they are often large and rarely readable).
func printArg(a any) string {
	switch v := a.(type) {
	case nil:
		return "NULL"
	case string:
		return fmt.Sprintf("%q", v)
	case []byte:
		return fmt.Sprintf("<%d bytes>", len(v))
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(a)
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Flush passes on to the writer below, for handlers that stream.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the writer below.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
