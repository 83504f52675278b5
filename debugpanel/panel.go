// Package debugpanel is djorm's SQL panel, after django-debug-toolbar's:
// net/http middleware that records the statements each request runs, and
// a handler serving a page of recent requests and, for each, its queries
// with SQL, arguments, duration, rows and call site, duplicates and
// similar queries grouped, N+1 warnings, a timeline, and an EXPLAIN
// button.
//
// It is a development tool and is on only where a program mounts it:
//
//	db, _ := orm.Open("sqlite3", dsn, orm.WithHook(debugpanel.Hook()))
//	panel := debugpanel.New(db)
//	mux.Handle("/__djorm/", panel.Handler())
//	http.ListenAndServe("127.0.0.1:8000", panel.Middleware(mux))
//
// The pages answer only clients on the loopback interface that name a
// loopback host (a DNS-rebinding page cannot read them) and that came
// through no proxy, unless AllowRemote says otherwise. EXPLAIN is a POST
// refused across origins. With Redact, arguments are neither kept nor
// shown, and EXPLAIN runs only for queries without arguments.
package debugpanel

import (
	"fmt"
	"regexp"
	"sync"
	"time"

	"github.com/djorm/orm"
)

// Panel records requests' queries and serves the pages that show them.
// It is safe for concurrent use.
type Panel struct {
	db  *orm.DB
	cfg config

	mu   sync.Mutex
	ring []*Request // the last cfg.keep requests, oldest overwritten first
	next int
	seq  uint64
}

type config struct {
	prefix      string
	keep        int
	redact      bool
	allowRemote bool
	threshold   int
}

// Option configures New.
type Option func(*config)

// Prefix sets the path the pages are served under (default "/__djorm/");
// mount Handler there. It must start and end with "/".
func Prefix(p string) Option { return func(c *config) { c.prefix = p } }

// KeepRequests sets how many recent requests the panel keeps (default 50).
func KeepRequests(n int) Option { return func(c *config) { c.keep = n } }

// Redact keeps the panel from recording arguments: pages show how many a
// query had, never their values, and EXPLAIN runs only on queries without
// arguments (a plan prints the values it was given). Duplicates cannot be
// told from similar queries then, and are not listed.
func Redact() Option { return func(c *config) { c.redact = true } }

// AllowRemote serves the pages to any client. Without it they answer only
// loopback clients that reached a loopback host name directly.
func AllowRemote() Option { return func(c *config) { c.allowRemote = true } }

// NPlusOneThreshold sets how many SELECTs of one shape from one call site
// make an N+1 warning (default 3).
func NPlusOneThreshold(n int) Option { return func(c *config) { c.threshold = n } }

// validPrefix: the prefix becomes part of http.ServeMux patterns, where
// braces and spaces mean something.
var validPrefix = regexp.MustCompile(`^/([A-Za-z0-9_.~-]+/)*$`)

// New returns a panel for db, which runs the EXPLAINs. It refuses an
// option value it cannot use, naming it.
func New(db *orm.DB, opts ...Option) (*Panel, error) {
	cfg := config{prefix: "/__djorm/", keep: 50, threshold: 3}
	for _, o := range opts {
		o(&cfg)
	}
	switch {
	case db == nil:
		return nil, fmt.Errorf("debugpanel.New: db is nil; pass the *orm.DB the application queries")
	case !validPrefix.MatchString(cfg.prefix):
		return nil, fmt.Errorf("debugpanel.Prefix(%q): the prefix must start and end with \"/\" and hold letters, digits, _ . ~ - between, as in \"/__djorm/\"", cfg.prefix)
	case cfg.keep < 1:
		return nil, fmt.Errorf("debugpanel.KeepRequests(%d): keep at least 1 request", cfg.keep)
	case cfg.threshold < 2:
		return nil, fmt.Errorf("debugpanel.NPlusOneThreshold(%d): a repeat needs at least 2 queries", cfg.threshold)
	}
	return &Panel{db: db, cfg: cfg, ring: make([]*Request, cfg.keep)}, nil
}

// Request is one HTTP request the panel recorded.
type Request struct {
	ID       uint64
	Method   string
	Path     string
	Status   int
	Start    time.Time
	Duration time.Duration
	Queries  []Query
	// Timed: the start of each query is known (Hook is installed), not
	// laid out end to end.
	Timed bool
	analysis
}

// SQLTime is the time the request's queries took, added up.
func (r *Request) SQLTime() time.Duration {
	var d time.Duration
	for _, q := range r.Queries {
		d += q.Duration
	}
	return d
}

// Query is one statement of a request.
type Query struct {
	Index    int
	SQL      string
	Args     []string // printed; nil under Redact
	NumArgs  int
	Offset   time.Duration // start, from the request's start
	Duration time.Duration
	Rows     int64 // -1 if unknown
	Err      string
	Database string
	Stack    []Frame // from the first frame outside djorm; empty without Hook
	Caller   string  // the first frame outside djorm, as dir/file.go:line
	// Lazy names the relation the statement loaded on first access (a
	// ForeignKey's Get, a related manager's All); nil for other statements.
	Lazy *orm.LazyLoad

	args     []any // for EXPLAIN; nil under Redact
	redacted bool
}

// Requests returns the recorded requests, newest first.
func (p *Panel) Requests() []*Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]*Request, 0, len(p.ring))
	for i := 1; i <= len(p.ring); i++ {
		if r := p.ring[(p.next-i+len(p.ring))%len(p.ring)]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

// request returns the recorded request id, or nil once it is gone.
func (p *Panel) request(id uint64) *Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range p.ring {
		if r != nil && r.ID == id {
			return r
		}
	}
	return nil
}

// store keeps r, dropping the oldest request when the ring is full. A
// stored Request is never changed again, so pages read it unlocked.
func (p *Panel) store(r *Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	r.ID = p.seq
	p.ring[p.next] = r
	p.next = (p.next + 1) % len(p.ring)
}
