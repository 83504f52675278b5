package djangosuite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/expressions/tests.py: ValueTests, ExistsTests,
// FieldTransformTests, ExpressionsTests, NegatedExpressionTests,
// CombinedExpressionTests.

func TestExpressions_ValueTests_test_update_TimeField_using_Value(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		exprMust(t, db.Create(ctx, &ExprTime{}))
		_, err := orm.Objects[ExprTime](db).Update(ctx, orm.Set{"time": orm.Value(exprClock(1, 0, 0)).OutputField("TimeField")})
		exprMust(t, err)
		got, err := orm.Objects[ExprTime](db).Get(ctx)
		if err != nil || got.Time == nil || !got.Time.Equal(exprClock(1, 0, 0)) {
			t.Errorf("time = %v, %v; want 01:00", got, err)
		}
	})
}

func TestExpressions_ValueTests_test_output_field_decimalfield(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		exprMust(t, db.Create(ctx, &ExprTime{}))
		row, err := orm.Objects[ExprTime](db).Annotate(orm.As("one", orm.Value(1).OutputField("DecimalField"))).Values("one").First(ctx)
		if err != nil || num(row["one"]) != 1 {
			t.Errorf("one = %v, %v; want 1", row, err)
		}
	})
}

func TestExpressions_ExistsTests_test_negated_empty_exists(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		m := &ExprManager{}
		exprMust(t, db.Create(ctx, m))
		rows, err := orm.Objects[ExprManager](db).Filter(orm.And(orm.Not(orm.Exists(orm.Objects[ExprManager](db).None())), orm.Q{"pk": m.ID})).
			ValuesList("pk").Flat().All(ctx)
		if got, want := fmt.Sprint(rows), fmt.Sprint([]any{m.ID}); err != nil || got != want {
			t.Errorf("got %s, %v; want %s", got, err, want)
		}
	})
}

func TestExpressions_ExistsTests_test_select_negated_empty_exists(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		m := &ExprManager{}
		exprMust(t, db.Create(ctx, m))
		row, err := orm.Objects[ExprManager](db).Annotate(orm.As("not_exists", orm.Not(orm.Exists(orm.Objects[ExprManager](db).None())))).
			Filter(orm.Q{"pk": m.ID}).Values("pk", "not_exists").Get(ctx)
		if err != nil || num(row["pk"]) != float64(m.ID) || row["not_exists"] != true {
			t.Errorf("got %v, %v; want not_exists true", row, err)
		}
	})
}

// loadFieldTransform is FieldTransformTests.setUpTestData.
func loadFieldTransform(t *testing.T, db *orm.DB) {
	t.Helper()
	exprTables(t, db)
	sday := time.Date(2010, 6, 25, 0, 0, 0, 0, time.UTC)
	stime := time.Date(2010, 6, 25, 12, 15, 30, 747000000, time.UTC)
	exprMust(t, db.Create(context.Background(), &ExprExperiment{Name: "Experiment 1", Assigned: sday, Completed: sday.AddDate(0, 0, 2),
		EstimatedTime: 48 * time.Hour, Start: stime, End: stime.AddDate(0, 0, 2)}))
}

func TestExpressions_FieldTransformTests_test_month_aggregation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFieldTransform(t, db)
		row := aggregate(t, orm.Objects[ExprExperiment](db), orm.As("month_count", orm.Count("assigned__month")))
		if num(row["month_count"]) != 1 {
			t.Errorf("month_count = %v, want 1", row["month_count"])
		}
	})
}

func TestExpressions_FieldTransformTests_test_transform_in_values(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFieldTransform(t, db)
		rows, err := orm.Objects[ExprExperiment](db).Values("assigned__month").All(context.Background())
		if got := fmt.Sprint(rows); err != nil || got != "[map[assigned__month:6]]" {
			t.Errorf("got %s, %v", got, err)
		}
	})
}

func TestExpressions_FieldTransformTests_test_multiple_transforms_in_values(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFieldTransform(t, db)
		rows, err := orm.Objects[ExprExperiment](db).Values("end__date__month").All(context.Background())
		if got := fmt.Sprint(rows); err != nil || got != "[map[end__date__month:6]]" {
			t.Errorf("got %s, %v", got, err)
		}
	})
}

func TestExpressions_ExpressionsTests_test_F_reuse(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		f := orm.F("id")
		n := &ExprNumber{Integer: -1}
		exprMust(t, db.Create(ctx, n))
		c := exprCompany(t, db, "Example Inc.", 2300, 5, exprEmployee(t, db, "Joe", "Smith", nil), false)
		cqs := orm.Objects[ExprCompany](db).Filter(orm.Q{"id": f})
		if got, err := cqs.Get(ctx); err != nil || got.ID != c.ID {
			t.Errorf("company: %v, %v", got, err)
		}
		if got, err := orm.Objects[ExprNumber](db).Filter(orm.Q{"id": f}).Get(ctx); err != nil || got.ID != n.ID {
			t.Errorf("number: %v, %v", got, err)
		}
		if got, err := cqs.Get(ctx); err != nil || got.ID != c.ID {
			t.Errorf("company again: %v, %v", got, err)
		}
	})
}

// patternEmployees creates the employees of test_patterns_escape.
func patternEmployees(t *testing.T, db *orm.DB, lower bool) (claude, john, johnSign *ExprEmployee) {
	t.Helper()
	ctx := context.Background()
	l := func(s string) string {
		if lower {
			return map[string]string{"%John": "%john", "Claud_": "claud_", "Claude%": "claude%", `Joh\n`: `joh\n`, "Claude": "claude", "John": "john", `%Joh\n`: `%joh\n`}[s]
		}
		return s
	}
	exprMust(t, orm.Objects[ExprEmployee](db).BulkCreate(ctx, []*ExprEmployee{
		{Firstname: "Johnny", Lastname: l("%John")}, {Firstname: "Jean-Claude", Lastname: l("Claud_")},
		{Firstname: "Jean-Claude", Lastname: l("Claude%")}, {Firstname: "Johnny", Lastname: l(`Joh\n`)}, {Firstname: "Johnny", Lastname: "_ohn"},
	}))
	return exprEmployee(t, db, "Jean-Claude", l("Claude"), nil), exprEmployee(t, db, "Johnny", l("John"), nil), exprEmployee(t, db, `%Joh\nny`, l(`%Joh\n`), nil)
}

func TestExpressions_ExpressionsTests_test_patterns_escape(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		claude, john, johnSign := patternEmployees(t, db, false)
		ids := func(lookup string) string {
			return exprSorted(orm.Objects[ExprEmployee](db).Filter(orm.Q{"firstname__" + lookup: orm.F("lastname")}).ValuesList("pk").Flat().All(ctx))
		}
		if got, want := ids("contains"), exprIDs(johnSign.ID, john.ID, claude.ID); got != want {
			t.Errorf("contains: %s, want %s", got, want)
		}
		if got, want := ids("startswith"), exprIDs(johnSign.ID, john.ID); got != want {
			t.Errorf("startswith: %s, want %s", got, want)
		}
		if got, want := ids("endswith"), exprIDs(claude.ID); got != want {
			t.Errorf("endswith: %s, want %s", got, want)
		}
	})
}

func TestExpressions_ExpressionsTests_test_insensitive_patterns_escape(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		claude, john, johnSign := patternEmployees(t, db, true)
		ids := func(lookup string) string {
			return exprSorted(orm.Objects[ExprEmployee](db).Filter(orm.Q{"firstname__" + lookup: orm.F("lastname")}).ValuesList("pk").Flat().All(ctx))
		}
		if got, want := ids("icontains"), exprIDs(johnSign.ID, john.ID, claude.ID); got != want {
			t.Errorf("icontains: %s, want %s", got, want)
		}
		if got, want := ids("istartswith"), exprIDs(johnSign.ID, john.ID); got != want {
			t.Errorf("istartswith: %s, want %s", got, want)
		}
		if got, want := ids("iendswith"), exprIDs(claude.ID); got != want {
			t.Errorf("iendswith: %s, want %s", got, want)
		}
	})
}

// loadNegated is NegatedExpressionTests.setUpTestData.
func loadNegated(t *testing.T, db *orm.DB) (eu, nonEU *ExprCompany) {
	t.Helper()
	exprTables(t, db)
	ceo := exprEmployee(t, db, "Joe", "Smith", exprInt(10))
	return exprCompany(t, db, "Example Inc.", 2300, 5, ceo, true), exprCompany(t, db, "Foobar Ltd.", 3, 4, ceo, false)
}

func TestExpressions_NegatedExpressionTests_test_filter(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadNegated(t, db)
		companies := func() *orm.QuerySet[*ExprCompany] { return orm.Objects[ExprCompany](db) }
		if got := exprNames(companies().Filter(orm.F("based_in_eu").Not()), "name", false); got != "[Foobar Ltd.]" {
			t.Errorf("~F(based_in_eu): %s", got)
		}
		qs := companies().Annotate(orm.As("eu_required", orm.Value(false).Not()))
		if got := exprNames(qs.Filter(orm.Q{"based_in_eu": orm.F("eu_required")}).OrderBy("eu_required"), "name", false); got != "[Example Inc.]" {
			t.Errorf("based_in_eu = eu_required: %s", got)
		}
		if got := exprNames(qs.Filter(orm.Q{"based_in_eu": orm.F("eu_required").Not().Not()}), "name", false); got != "[Example Inc.]" {
			t.Errorf("based_in_eu = ~~eu_required: %s", got)
		}
		if got := exprNames(qs.Filter(orm.Q{"based_in_eu": orm.F("eu_required").Not()}), "name", false); got != "[Foobar Ltd.]" {
			t.Errorf("based_in_eu = ~eu_required: %s", got)
		}
		if got := exprNames(qs.Filter(orm.Q{"based_in_eu": orm.F("based_in_eu").Not()}), "name", false); got != "[]" {
			t.Errorf("based_in_eu = ~based_in_eu: %s", got)
		}
	})
}

func TestExpressions_NegatedExpressionTests_test_values(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadNegated(t, db)
		rows, err := orm.Objects[ExprCompany](db).Annotate(orm.As("negated", orm.F("based_in_eu").Not())).
			OrderBy("name").ValuesList("name", "negated").All(context.Background())
		if got := fmt.Sprint(rows); err != nil || got != "[[Example Inc. false] [Foobar Ltd. true]]" {
			t.Errorf("got %s, %v", got, err)
		}
	})
}

func TestExpressions_CombinedExpressionTests_test_mixed_char_date_with_annotate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		_, err := orm.Objects[ExprExperiment](db).Annotate(orm.As("nonsense", orm.F("name").Add(orm.F("assigned")))).All(context.Background())
		if err == nil {
			t.Errorf("CharField + DateField: no error; Django raises FieldError (Cannot infer type of '+' expression ... You must set output_field)")
		}
	})
}
