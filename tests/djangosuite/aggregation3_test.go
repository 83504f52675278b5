package djangosuite

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// The expression tests of Django's tests/aggregation/tests.py,
// AggregateTestCase.

func TestAggregation_AggregateTestCase_test_nonaggregate_aggregation_throws(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		_, err := orm.Objects[AggBook](db).Aggregate(context.Background(), orm.As("fail", orm.F("price")))
		if !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("aggregate(fail=F('price')): %v, want a refusal", err)
		}
	})
}

func TestAggregation_AggregateTestCase_test_annotation_expressions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		want := "(Adrian Holovaty, 132) (Brad Dayley, <nil>) (Jacob Kaplan-Moss, 129) (James Bennett, 63) (Jeffrey Forcier, 128) " +
			"(Paul Bissex, 120) (Peter Norvig, 103) (Stuart Russell, 103) (Wesley J. Chun, 176) "
		ctx := context.Background()
		for i, e := range []*orm.Expr{orm.Sum(orm.F("age").Add(orm.F("friends__age"))), orm.Sum("age").Add(orm.Sum("friends__age"))} {
			got := pairs(orm.Objects[AggAuthor](db).Annotate(orm.As("combined_ages", e)).OrderBy("name").ValuesList("name", "combined_ages").All(ctx))
			if got != want {
				t.Errorf("form %d:\n got %s\nwant %s", i+1, got, want)
			}
		}
	})
}

func TestAggregation_AggregateTestCase_test_aggregation_expressions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		authors := orm.Objects[AggAuthor](db)
		if v := aggregate(t, authors, orm.As("av_age", orm.Sum("age").Div(orm.Count("*"))))["av_age"]; num(v) != 37 {
			t.Errorf("Sum(age) / Count(*) = %v, want 37", v)
		}
		if v := aggregate(t, authors, orm.As("av_age", orm.Sum("age").Div(orm.Count("age"))))["av_age"]; num(v) != 37 {
			t.Errorf("Sum(age) / Count(age) = %v, want 37", v)
		}
		near(t, "Avg(age)", aggregate(t, authors, orm.As("av_age", orm.Avg("age")))["av_age"], 37.4, 1)
	})
}

func TestAggregation_AggregateTestCase_test_avg_decimal_field(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		near(t, "avg_price", aggregate(t, orm.Objects[AggBook](db).Filter(orm.Q{"rating": 4}), orm.As("avg_price", orm.Avg("price")))["avg_price"], 47.39, 2)
	})
}

func TestAggregation_AggregateTestCase_test_order_of_precedence(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		books := orm.Objects[AggBook](db).Filter(orm.Q{"rating": 4})
		near(t, "(Avg(price) + 2) * 3", aggregate(t, books, orm.As("avg_price", orm.Avg("price").Add(2).Mul(3)))["avg_price"], 148.18, 2)
		near(t, "Avg(price) + 2 * 3", aggregate(t, books, orm.As("avg_price", orm.Avg("price").Add(orm.Value(2*3))))["avg_price"], 53.39, 2)
	})
}

func TestAggregation_AggregateTestCase_test_aggregate_over_complex_annotation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		qs := orm.Objects[AggAuthor](db).Annotate(orm.As("combined_ages", orm.Sum(orm.F("age").Add(orm.F("friends__age")))))
		if v := aggregate(t, qs, orm.As("max_combined_age", orm.Max("combined_ages")))["max_combined_age"]; num(v) != 176 {
			t.Errorf("max_combined_age = %v, want 176", v)
		}
		if v := aggregate(t, qs, orm.As("d", orm.Max("combined_ages").Mul(2)))["d"]; num(v) != 352 {
			t.Errorf("Max * 2 = %v, want 352", v)
		}
		row := aggregate(t, qs, orm.As("d", orm.Max("combined_ages").Add(orm.Max("combined_ages"))),
			orm.As("s", orm.Sum("combined_ages").Add(orm.Sum("combined_ages"))))
		if num(row["d"]) != 352 || num(row["s"]) != 954*2 {
			t.Errorf("%v, want d 352, s %d", row, 954*2)
		}
	})
}

func TestAggregation_AggregateTestCase_test_values_annotation_with_expression(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		ctx := context.Background()
		qs := orm.Objects[AggAuthor](db).Values("name").Annotate(orm.As("another_age", orm.Sum("age").Add(orm.F("age"))))
		a, err := qs.Get(ctx, orm.Q{"name": "Adrian Holovaty"})
		if err != nil || num(a["another_age"]) != 68 {
			t.Errorf("another_age: %v, %v; want 68", a, err)
		}
		qs = qs.Annotate(orm.As("friend_count", orm.Count("friends")))
		a, err = qs.Get(ctx, orm.Q{"name": "Adrian Holovaty"})
		if err != nil || num(a["friend_count"]) != 2 {
			t.Errorf("friend_count: %v, %v; want 2", a, err)
		}
		rows, err := qs.Annotate(orm.As("combined_age", orm.Sum("age").Add(orm.F("friends__age")))).
			Filter(orm.Q{"name": "Adrian Holovaty"}).OrderBy("-combined_age").Values("name", "combined_age").All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[map[combined_age:69 name:Adrian Holovaty] map[combined_age:63 name:Adrian Holovaty]]" {
			t.Errorf("combined ages: %s, %v", got, err)
		}
	})
}

func TestAggregation_AggregateTestCase_test_annotate_values_aggregate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		alias := aggregate(t, orm.Objects[AggAuthor](db).Annotate(orm.As("age_alias", orm.F("age"))).Values("age_alias"),
			orm.As("sum_age", orm.Sum("age_alias")))
		plain := aggregate(t, orm.Objects[AggAuthor](db).Values("age"), orm.As("sum_age", orm.Sum("age")))
		if num(alias["sum_age"]) != num(plain["sum_age"]) || num(plain["sum_age"]) != 337 {
			t.Errorf("sum over an alias %v, over the field %v; want 337 both", alias, plain)
		}
	})
}

func TestAggregation_AggregateTestCase_test_complex_values_aggregation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		row := aggregate(t, orm.Objects[AggBook](db).Values("rating"), orm.As("double_max_rating", orm.Max("rating").Add(orm.Max("rating"))))
		if num(row["double_max_rating"]) != 10 {
			t.Errorf("double_max_rating = %v, want 10", row["double_max_rating"])
		}
		row = aggregate(t, orm.Objects[AggBook](db).Values("rating").Annotate(orm.As("books_per_rating", orm.Count("id").Add(5))),
			orm.Max("books_per_rating"))
		if num(row["books_per_rating__max"]) != 8 {
			t.Errorf("books_per_rating__max = %v, want 8", row["books_per_rating__max"])
		}
	})
}
