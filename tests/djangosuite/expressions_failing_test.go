//go:build djangosuite_failing

package djangosuite

import (
	"context"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/expressions/tests.py where djorm answers
// differently from Django 3.2 (checked with Django 3.2.25 on SQLite and
// PostgreSQL). Each test logs the SQL djorm sent.

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

var _ = fmt.Sprint
var _ = testkit.Run

// Fails on SQLite only ([] instead of the row). Django 3.2.25 on SQLite
// answers [] too (its SQL: ... WHERE the_integer = 0 AND 1 = 1 AND 1 = 1);
// the test comes from a later Django, which answers the row.
func TestExpressions_ExpressionsNumericTests_test_filter_decimal_expression(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		one := decimal.RequireFromString("1")
		obj := &ExprNumber{Integer: 0, Float: exprFloat(1), DecimalValue: &one}
		exprMust(t, db.Create(context.Background(), obj))
		qs := orm.Objects[ExprNumber](db).Annotate(orm.As("x", orm.ExpressionWrapper(orm.Value(1), "DecimalField"))).
			Filter(orm.And(orm.Q{"x": 1, "integer": 0}, orm.Q{"x": decimal.RequireFromString("1")}))
		rows, err := qs.ValuesList("pk").Flat().All(context.Background())
		if got, want := fmt.Sprint(rows), fmt.Sprint([]any{obj.ID}); err != nil || got != want {
			t.Errorf("got %s, %v; want %s", got, err, want)
		}
	})
}
