package djcheck

import (
	"context"

	"github.com/djorm/orm"
)

// ids answers a model question with primary keys, as reference.json does.
func ids[M any](qs *orm.QuerySet[*M]) func(context.Context, *orm.DB) (any, error) {
	return func(ctx context.Context, _ *orm.DB) (any, error) {
		return qs.ValuesList("pk").Flat().All(ctx)
	}
}

// Bookstore asks reference.json's questions of the bookstore models
// inspectdb wrote, under the names inspectdb gives: reverse relations are
// the model's name (author__book, not Django's related_name books), the
// second key from book to author is book_editor_set, and book_tags is the
// ManyToMany field tags.
func Bookstore[Publisher, Author, Tag, Book, Review any](db *orm.DB) []Check {
	P, A, T, B := orm.Objects[Publisher](db), orm.Objects[Author](db), orm.Objects[Tag](db), orm.Objects[Book](db)
	return []Check{
		Count[Publisher](3), Count[Author](5), Count[Tag](4), Count[Book](8), Count[Review](7),
		{Name: "exact_title", Run: ids(B.Filter(orm.Q{"title": "Go Concurrency"}))},
		{Name: "exact_none_is_null", Run: ids(A.Filter(orm.Q{"rating": nil}))},
		{Name: "fk_depth2_exact", Run: ids(B.Filter(orm.Q{"author__publisher__name": "Penguin"}))},
		{Name: "fk_nullable_traversal", Run: ids(B.Filter(orm.Q{"editor__publisher__name": "Penguin"}))},
		{Name: "isnull_reverse_fk", Run: ids(A.Filter(orm.Q{"book__isnull": true}))},
		{Name: "reverse_depth2_duplicates", Run: ids(P.Filter(orm.Q{"author__book__title__icontains": "fantasy"}))},
		{Name: "reverse_depth3_reviews", Run: ids(P.Filter(orm.Q{"author__book__review__stars": 5}))},
		{Name: "reverse_related_name_edited", Run: ids(A.Filter(orm.Q{"book_editor_set__isnull": false}).Distinct())},
		{Name: "fk_self_compare_f", Run: ids(B.Filter(orm.Q{"author": orm.F("editor")}))},
		{Name: "dt_year", Run: ids(B.Filter(orm.Q{"published_at__year": 2021}))},
		{Name: "order_price_desc", Run: ids(B.OrderBy("-price"))},
		{Name: "m2m_tag_name", Run: ids(B.Filter(orm.Q{"tags__name": "classic"}))},
		{Name: "m2m_in_duplicates", Run: ids(B.Filter(orm.Q{"tags__name__in": []any{"fantasy", "classic"}}))},
		{Name: "m2m_reverse_duplicates", Run: ids(T.Filter(orm.Q{"book__author__name": "John Doe"}))},
		{Name: "exclude_m2m", Run: ids(B.Exclude(orm.Q{"tags__name": "classic"}))},
		{Name: "isnull_m2m", Run: ids(B.Filter(orm.Q{"tags__isnull": true}))},
		{Name: "count_m2m_distinct", Run: func(ctx context.Context, _ *orm.DB) (any, error) {
			return B.Filter(orm.Q{"tags__name__in": []any{"fantasy", "classic"}}).Distinct().Count(ctx)
		}},
		{Name: "exists_filter", Run: ids(A.Filter(orm.Exists(B.Filter(orm.Q{"author": orm.OuterRef("pk"), "price__gt": 30}))))},
		{Name: "values_list_distinct_m2m", Run: func(ctx context.Context, _ *orm.DB) (any, error) {
			return A.Filter(orm.Q{"book__tags__name": "classic"}).ValuesList("name").Flat().Distinct().All(ctx)
		}},
		{Name: "annotate_count_values", Run: func(ctx context.Context, _ *orm.DB) (any, error) {
			return A.Annotate(orm.As("n", orm.Count("book"))).OrderBy("id").Values("id", "n").All(ctx)
		}},
		{Name: "m2m_count_values", Run: func(ctx context.Context, _ *orm.DB) (any, error) {
			return T.Annotate(orm.As("n", orm.Count("book"))).OrderBy("name").Values("name", "n").All(ctx)
		}},
		{Name: "agg_across_depth2", Run: func(ctx context.Context, _ *orm.DB) (any, error) {
			return P.Aggregate(ctx, orm.As("total_sales", orm.Sum("author__book__sales_count")), orm.As("n", orm.Count("author__book")))
		}},
	}
}

// Staff asks questions of the staff graph (tools/djangoref/hr): self
// keys both ways and a ManyToMany through the join model inspectdb kept
// (its columns, employee_id and skill_id, are not the ones djorm would
// give dg_employee's join table).
func Staff[Department, Employee, Sale any](db *orm.DB) []Check {
	E := orm.Objects[Employee](db)
	return []Check{
		Count[Department](7), Count[Employee](10), Count[Sale](12),
		{Name: "self key", Python: `Employee.objects.filter(manager__name="Alice")`, Want: `[2,4]`,
			Run: ids(E.Filter(orm.Q{"manager__name": "Alice"}))},
		{Name: "self key twice", Python: `Employee.objects.filter(manager__manager__name="Alice")`, Want: `[3,8,10]`,
			Run: ids(E.Filter(orm.Q{"manager__manager__name": "Alice"}))},
		{Name: "reverse self key", Python: `Employee.objects.filter(reports__name="Carol")`, Want: `[2]`,
			Run: ids(E.Filter(orm.Q{"dgemployee__name": "Carol"}))},
		{Name: "self key of another model", Python: `Employee.objects.filter(department__parent__name="Engineering")`, Want: `[2,3,4,10]`,
			Run: ids(E.Filter(orm.Q{"department__parent__name": "Engineering"}))},
		{Name: "many-to-many through a model", Python: `Employee.objects.filter(skills__name="go")`, Want: `[1,2,8,10]`,
			Run: ids(E.Filter(orm.Q{"skills__name": "go"}))},
	}
}

// Edge asks questions of manage/testdata/djangoschema/edge: a key to a
// non-primary column (to_field) with its own db_column, a one-to-one key
// and its reverse, a join model with an extra column.
func Edge[Country, City, Profile, Trip, Stop any](db *orm.DB) []Check {
	C, S := orm.Objects[City](db), orm.Objects[Stop](db)
	return []Check{
		Count[Country](2), Count[City](3), Count[Profile](1), Count[Trip](2), Count[Stop](4),
		{Name: "key to a unique column", Python: `City.objects.filter(country__name="Norway")`, Want: `[1,3]`,
			Run: ids(C.Filter(orm.Q{"country_code__country_name": "Norway"}))},
		{Name: "key value is the target column", Python: `City.objects.order_by("id").values_list("country", flat=True)`,
			Want: `["NO","IT","NO"]`, Ordered: true, Run: func(ctx context.Context, _ *orm.DB) (any, error) {
				return C.OrderBy("id").ValuesList("country_code").Flat().All(ctx)
			}},
		{Name: "reverse one-to-one", Python: `City.objects.filter(profile__motto="fjords")`, Want: `[1]`,
			Run: ids(C.Filter(orm.Q{"edgeprofile__motto": "fjords"}))},
		{Name: "join model", Python: `Stop.objects.filter(trip__name="Grand").order_by("position").values_list("city__name", flat=True)`,
			Want: `["Rome","Oslo"]`, Ordered: true, Run: func(ctx context.Context, _ *orm.DB) (any, error) {
				return S.Filter(orm.Q{"trip__name": "Grand"}).OrderBy("position").ValuesList("city__name").Flat().All(ctx)
			}},
	}
}
