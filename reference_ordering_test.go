package orm_test

import (
	"context"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Ordering, first/last and set operations: cases of reference.json (see reference_test.go).
var referenceOrderingCases = []refCase{
	// Book.objects.order_by("-price")
	// rule: same answer on both reference backends
	{name: "order_price_desc", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("-price"))
	}},
	// Book.objects.order_by("title")
	// rule: same answer on both reference backends
	{name: "order_title", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("title"))
	}},
	// Book.objects.order_by(Lower("title"), "id")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "order_lower_title", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy(functions.Lower("title"), "id"))
	}},
	// Book.objects.order_by("author__name", "-price")
	// rule: same answer on both reference backends
	{name: "order_related_then_desc", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("author__name", "-price"))
	}},
	// Book.objects.order_by("-author__publisher__name", "title")
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "order_depth2_desc", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("-author__publisher__name", "title"))
	}},
	// Author.objects.order_by("rating", "id")
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "order_rating_asc_nulls", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).OrderBy("rating", "id"))
	}},
	// Author.objects.order_by("-rating", "id")
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "order_rating_desc_nulls", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).OrderBy("-rating", "id"))
	}},
	// Author.objects.order_by(F("rating").asc(nulls_last=True), "id")
	// rule: same answer on both reference backends
	{name: "order_rating_nulls_last", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).OrderBy(orm.F("rating").Asc().NullsLast(), "id"))
	}},
	// Author.objects.order_by(F("rating").desc(nulls_last=True), "id")
	// rule: same answer on both reference backends
	{name: "order_rating_desc_nulls_last", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).OrderBy(orm.F("rating").Desc().NullsLast(), "id"))
	}},
	// Author.objects.order_by(F("rating").asc(nulls_first=True), "id")
	// rule: same answer on both reference backends
	{name: "order_rating_nulls_first", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).OrderBy(orm.F("rating").Asc().NullsFirst(), "id"))
	}},
	// Book.objects.order_by("published_at", "id")
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "order_published_at_nulls", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("published_at", "id"))
	}},
	// Book.objects.order_by("editor__name", "id")
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "order_nullable_fk_name", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("editor__name", "id"))
	}},
	// Author.objects.order_by("publisher__name", "-id")
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "order_author_publisher_name", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).OrderBy("publisher__name", "-id"))
	}},
	// Book.objects.order_by("price").reverse()
	// rule: same answer on both reference backends
	{name: "order_reverse", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("price").Reverse())
	}},
	// Author.objects.annotate(n=Count("books")).order_by("-n", "name")
	// rule: same answer on both reference backends
	{name: "order_annotation", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Annotate(orm.As("n", orm.Count("books"))).OrderBy("-n", "name"))
	}},
	// Author.objects.order_by("books__price", "id")
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "order_multi_valued_duplicates", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).OrderBy("books__price", "id"))
	}},
	// Book.objects.order_by("-price")[:3]
	// rule: same answer on both reference backends
	{name: "order_slice", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("-price").Slice(0, 3))
	}},
	// Book.objects.order_by("id")[2:5]
	// rule: same answer on both reference backends
	{name: "order_slice_offset", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).OrderBy("id").Slice(2, 5))
	}},
	// Book.objects.first()
	// rule: same answer on both reference backends
	{name: "first_default_pk", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(orm.Objects[testkit.Book](db).First(ctx))
	}},
	// Book.objects.order_by("price").first()
	// rule: same answer on both reference backends
	{name: "first_ordered", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(orm.Objects[testkit.Book](db).OrderBy("price").First(ctx))
	}},
	// Book.objects.order_by("price").last()
	// rule: same answer on both reference backends
	{name: "last_ordered", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(orm.Objects[testkit.Book](db).OrderBy("price").Last(ctx))
	}},
	// Author.objects.last()
	// rule: same answer on both reference backends
	{name: "last_default_pk", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(orm.Objects[testkit.Author](db).Last(ctx))
	}},
	// Book.objects.filter(price__gt=1000).first()
	// rule: same answer on both reference backends
	{name: "first_empty", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(orm.Objects[testkit.Book](db).Filter(orm.Q{"price__gt": 1000}).First(ctx))
	}},
	// Author.objects.order_by("rating", "id").first()
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "first_nullable_order", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(orm.Objects[testkit.Author](db).OrderBy("rating", "id").First(ctx))
	}},
	// Author.objects.order_by("rating", "id").last()
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "last_nullable_order", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(orm.Objects[testkit.Author](db).OrderBy("rating", "id").Last(ctx))
	}},
	// Tag.objects.filter(name__iexact="été").first()
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "first_iexact_non_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(orm.Objects[testkit.Tag](db).Filter(orm.Q{"name__iexact": "été"}).First(ctx))
	}},
	// Book.objects.filter(price__lt=15).union(Book.objects.filter(sales_count__gt=1000))
	// rule: same answer on both reference backends
	{name: "union", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__lt": 15}).Union(orm.Objects[testkit.Book](db).Filter(orm.Q{"sales_count__gt": 1000})))
	}},
	// Book.objects.filter(price__lt=20).union(Book.objects.filter(is_published=False), all=True)
	// rule: same answer on both reference backends
	{name: "union_all_duplicates", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__lt": 20}).UnionAll(orm.Objects[testkit.Book](db).Filter(orm.Q{"is_published": false})))
	}},
	// Book.objects.filter(price__lt=15).union(Book.objects.filter(sales_count__gt=1000)).order_by("-price")
	// rule: same answer on both reference backends
	{name: "union_ordered", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__lt": 15}).Union(orm.Objects[testkit.Book](db).Filter(orm.Q{"sales_count__gt": 1000})).OrderBy("-price"))
	}},
	// Book.objects.filter(price__lt=15).union(Book.objects.filter(price__gt=100), Book.objects.filter(price__lt=11)).count()
	// rule: same answer on both reference backends
	{name: "union_count", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return num(orm.Objects[testkit.Book](db).Filter(orm.Q{"price__lt": 15}).Union(orm.Objects[testkit.Book](db).Filter(orm.Q{"price__gt": 100}), orm.Objects[testkit.Book](db).Filter(orm.Q{"price__lt": 11})).Count(ctx))
	}},
	// Author.objects.values_list("name", flat=True).union(Publisher.objects.values_list("name", flat=True)).order_by("name")
	// rule: same answer on both reference backends
	{name: "union_values_list_cross_model", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return flat(ctx, orm.Objects[testkit.Author](db).ValuesList("name").Flat().Union(orm.Objects[testkit.Publisher](db).ValuesList("name").Flat()).OrderBy("name"))
	}},
	// Book.objects.filter(price__lt=30).intersection(Book.objects.filter(is_published=True))
	// rule: same answer on both reference backends
	{name: "intersection", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__lt": 30}).Intersection(orm.Objects[testkit.Book](db).Filter(orm.Q{"is_published": true})))
	}},
	// Book.objects.filter(price__lt=30).difference(Book.objects.filter(tags__name="ÉTÉ"))
	// rule: same answer on both reference backends
	{name: "difference", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__lt": 30}).Difference(orm.Objects[testkit.Book](db).Filter(orm.Q{"tags__name": "ÉTÉ"})))
	}},
	// Author.objects.values_list("id", flat=True).difference(Book.objects.values_list("author_id", flat=True))
	// rule: same answer on both reference backends
	{name: "difference_values", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return flat(ctx, orm.Objects[testkit.Author](db).ValuesList("id").Flat().Difference(orm.Objects[testkit.Book](db).ValuesList("author_id").Flat()))
	}},
}
