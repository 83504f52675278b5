package postgres_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/postgres"
)

// Ports of Django's tests/postgres_tests/test_aggregates.py, case by case,
// named after them. On other backends each query must be refused with a
// NotSupportedError. Empty results follow Django 4+ (NULL, or the Default
// given), where 3.2 returned [] and '' for ArrayAgg, JSONBAgg and StringAgg.

type (
	AggregateTestModel struct {
		orm.Model
		CharField    string `orm:"max_length=30,blank"`
		IntegerField int    `orm:"default=0"`
		BooleanField *bool  `orm:"null"`
	}
	StatTestModel struct {
		orm.Model
		Int1         int
		Int2         int
		RelatedField orm.ForeignKey[AggregateTestModel] `orm:"null,on_delete=set_null"`
	}
)

func init() { orm.MustRegister(&AggregateTestModel{}, &StatTestModel{}) }

func ptrBool(b bool) *bool { return &b }

// aggregateCase runs a ported test on every backend: setup, then body,
// which reports the query error it got; off PostgreSQL that error must be
// a NotSupportedError and the body's checks are not reached.
func aggregateCase(t *testing.T, setup func(ctx context.Context, db *orm.DB) error, body func(t *testing.T, ctx context.Context, db *orm.DB) error) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		models := []any{&AggregateTestModel{}, &StatTestModel{}}
		if err := db.DropTables(ctx, models...); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, models...); err != nil {
			t.Fatal(err)
		}
		if err := setup(ctx, db); err != nil {
			t.Fatal(err)
		}
		err := body(t, ctx, db)
		if db.Dialect().Name() != "postgresql" {
			var ns *orm.NotSupportedError
			if !errors.As(err, &ns) {
				t.Errorf("off PostgreSQL: %v, want a NotSupportedError", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
	})
}

func generalData(ctx context.Context, db *orm.DB) error {
	for _, r := range []AggregateTestModel{
		{BooleanField: ptrBool(true), CharField: "Foo1", IntegerField: 0},
		{BooleanField: ptrBool(false), CharField: "Foo2", IntegerField: 1},
		{BooleanField: ptrBool(false), CharField: "Foo3", IntegerField: 2},
		{BooleanField: ptrBool(true), CharField: "Foo4", IntegerField: 0},
	} {
		if err := db.Create(ctx, &r); err != nil {
			return err
		}
	}
	return nil
}

// aggregateOne runs Aggregate(As("v", e)) over qs and returns v.
func aggregateOne(ctx context.Context, qs *orm.QuerySet[*AggregateTestModel], e *orm.Expr) (any, error) {
	r, err := qs.Aggregate(ctx, orm.As("v", e))
	return r["v"], err
}

func generalCase(t *testing.T, qs func(db *orm.DB) *orm.QuerySet[*AggregateTestModel], e *orm.Expr, want any, empty bool) {
	aggregateCase(t, generalData, func(t *testing.T, ctx context.Context, db *orm.DB) error {
		if empty {
			if _, err := orm.Objects[AggregateTestModel](db).Delete(ctx); err != nil {
				return err
			}
		}
		got, err := aggregateOne(ctx, qs(db), e)
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("got %#v, want %#v", got, want)
		}
		return err
	})
}

func all(db *orm.DB) *orm.QuerySet[*AggregateTestModel] {
	return orm.Objects[AggregateTestModel](db).OrderBy("id")
}

func where(q orm.Q) func(db *orm.DB) *orm.QuerySet[*AggregateTestModel] {
	return func(db *orm.DB) *orm.QuerySet[*AggregateTestModel] { return all(db).Filter(q) }
}

func TestPostgresAggregates_TestGeneralAggregate_test_array_agg_charfield(t *testing.T) {
	generalCase(t, all, postgres.ArrayAgg("char_field", postgres.Ordering("id")), []any{"Foo1", "Foo2", "Foo3", "Foo4"}, false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_array_agg_integerfield(t *testing.T) {
	generalCase(t, all, postgres.ArrayAgg("integer_field", postgres.Ordering("id")), []any{0.0, 1.0, 2.0, 0.0}, false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_array_agg_booleanfield(t *testing.T) {
	generalCase(t, all, postgres.ArrayAgg("boolean_field", postgres.Ordering("id")), []any{true, false, false, true}, false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_array_agg_empty_result(t *testing.T) {
	generalCase(t, all, postgres.ArrayAgg("char_field"), nil, true)
	generalCase(t, all, postgres.ArrayAgg("integer_field").Default(orm.Value([]any{})), []any{}, true)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bit_and_general(t *testing.T) {
	generalCase(t, where(orm.Q{"integer_field__in": []int{0, 1}}), postgres.BitAnd("integer_field"), int64(0), false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bit_and_on_only_true_values(t *testing.T) {
	generalCase(t, where(orm.Q{"integer_field": 1}), postgres.BitAnd("integer_field"), int64(1), false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bit_and_on_only_false_values(t *testing.T) {
	generalCase(t, where(orm.Q{"integer_field": 0}), postgres.BitAnd("integer_field"), int64(0), false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bit_and_empty_result(t *testing.T) {
	generalCase(t, all, postgres.BitAnd("integer_field"), nil, true)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bit_or_general(t *testing.T) {
	generalCase(t, where(orm.Q{"integer_field__in": []int{0, 1}}), postgres.BitOr("integer_field"), int64(1), false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bit_or_on_only_true_values(t *testing.T) {
	generalCase(t, where(orm.Q{"integer_field": 1}), postgres.BitOr("integer_field"), int64(1), false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bit_or_on_only_false_values(t *testing.T) {
	generalCase(t, where(orm.Q{"integer_field": 0}), postgres.BitOr("integer_field"), int64(0), false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bit_or_empty_result(t *testing.T) {
	generalCase(t, all, postgres.BitOr("integer_field"), nil, true)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bool_and_general(t *testing.T) {
	generalCase(t, all, postgres.BoolAnd("boolean_field"), false, false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bool_and_empty_result(t *testing.T) {
	generalCase(t, all, postgres.BoolAnd("boolean_field"), nil, true)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bool_or_general(t *testing.T) {
	generalCase(t, all, postgres.BoolOr("boolean_field"), true, false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_bool_or_empty_result(t *testing.T) {
	generalCase(t, all, postgres.BoolOr("boolean_field"), nil, true)
}

func TestPostgresAggregates_TestGeneralAggregate_test_string_agg_delimiter_escaping(t *testing.T) {
	generalCase(t, all, postgres.StringAgg("char_field", "'", postgres.Ordering("id")), "Foo1'Foo2'Foo3'Foo4", false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_string_agg_charfield(t *testing.T) {
	generalCase(t, all, postgres.StringAgg("char_field", ";", postgres.Ordering("id")), "Foo1;Foo2;Foo3;Foo4", false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_string_agg_empty_result(t *testing.T) {
	generalCase(t, all, postgres.StringAgg("char_field", ";").Default(""), "", true)
}

func TestPostgresAggregates_TestGeneralAggregate_test_json_agg(t *testing.T) {
	generalCase(t, all, postgres.JSONBAgg("char_field", postgres.Ordering("id")), []any{"Foo1", "Foo2", "Foo3", "Foo4"}, false)
}

func TestPostgresAggregates_TestGeneralAggregate_test_json_agg_empty(t *testing.T) {
	generalCase(t, all, postgres.JSONBAgg("integer_field"), nil, true)
}

func distinctData(ctx context.Context, db *orm.DB) error {
	for _, s := range []string{"Foo", "Foo", "Bar"} {
		if err := db.Create(ctx, &AggregateTestModel{CharField: s}); err != nil {
			return err
		}
	}
	return nil
}

func stringAggDistinct(t *testing.T, distinct bool, foo int) {
	aggregateCase(t, distinctData, func(t *testing.T, ctx context.Context, db *orm.DB) error {
		e := postgres.StringAgg("char_field", " ")
		if distinct {
			e = e.Distinct()
		}
		got, err := aggregateOne(ctx, all(db), e)
		if s, _ := got.(string); err == nil && (strings.Count(s, "Foo") != foo || strings.Count(s, "Bar") != 1) {
			t.Errorf("got %q", got)
		}
		return err
	})
}

func TestPostgresAggregates_TestStringAggregateDistinct_test_string_agg_distinct_false(t *testing.T) {
	stringAggDistinct(t, false, 2)
}

func TestPostgresAggregates_TestStringAggregateDistinct_test_string_agg_distinct_true(t *testing.T) {
	stringAggDistinct(t, true, 1)
}

func statData(ctx context.Context, db *orm.DB) error {
	for i, p := range [][2]int{{1, 3}, {2, 2}, {3, 1}} {
		rel := &AggregateTestModel{IntegerField: i}
		if err := db.Create(ctx, rel); err != nil {
			return err
		}
		s := &StatTestModel{Int1: p[0], Int2: p[1]}
		s.RelatedField.Set(rel)
		if err := db.Create(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// statCase checks one statistics aggregate, and over no rows.
func statCase(t *testing.T, e *orm.Expr, want, empty any) {
	for _, none := range []bool{false, true} {
		aggregateCase(t, statData, func(t *testing.T, ctx context.Context, db *orm.DB) error {
			if none {
				if _, err := orm.Objects[StatTestModel](db).Delete(ctx); err != nil {
					return err
				}
			}
			r, err := orm.Objects[StatTestModel](db).Aggregate(ctx, orm.As("v", e))
			exp := want
			if none {
				exp = empty
			}
			if err == nil && !near(r["v"], exp) {
				t.Errorf("empty=%v: got %#v, want %#v", none, r["v"], exp)
			}
			return err
		})
	}
}

func near(got, want any) bool {
	g, gok := got.(float64)
	w, wok := want.(float64)
	if gok && wok {
		return math.Abs(g-w) < 0.05
	}
	return reflect.DeepEqual(got, want)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_corr_general(t *testing.T) {
	statCase(t, postgres.Corr("int2", "int1"), -1.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_covar_pop_general(t *testing.T) {
	statCase(t, postgres.CovarPop("int2", "int1", false), -0.66, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_covar_pop_sample(t *testing.T) {
	statCase(t, postgres.CovarPop("int2", "int1", true), -1.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_avgx_general(t *testing.T) {
	statCase(t, postgres.RegrAvgX("int2", "int1"), 2.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_avgy_general(t *testing.T) {
	statCase(t, postgres.RegrAvgY("int2", "int1"), 2.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_count_general(t *testing.T) {
	statCase(t, postgres.RegrCount("int2", "int1"), int64(3), int64(0))
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_intercept_general(t *testing.T) {
	statCase(t, postgres.RegrIntercept("int2", "int1"), 4.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_r2_general(t *testing.T) {
	statCase(t, postgres.RegrR2("int2", "int1"), 1.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_slope_general(t *testing.T) {
	statCase(t, postgres.RegrSlope("int2", "int1"), -1.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_sxx_general(t *testing.T) {
	statCase(t, postgres.RegrSXX("int2", "int1"), 2.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_sxy_general(t *testing.T) {
	statCase(t, postgres.RegrSXY("int2", "int1"), -2.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_syy_general(t *testing.T) {
	statCase(t, postgres.RegrSYY("int2", "int1"), 2.0, nil)
}

func TestPostgresAggregates_TestStatisticsAggregate_test_regr_avgx_with_related_obj_and_number_as_argument(t *testing.T) {
	statCase(t, postgres.RegrAvgX(5, "related_field__integer_field"), 1.0, nil)
}
