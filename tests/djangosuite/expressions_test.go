package djangosuite

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/expressions/tests.py, BasicExpressionsTests.

// companyQuery is BasicExpressionsTests.setUp's company_query, written as
// "name employees chairs" triples.
func companyQuery(t *testing.T, qs *orm.QuerySet[*ExprCompany]) string {
	t.Helper()
	rows, err := qs.OrderBy("name", "num_employees", "num_chairs").ValuesList("name", "num_employees", "num_chairs").All(context.Background())
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(rows)
}

// exprNames lists a ValuesList("<field>").Flat() of qs, sorted when
// unordered is set (Django's assertCountEqual).
func exprNames[T any](qs *orm.QuerySet[*T], field string, unordered bool) string {
	rows, err := qs.ValuesList(field).Flat().All(context.Background())
	if err != nil {
		return "error: " + err.Error()
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r)
	}
	if unordered {
		sort.Strings(out)
	}
	return fmt.Sprint(out)
}

func TestExpressions_BasicExpressionsTests_test_annotate_values_filter(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		qs := orm.Objects[ExprCompany](db).Annotate(orm.As("foo", orm.RawSQL("?", "value"))).Filter(orm.Q{"foo": "value"}).OrderBy("name")
		if got := exprNames(qs, "name", false); got != "[Example Inc. Foobar Ltd. Test GmbH]" {
			t.Errorf("got %s", got)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_annotate_values_count(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		n, err := orm.Objects[ExprCompany](db).Annotate(orm.As("foo", orm.RawSQL("?", "value"))).Count(context.Background())
		if err != nil || n != 3 {
			t.Errorf("count = %d, %v; want 3", n, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_filtering_on_q_that_is_boolean(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		n, err := orm.Objects[ExprCompany](db).
			Filter(orm.ExpressionWrapper(orm.Q{"num_employees__gt": 3}, "BooleanField")).Count(context.Background())
		if err != nil || n != 2 {
			t.Errorf("count = %d, %v; want 2", n, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_filtering_on_rawsql_that_is_boolean(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		n, err := orm.Objects[ExprCompany](db).
			Filter(orm.RawSQL("num_employees > ?", 3).OutputField("BooleanField")).Count(context.Background())
		if err != nil || n != 2 {
			t.Errorf("count = %d, %v; want 2", n, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_filter_inter_attribute(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		got := companyQuery(t, orm.Objects[ExprCompany](db).Filter(orm.Q{"num_employees__gt": orm.F("num_chairs")}))
		if want := "[[Example Inc. 2300 5] [Test GmbH 32 1]]"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

// exprUpdateCase runs one of the update-then-read cases of
// BasicExpressionsTests.
func exprUpdateCase(t *testing.T, db *orm.DB, set orm.Set, want string) {
	t.Helper()
	if _, err := orm.Objects[ExprCompany](db).Update(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	if got := companyQuery(t, orm.Objects[ExprCompany](db)); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestExpressions_BasicExpressionsTests_test_update(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		exprUpdateCase(t, db, orm.Set{"num_chairs": orm.F("num_employees")},
			"[[Example Inc. 2300 2300] [Foobar Ltd. 3 3] [Test GmbH 32 32]]")
	})
}

func TestExpressions_BasicExpressionsTests_test_arithmetic(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		exprUpdateCase(t, db, orm.Set{"num_chairs": orm.F("num_employees").Add(2)},
			"[[Example Inc. 2300 2302] [Foobar Ltd. 3 5] [Test GmbH 32 34]]")
	})
}

func TestExpressions_BasicExpressionsTests_test_order_of_operations(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		exprUpdateCase(t, db, orm.Set{"num_chairs": orm.F("num_employees").Add(orm.Value(2).Mul(orm.F("num_employees")))},
			"[[Example Inc. 2300 6900] [Foobar Ltd. 3 9] [Test GmbH 32 96]]")
	})
}

func TestExpressions_BasicExpressionsTests_test_parenthesis_priority(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		exprUpdateCase(t, db, orm.Set{"num_chairs": orm.F("num_employees").Add(2).Mul(orm.F("num_employees"))},
			"[[Example Inc. 2300 5294600] [Foobar Ltd. 3 15] [Test GmbH 32 1088]]")
	})
}

func TestExpressions_BasicExpressionsTests_test_update_with_fk(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		ctx := context.Background()
		n, err := orm.Objects[ExprCompany](db).Update(ctx, orm.Set{"point_of_contact": orm.F("ceo")})
		if err != nil || n != 3 {
			t.Fatalf("update = %d, %v; want 3", n, err)
		}
		rows, err := orm.Objects[ExprCompany](db).OrderBy("pk").ValuesList("point_of_contact__firstname", "point_of_contact__lastname").All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[[Joe Smith] [Frank Meyer] [Max Mustermann]]" {
			t.Errorf("points of contact: %s, %v", got, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_update_with_none(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		exprMust(t, db.Create(ctx, &ExprNumber{Integer: 1, Float: exprFloat(1)}))
		exprMust(t, db.Create(ctx, &ExprNumber{Integer: 2}))
		if _, err := orm.Objects[ExprNumber](db).Filter(orm.Q{"float__isnull": false}).Update(ctx, orm.Set{"float": orm.Value(nil)}); err != nil {
			t.Fatal(err)
		}
		rows, err := orm.Objects[ExprNumber](db).ValuesList("float").Flat().All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[<nil> <nil>]" {
			t.Errorf("floats: %s, %v", got, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_filter_with_join(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		_, err := orm.Objects[ExprCompany](db).Update(ctx, orm.Set{"point_of_contact": orm.F("ceo")})
		exprMust(t, err)
		c, err := orm.Objects[ExprCompany](db).OrderBy("pk").First(ctx)
		exprMust(t, err)
		c.PointOfContact = orm.Ref(exprEmployee(t, db, "Guido", "van Rossum", nil))
		exprMust(t, db.Save(ctx, c))
		same := orm.Q{"ceo__firstname": orm.F("point_of_contact__firstname")}
		if got := exprNames(orm.Objects[ExprCompany](db).Filter(same), "name", true); got != "[Foobar Ltd. Test GmbH]" {
			t.Errorf("filter: %s", got)
		}
		_, err = orm.Objects[ExprCompany](db).Exclude(same).Update(ctx, orm.Set{"name": "foo"})
		exprMust(t, err)
		got, err := orm.Objects[ExprCompany](db).Exclude(same).Get(ctx)
		if err != nil || got.Name != "foo" || got.ID != d.exampleInc.ID {
			t.Errorf("exclude: %+v, %v; want Example Inc. renamed foo", got, err)
		}
		_, err = orm.Objects[ExprCompany](db).Exclude(same).Update(ctx, orm.Set{"name": orm.F("point_of_contact__lastname")})
		if err == nil {
			t.Errorf("update with a joined F: no error; Django raises FieldError (Joined field references are not permitted in this query)")
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_object_update(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		// Django assigns F("num_employees") + 4 to the instance and saves;
		// djorm's way to write an expression into one row is Update on its pk.
		_, err := orm.Objects[ExprCompany](db).Filter(orm.Q{"pk": d.gmbh.ID}).Update(ctx, orm.Set{"num_employees": orm.F("num_employees").Add(4)})
		exprMust(t, err)
		exprMust(t, db.Refresh(ctx, d.gmbh))
		if d.gmbh.NumEmployees != 36 {
			t.Errorf("num_employees = %d, want 36", d.gmbh.NumEmployees)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_ticket_11722_iexact_lookup(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		exprEmployee(t, db, "John", "Doe", nil)
		exprEmployee(t, db, "Test", "test", nil)
		if got := exprNames(orm.Objects[ExprEmployee](db).Filter(orm.Q{"firstname__iexact": orm.F("lastname")}), "firstname", false); got != "[Test]" {
			t.Errorf("got %s, want [Test]", got)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_ticket_16731_startswith_lookup(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		exprEmployee(t, db, "John", "Doe", nil)
		e2 := exprEmployee(t, db, "Jack", "Jackson", nil)
		e3 := exprEmployee(t, db, "Jack", "jackson", nil)
		ids := func(qs *orm.QuerySet[*ExprEmployee]) string {
			rows, err := qs.OrderBy("pk").ValuesList("pk").Flat().All(context.Background())
			if err != nil {
				return err.Error()
			}
			return fmt.Sprint(rows)
		}
		// djorm's startswith is case-sensitive on every backend (README).
		if got, want := ids(orm.Objects[ExprEmployee](db).Filter(orm.Q{"lastname__startswith": orm.F("firstname")})), fmt.Sprint([]any{e2.ID}); got != want {
			t.Errorf("startswith: %s, want %s", got, want)
		}
		if got, want := ids(orm.Objects[ExprEmployee](db).Filter(orm.Q{"lastname__istartswith": orm.F("firstname")})), fmt.Sprint([]any{e2.ID, e3.ID}); got != want {
			t.Errorf("istartswith: %s, want %s", got, want)
		}
	})
}

// joins counts the JOINs of qs's SQL.
func joins[E any](t *testing.T, qs *orm.QuerySet[E]) int {
	t.Helper()
	sql, _, err := qs.SQL()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := 0; i+4 <= len(sql); i++ {
		if sql[i:i+4] == "JOIN" {
			n++
		}
	}
	return n
}

func TestExpressions_BasicExpressionsTests_test_ticket_18375_join_reuse(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		qs := orm.Objects[ExprEmployee](db).Filter(orm.Q{"company_ceo_set__num_chairs": orm.F("company_ceo_set__num_employees")})
		if n := joins(t, qs); n != 1 {
			t.Errorf("%d JOINs, want 1", n)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_ticket_18375_kwarg_ordering(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		qs := orm.Objects[ExprEmployee](db).Filter(orm.Q{"company_ceo_set__num_chairs": orm.F("company_ceo_set__num_employees"),
			"company_ceo_set__num_chairs__gte": 1})
		if n := joins(t, qs); n != 1 {
			t.Errorf("%d JOINs, want 1", n)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_ticket_18375_kwarg_ordering_2(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		qs := orm.Objects[ExprEmployee](db).Filter(orm.Q{"company_ceo_set__num_employees": orm.F("pk"),
			"pk": orm.F("company_ceo_set__num_employees")})
		if n := joins(t, qs); n != 1 {
			t.Errorf("%d JOINs, want 1", n)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_ticket_18375_chained_filters(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		qs := orm.Objects[ExprEmployee](db).Filter(orm.Q{"company_ceo_set__num_employees": orm.F("pk")}).
			Filter(orm.Q{"company_ceo_set__num_employees": orm.F("company_ceo_set__num_employees")})
		if n := joins(t, qs); n != 2 {
			t.Errorf("%d JOINs, want 2", n)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_order_by_exists(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		mary := exprEmployee(t, db, "Mary", "Mustermann", exprInt(20))
		qs := orm.Objects[ExprEmployee](db).Filter(orm.Q{"lastname": "Mustermann"}).
			OrderBy(orm.Exists(orm.Objects[ExprCompany](db).Filter(orm.Q{"ceo": orm.OuterRef("pk")})).Desc())
		rows, err := qs.ValuesList("pk").Flat().All(context.Background())
		if got, want := fmt.Sprint(rows), fmt.Sprint([]any{d.max.ID, mary.ID}); err != nil || got != want {
			t.Errorf("got %s, %v; want %s", got, err, want)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_order_by_multiline_sql(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		desc := orm.RawSQL(`
                CASE WHEN num_employees > 1000
                     THEN num_chairs
                     ELSE 0 END
                `).Desc()
		asc := orm.RawSQL(`
                CASE WHEN num_chairs > 1
                     THEN 1
                     ELSE 0 END
                `).Asc()
		for _, qs := range []*orm.QuerySet[*ExprCompany]{orm.Objects[ExprCompany](db), orm.Objects[ExprCompany](db).Distinct()} {
			if got := exprNames(qs.OrderBy(desc, asc), "name", false); got != "[Example Inc. Test GmbH Foobar Ltd.]" {
				t.Errorf("got %s", got)
			}
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_outerref(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		ctx := context.Background()
		inner := orm.Objects[ExprCompany](db).Filter(orm.Q{"point_of_contact": orm.OuterRef("pk")})
		if _, err := inner.Exists(ctx); err == nil {
			t.Errorf("a query with an OuterRef run on its own: no error; Django raises ValueError")
		}
		ok, err := orm.Objects[ExprEmployee](db).Annotate(orm.As("is_point_of_contact", orm.Exists(inner))).Exists(ctx)
		if err != nil || !ok {
			t.Errorf("outer exists = %v, %v; want true", ok, err)
		}
	})
}

var _ = errors.Is
var _ = functions.Lower

// exprSorted is a sorted printing of a Flat ValuesList.
func exprSorted(rows []any, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r)
	}
	sort.Strings(out)
	return fmt.Sprint(out)
}

// exprIDs is the sorted printing of the primary keys of objs.
func exprIDs(ids ...int64) string {
	rows := make([]any, len(ids))
	for i, id := range ids {
		rows[i] = id
	}
	return exprSorted(rows, nil)
}

func TestExpressions_BasicExpressionsTests_test_subquery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		_, err := orm.Objects[ExprCompany](db).Filter(orm.Q{"name": "Example Inc."}).Update(ctx, orm.Set{"point_of_contact": d.joe, "ceo": d.max})
		exprMust(t, err)
		exprEmployee(t, db, "Bob", "Brown", exprInt(40))
		companies := func() *orm.QuerySet[*ExprCompany] { return orm.Objects[ExprCompany](db) }
		qs := orm.Objects[ExprEmployee](db).Annotate(
			orm.As("is_point_of_contact", orm.Exists(companies().Filter(orm.Q{"point_of_contact": orm.OuterRef("pk")}))),
			orm.As("is_not_point_of_contact", orm.Not(orm.Exists(companies().Filter(orm.Q{"point_of_contact": orm.OuterRef("pk")})))),
			orm.As("is_ceo_of_small_company", orm.Exists(companies().Filter(orm.Q{"num_employees__lt": 200, "ceo": orm.OuterRef("pk")}))),
			orm.As("is_ceo_small_2", orm.Not(orm.Not(orm.Exists(companies().Filter(orm.Q{"num_employees__lt": 200, "ceo": orm.OuterRef("pk")}))))),
			orm.As("largest_company", orm.Subquery(companies().OrderBy("-num_employees").
				Filter(orm.Q{"ceo": orm.OuterRef("pk")}.Or(orm.Q{"point_of_contact": orm.OuterRef("pk")})).
				Values("name").Slice(0, 1)).OutputField("CharField")),
		)
		rows, err := qs.OrderBy("firstname").ValuesList("firstname", "is_point_of_contact", "is_not_point_of_contact",
			"is_ceo_of_small_company", "is_ceo_small_2", "largest_company").All(ctx)
		want := "[[Bob false true false false <nil>] [Frank false true true true Foobar Ltd.] " +
			"[Joe true false false false Example Inc.] [Max false true true true Example Inc.]]"
		if got := fmt.Sprint(rows); err != nil || got != want {
			t.Errorf("got %s, %v\nwant %s", got, err, want)
		}
		a := exprSorted(qs.Filter(orm.Q{"is_point_of_contact": true}).ValuesList("pk").Flat().All(ctx))
		b := exprSorted(orm.Objects[ExprEmployee](db).Exclude(orm.Q{"company_point_of_contact_set": nil}).ValuesList("pk").Flat().All(ctx))
		if a != b {
			t.Errorf("points of contact: %s, the exclude way: %s", a, b)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_in_subquery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		small := orm.Objects[ExprCompany](db).Filter(orm.Q{"num_employees__lt": 200}).Values("pk")
		got := exprSorted(orm.Objects[ExprCompany](db).Filter(orm.Q{"pk__in": orm.Subquery(small)}).ValuesList("pk").Flat().All(ctx))
		if want := exprIDs(d.foobarLtd.ID, d.gmbh.ID); got != want {
			t.Errorf("pk__in: %s, want %s", got, want)
		}
		got = exprSorted(orm.Objects[ExprCompany](db).Filter(orm.Q{"pk": orm.Subquery(small.Filter(orm.Q{"num_employees": 3}))}).ValuesList("pk").Flat().All(ctx))
		if want := exprIDs(d.foobarLtd.ID); got != want {
			t.Errorf("pk: %s, want %s", got, want)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_uuid_pk_subquery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		u := orm.NewObject[ExprUUIDPK]()
		exprMust(t, db.Create(ctx, u))
		exprMust(t, db.Create(ctx, &ExprUUID{UUIDFk: orm.Ref(u)}))
		rows, err := orm.Objects[ExprUUIDPK](db).Filter(orm.Q{"key__in": orm.Subquery(orm.Objects[ExprUUID](db).Values("uuid_fk__key"))}).All(ctx)
		if err != nil || len(rows) != 1 || rows[0].Key != u.Key {
			t.Errorf("got %v, %v; want the one UUIDPK %s", rows, err, u.Key)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_nested_subquery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		ctx := context.Background()
		inner := orm.Objects[ExprCompany](db).Filter(orm.Q{"point_of_contact": orm.OuterRef("pk")})
		outer := orm.Objects[ExprEmployee](db).Annotate(orm.As("is_point_of_contact", orm.Exists(inner)))
		contrived := orm.Objects[ExprEmployee](db).Annotate(orm.As("is_point_of_contact",
			orm.Subquery(outer.Filter(orm.Q{"pk": orm.OuterRef("pk")}).Values("is_point_of_contact")).OutputField("BooleanField")))
		a, errA := contrived.OrderBy("pk").ValuesList().All(ctx)
		b, errB := outer.OrderBy("pk").ValuesList().All(ctx)
		if errA != nil || errB != nil || fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("contrived %v, %v; outer %v, %v", a, errA, b, errB)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_nested_subquery_join_outer_ref(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		inner := orm.Objects[ExprEmployee](db).Filter(orm.Q{"pk": orm.OuterRef("ceo__pk")}).Values("pk")
		qs := orm.Objects[ExprEmployee](db).Annotate(orm.As("ceo_company", orm.Subquery(
			orm.Objects[ExprCompany](db).Filter(orm.Q{"ceo__in": inner, "ceo__pk": orm.OuterRef("pk")}).Values("pk"))))
		rows, err := qs.OrderBy("pk").ValuesList("ceo_company").Flat().All(context.Background())
		if got, want := fmt.Sprint(rows), fmt.Sprint([]any{d.exampleInc.ID, d.foobarLtd.ID, d.gmbh.ID}); err != nil || got != want {
			t.Errorf("got %s, %v; want %s", got, err, want)
		}
	})
}

// exprTimes creates Time rows at the given hours.
func exprTimes(t *testing.T, db *orm.DB, hours ...int) []*ExprTime {
	t.Helper()
	var out []*ExprTime
	for _, h := range hours {
		c := exprClock(h, 0, 0)
		tm := &ExprTime{Time: &c}
		exprMust(t, db.Create(context.Background(), tm))
		out = append(out, tm)
	}
	return out
}

func TestExpressions_BasicExpressionsTests_test_nested_subquery_outer_ref_2(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		ts := exprTimes(t, db, 9, 17, 21)
		first, second, third := ts[0], ts[1], ts[2]
		exprMust(t, orm.Objects[ExprSimulationRun](db).BulkCreate(ctx, []*ExprSimulationRun{
			{Start: orm.Ref(first), End: orm.Ref(second), Midpoint: exprClock(12, 0, 0)},
			{Start: orm.Ref(first), End: orm.Ref(third), Midpoint: exprClock(15, 0, 0)},
			{Start: orm.Ref(second), End: orm.Ref(first), Midpoint: exprClock(0, 0, 0)},
		}))
		inner := orm.Objects[ExprTime](db).Filter(orm.Q{"time": orm.OuterRef(orm.OuterRef("time")), "pk": orm.OuterRef("start")}).Values("time")
		middle := orm.Objects[ExprSimulationRun](db).Annotate(orm.As("other", orm.Subquery(inner))).Values("other").Slice(0, 1)
		outer := orm.Objects[ExprTime](db).Annotate(orm.As("other", orm.Subquery(middle).OutputField("TimeField")))
		got := exprSorted(outer.ValuesList("pk").Flat().All(ctx))
		if want := exprIDs(first.ID, second.ID, third.ID); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_nested_subquery_outer_ref_with_autofield(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		ts := exprTimes(t, db, 9, 17)
		exprMust(t, db.Create(ctx, &ExprSimulationRun{Start: orm.Ref(ts[0]), End: orm.Ref(ts[1]), Midpoint: exprClock(12, 0, 0)}))
		inner := orm.Objects[ExprSimulationRun](db).Filter(orm.Q{"start": orm.OuterRef(orm.OuterRef("pk"))}).Values("start")
		middle := orm.Objects[ExprTime](db).Annotate(orm.As("other", orm.Subquery(inner))).Values("other").Slice(0, 1)
		outer := orm.Objects[ExprTime](db).Annotate(orm.As("other", orm.Subquery(middle).OutputField("IntegerField")))
		got := exprSorted(outer.ValuesList("pk").Flat().All(ctx))
		if want := exprIDs(ts[0].ID, ts[1].ID); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_annotations_within_subquery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		_, err := orm.Objects[ExprCompany](db).Filter(orm.Q{"num_employees__lt": 50}).Update(ctx, orm.Set{"ceo": d.frank})
		exprMust(t, err)
		inner := orm.Objects[ExprCompany](db).Filter(orm.Q{"ceo": orm.OuterRef("pk")}).Values("ceo").
			Annotate(orm.As("total_employees", orm.Sum("num_employees"))).Values("total_employees")
		outer := orm.Objects[ExprEmployee](db).Annotate(orm.As("total_employees", orm.Subquery(inner))).
			Filter(orm.Q{"salary__lte": orm.Subquery(inner)})
		rows, err := outer.OrderBy("-total_employees").ValuesList("salary", "total_employees").All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[[10 2300] [20 35]]" {
			t.Errorf("got %s, %v; want [[10 2300] [20 35]]", got, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_subquery_references_joined_table_twice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		inner := orm.Objects[ExprCompany](db).Filter(orm.Q{"num_chairs__gte": orm.OuterRef("ceo__salary"),
			"num_employees__gte": orm.OuterRef("point_of_contact__salary")})
		ok, err := orm.Objects[ExprCompany](db).Filter(orm.Q{"pk__in": orm.Subquery(inner.Values("pk"))}).Exists(context.Background())
		if err != nil || ok {
			t.Errorf("exists = %v, %v; want false", ok, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_subquery_filter_by_aggregate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		exprMust(t, db.Create(ctx, &ExprNumber{Integer: 1000, Float: exprFloat(1.2)}))
		exprEmployee(t, db, "", "", exprInt(1000))
		qs := orm.Objects[ExprNumber](db).Annotate(orm.As("min_valuable_count", orm.Subquery(
			orm.Objects[ExprEmployee](db).Filter(orm.Q{"salary": orm.OuterRef("integer")}).
				Annotate(orm.As("cnt", orm.Count("salary"))).Filter(orm.Q{"cnt__gt": 0}).Values("cnt").Slice(0, 1))))
		n, err := qs.Get(ctx)
		if err != nil || n.Float == nil || *n.Float != 1.2 {
			t.Errorf("got %+v, %v; want float 1.2", n, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_subquery_filter_by_lazy(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		m := &ExprManager{Name: "Manager"}
		exprMust(t, db.Create(ctx, m))
		d.max.Manager = orm.Ref(m)
		exprMust(t, db.Save(ctx, d.max))
		qs := orm.Objects[ExprCompany](db).Annotate(orm.As("ceo_manager", orm.Subquery(
			orm.Objects[ExprEmployee](db).Filter(orm.Q{"lastname": orm.OuterRef("ceo__lastname")}).Values("manager")))).
			Filter(orm.Q{"ceo_manager": m})
		got, err := qs.Get(ctx)
		if err != nil || got.ID != d.gmbh.ID {
			t.Errorf("got %+v, %v; want Test GmbH", got, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_aggregate_subquery_annotation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		ctx, c := orm.CaptureQueries(context.Background())
		row, err := orm.Objects[ExprCompany](db).Annotate(orm.As("ceo_salary", orm.Subquery(
			orm.Objects[ExprEmployee](db).Filter(orm.Q{"id": orm.OuterRef("ceo_id")}).Values("salary")))).
			Aggregate(ctx, orm.As("ceo_salary_gt_20", orm.Count("pk").Filter(orm.Q{"ceo_salary__gt": 20})))
		if err != nil || num(row["ceo_salary_gt_20"]) != 1 {
			t.Errorf("got %v, %v; want ceo_salary_gt_20 1", row, err)
		}
		if c.Count() != 1 {
			t.Fatalf("%d queries, want 1", c.Count())
		}
		// Django's check that the subquery is not repeated (at most 3
		// SELECTs) is in expressions_failing_test.go.
		sql := c.Queries()[0].SQL
		if countWord(sql, "GROUP BY") != 0 {
			t.Errorf("GROUP BY in %s", sql)
		}
	})
}

// countWord counts the occurrences of w in s.
func countWord(s, w string) int {
	n := 0
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w {
			n++
		}
	}
	return n
}

func TestExpressions_BasicExpressionsTests_test_aggregate_rawsql_annotation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		ctx, c := orm.CaptureQueries(context.Background())
		row, err := orm.Objects[ExprCompany](db).Annotate(orm.As("salary", orm.RawSQL("SUM(num_chairs) OVER (ORDER BY num_employees)"))).
			Aggregate(ctx, orm.As("count", orm.Count("pk")))
		if err != nil || num(row["count"]) != 3 {
			t.Errorf("got %v, %v; want count 3", row, err)
		}
		if c.Count() != 1 || countWord(c.Queries()[0].SQL, "GROUP BY") != 0 {
			t.Errorf("queries: %v", c.Queries())
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_outerref_mixed_case_table_name(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		inner := orm.Objects[ExprResult](db).Filter(orm.Q{"result_time__gte": orm.OuterRef("experiment__assigned")})
		ok, err := orm.Objects[ExprResult](db).Filter(orm.Q{"pk__in": orm.Subquery(inner.Values("pk"))}).Exists(context.Background())
		if err != nil || ok {
			t.Errorf("exists = %v, %v; want false", ok, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_outerref_with_operator(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		inner := orm.Objects[ExprCompany](db).Filter(orm.Q{"num_employees": orm.OuterRef("ceo__salary").Add(2)})
		got, err := orm.Objects[ExprCompany](db).Filter(orm.Q{"pk__in": orm.Subquery(inner.Values("pk"))}).Get(context.Background())
		if err != nil || got.Name != "Test GmbH" {
			t.Errorf("got %+v, %v; want Test GmbH", got, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_nested_outerref_with_function(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		d.gmbh.PointOfContact = orm.Ref(d.frank)
		exprMust(t, db.Save(ctx, d.gmbh))
		inner := orm.Objects[ExprEmployee](db).Filter(orm.Q{"lastname__startswith": functions.Left(orm.OuterRef(orm.OuterRef("lastname")), 1)})
		qs := orm.Objects[ExprEmployee](db).Annotate(orm.As("ceo_company", orm.Subquery(
			orm.Objects[ExprCompany](db).Filter(orm.Q{"point_of_contact__in": inner, "ceo__pk": orm.OuterRef("pk")}).Values("name")))).
			Filter(orm.Q{"ceo_company__isnull": false})
		rows, err := qs.ValuesList("ceo_company").Flat().All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[Test GmbH]" {
			t.Errorf("got %s, %v; want [Test GmbH]", got, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_annotation_with_outerref(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		row, err := orm.Objects[ExprCompany](db).Annotate(orm.As("max_ceo_salary_raise", orm.Subquery(
			orm.Objects[ExprCompany](db).Annotate(orm.As("salary_raise", orm.OuterRef("num_employees").Add(orm.F("num_employees")))).
				OrderBy("-salary_raise").Values("salary_raise").Slice(0, 1)).OutputField("IntegerField"))).
			Filter(orm.Q{"pk": d.gmbh.ID}).Values("max_ceo_salary_raise").Get(context.Background())
		if err != nil || num(row["max_ceo_salary_raise"]) != 2332 {
			t.Errorf("got %v, %v; want 2332", row, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_annotation_with_nested_outerref(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		d.gmbh.PointOfContact = orm.Ref(d.frank)
		exprMust(t, db.Save(ctx, d.gmbh))
		inner := orm.Objects[ExprEmployee](db).Annotate(orm.As("outer_lastname", orm.OuterRef(orm.OuterRef("lastname")))).
			Filter(orm.Q{"lastname__startswith": functions.Left("outer_lastname", 1)})
		qs := orm.Objects[ExprEmployee](db).Annotate(orm.As("ceo_company", orm.Subquery(
			orm.Objects[ExprCompany](db).Filter(orm.Q{"point_of_contact__in": inner, "ceo__pk": orm.OuterRef("pk")}).Values("name")))).
			Filter(orm.Q{"ceo_company__isnull": false})
		rows, err := qs.ValuesList("ceo_company").Flat().All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[Test GmbH]" {
			t.Errorf("got %s, %v; want [Test GmbH]", got, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_incorrect_field_in_F_expression(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		_, err := orm.Objects[ExprEmployee](db).Filter(orm.Q{"firstname": orm.F("nope")}).All(context.Background())
		var fe *orm.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("err = %v, want a *FieldError naming nope", err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_incorrect_joined_field_in_F_expression(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		_, err := orm.Objects[ExprCompany](db).Filter(orm.Q{"ceo__pk": orm.F("point_of_contact__nope")}).All(context.Background())
		var fe *orm.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("err = %v, want a *FieldError naming nope", err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_exists_in_filter(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		ctx := context.Background()
		inner := orm.Objects[ExprCompany](db).Filter(orm.Q{"ceo": orm.OuterRef("pk")}).Values("pk")
		pks := func(qs *orm.QuerySet[*ExprEmployee]) string { return exprSorted(qs.ValuesList("pk").Flat().All(ctx)) }
		qs1 := pks(orm.Objects[ExprEmployee](db).Filter(orm.Exists(inner)))
		qs2 := pks(orm.Objects[ExprEmployee](db).Annotate(orm.As("found", orm.Exists(inner))).Filter(orm.Q{"found": true}))
		if qs1 != qs2 || qs1 == "[]" {
			t.Errorf("filter(Exists) %s, annotate+filter %s", qs1, qs2)
		}
		if ok, err := orm.Objects[ExprEmployee](db).Exclude(orm.Exists(inner)).Exists(ctx); err != nil || ok {
			t.Errorf("exclude(Exists).exists() = %v, %v; want false", ok, err)
		}
		if qs3 := pks(orm.Objects[ExprEmployee](db).Exclude(orm.Not(orm.Exists(inner)))); qs3 != qs2 {
			t.Errorf("exclude(~Exists) %s, want %s", qs3, qs2)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_subquery_in_filter(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		inner := orm.Objects[ExprCompany](db).Filter(orm.Q{"ceo": orm.OuterRef("pk")}).Values("based_in_eu")
		rows, err := orm.Objects[ExprEmployee](db).Filter(orm.Subquery(inner)).ValuesList("pk").Flat().All(context.Background())
		if got, want := fmt.Sprint(rows), fmt.Sprint([]any{d.frank.ID}); err != nil || got != want {
			t.Errorf("got %s, %v; want %s", got, err, want)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_subquery_group_by_outerref_in_filter(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		inner := orm.Objects[ExprCompany](db).Annotate(orm.As("employee", orm.OuterRef("pk"))).Values("employee").
			Annotate(orm.As("min_num_chairs", orm.Min("num_chairs"))).Values("ceo")
		ok, err := orm.Objects[ExprEmployee](db).Filter(orm.Q{"pk__in": orm.Subquery(inner)}).Exists(context.Background())
		if err != nil || !ok {
			t.Errorf("exists = %v, %v; want true", ok, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_case_in_filter_if_boolean_output_field(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		isCeo := orm.Objects[ExprCompany](db).Filter(orm.Q{"ceo": orm.OuterRef("pk")})
		isPoc := orm.Objects[ExprCompany](db).Filter(orm.Q{"point_of_contact": orm.OuterRef("pk")})
		qs := orm.Objects[ExprEmployee](db).Filter(orm.Case(
			orm.When(orm.Exists(isCeo), true), orm.When(orm.Exists(isPoc), true)).Default(false).OutputField("BooleanField"))
		got := exprSorted(qs.ValuesList("pk").Flat().All(context.Background()))
		if want := exprIDs(d.joe.ID, d.frank.ID, d.max.ID); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_boolean_expression_combined(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		isCeo := orm.Exists(orm.Objects[ExprCompany](db).Filter(orm.Q{"ceo": orm.OuterRef("pk")}))
		isPoc := orm.Exists(orm.Objects[ExprCompany](db).Filter(orm.Q{"point_of_contact": orm.OuterRef("pk")}))
		d.gmbh.PointOfContact = orm.Ref(d.max)
		exprMust(t, db.Save(ctx, d.gmbh))
		cases := []struct {
			cond orm.Condition
			want string
		}{
			{orm.Or(isCeo, isPoc), exprIDs(d.joe.ID, d.frank.ID, d.max.ID)},
			{orm.And(isCeo, isPoc), exprIDs(d.max.ID)},
			{orm.And(isCeo, orm.Q{"salary__gte": 30}), exprIDs(d.max.ID)},
			{orm.Or(isPoc, orm.Q{"salary__lt": 15}), exprIDs(d.joe.ID, d.max.ID)},
			{orm.And(orm.Q{"salary__gte": 30}, isCeo), exprIDs(d.max.ID)},
			{orm.Or(orm.Q{"salary__lt": 15}, isPoc), exprIDs(d.joe.ID, d.max.ID)},
		}
		for i, c := range cases {
			if got := exprSorted(orm.Objects[ExprEmployee](db).Filter(c.cond).ValuesList("pk").Flat().All(ctx)); got != c.want {
				t.Errorf("case %d: %s, want %s", i+1, got, c.want)
			}
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_boolean_expression_in_Q(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		isPoc := orm.Exists(orm.Objects[ExprCompany](db).Filter(orm.Q{"point_of_contact": orm.OuterRef("pk")}))
		d.gmbh.PointOfContact = orm.Ref(d.max)
		exprMust(t, db.Save(ctx, d.gmbh))
		if got, want := exprSorted(orm.Objects[ExprEmployee](db).Filter(orm.And(isPoc)).ValuesList("pk").Flat().All(ctx)), exprIDs(d.max.ID); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_annotate_values_aggregate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		row, err := orm.Objects[ExprCompany](db).Annotate(orm.As("salaries", orm.F("ceo__salary"))).
			Values("num_employees", "salaries").
			Aggregate(context.Background(), orm.As("result", orm.Sum(orm.F("salaries").Add(orm.F("num_employees"))).OutputField("IntegerField")))
		if err != nil || num(row["result"]) != 2395 {
			t.Errorf("result = %v, %v; want 2395", row["result"], err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_filtering_on_annotate_that_uses_q(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		n, err := orm.Objects[ExprCompany](db).
			Annotate(orm.As("num_employees_check", orm.ExpressionWrapper(orm.Q{"num_employees__gt": 3}, "BooleanField"))).
			Filter(orm.Q{"num_employees_check": true}).Count(context.Background())
		if err != nil || n != 2 {
			t.Errorf("count = %d, %v; want 2", n, err)
		}
	})
}

func TestExpressions_BasicExpressionsTests_test_boolean_expression_combined_with_empty_Q(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadBasicExpressions(t, db)
		ctx := context.Background()
		isPoc := orm.Exists(orm.Objects[ExprCompany](db).Filter(orm.Q{"point_of_contact": orm.OuterRef("pk")}))
		d.gmbh.PointOfContact = orm.Ref(d.max)
		exprMust(t, db.Save(ctx, d.gmbh))
		cases := []orm.Condition{
			orm.And(isPoc, orm.Q{}), orm.And(orm.Q{}, isPoc), orm.Or(isPoc, orm.Q{}), orm.Or(orm.Q{}, isPoc),
			orm.And(orm.And(isPoc), orm.Q{}), orm.And(orm.Q{}, orm.And(isPoc)), orm.Or(orm.And(isPoc), orm.Q{}), orm.Or(orm.Q{}, orm.And(isPoc)),
		}
		for i, c := range cases {
			if got, want := exprSorted(orm.Objects[ExprEmployee](db).Filter(c).ValuesList("pk").Flat().All(ctx)), exprIDs(d.max.ID); got != want {
				t.Errorf("case %d: %s, want %s", i+1, got, want)
			}
		}
	})
}
