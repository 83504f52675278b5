//go:build djangosuite_failing

package djangosuite

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/lookup/tests.py where djorm answers differently
// from Django 3.2.

// Fails on SQLite: djorm's REGEXP function is Go's regexp (RE2), which has
// no backreferences ("invalid escape sequence: \1"); Django's SQLite REGEXP
// is Python's re, and its SQLite backend has supports_regex_backreferencing.
func TestLookup_LookupTests_test_regex_backreferencing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		regexArticles(t, db, "foobar", "foobaz", "ooF", "foobarbaz", "zoocarfaz", "barfoobaz", "bazbaRFOO")
		_, dump := exprCapture(t)
		defer dump()
		if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"headline__regex": `b(.).*b\1`}).OrderBy("headline")); got != "[barfoobaz bazbaRFOO foobarbaz]" {
			t.Errorf("got %s", got)
		}
	})
}

var _ = context.Background

// exprCapture returns a context capturing statements and a function logging
// them, for the report of a failing case.
func exprCapture(t *testing.T) (context.Context, func()) {
	ctx, c := orm.CaptureQueries(context.Background())
	return ctx, func() {
		t.Helper()
		if t.Failed() {
			for _, q := range c.Queries() {
				t.Logf("SQL: %s %v", q.SQL, q.Args)
			}
		}
	}
}
