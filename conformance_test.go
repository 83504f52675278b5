package orm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
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

// Expressions as the bounds of a range lookup, as Django allows.
func TestExpressionsFAsRangeBounds(t *testing.T) {
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
			if b.SalesCount >= b.StockLevel && b.SalesCount <= b.StockLevel+100 {
				want++
			}
		}
		if want == 0 || want == len(all) {
			t.Fatalf("the bookstore data cannot tell: %d of %d books match", want, len(all))
		}
		n, err := books.Filter(orm.Q{"sales_count__range": []any{orm.F("stock_level"), orm.F("stock_level").Add(100)}}).Count(ctx)
		if err != nil || n != int64(want) {
			t.Errorf("sales_count BETWEEN stock_level AND stock_level + 100: %d, %v; want %d", n, err, want)
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

// prefetch_related: PrefetchRelated(nil) clears the lookups; a ToAttr
// that names a field or relation of the model is refused.
func TestPrefetchNilClearsAndToAttrClash(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		authors := orm.Objects[testkit.Author](db)
		if _, err := authors.PrefetchRelated("books").PrefetchRelated(nil).All(ctx); err != nil || captured.Count() != 1 {
			t.Errorf("PrefetchRelated(nil) must clear: %d queries, %v", captured.Count(), err)
		}
		for _, attr := range []string{"name", "books", "publisher"} {
			_, err := authors.PrefetchRelated(orm.Prefetch("books", nil).ToAttr(attr)).All(ctx)
			if !errors.Is(err, orm.ErrInvalidQuery) || !strings.Contains(err.Error(), attr) {
				t.Errorf("ToAttr(%q): want ErrInvalidQuery naming it, got %v", attr, err)
			}
		}
	})
}

// prefetch_related: a level SelectRelated already loaded costs no query
// (SelectRelated("author") with PrefetchRelated("author__books") is two
// queries, as in Django).
func TestPrefetchThroughSelectRelated(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		books, err := orm.Objects[Book](db).SelectRelated("author").PrefetchRelated("author__books").OrderBy("id").All(ctx)
		if err != nil || captured.Count() != 2 {
			t.Fatalf("%d queries, %v; want 2", captured.Count(), err)
		}
		for _, b := range books {
			a, err := b.Author.Get(ctx)
			if err != nil {
				t.Fatal(err)
			}
			mine, err := orm.Related[Book](a, "books").All(ctx)
			if err != nil || !containsBook(mine, b.ID) {
				t.Errorf("book %d is not among its author's prefetched books: %v", b.ID, err)
			}
		}
		if captured.Count() != 2 {
			t.Errorf("reading the prefetched books ran queries: %d in all", captured.Count())
		}
	})
}

func containsBook(books []*Book, id int64) bool {
	for _, b := range books {
		if b.ID == id {
			return true
		}
	}
	return false
}

// prefetch_related: a forward foreign key whose row is missing (a
// dangling key, with the constraint off) is ErrDoesNotExist on access
// after a prefetch, not a NULL relation.
func TestPrefetchDanglingForeignKey(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		off := map[string][2]string{
			"sqlite":     {"PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON"},
			"postgresql": {"SET session_replication_role = replica", "SET session_replication_role = DEFAULT"},
			"mariadb":    {"SET FOREIGN_KEY_CHECKS = 0", "SET FOREIGN_KEY_CHECKS = 1"},
		}[db.Dialect().Name()]
		conn, err := db.SQLDB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{off[0], "UPDATE book SET author_id = 987654 WHERE id = 1", off[1]} {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		_ = conn.Close()
		book, err := orm.Objects[Book](db).PrefetchRelated("author").Get(ctx, orm.Q{"pk": 1})
		if err != nil {
			t.Fatal(err)
		}
		if a, err := book.Author.Get(ctx); !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("the author of a dangling key: %v, %v; want ErrDoesNotExist", a, err)
		}
	})
}

// Writes: a relation set with Ref to an object saved afterwards takes the
// object's key at save time (Django's _prepare_related_fields_for_save);
// an object still unsaved is refused before SQL instead of a NULL key.
func TestWritesRefToObjectSavedLater(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		a := &testkit.Author{Name: "Later", JoinedDate: time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC)}
		b := &Book{Title: "Early Ref", Author: orm.Ref(a), Price: decimal.NewFromInt(3)}
		if err := db.Create(ctx, b); !errors.Is(err, orm.ErrInvalidQuery) || captured.Count() != 0 {
			t.Fatalf("a book whose author is unsaved: %v after %d statements; want ErrInvalidQuery before SQL", err, captured.Count())
		}
		if err := db.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := db.Create(ctx, b); err != nil {
			t.Fatalf("the author is saved now: %v", err)
		}
		got, err := orm.Objects[Book](db).Get(ctx, orm.Q{"pk": b.ID})
		if err != nil || got.Author.ID() != any(a.ID) {
			t.Errorf("author_id = %v, want %d (%v)", got.Author.ID(), a.ID, err)
		}
	})
}

// Aggregation: Django's default alias of an annotation ("books__count")
// names it in OrderBy and Values as in Filter.
func TestAggregationDefaultAliasEverywhere(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[testkit.Author](db).Annotate(orm.Count("books")).
			Filter(orm.Q{"books__count__gte": 0}).OrderBy("-books__count", "name").Values("name", "books__count").All(ctx)
		if err != nil || len(rows) == 0 {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		for i := 1; i < len(rows); i++ {
			if rows[i-1]["books__count"].(int64) < rows[i]["books__count"].(int64) {
				t.Errorf("not ordered by books__count descending: %v", rows)
			}
		}
	})
}

// Expressions: Coalesce's arguments share a kind (numbers widen); a mix of
// kinds is a FieldError before SQL, as Django's mixed types, instead of a
// database error on PostgreSQL.
func TestExpressionsCoalesceKinds(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		books := orm.Objects[Book](db)
		var fe *orm.FieldError
		_, err := books.Annotate(orm.As("x", functions.Coalesce("published_at", orm.Value("2020-01-01")))).All(ctx)
		if !errors.As(err, &fe) || captured.Count() != 0 {
			t.Errorf("Coalesce(datetime, text): want a FieldError before SQL, got %v after %d statements", err, captured.Count())
		}
		fallback := time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC)
		rows, err := books.Annotate(orm.As("x", functions.Coalesce("published_at", orm.Value(fallback)))).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range rows {
			want := fallback
			if b.PublishedAt != nil {
				want = *b.PublishedAt
			}
			if got, _ := b.Annotation("x").(time.Time); !got.Equal(want) {
				t.Errorf("book %d: Coalesce(published_at, fallback) = %v, want %v", b.ID, b.Annotation("x"), want)
			}
		}
		n, err := books.Aggregate(ctx, orm.As("s", functions.Coalesce(orm.Sum("price"), orm.Value(0))))
		if err != nil || n["s"] == nil {
			t.Errorf("Coalesce(Sum(decimal), 0) widens: %v %v", n, err)
		}
	})
}

// Writes and subqueries: an in lookup over a sliced QuerySet gives the
// same rows on every backend (MySQL takes the LIMIT in a derived table).
func TestInSlicedSubquery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		top, err := books.OrderBy("-price", "id").Slice(0, 2).ValuesList("id").Flat().All(ctx)
		if err != nil || len(top) != 2 {
			t.Fatalf("%v %v", top, err)
		}
		got, err := books.Filter(orm.Q{"id__in": books.OrderBy("-price", "id").Slice(0, 2).ValuesList("id")}).OrderBy("-price", "id").ValuesList("id").Flat().All(ctx)
		if err != nil || len(got) != 2 || got[0] != top[0] || got[1] != top[1] {
			t.Errorf("id IN (top 2 by price) = %v, %v; want %v", got, err, top)
		}
	})
}

// A combination of a combination keeps its grouping: (A UNION B) INTERSECT
// C, not A UNION (B INTERSECT C) as PostgreSQL and MariaDB read it flat.
func TestNestedSetOperations(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		ids, err := books.OrderBy("id").ValuesList("id").Flat().All(ctx)
		if err != nil || len(ids) < 3 {
			t.Fatalf("ids: %v %v", ids, err)
		}
		a := books.Filter(orm.Q{"id__in": []any{ids[0], ids[1]}})
		b := books.Filter(orm.Q{"id": ids[2]})
		c := books.Filter(orm.Q{"id__in": []any{ids[0], ids[2]}})
		n, err := a.Union(b).Intersection(c).Count(ctx)
		if err != nil || n != 2 {
			t.Errorf("(a | b) & c: %d rows, %v; want 2", n, err)
		}
		n, err = a.Union(b).Difference(c).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("(a | b) - c: %d rows, %v; want 1", n, err)
		}
	})
}

// Arithmetic of a decimal with a float has no kind of its own (Django's
// "Cannot infer type"), and neither has arithmetic built on it: selecting
// it is a FieldError before SQL, not a float scanned into an integer.
// OutputField gives the kind.
func TestMixedArithmeticNeedsOutputField(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		books := orm.Objects[Book](db)
		_, err := books.Annotate(orm.As("x", orm.F("price").Mul(1.5).Add(1))).Values("x").All(ctx)
		var fe *orm.FieldError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), "output_field") {
			t.Errorf("(price * 1.5) + 1: want a FieldError asking for an output field, got %v", err)
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("the refused query sent %d statements", n)
		}
		rows, err := books.Annotate(orm.As("x", orm.F("price").Mul(1.5).OutputField("DecimalField").Add(1))).Values("x").All(ctx)
		if err != nil || len(rows) == 0 {
			t.Errorf("with OutputField: %d rows, %v", len(rows), err)
		}
	})
}

// A fetch mode carries to the objects PrefetchRelated loads (Django 6.1):
// under Raise, a prefetched book's unloaded editor raises instead of
// quietly running a query.
func TestFetchModeCarriesToPrefetchedObjects(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		authors, err := orm.Objects[Author](db).FetchMode(orm.Raise).OrderBy("id").
			PrefetchRelated(orm.Prefetch("books", orm.Objects[Book](db)).ToAttr("bs")).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before := captured.Count()
		touched := 0
		for _, a := range authors {
			books, _ := orm.Prefetched[Book](a, "bs")
			for _, b := range books {
				if b.Editor.ID() == nil {
					continue
				}
				touched++
				if _, err := b.Editor.Get(ctx); !errors.Is(err, orm.ErrFetchBlocked) {
					t.Errorf("book %d: the editor of a prefetched book under Raise: %v, want ErrFetchBlocked", b.ID, err)
				}
			}
		}
		if touched == 0 {
			t.Fatal("no prefetched book has an editor: the data cannot tell")
		}
		if n := captured.Count() - before; n != 0 {
			t.Errorf("touching prefetched objects under Raise ran %d queries", n)
		}
	})
}

// A QuerySet sliced to one row is a valid exact value (Django's
// has_limit_one), and an annotation ordered by name may be an aggregate.
func TestQuerySetAsExactValueAndAggregateOrdering(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		first := orm.Objects[Author](db).OrderBy("-id").Slice(0, 1)
		got, err := books.Filter(orm.Q{"author": first}).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		last, err := orm.Objects[Author](db).OrderBy("-id").First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want, err := books.Filter(orm.Q{"author": last.ID}).Count(ctx)
		if err != nil || got != want {
			t.Errorf("author = (the last author): %d books, want %d (%v)", got, want, err)
		}
		rows, err := books.Annotate(orm.As("n", orm.Count("reviews"))).OrderBy(orm.F("n").Desc(), "id").ValuesList("id", "n").All(ctx)
		if err != nil || len(rows) == 0 {
			t.Fatalf("ordered by an aggregate annotation: %v %v", rows, err)
		}
		for i := 1; i < len(rows); i++ {
			if rows[i-1][1].(int64) < rows[i][1].(int64) {
				t.Errorf("not ordered by the review count: %v", rows)
				break
			}
		}
	})
}
