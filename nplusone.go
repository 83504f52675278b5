package orm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"unsafe"

	"github.com/djorm/orm/registry"
)

// N+1 detection, as django-debug-toolbar's "similar queries" and Python's
// nplusone: within one unit of work, the same SELECT (the same
// parameterized text) run again and again from one line of the program is
// a loop that loads, row by row, what one query could have loaded. A lazy
// load (ForeignKey.Get, a related manager's All) is named in the report,
// with the QuerySet call that removes it.

// ErrNPlusOne is matched (errors.Is) by every *NPlusOneError.
var ErrNPlusOne = errors.New("orm: N+1 queries")

// DefaultNPlusOneThreshold is how many runs of one statement from one call
// site make a report, unless NPlusOneThreshold says otherwise.
const DefaultNPlusOneThreshold = 3

// NPlusOneOption configures DetectNPlusOne and WithNPlusOneDetection.
type NPlusOneOption func(*nplusConfig)

type nplusConfig struct {
	threshold int
	report    []func(ctx context.Context, r NPlusOneReport)
	raise     bool
}

func newNPlusConfig(opts []NPlusOneOption) nplusConfig {
	c := nplusConfig{threshold: DefaultNPlusOneThreshold}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// NPlusOneThreshold sets how many runs from one call site make a report
// (3 unless set). Values below 2 are taken as 2: one statement is not a
// repetition.
func NPlusOneThreshold(n int) NPlusOneOption {
	return func(c *nplusConfig) { c.threshold = max(n, 2) }
}

// OnNPlusOne calls fn once per repeated statement, when it reaches the
// threshold, on the goroutine that ran it. The report's Count is the count
// at that moment; the detector's Reports have the final ones.
func OnNPlusOne(fn func(ctx context.Context, r NPlusOneReport)) NPlusOneOption {
	return func(c *nplusConfig) {
		if fn != nil {
			c.report = append(c.report, fn)
		}
	}
}

// LogNPlusOne logs each report to l at Warn, with the statement, its call
// site, its count and the fix (never its arguments).
func LogNPlusOne(l *slog.Logger) NPlusOneOption {
	return OnNPlusOne(func(ctx context.Context, r NPlusOneReport) {
		if l == nil {
			return
		}
		attrs := []slog.Attr{slog.String("sql", r.SQL), slog.String("caller", r.Caller), slog.Int("count", r.Count),
			slog.String("db", r.Database), slog.String("fix", r.Fix())}
		if r.Lazy != nil {
			attrs = append(attrs, slog.String("lazy", r.Lazy.String()))
		}
		l.LogAttrs(ctx, slog.LevelWarn, "N+1 queries", attrs...)
	})
}

// RaiseNPlusOne makes the lazy load that reaches the threshold fail
// instead of running, as FetchMode(Raise) does for every lazy load: the
// error is an *NPlusOneError that matches both ErrNPlusOne and
// ErrFetchBlocked. Repeated statements that are not lazy loads are only
// reported (they have already run when they are seen).
func RaiseNPlusOne() NPlusOneOption { return func(c *nplusConfig) { c.raise = true } }

// NPlusOneReport describes one statement run repeatedly from one call site
// in one unit of work.
type NPlusOneReport struct {
	SQL      string    // the parameterized text (of the first run)
	Caller   string    // file:line of the program's line that ran it
	Database string    // the database alias
	Lazy     *LazyLoad // the relation it lazily loaded, or nil
	Count    int       // how many times it ran (or, under RaiseNPlusOne, was tried)
	// Distinct is how many different argument lists it ran with (counted
	// up to 100); 1 means the very same query was repeated.
	Distinct int
	// Args holds the arguments of the first runs (at most 3).
	Args [][]any
}

// Fix names the change that removes the repetition.
func (r NPlusOneReport) Fix() string {
	if r.Lazy != nil {
		return r.Lazy.Fix() + " on the query that loads the " + r.Lazy.Model + " objects"
	}
	if r.Distinct == 1 {
		return "run it once and keep the result"
	}
	return "run it once for all the values (a __in filter), or load the rows ahead with SelectRelated/PrefetchRelated"
}

// String is a one-paragraph account: what ran, how often, from where, and
// the fix.
func (r NPlusOneReport) String() string {
	var b strings.Builder
	if r.Lazy != nil {
		fmt.Fprintf(&b, "lazy load of %s", r.Lazy)
	} else {
		b.WriteString("the same query")
	}
	fmt.Fprintf(&b, " ran %d times", r.Count)
	if r.Distinct > 1 {
		fmt.Fprintf(&b, " (%d different arguments)", r.Distinct)
	}
	fmt.Fprintf(&b, " from %s on %q; fix: %s\n    %s", orUnknown(r.Caller), r.Database, r.Fix(), r.SQL)
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "an unknown call site"
	}
	return s
}

// NPlusOneError reports repeated statements: returned by
// NPlusOneDetector.Err, and by a lazy load RaiseNPlusOne blocked.
type NPlusOneError struct {
	Reports []NPlusOneReport
	blocked bool // a lazy load was refused
}

// Error lists every report.
func (e *NPlusOneError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "orm: N+1 queries: %d repeated statement(s)", len(e.Reports))
	if e.blocked {
		b.WriteString(" (blocked by RaiseNPlusOne)")
	}
	for _, r := range e.Reports {
		b.WriteString("\n  ")
		b.WriteString(strings.ReplaceAll(r.String(), "\n", "\n  "))
	}
	return b.String()
}

// Is matches ErrNPlusOne, and ErrFetchBlocked when a lazy load was refused.
func (e *NPlusOneError) Is(target error) bool {
	return target == ErrNPlusOne || e.blocked && target == ErrFetchBlocked
}

// NPlusOneDetector counts the statements of one unit of work. It is safe
// for concurrent use.
type NPlusOneDetector struct {
	cfg nplusConfig

	mu       sync.Mutex
	groups   map[nplusKey]*nplusGroup
	reported []*nplusGroup // in the order they reached the threshold
}

// nplusKey is what makes two statements "the same": the database, the call
// site, and the statement text (or, for a lazy load, the relation).
type nplusKey struct{ db, caller, shape string }

type nplusGroup struct {
	report NPlusOneReport
	args   map[string]struct{} // fingerprints of the argument lists seen
}

// maxDistinct bounds the fingerprints a group keeps, maxGroups the
// statements a unit of work tells apart (IN lists of every length are as
// many texts; a context that lives as long as the program is one unit).
const (
	maxDistinct = 100
	maxGroups   = 4096
)

// DetectNPlusOne starts a unit of work: the statements run with the
// returned context (or contexts derived from it) are counted, and one
// statement run the threshold's number of times from one call site is
// reported to the OnNPlusOne callbacks and kept in the detector. Only
// SELECTs count. An inner DetectNPlusOne starts a unit of its own. Wrap a
// request, a job or a test in one.
func DetectNPlusOne(ctx context.Context, opts ...NPlusOneOption) (context.Context, *NPlusOneDetector) {
	d := newDetector(newNPlusConfig(opts))
	return withObservers(ctx, func(o *ctxObservers) { o.detector = d }), d
}

func newDetector(cfg nplusConfig) *NPlusOneDetector {
	return &NPlusOneDetector{cfg: cfg, groups: map[nplusKey]*nplusGroup{}}
}

// Reports returns the repeated statements found so far, in the order they
// reached the threshold, with their current counts.
func (d *NPlusOneDetector) Reports() []NPlusOneReport {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]NPlusOneReport, len(d.reported))
	for i, g := range d.reported {
		out[i] = g.report
	}
	return out
}

// Err returns an *NPlusOneError listing the reports, or nil when there
// are none: a test can fail on it.
func (d *NPlusOneDetector) Err() error {
	if r := d.Reports(); len(r) > 0 {
		return &NPlusOneError{Reports: r}
	}
	return nil
}

// Reset forgets every count and report, starting the unit of work anew.
func (d *NPlusOneDetector) Reset() {
	d.mu.Lock()
	d.groups, d.reported = map[nplusKey]*nplusGroup{}, nil
	d.mu.Unlock()
}

// observe counts a finished statement.
func (d *NPlusOneDetector) observe(ctx context.Context, r QueryRecord) {
	if r.Err != nil || !reads(r.SQL) {
		return
	}
	rep, reached := d.count(r)
	if reached {
		d.notify(ctx, rep)
	}
}

func (d *NPlusOneDetector) notify(ctx context.Context, rep NPlusOneReport) {
	for _, fn := range d.cfg.report {
		fn(ctx, rep)
	}
}

// count adds r to its group; reached is set the one time the group
// reaches the threshold.
func (d *NPlusOneDetector) count(r QueryRecord) (rep NPlusOneReport, reached bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	key := nplusKey{db: r.Database, caller: r.Caller, shape: r.SQL}
	if r.Lazy != nil {
		key.shape = "lazy " + r.Lazy.String()
	}
	g := d.groups[key]
	if g == nil {
		if len(d.groups) >= maxGroups {
			return NPlusOneReport{}, false // a long-lived unit stops learning new statements
		}
		g = &nplusGroup{report: NPlusOneReport{SQL: r.SQL, Caller: r.Caller, Database: r.Database, Lazy: r.Lazy},
			args: map[string]struct{}{}}
		d.groups[key] = g
	}
	g.report.Count++
	if len(g.report.Args) < 3 {
		g.report.Args = append(g.report.Args, r.Args)
	}
	if len(g.args) < maxDistinct {
		g.args[fmt.Sprintf("%#v", r.Args)] = struct{}{}
		g.report.Distinct = len(g.args)
	}
	return d.reach(g)
}

// reach records g as reported when its count is the threshold.
func (d *NPlusOneDetector) reach(g *nplusGroup) (NPlusOneReport, bool) {
	if g.report.Count != d.cfg.threshold {
		return g.report, false
	}
	d.reported = append(d.reported, g)
	return g.report, true
}

// admit refuses, under RaiseNPlusOne, the lazy load that would reach the
// threshold (and every later one from the same call site).
func (d *NPlusOneDetector) admit(ctx context.Context, db string, t *lazyTag) error {
	if !d.cfg.raise {
		return nil
	}
	d.mu.Lock()
	g := d.groups[nplusKey{db: db, caller: t.caller, shape: "lazy " + t.load.String()}]
	if g == nil || g.report.Count+1 < d.cfg.threshold {
		d.mu.Unlock()
		return nil
	}
	g.report.Count++
	rep, reached := d.reach(g)
	d.mu.Unlock()
	if reached {
		d.notify(ctx, rep)
	}
	return &NPlusOneError{Reports: []NPlusOneReport{rep}, blocked: true}
}

// reads reports whether a statement is a query (SELECT, or WITH ...
// SELECT): repeated writes are a different matter (BulkCreate, BulkUpdate).
func reads(sql string) bool {
	s := strings.TrimLeft(sql, " \t\r\n(")
	return len(s) >= 6 && (strings.EqualFold(s[:6], "SELECT") || strings.EqualFold(s[:4], "WITH") && s[4] <= ' ')
}

// WithNPlusOneDetection turns N+1 detection on for every unit of work on
// the database: a DetectNPlusOne context is one (its own options apply),
// and so is the lifetime of any other cancellable context (an HTTP
// request's, a test's t.Context(), an Atomic block's outer context).
// Statements run with a context that is never cancelled
// (context.Background()) belong to no unit and are not counted; neither
// are those whose context is a fresh context.WithTimeout per statement.
// Reports go to the OnNPlusOne and LogNPlusOne callbacks of opts.
func WithNPlusOneDetection(opts ...NPlusOneOption) Option {
	return func(db *DB) {
		n := &nplusDB{cfg: newNPlusConfig(opts), units: map[<-chan struct{}]*NPlusOneDetector{}}
		db.nplus = n
		db.hooks = append(db.hooks, n.hook)
	}
}

// nplusDB is the per-database detection of WithNPlusOneDetection: a
// detector per live context, forgotten when the context ends.
type nplusDB struct {
	cfg    nplusConfig
	caller callerMemo
	mu     sync.Mutex
	units  map[<-chan struct{}]*NPlusOneDetector
}

func (n *nplusDB) hook(ctx context.Context, r QueryRecord) {
	if o := observersOf(ctx); o != nil && o.detector != nil {
		return // the DetectNPlusOne scope counted it
	}
	if r.Err != nil || !reads(r.SQL) {
		return
	}
	d := n.unit(ctx)
	if d == nil {
		return
	}
	if r.Caller == "" {
		r.Caller = callerOutside(&n.caller)
	}
	d.observe(ctx, r)
}

// unit returns the detector of ctx's lifetime, or nil for a context that
// is never cancelled.
func (n *nplusDB) unit(ctx context.Context) *NPlusOneDetector {
	done := ctx.Done()
	if done == nil || ctx.Err() != nil {
		return nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if d := n.units[done]; d != nil {
		return d
	}
	d := newDetector(n.cfg)
	n.units[done] = d
	context.AfterFunc(ctx, func() {
		n.mu.Lock()
		delete(n.units, done)
		n.mu.Unlock()
	})
	return d
}

// detectorFor returns the detector counting ctx's statements on db.
func (db *DB) detectorFor(ctx context.Context) *NPlusOneDetector {
	if o := observersOf(ctx); o != nil && o.detector != nil {
		return o.detector
	}
	if db.nplus != nil {
		return db.nplus.unit(ctx)
	}
	return nil
}

// lazyTag marks the context of a lazy load's statement.
type lazyTag struct {
	load   LazyLoad
	caller string
}

// lazyFK prepares the lazy load of the ForeignKey at fk (held by the
// instance whose state is owner) when statements on ctx are observed:
// the returned context names the relation in the statement's record, and
// RaiseNPlusOne may refuse the load. Unobserved, it costs one context
// lookup.
func (db *DB) lazyFK(ctx context.Context, owner *Model, fk unsafe.Pointer, target *registry.Model) (context.Context, error) {
	if !db.observed(ctx) || owner == nil {
		return ctx, nil
	}
	from, f := relationAt(owner, fk, target)
	if f == nil {
		return ctx, nil
	}
	return db.lazy(ctx, LazyLoad{Model: from.TypeName, Relation: f.Name})
}

// lazyManager is lazyFK for a related manager called name on an owner of
// model m; many is unset for a reverse one-to-one (joined by SelectRelated).
func (db *DB) lazyManager(ctx context.Context, m *registry.Model, name string, many bool) (context.Context, error) {
	if !db.observed(ctx) {
		return ctx, nil
	}
	return db.lazy(ctx, LazyLoad{Model: m.TypeName, Relation: name, Many: many})
}

func (db *DB) lazy(ctx context.Context, load LazyLoad) (context.Context, error) {
	t := &lazyTag{load: load, caller: CallerOutside()}
	if d := db.detectorFor(ctx); d != nil {
		if err := d.admit(ctx, db.alias, t); err != nil {
			return ctx, err
		}
	}
	return withObservers(ctx, func(o *ctxObservers) { o.lazy = t }), nil
}

// relationAt finds the forward relation field at address fk of an
// instance whose state is owner, among the relations pointing at target.
func relationAt(owner *Model, fk unsafe.Pointer, target *registry.Model) (*registry.Model, *registry.Field) {
	for _, r := range target.Reverse() {
		if r.Field == nil || r.Kind == registry.ManyToMany || r.From == nil {
			continue
		}
		start := uintptr(unsafe.Pointer(owner)) - r.From.StateOffset
		if uintptr(fk)-start == r.Field.Offset {
			return r.From, r.Field
		}
	}
	return nil, nil
}
