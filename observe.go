package orm

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// QueryRecord describes one statement djorm ran.
type QueryRecord struct {
	SQL      string
	Args     []any
	Duration time.Duration
	Rows     int64 // rows returned (queries) or affected (writes); 0 for SAVEPOINT statements; -1 if unknown
	Err      error
	Database string // the alias of the database it ran on
	// Caller is the file:line of the code outside djorm that ran the
	// statement. Finding it walks the stack, so it is filled only when
	// something asks for it: a CaptureQueries or DetectNPlusOne context,
	// or a hook calling CallerOutside. Otherwise it is "".
	Caller string
	// Lazy names the relation the statement loaded on first access (a
	// ForeignKey's Get, a related manager's All), when statements are
	// observed; nil for every other statement.
	Lazy *LazyLoad
}

// LazyLoad names a relation loaded on first access, the source of N+1
// queries.
type LazyLoad struct {
	Model    string // the Go type name of the model holding the relation ("Book")
	Relation string // the field or related-manager name ("author", "books")
	// Many is set for a related manager (a reverse foreign key or a
	// many-to-many relation), loaded ahead by PrefetchRelated; a forward
	// foreign key or a one-to-one is joined by SelectRelated instead.
	Many bool
}

// String is "Book.author".
func (l LazyLoad) String() string { return l.Model + "." + l.Relation }

// Fix is the QuerySet call that loads the relation ahead of the loop:
// SelectRelated("author") or PrefetchRelated("books"), on the query that
// returned the l.Model objects.
func (l LazyLoad) Fix() string {
	if l.Many {
		return "PrefetchRelated(" + strconv.Quote(l.Relation) + ")"
	}
	return "SelectRelated(" + strconv.Quote(l.Relation) + ")"
}

// Captured collects the statements run with a context from CaptureQueries.
type Captured struct {
	mu      sync.Mutex
	records []QueryRecord
}

// observeKey holds a context's *ctxObservers: one context lookup tells a
// statement everything it must report to, so a query whose context has
// none pays for a single lookup, as before there were several kinds.
type observeKey struct{}

// ctxObservers is what a context asks of the statements run with it. A
// context deriving another copies it and changes one field, so a parent's
// value is never mutated.
type ctxObservers struct {
	captures []*Captured       // every enclosing CaptureQueries, outermost first
	detector *NPlusOneDetector // the innermost DetectNPlusOne
	lazy     *lazyTag          // set around a lazy load's statement
}

func observersOf(ctx context.Context) *ctxObservers {
	o, _ := ctx.Value(observeKey{}).(*ctxObservers)
	return o
}

// withObservers returns ctx carrying a copy of its observers changed by edit.
func withObservers(ctx context.Context, edit func(o *ctxObservers)) context.Context {
	var o ctxObservers
	if parent := observersOf(ctx); parent != nil {
		o = *parent
	}
	edit(&o)
	return context.WithValue(ctx, observeKey{}, &o)
}

// CaptureQueries returns a context that records every statement run with
// it (or a context derived from it), like Django's assertNumQueries:
// BEGIN and COMMIT are not counted, SAVEPOINT statements are. Nested
// captures each see the statements of the inner one. Records carry their
// Caller.
func CaptureQueries(ctx context.Context) (context.Context, *Captured) {
	c := &Captured{}
	return withObservers(ctx, func(o *ctxObservers) {
		o.captures = append(o.captures[:len(o.captures):len(o.captures)], c)
	}), c
}

// Count returns the number of statements recorded so far.
func (c *Captured) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.records)
}

// Queries returns a copy of the records so far.
func (c *Captured) Queries() []QueryRecord {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]QueryRecord(nil), c.records...)
}

// Reset forgets the records so far.
func (c *Captured) Reset() {
	c.mu.Lock()
	c.records = nil
	c.mu.Unlock()
}

func (c *Captured) add(r QueryRecord) {
	c.mu.Lock()
	c.records = append(c.records, r)
	c.mu.Unlock()
}

func (db *DB) observe(ctx context.Context, r QueryRecord) {
	if o := observersOf(ctx); o != nil {
		if o.lazy != nil {
			r.Lazy, r.Caller = &o.lazy.load, o.lazy.caller
		}
		if r.Caller == "" && (len(o.captures) > 0 || o.detector != nil && reads(r.SQL)) {
			r.Caller = CallerOutside()
		}
		for _, c := range o.captures {
			c.add(r)
		}
		if o.detector != nil {
			o.detector.observe(ctx, r)
		}
	}
	for _, h := range db.hooks {
		h(ctx, r)
	}
}

func (db *DB) observed(ctx context.Context) bool {
	return len(db.hooks) > 0 || ctx.Value(observeKey{}) != nil
}

// clock reports whether statements on ctx are observed and, if so, when
// this one starts (reading the clock only for hooks and captures).
func (db *DB) clock(ctx context.Context) (observed bool, start time.Time) {
	if db.observed(ctx) {
		return true, time.Now()
	}
	return false, time.Time{}
}

// CallerOutside is for a Hook: it returns the file:line of the first
// function above the hook on the goroutine's stack that is not djorm's own
// code, the line of the program that ran the statement (a hook runs on the
// statement's goroutine, inside the call that ran it). Functions of
// djorm's _test.go files and examples count as the program's. A hook
// calls it to fill QueryRecord.Caller when that is "". It returns "" when
// every frame is djorm's.
func CallerOutside() string { return callerOutside(nil) }

// callerOutside is CallerOutside, reading each return address's answer
// from memo when there is one (nil: none). The function that called
// callerOutside's caller (the hook) is skipped: it is the one asking.
func callerOutside(memo *callerMemo) string {
	// Most statements leave djorm within 16 frames; the deeper look is for
	// the rest (prefetches, nested hooks).
	const skip = 4 // runtime.Callers, callerOutside, CallerOutside (or djorm's hook), the hook
	var pcs [16]uintptr
	n := runtime.Callers(skip, pcs[:])
	if c, found := memo.first(pcs[:n]); found || n < len(pcs) {
		return c
	}
	var deep [128]uintptr
	n = runtime.Callers(skip, deep[:])
	c, _ := memo.first(deep[:n])
	return c
}

// callerMemo remembers, per return address, the first frame outside
// djorm among the functions inlined there: a logger finds a statement's
// call site without resolving file and line anew each time. It holds at
// most maxCallerMemo addresses.
type callerMemo struct {
	m sync.Map // uintptr -> string ("" when every frame there is djorm's)
	n atomic.Int32
}

const maxCallerMemo = 4096

// first returns the file:line of the first frame of pcs outside djorm,
// and whether there was one.
func (c *callerMemo) first(pcs []uintptr) (string, bool) {
	if c == nil {
		return firstOutside(pcs)
	}
	for i := range pcs {
		if v, ok := c.m.Load(pcs[i]); ok {
			if s := v.(string); s != "" {
				return s, true
			}
			continue
		}
		s, found := firstOutside(pcs[i : i+1])
		if c.n.Load() < maxCallerMemo {
			c.n.Add(1)
			c.m.Store(pcs[i], s)
		}
		if found {
			return s, true
		}
	}
	return "", false
}

// firstOutside returns the file:line of the first frame of pcs outside
// djorm, and whether there was one.
func firstOutside(pcs []uintptr) (string, bool) {
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		if f.PC != 0 && !internalFrame(f.Function, f.File) {
			return f.File + ":" + strconv.Itoa(f.Line), true
		}
		if !more {
			return "", false
		}
	}
}

// djormPath is the module path; its subpackages are djorm's code too.
const djormPath = "github.com/djorm/orm"

// internalFrame reports whether a stack frame is djorm's (the module and
// its subpackages, not its tests and examples) or the runtime's (range
// functions and goroutine starts sit between a caller and djorm).
func internalFrame(function, file string) bool {
	if strings.HasPrefix(function, "runtime.") || strings.HasPrefix(function, "iter.") {
		return true
	}
	rest, ok := strings.CutPrefix(function, djormPath)
	if !ok || rest == "" || rest[0] != '.' && rest[0] != '/' {
		return false // another module, or one whose path merely starts alike (orm_test)
	}
	if strings.HasSuffix(file, "_test.go") || strings.HasPrefix(rest, "/examples/") {
		return false
	}
	return true
}
