// Package ormtest holds test helpers for code that uses djorm: Django's
// assertNumQueries (AssertNumQueries, AssertMaxQueries, CaptureQueries,
// whose failures list each statement with its arguments and the line that
// ran it), its TestCase (Tx: the test runs inside a transaction rolled
// back at its end) and TransactionTestCase (Truncate: the rows of given
// models are deleted at its end), and NoNPlusOne, which fails a test that
// runs the same query in a loop.
//
// The helpers take the context the code under test runs with, so they
// compose: a count taken inside Tx counts the statements of the test's
// transaction.
//
//	func TestBookList(t *testing.T) {
//		t.Parallel()
//		ctx := ormtest.Tx(t, db)
//		// ... create rows with ctx: no other test sees them, and they are gone at the end
//		ormtest.AssertNumQueries(t, ctx, 1, func(ctx context.Context) {
//			books, _ := orm.Objects[Book](db).SelectRelated("author").All(ctx)
//			for _, b := range books {
//				_, _ = b.Author.Get(ctx)
//			}
//		})
//	}
package ormtest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
)

// Queries records the statements run with a context from CaptureQueries.
type Queries struct {
	t testing.TB
	c *orm.Captured
}

// CaptureQueries returns a context recording every statement run with it
// (BEGIN and COMMIT are not counted, SAVEPOINT statements are, as in
// Django), and the record. If the test fails, the statements recorded are
// logged at its end.
func CaptureQueries(t testing.TB, ctx context.Context) (context.Context, *Queries) {
	t.Helper()
	ctx, c := orm.CaptureQueries(ctx)
	q := &Queries{t: t, c: c}
	t.Cleanup(func() {
		if t.Failed() && c.Count() > 0 {
			t.Logf("ormtest: the statements captured:\n%s", q)
		}
	})
	return ctx, q
}

// Count returns how many statements ran so far.
func (q *Queries) Count() int { return q.c.Count() }

// Records returns the statements so far.
func (q *Queries) Records() []orm.QueryRecord { return q.c.Queries() }

// Reset forgets the statements so far.
func (q *Queries) Reset() { q.c.Reset() }

// AssertCount fails the test unless exactly n statements ran, listing
// them; it reports whether the count was right.
func (q *Queries) AssertCount(n int) bool {
	q.t.Helper()
	if got := q.c.Queries(); len(got) != n {
		q.t.Errorf("ormtest: %d statements ran, want %d:\n%s", len(got), n, Format(got))
		return false
	}
	return true
}

// AssertMax fails the test if more than n statements ran, listing them;
// it reports whether the count was within n.
func (q *Queries) AssertMax(n int) bool {
	q.t.Helper()
	if got := q.c.Queries(); len(got) > n {
		q.t.Errorf("ormtest: %d statements ran, want at most %d:\n%s", len(got), n, Format(got))
		return false
	}
	return true
}

// String lists the statements so far, as Format does.
func (q *Queries) String() string { return Format(q.c.Queries()) }

// AssertNumQueries runs fn with a context derived from ctx and fails the
// test unless fn ran exactly n statements, listing those it ran.
func AssertNumQueries(t testing.TB, ctx context.Context, n int, fn func(ctx context.Context)) bool {
	t.Helper()
	cctx, c := orm.CaptureQueries(ctx)
	fn(cctx)
	q := &Queries{t: t, c: c}
	return q.AssertCount(n)
}

// AssertMaxQueries runs fn with a context derived from ctx and fails the
// test if fn ran more than n statements, listing those it ran.
func AssertMaxQueries(t testing.TB, ctx context.Context, n int, fn func(ctx context.Context)) bool {
	t.Helper()
	cctx, c := orm.CaptureQueries(ctx)
	fn(cctx)
	q := &Queries{t: t, c: c}
	return q.AssertMax(n)
}

// Format lists statements one per entry: the number, the SQL, then the
// arguments, rows, duration, database, the line that ran it, the relation
// it lazily loaded, and the error.
func Format(records []orm.QueryRecord) string {
	var b strings.Builder
	for i, r := range records {
		fmt.Fprintf(&b, "%4d. %s\n      args %s · rows %d · %v · db %s", i+1, r.SQL, formatArgs(r.Args), r.Rows, r.Duration, r.Database)
		if r.Caller != "" {
			fmt.Fprintf(&b, " · at %s", r.Caller)
		}
		if r.Lazy != nil {
			fmt.Fprintf(&b, " · lazy load of %s (%s)", r.Lazy, r.Lazy.Fix())
		}
		if r.Err != nil {
			fmt.Fprintf(&b, "\n      error: %v", r.Err)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// formatArgs shows strings quoted and byte slices by their length.
func formatArgs(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			parts[i] = fmt.Sprintf("%q", v)
		case []byte:
			parts[i] = fmt.Sprintf("<%d bytes>", len(v))
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// NoNPlusOne returns a context, derived from ctx, in which running the
// same query repeatedly from one line (orm.DetectNPlusOne; 3 times unless
// an orm.NPlusOneThreshold option says otherwise) fails the test, with the
// relation and the fix when it is a lazy load.
func NoNPlusOne(t testing.TB, ctx context.Context, opts ...orm.NPlusOneOption) context.Context {
	t.Helper()
	fail := orm.OnNPlusOne(func(_ context.Context, r orm.NPlusOneReport) {
		t.Errorf("ormtest: N+1 queries: %s", r)
	})
	ctx, _ = orm.DetectNPlusOne(ctx, append(append([]orm.NPlusOneOption(nil), opts...), fail)...)
	return ctx
}
