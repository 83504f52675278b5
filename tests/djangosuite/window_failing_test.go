//go:build djangosuite_failing

package djangosuite

import (
	"context"
	"testing"

	"github.com/djorm/orm"
)

// Ports of Django's tests/expressions_window/tests.py where djorm answers
// differently from Django. Each test logs the SQL djorm sent.

// winCapture returns a context capturing statements and a function logging
// them when the test failed.
func winCapture(t *testing.T, ctx context.Context) (context.Context, func()) {
	ctx, c := orm.CaptureQueries(ctx)
	return ctx, func() {
		t.Helper()
		if t.Failed() {
			for _, q := range c.Queries() {
				t.Logf("SQL: %s %v", q.SQL, q.Args)
			}
		}
	}
}

// A Window beside an aggregate: djorm puts the window expression itself in
// GROUP BY (PostgreSQL: "window functions are not allowed in GROUP BY";
// SQLite: "misuse of window function MAX()"; MariaDB: error 4015). Django
// groups by the window's partition and order columns, never the window.
func TestWindow_WindowFunctionTests_test_multiple_partitioning(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		ctx, done := winCapture(t, ctx)
		defer done()
		got := winLines(winEmp(db).Annotate(
			orm.As("max", orm.Window(orm.Max("salary"), orm.PartitionBy(orm.F("department"), orm.F("hire_date__year")))),
			orm.As("past_department_count", orm.Count("past_departments")),
		).OrderBy("department", "hire_date", "name").
			ValuesList("name", "salary", "department", "hire_date", "max", "past_department_count").All(ctx))
		winCheck(t, "max", got, winWant(
			"Jones|45000|Accounting|2005-11-01|45000|0",
			"Jenson|45000|Accounting|2008-04-01|45000|0",
			"Williams|37000|Accounting|2009-06-01|37000|0",
			"Adams|50000|Accounting|2013-07-01|50000|0",
			"Wilkinson|60000|IT|2011-03-01|60000|0",
			"Moore|34000|IT|2013-08-01|34000|0",
			"Miller|100000|Management|2005-06-01|100000|1",
			"Johnson|80000|Management|2005-07-01|100000|0",
			"Smith|38000|Marketing|2009-10-01|38000|0",
			"Johnson|40000|Marketing|2012-03-01|40000|1",
			"Smith|55000|Sales|2007-06-01|55000|0",
			"Brown|53000|Sales|2009-09-01|53000|0",
		))
	})
}
