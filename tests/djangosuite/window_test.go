package djangosuite

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/expressions_window/tests.py, WindowFunctionTests
// (Django 4.2 and later, with the filtering on window functions).

// winRun runs fn on every live backend with WindowFunctionTests' data.
func winRun(t *testing.T, fn func(t *testing.T, db *orm.DB, ctx context.Context)) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadWindow(t, db)
		fn(t, db, context.Background())
	})
}

func winEmp(db *orm.DB) *orm.QuerySet[*WinEmployee] { return orm.Objects[WinEmployee](db) }

var winDenseRank = winWant(
	"Jones|45000|Accounting|2005-11-01|1",
	"Miller|100000|Management|2005-06-01|1",
	"Johnson|80000|Management|2005-07-01|1",
	"Smith|55000|Sales|2007-06-01|2",
	"Jenson|45000|Accounting|2008-04-01|3",
	"Smith|38000|Marketing|2009-10-01|4",
	"Brown|53000|Sales|2009-09-01|4",
	"Williams|37000|Accounting|2009-06-01|4",
	"Wilkinson|60000|IT|2011-03-01|5",
	"Johnson|40000|Marketing|2012-03-01|6",
	"Moore|34000|IT|2013-08-01|7",
	"Adams|50000|Accounting|2013-07-01|7",
)

func TestWindow_WindowFunctionTests_test_dense_rank(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		for name, order := range map[string]any{
			"ExtractYear(F(hire_date)).asc()": functions.ExtractYear(orm.F("hire_date")).Asc(),
			"F(hire_date__year).asc()":        orm.F("hire_date__year").Asc(),
			"hire_date__year":                 "hire_date__year",
		} {
			got := winLines(winEmp(db).Annotate(orm.As("rank", orm.Window(functions.DenseRank(), orm.OrderBy(order)))).
				ValuesList("name", "salary", "department", "hire_date", "rank").All(ctx))
			winCheck(t, name, winSorted(got), winSorted(winDenseRank))
		}
	})
}

func TestWindow_WindowFunctionTests_test_department_salary(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("department_sum", orm.Window(orm.Sum("salary"),
			orm.PartitionBy(orm.F("department")), orm.OrderBy(orm.F("hire_date").Asc())))).
			OrderBy("department", "department_sum").ValuesList("name", "department", "salary", "department_sum").All(ctx))
		winCheck(t, "department_sum", got, winWant(
			"Jones|Accounting|45000|45000",
			"Jenson|Accounting|45000|90000",
			"Williams|Accounting|37000|127000",
			"Adams|Accounting|50000|177000",
			"Wilkinson|IT|60000|60000",
			"Moore|IT|34000|94000",
			"Miller|Management|100000|100000",
			"Johnson|Management|80000|180000",
			"Smith|Marketing|38000|38000",
			"Johnson|Marketing|40000|78000",
			"Smith|Sales|55000|55000",
			"Brown|Sales|53000|108000",
		))
	})
}

func TestWindow_WindowFunctionTests_test_rank(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("rank", orm.Window(functions.Rank(), orm.OrderBy(orm.F("hire_date__year").Asc())))).
			ValuesList("name", "salary", "department", "hire_date", "rank").All(ctx))
		winCheck(t, "rank", winSorted(got), winSorted(winWant(
			"Jones|45000|Accounting|2005-11-01|1",
			"Miller|100000|Management|2005-06-01|1",
			"Johnson|80000|Management|2005-07-01|1",
			"Smith|55000|Sales|2007-06-01|4",
			"Jenson|45000|Accounting|2008-04-01|5",
			"Smith|38000|Marketing|2009-10-01|6",
			"Brown|53000|Sales|2009-09-01|6",
			"Williams|37000|Accounting|2009-06-01|6",
			"Wilkinson|60000|IT|2011-03-01|9",
			"Johnson|40000|Marketing|2012-03-01|10",
			"Moore|34000|IT|2013-08-01|11",
			"Adams|50000|Accounting|2013-07-01|11",
		)))
	})
}

var winByPK = winWant(
	"Jones|Accounting|1",
	"Williams|Accounting|2",
	"Jenson|Accounting|3",
	"Adams|Accounting|4",
	"Smith|Sales|5",
	"Brown|Sales|6",
	"Johnson|Marketing|7",
	"Smith|Marketing|8",
	"Wilkinson|IT|9",
	"Moore|IT|10",
	"Miller|Management|11",
	"Johnson|Management|12",
)

func TestWindow_WindowFunctionTests_test_row_number(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("row_number", orm.Window(functions.RowNumber(), orm.OrderBy(orm.F("pk").Asc())))).
			OrderBy("pk").ValuesList("name", "department", "row_number").All(ctx))
		winCheck(t, "row_number", got, winByPK)
	})
}

func TestWindow_WindowFunctionTests_test_row_number_no_ordering(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("row_number", orm.Window(functions.RowNumber()))).
			OrderBy("pk").ValuesList("name", "department", "row_number").All(ctx))
		winCheck(t, "row_number", got, winByPK)
	})
}

func TestWindow_WindowFunctionTests_test_avg_salary_department(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("avg_salary", orm.Window(orm.Avg("salary"),
			orm.OrderBy(orm.F("department").Asc()), orm.PartitionBy("department")))).
			OrderBy("department", "-salary", "name").ValuesList("name", "salary", "department", "avg_salary").All(ctx))
		winCheck(t, "avg_salary", got, winWant(
			"Adams|50000|Accounting|44250",
			"Jenson|45000|Accounting|44250",
			"Jones|45000|Accounting|44250",
			"Williams|37000|Accounting|44250",
			"Wilkinson|60000|IT|47000",
			"Moore|34000|IT|47000",
			"Miller|100000|Management|90000",
			"Johnson|80000|Management|90000",
			"Johnson|40000|Marketing|39000",
			"Smith|38000|Marketing|39000",
			"Smith|55000|Sales|54000",
			"Brown|53000|Sales|54000",
		))
	})
}

func TestWindow_WindowFunctionTests_test_lag(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("lag", orm.Window(functions.Lag("salary", 1, nil),
			orm.PartitionBy(orm.F("department")), orm.OrderBy(orm.F("salary").Asc(), orm.F("name").Asc())))).
			OrderBy("department", orm.F("salary").Asc(), orm.F("name").Asc()).
			ValuesList("name", "salary", "department", "lag").All(ctx))
		winCheck(t, "lag", got, winWant(
			"Williams|37000|Accounting|None",
			"Jenson|45000|Accounting|37000",
			"Jones|45000|Accounting|45000",
			"Adams|50000|Accounting|45000",
			"Moore|34000|IT|None",
			"Wilkinson|60000|IT|34000",
			"Johnson|80000|Management|None",
			"Miller|100000|Management|80000",
			"Smith|38000|Marketing|None",
			"Johnson|40000|Marketing|38000",
			"Brown|53000|Sales|None",
			"Smith|55000|Sales|53000",
		))
	})
}

func TestWindow_WindowFunctionTests_test_lag_decimalfield(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("lag", orm.Window(functions.Lag("bonus", 1, nil),
			orm.PartitionBy(orm.F("department")), orm.OrderBy(orm.F("bonus").Asc(), orm.F("name").Asc())))).
			OrderBy("department", orm.F("bonus").Asc(), orm.F("name").Asc()).
			ValuesList("name", "bonus", "department", "lag").All(ctx))
		winCheck(t, "lag", got, winWant(
			"Williams|92.5|Accounting|None",
			"Jenson|112.5|Accounting|92.5",
			"Jones|112.5|Accounting|112.5",
			"Adams|125|Accounting|112.5",
			"Moore|85|IT|None",
			"Wilkinson|150|IT|85",
			"Johnson|200|Management|None",
			"Miller|250|Management|200",
			"Smith|95|Marketing|None",
			"Johnson|100|Marketing|95",
			"Brown|132.5|Sales|None",
			"Smith|137.5|Sales|132.5",
		))
	})
}

func TestWindow_WindowFunctionTests_test_order_by_decimalfield(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("rank", orm.Window(functions.Rank(), orm.OrderBy("bonus")))).
			OrderBy("-bonus", "id").ValuesList("name", "bonus", "rank").All(ctx))
		winCheck(t, "rank", got, winWant(
			"Miller|250|12",
			"Johnson|200|11",
			"Wilkinson|150|10",
			"Smith|137.5|9",
			"Brown|132.5|8",
			"Adams|125|7",
			"Jones|112.5|5",
			"Jenson|112.5|5",
			"Johnson|100|4",
			"Smith|95|3",
			"Williams|92.5|2",
			"Moore|85|1",
		))
	})
}

func TestWindow_WindowFunctionTests_test_first_value(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("first_value", orm.Window(functions.FirstValue("salary"),
			orm.PartitionBy(orm.F("department")), orm.OrderBy(orm.F("hire_date").Asc())))).
			OrderBy("department", "hire_date").ValuesList("name", "salary", "department", "hire_date", "first_value").All(ctx))
		winCheck(t, "first_value", got, winWant(
			"Jones|45000|Accounting|2005-11-01|45000",
			"Jenson|45000|Accounting|2008-04-01|45000",
			"Williams|37000|Accounting|2009-06-01|45000",
			"Adams|50000|Accounting|2013-07-01|45000",
			"Wilkinson|60000|IT|2011-03-01|60000",
			"Moore|34000|IT|2013-08-01|60000",
			"Miller|100000|Management|2005-06-01|100000",
			"Johnson|80000|Management|2005-07-01|100000",
			"Smith|38000|Marketing|2009-10-01|38000",
			"Johnson|40000|Marketing|2012-03-01|38000",
			"Smith|55000|Sales|2007-06-01|55000",
			"Brown|53000|Sales|2009-09-01|55000",
		))
	})
}

func TestWindow_WindowFunctionTests_test_last_value(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("last_value", orm.Window(functions.LastValue("hire_date"),
			orm.PartitionBy(orm.F("department")), orm.OrderBy(orm.F("hire_date").Asc())))).
			ValuesList("name", "department", "hire_date", "salary", "last_value").All(ctx))
		winCheck(t, "last_value", winSorted(got), winSorted(winWant(
			"Adams|Accounting|2013-07-01|50000|2013-07-01",
			"Jenson|Accounting|2008-04-01|45000|2008-04-01",
			"Jones|Accounting|2005-11-01|45000|2005-11-01",
			"Williams|Accounting|2009-06-01|37000|2009-06-01",
			"Moore|IT|2013-08-01|34000|2013-08-01",
			"Wilkinson|IT|2011-03-01|60000|2011-03-01",
			"Miller|Management|2005-06-01|100000|2005-06-01",
			"Johnson|Management|2005-07-01|80000|2005-07-01",
			"Johnson|Marketing|2012-03-01|40000|2012-03-01",
			"Smith|Marketing|2009-10-01|38000|2009-10-01",
			"Brown|Sales|2009-09-01|53000|2009-09-01",
			"Smith|Sales|2007-06-01|55000|2007-06-01",
		)))
	})
}

var winLead = winWant(
	"Jones|45000|Accounting|2005-11-01|45000",
	"Jenson|45000|Accounting|2008-04-01|37000",
	"Williams|37000|Accounting|2009-06-01|50000",
	"Adams|50000|Accounting|2013-07-01|None",
	"Wilkinson|60000|IT|2011-03-01|34000",
	"Moore|34000|IT|2013-08-01|None",
	"Miller|100000|Management|2005-06-01|80000",
	"Johnson|80000|Management|2005-07-01|None",
	"Smith|38000|Marketing|2009-10-01|40000",
	"Johnson|40000|Marketing|2012-03-01|None",
	"Smith|55000|Sales|2007-06-01|53000",
	"Brown|53000|Sales|2009-09-01|None",
)

func TestWindow_WindowFunctionTests_test_function_list_of_values(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		cctx, c := orm.CaptureQueries(ctx)
		got := winLines(winEmp(db).Annotate(orm.As("lead", orm.Window(functions.Lead("salary", 1, nil),
			orm.OrderBy(orm.F("hire_date").Asc(), orm.F("name").Desc()), orm.PartitionBy("department")))).
			ValuesList("name", "salary", "department", "hire_date", "lead").
			OrderBy("department", orm.F("hire_date").Asc(), orm.F("name").Desc()).All(cctx))
		winCheck(t, "lead", got, winLead)
		for _, q := range c.Queries() {
			if countWord(q.SQL, "GROUP BY") > 0 {
				t.Errorf("GROUP BY in %s", q.SQL)
			}
		}
	})
}

func TestWindow_WindowFunctionTests_test_min_department(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("min_salary", orm.Window(orm.Min("salary"),
			orm.PartitionBy(orm.F("department")), orm.OrderBy(orm.F("salary").Asc(), orm.F("name").Asc())))).
			OrderBy("department", "salary", "name").ValuesList("name", "department", "salary", "min_salary").All(ctx))
		winCheck(t, "min_salary", got, winWant(
			"Williams|Accounting|37000|37000",
			"Jenson|Accounting|45000|37000",
			"Jones|Accounting|45000|37000",
			"Adams|Accounting|50000|37000",
			"Moore|IT|34000|34000",
			"Wilkinson|IT|60000|34000",
			"Johnson|Management|80000|80000",
			"Miller|Management|100000|80000",
			"Smith|Marketing|38000|38000",
			"Johnson|Marketing|40000|38000",
			"Brown|Sales|53000|53000",
			"Smith|Sales|55000|53000",
		))
	})
}

func TestWindow_WindowFunctionTests_test_max_per_year(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("max_salary_year", orm.Window(orm.Max("salary"),
			orm.OrderBy(functions.ExtractYear("hire_date").Asc()), orm.PartitionBy(functions.ExtractYear("hire_date"))))).
			OrderBy(functions.ExtractYear("hire_date"), "salary").
			ValuesList("name", "department", "salary", "hire_date__year", "max_salary_year").All(ctx))
		winCheck(t, "max_salary_year", got, winWant(
			"Jones|Accounting|45000|2005|100000",
			"Johnson|Management|80000|2005|100000",
			"Miller|Management|100000|2005|100000",
			"Smith|Sales|55000|2007|55000",
			"Jenson|Accounting|45000|2008|45000",
			"Williams|Accounting|37000|2009|53000",
			"Smith|Marketing|38000|2009|53000",
			"Brown|Sales|53000|2009|53000",
			"Wilkinson|IT|60000|2011|60000",
			"Johnson|Marketing|40000|2012|40000",
			"Moore|IT|34000|2013|50000",
			"Adams|Accounting|50000|2013|50000",
		))
	})
}

func TestWindow_WindowFunctionTests_test_cume_dist(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("cume_dist", orm.Window(functions.CumeDist(), orm.OrderBy(orm.F("salary").Asc())))).
			OrderBy("salary", "name").ValuesList("name", "department", "salary", "cume_dist").All(ctx))
		winCheck(t, "cume_dist", got, winWant(
			"Moore|IT|34000|0.0833333333",
			"Williams|Accounting|37000|0.1666666667",
			"Smith|Marketing|38000|0.25",
			"Johnson|Marketing|40000|0.3333333333",
			"Jenson|Accounting|45000|0.5",
			"Jones|Accounting|45000|0.5",
			"Adams|Accounting|50000|0.5833333333",
			"Brown|Sales|53000|0.6666666667",
			"Smith|Sales|55000|0.75",
			"Wilkinson|IT|60000|0.8333333333",
			"Johnson|Management|80000|0.9166666667",
			"Miller|Management|100000|1",
		))
	})
}

func TestWindow_WindowFunctionTests_test_nthvalue(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("nth_value", orm.Window(functions.NthValue("salary", 2),
			orm.OrderBy(orm.F("hire_date").Asc(), orm.F("name").Desc()), orm.PartitionBy(orm.F("department"))))).
			OrderBy("department", "hire_date", "name").ValuesList("name", "department", "hire_date", "salary", "nth_value").All(ctx))
		winCheck(t, "nth_value", got, winWant(
			"Jones|Accounting|2005-11-01|45000|None",
			"Jenson|Accounting|2008-04-01|45000|45000",
			"Williams|Accounting|2009-06-01|37000|45000",
			"Adams|Accounting|2013-07-01|50000|45000",
			"Wilkinson|IT|2011-03-01|60000|None",
			"Moore|IT|2013-08-01|34000|34000",
			"Miller|Management|2005-06-01|100000|None",
			"Johnson|Management|2005-07-01|80000|80000",
			"Smith|Marketing|2009-10-01|38000|None",
			"Johnson|Marketing|2012-03-01|40000|40000",
			"Smith|Sales|2007-06-01|55000|None",
			"Brown|Sales|2009-09-01|53000|53000",
		))
	})
}

func TestWindow_WindowFunctionTests_test_lead(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("lead", orm.Window(functions.Lead("salary", 1, nil),
			orm.OrderBy(orm.F("hire_date").Asc(), orm.F("name").Desc()), orm.PartitionBy("department")))).
			OrderBy("department", orm.F("hire_date").Asc(), orm.F("name").Desc()).
			ValuesList("name", "salary", "department", "hire_date", "lead").All(ctx))
		winCheck(t, "lead", got, winLead)
	})
}

func TestWindow_WindowFunctionTests_test_lead_offset(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("lead", orm.Window(functions.Lead("salary", 2, nil),
			orm.PartitionBy("department"), orm.OrderBy(orm.F("hire_date").Asc())))).
			ValuesList("name", "salary", "department", "hire_date", "lead").All(ctx))
		winCheck(t, "lead", winSorted(got), winSorted(winWant(
			"Jones|45000|Accounting|2005-11-01|37000",
			"Jenson|45000|Accounting|2008-04-01|50000",
			"Williams|37000|Accounting|2009-06-01|None",
			"Adams|50000|Accounting|2013-07-01|None",
			"Wilkinson|60000|IT|2011-03-01|None",
			"Moore|34000|IT|2013-08-01|None",
			"Johnson|80000|Management|2005-07-01|None",
			"Miller|100000|Management|2005-06-01|None",
			"Smith|38000|Marketing|2009-10-01|None",
			"Johnson|40000|Marketing|2012-03-01|None",
			"Smith|55000|Sales|2007-06-01|None",
			"Brown|53000|Sales|2009-09-01|None",
		)))
	})
}

// Django skips it where supports_default_in_lead_lag is false (MariaDB);
// djorm refuses it there with a NotSupportedError (window_test.go at the
// root checks that).
func TestWindow_WindowFunctionTests_test_lead_default(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		if db.Dialect().Name() == "mariadb" || db.Dialect().Name() == "mysql" {
			t.Skip("Django skips it: supports_default_in_lead_lag is false on MariaDB")
		}
		got := winFlat(winEmp(db).Annotate(orm.As("lead_default", orm.Window(functions.Lead("salary", 5, 60000),
			orm.PartitionBy(orm.F("department")), orm.OrderBy(orm.F("department").Asc())))).
			ValuesList("lead_default").Flat().Distinct().All(ctx))
		winCheck(t, "lead_default", got, winWant("60000"))
	})
}

func TestWindow_WindowFunctionTests_test_ntile(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("ntile", orm.Window(functions.NTile(4), orm.OrderBy("-salary")))).
			OrderBy("ntile", "-salary", "name").ValuesList("name", "department", "salary", "ntile").All(ctx))
		winCheck(t, "ntile", got, winWant(
			"Miller|Management|100000|1",
			"Johnson|Management|80000|1",
			"Wilkinson|IT|60000|1",
			"Smith|Sales|55000|2",
			"Brown|Sales|53000|2",
			"Adams|Accounting|50000|2",
			"Jenson|Accounting|45000|3",
			"Jones|Accounting|45000|3",
			"Johnson|Marketing|40000|3",
			"Smith|Marketing|38000|4",
			"Williams|Accounting|37000|4",
			"Moore|IT|34000|4",
		))
	})
}

func TestWindow_WindowFunctionTests_test_percent_rank(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("percent_rank", orm.Window(functions.PercentRank(),
			orm.OrderBy(orm.F("salary").Asc(), orm.F("name").Asc())))).
			OrderBy("percent_rank").ValuesList("name", "department", "salary", "percent_rank").All(ctx))
		winCheck(t, "percent_rank", got, winWant(
			"Moore|IT|34000|0",
			"Williams|Accounting|37000|0.0909090909",
			"Smith|Marketing|38000|0.1818181818",
			"Johnson|Marketing|40000|0.2727272727",
			"Jenson|Accounting|45000|0.3636363636",
			"Jones|Accounting|45000|0.4545454545",
			"Adams|Accounting|50000|0.5454545455",
			"Brown|Sales|53000|0.6363636364",
			"Smith|Sales|55000|0.7272727273",
			"Wilkinson|IT|60000|0.8181818182",
			"Johnson|Management|80000|0.9090909091",
			"Miller|Management|100000|1",
		))
	})
}

func TestWindow_WindowFunctionTests_test_nth_returns_null(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winFlat(winEmp(db).Annotate(orm.As("nth_value", orm.Window(functions.NthValue("salary", 20),
			orm.OrderBy(orm.F("salary").Asc())))).ValuesList("nth_value").Flat().Distinct().All(ctx))
		winCheck(t, "nth_value", got, winWant("None"))
	})
}

func TestWindow_WindowFunctionTests_test_multiple_ordering(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		got := winLines(winEmp(db).Annotate(orm.As("sum", orm.Window(orm.Sum("salary"),
			orm.PartitionBy("department"), orm.OrderBy(orm.F("hire_date").Asc(), orm.F("name").Asc())))).
			OrderBy("department", "sum").ValuesList("name", "salary", "department", "hire_date", "sum").All(ctx))
		winCheck(t, "sum", got, winWant(
			"Jones|45000|Accounting|2005-11-01|45000",
			"Jenson|45000|Accounting|2008-04-01|90000",
			"Williams|37000|Accounting|2009-06-01|127000",
			"Adams|50000|Accounting|2013-07-01|177000",
			"Wilkinson|60000|IT|2011-03-01|60000",
			"Moore|34000|IT|2013-08-01|94000",
			"Miller|100000|Management|2005-06-01|100000",
			"Johnson|80000|Management|2005-07-01|180000",
			"Smith|38000|Marketing|2009-10-01|38000",
			"Johnson|40000|Marketing|2012-03-01|78000",
			"Smith|55000|Sales|2007-06-01|55000",
			"Brown|53000|Sales|2009-09-01|108000",
		))
	})
}

func TestWindow_WindowFunctionTests_test_related_ordering_with_count(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
		n, err := winEmp(db).Annotate(orm.As("department_sum", orm.Window(orm.Sum("salary"),
			orm.PartitionBy(orm.F("department")), orm.OrderBy("classification__code")))).Count(ctx)
		if err != nil || n != 12 {
			t.Errorf("count = %d, %v; want 12", n, err)
		}
	})
}

// A window beside an aggregate: the window is not a grouping term.
func TestWindow_WindowFunctionTests_test_multiple_partitioning(t *testing.T) {
	winRun(t, func(t *testing.T, db *orm.DB, ctx context.Context) {
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
