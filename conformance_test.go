package orm_test

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Aggregation: Coalesce over an aggregate of no rows is its fallback, as
// Django's empty_result_set_value, whether the emptiness is found by the
// database or known before (an empty IN list); an expression whose value
// over no rows only the database knows is asked of it.
func TestAggregationOverEmptySets(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		for name, qs := range map[string]*orm.QuerySet[*Book]{
			"no row matches": books.Filter(orm.Q{"price__gt": 1000000}),
			"empty IN list":  books.Filter(orm.Q{"id__in": []int{}}),
		} {
			got, err := qs.Aggregate(ctx,
				orm.As("safe", functions.Coalesce(orm.Sum("sales_count"), orm.Value(0))),
				orm.As("nested", functions.Coalesce(functions.Coalesce(orm.Sum("sales_count"), orm.Value(nil)), orm.Value(7))),
				orm.As("n", orm.Count("id")),
				orm.As("plus", orm.Sum("sales_count").Add(1)),
			)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got["safe"] != int64(0) || got["nested"] != int64(7) || got["n"] != int64(0) || got["plus"] != nil {
				t.Errorf("%s: %#v; want safe 0, nested 7, n 0, plus nil", name, got)
			}
		}
	})
}

// Aggregation: an integer divided by an integer is an integer on every
// backend (truncated toward zero, as SQLite and PostgreSQL divide integer
// columns), never decimal text that cannot be read as one.
func TestAggregationIntegerDivisionType(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		sums, err := books.Aggregate(ctx, orm.As("s", orm.Sum("sales_count")), orm.As("n", orm.Count("id")))
		if err != nil {
			t.Fatal(err)
		}
		got, err := books.Aggregate(ctx, orm.As("x", orm.Sum("sales_count").Div(orm.Count("id"))))
		s, n := sums["s"].(int64), sums["n"].(int64)
		if err != nil || got["x"] != s/n {
			t.Errorf("Sum/Count = %#v, %v; want int64 %d", got["x"], err, s/n)
		}
	})
}
