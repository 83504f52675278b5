package orm_test

import (
	"context"
	"testing"
	"time"

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

// Expressions: a foreign key set from another foreign key of the same row
// is a local column reference, not a join.
func TestExpressionsUpdateForeignKeyFromForeignKey(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		n, err := books.Update(ctx, orm.Set{"editor": orm.F("author")})
		if err != nil || n == 0 {
			t.Fatalf("Update(editor=F(author)): %d, %v", n, err)
		}
		same, err := books.Filter(orm.Q{"editor": orm.F("author")}).Count(ctx)
		if err != nil || same != n {
			t.Errorf("every book's editor is its author: %d of %d, %v", same, n, err)
		}
	})
}

// Expressions: F() among the values of an in lookup, as Django resolves
// each item.
func TestExpressionsFInInList(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		all, err := books.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, b := range all {
			if b.SalesCount == b.StockLevel || b.SalesCount == 5 {
				want++
			}
		}
		n, err := books.Filter(orm.Q{"sales_count__in": []any{orm.F("stock_level"), 5}}).Count(ctx)
		if err != nil || n != int64(want) {
			t.Errorf("sales_count IN (stock_level, 5): %d, %v; want %d", n, err, want)
		}
	})
}

// Expressions: a datetime moved by a duration is a datetime on every
// backend (SQLite once gave a number, MariaDB text), to the microsecond;
// two datetimes differ by a duration.
func TestExpressionsDatetimeDurationArithmetic(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db).Filter(orm.Q{"published_at__isnull": false})
		step := time.Hour + time.Microsecond
		rows, err := books.OrderBy("id").Annotate(
			orm.As("later", orm.F("published_at").Add(orm.Value(step))),
			orm.As("earlier", orm.F("published_at").Sub(orm.Value(step))),
		).Annotate(orm.As("span", orm.F("later").Sub(orm.F("earlier")))).All(ctx)
		if err != nil || len(rows) == 0 {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		for _, b := range rows {
			later, _ := b.Annotation("later").(time.Time)
			earlier, _ := b.Annotation("earlier").(time.Time)
			span, _ := b.Annotation("span").(time.Duration)
			if !later.Equal(b.PublishedAt.Add(step)) || !earlier.Equal(b.PublishedAt.Add(-step)) || span != 2*step {
				t.Errorf("book %d at %v: later %v, earlier %v, span %v", b.ID, b.PublishedAt, b.Annotation("later"), b.Annotation("earlier"), b.Annotation("span"))
			}
		}
		n, err := books.Filter(orm.Q{"published_at__lt": orm.F("published_at").Add(orm.Value(time.Microsecond))}).Count(ctx)
		if all, _ := books.Count(ctx); err != nil || n != all {
			t.Errorf("published_at < published_at + 1µs: %d of %d, %v", n, all, err)
		}
	})
}
