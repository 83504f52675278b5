package orm_test

import (
	"context"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Lookups, relations, Q and F, exclude: cases of reference.json (see reference_test.go).
var referenceLookupCases = []refCase{
	// Book.objects.filter(title="Go Concurrency")
	// rule: same answer on both reference backends
	{name: "exact_title", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title": "Go Concurrency"}))
	}},
	// Book.objects.filter(author=1)
	// rule: same answer on both reference backends
	{name: "exact_fk_id", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author": 1}))
	}},
	// Book.objects.filter(author_id=2)
	// rule: same answer on both reference backends
	{name: "exact_fk_attname", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author_id": 2}))
	}},
	// Author.objects.filter(rating=None)
	// rule: same answer on both reference backends
	{name: "exact_none_is_null", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"rating": nil}))
	}},
	// Book.objects.filter(is_published=False)
	// rule: same answer on both reference backends
	{name: "exact_bool_false", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"is_published": false}))
	}},
	// Review.objects.filter(comment="")
	// rule: same answer on both reference backends
	{name: "exact_empty_text", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Review](db).Filter(orm.Q{"comment": ""}))
	}},
	// Book.objects.filter(title__iexact="go concurrency")
	// rule: same answer on both reference backends
	{name: "iexact_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__iexact": "go concurrency"}))
	}},
	// Publisher.objects.filter(name__iexact="ÜNÏCODE PRESS")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "iexact_non_ascii_upper", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Publisher](db).Filter(orm.Q{"name__iexact": "ÜNÏCODE PRESS"}))
	}},
	// Tag.objects.filter(name__iexact="été")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "iexact_non_ascii_tag", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Tag](db).Filter(orm.Q{"name__iexact": "été"}))
	}},
	// Author.objects.filter(rating__iexact=None)
	// rule: same answer on both reference backends
	{name: "iexact_none", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"rating__iexact": nil}))
	}},
	// Book.objects.filter(title__contains="ORM")
	// rule: same answer on both reference backends
	{name: "contains_upper", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__contains": "ORM"}))
	}},
	// Book.objects.filter(title__contains="orm")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "contains_lower_case_sensitivity", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__contains": "orm"}))
	}},
	// Book.objects.filter(title__contains="été")
	// rule: same answer on both reference backends
	{name: "contains_non_ascii_case", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__contains": "été"}))
	}},
	// Book.objects.filter(title__icontains="fantasy")
	// rule: same answer on both reference backends
	{name: "icontains_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__icontains": "fantasy"}))
	}},
	// Book.objects.filter(title__icontains="été")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "icontains_non_ascii_lower", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__icontains": "été"}))
	}},
	// Book.objects.filter(title__icontains="ÉTÉ")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "icontains_non_ascii_upper", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__icontains": "ÉTÉ"}))
	}},
	// Author.objects.filter(name__icontains="ÉLODIE")
	// rule: same answer on both reference backends
	{name: "icontains_umlaut_author", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"name__icontains": "ÉLODIE"}))
	}},
	// Book.objects.filter(title__icontains="")
	// rule: same answer on both reference backends
	{name: "icontains_empty_string", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__icontains": ""}))
	}},
	// Book.objects.filter(title__contains="%")
	// rule: same answer on both reference backends
	{name: "contains_literal_percent", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__contains": "%"}))
	}},
	// Book.objects.filter(title__contains="_")
	// rule: same answer on both reference backends
	{name: "contains_literal_underscore", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__contains": "_"}))
	}},
	// Author.objects.filter(name__contains="50%")
	// rule: same answer on both reference backends
	{name: "contains_percent_in_name", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"name__contains": "50%"}))
	}},
	// Author.objects.filter(name__contains="_off_")
	// rule: same answer on both reference backends
	{name: "contains_underscores_in_name", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"name__contains": "_off_"}))
	}},
	// Author.objects.filter(name__icontains="% _OFF")
	// rule: same answer on both reference backends
	{name: "icontains_percent_underscore", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"name__icontains": "% _OFF"}))
	}},
	// Book.objects.filter(title__startswith="100%")
	// rule: same answer on both reference backends
	{name: "startswith_percent", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__startswith": "100%"}))
	}},
	// Book.objects.filter(title__startswith="the")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "startswith_case", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__startswith": "the"}))
	}},
	// Book.objects.filter(title__istartswith="the")
	// rule: same answer on both reference backends
	{name: "istartswith_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__istartswith": "the"}))
	}},
	// Book.objects.filter(title__istartswith="été")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "istartswith_non_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__istartswith": "été"}))
	}},
	// Book.objects.filter(title__endswith="ORM")
	// rule: same answer on both reference backends
	{name: "endswith", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__endswith": "ORM"}))
	}},
	// Author.objects.filter(name__endswith="_")
	// rule: same answer on both reference backends
	{name: "endswith_underscore_literal", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"name__endswith": "_"}))
	}},
	// Book.objects.filter(title__iendswith="orm")
	// rule: same answer on both reference backends
	{name: "iendswith", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__iendswith": "orm"}))
	}},
	// Author.objects.filter(name__iendswith="BRÛLÉ")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "iendswith_non_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"name__iendswith": "BRÛLÉ"}))
	}},
	// Book.objects.filter(pk__in=[1, 3, 5])
	// rule: same answer on both reference backends
	{name: "in_ids", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"pk__in": []any{1, 3, 5}}))
	}},
	// Tag.objects.filter(name__in=["classic", "ÉTÉ", "missing"])
	// rule: same answer on both reference backends
	{name: "in_strings", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Tag](db).Filter(orm.Q{"name__in": []any{"classic", "ÉTÉ", "missing"}}))
	}},
	// Book.objects.filter(pk__in=[])
	// rule: same answer on both reference backends
	{name: "in_empty_list", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"pk__in": []any{}}))
	}},
	// Author.objects.filter(rating__in=[None, 5])
	// rule: same answer on both reference backends
	{name: "in_with_none", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"rating__in": []any{nil, 5}}))
	}},
	// Book.objects.filter(price__in=[D("35"), D("12.00"), D("1.00")])
	// rule: same answer on both reference backends
	{name: "in_decimals", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__in": []any{dec("35"), dec("12.00"), dec("1.00")}}))
	}},
	// Book.objects.filter(author__in=Author.objects.filter(publisher__name="Penguin"))
	// rule: same answer on both reference backends
	{name: "in_subquery_model", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author__in": orm.Objects[testkit.Author](db).Filter(orm.Q{"publisher__name": "Penguin"})}))
	}},
	// Author.objects.filter(id__in=Book.objects.filter(price__gt=30).values("author"))
	// rule: same answer on both reference backends
	{name: "in_subquery_values", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"id__in": orm.Objects[testkit.Book](db).Filter(orm.Q{"price__gt": 30}).Values("author")}))
	}},
	// Book.objects.filter(tags__in=Tag.objects.filter(name__startswith="c"))
	// rule: same answer on both reference backends
	{name: "in_subquery_m2m", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"tags__in": orm.Objects[testkit.Tag](db).Filter(orm.Q{"name__startswith": "c"})}))
	}},
	// Book.objects.filter(price__gt=D("25.25"))
	// rule: same answer on both reference backends
	{name: "gt_decimal", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__gt": dec("25.25")}))
	}},
	// Book.objects.filter(price__gte=D("25.25"))
	// rule: same answer on both reference backends
	{name: "gte_decimal", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__gte": dec("25.25")}))
	}},
	// Book.objects.filter(sales_count__lt=120)
	// rule: same answer on both reference backends
	{name: "lt_int", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"sales_count__lt": 120}))
	}},
	// Book.objects.filter(sales_count__lte=120)
	// rule: same answer on both reference backends
	{name: "lte_int", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"sales_count__lte": 120}))
	}},
	// Author.objects.filter(joined_date__gt=date(2021, 6, 30))
	// rule: same answer on both reference backends
	{name: "gt_date", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__gt": day(2021, 6, 30)}))
	}},
	// Book.objects.filter(published_at__gte=dt(2022, 11, 20, 20, 20, 20))
	// rule: same answer on both reference backends
	{name: "gte_datetime", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__gte": dtm(2022, 11, 20, 20, 20, 20)}))
	}},
	// Book.objects.filter(title__gt="Go")
	// rule: same answer on both reference backends
	{name: "gt_string", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__gt": "Go"}))
	}},
	// Book.objects.filter(price__range=(D("10"), D("20")))
	// rule: same answer on both reference backends
	{name: "range_decimal", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"price__range": []any{dec("10"), dec("20")}}))
	}},
	// Book.objects.filter(published_at__range=(dt(2021, 1, 1), dt(2022, 12, 31)))
	// rule: same answer on both reference backends
	{name: "range_datetime", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__range": []any{dtm(2021, 1, 1, 0, 0, 0), dtm(2022, 12, 31, 0, 0, 0)}}))
	}},
	// Author.objects.filter(joined_date__range=(date(2021, 6, 30), date(2022, 11, 20)))
	// rule: same answer on both reference backends
	{name: "range_date", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__range": []any{day(2021, 6, 30), day(2022, 11, 20)}}))
	}},
	// Book.objects.filter(published_at__isnull=True)
	// rule: same answer on both reference backends
	{name: "isnull_true_datetime", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__isnull": true}))
	}},
	// Book.objects.filter(editor__isnull=True)
	// rule: same answer on both reference backends
	{name: "isnull_true_fk", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"editor__isnull": true}))
	}},
	// Author.objects.filter(rating__isnull=False)
	// rule: same answer on both reference backends
	{name: "isnull_false_int", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"rating__isnull": false}))
	}},
	// Author.objects.filter(books__isnull=True)
	// rule: same answer on both reference backends
	{name: "isnull_reverse_fk", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__isnull": true}))
	}},
	// Book.objects.filter(tags__isnull=True)
	// rule: same answer on both reference backends
	{name: "isnull_m2m", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"tags__isnull": true}))
	}},
	// Book.objects.filter(title__regex=r"^[A-Z][a-z]+ [A-Z]")
	// rule: same answer on both reference backends
	{name: "regex", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__regex": "^[A-Z][a-z]+ [A-Z]"}))
	}},
	// Book.objects.filter(title__regex=r"[0-9]+%")
	// rule: same answer on both reference backends
	{name: "regex_literal_percent", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__regex": "[0-9]+%"}))
	}},
	// Book.objects.filter(title__regex=r"^the")
	// rule: same answer on both reference backends
	{name: "regex_case_sensitive", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__regex": "^the"}))
	}},
	// Book.objects.filter(title__iregex=r"^the")
	// rule: same answer on both reference backends
	{name: "iregex", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__iregex": "^the"}))
	}},
	// Book.objects.filter(title__iregex=r"^été")
	// rule: same answer on both reference backends
	{name: "iregex_non_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"title__iregex": "^été"}))
	}},
	// Author.objects.filter(name__iregex=r"(doe|roe)$")
	// rule: same answer on both reference backends
	{name: "iregex_alternation", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"name__iregex": "(doe|roe)$"}))
	}},
	// Book.objects.filter(author__joined_date__year=2021)
	// rule: same answer on both reference backends
	{name: "fk_date_year", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author__joined_date__year": 2021}))
	}},
	// Book.objects.filter(author__joined_date__month__gte=6)
	// rule: same answer on both reference backends
	{name: "fk_date_month_gte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author__joined_date__month__gte": 6}))
	}},
	// Book.objects.filter(author__joined_date__week_day=6)
	// rule: same answer on both reference backends
	{name: "fk_date_week_day", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author__joined_date__week_day": 6}))
	}},
	// Author.objects.filter(books__published_at__year=2022).distinct()
	// rule: same answer on both reference backends
	{name: "reverse_fk_dt_year_distinct", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__published_at__year": 2022}).Distinct())
	}},
	// Author.objects.filter(books__published_at__quarter=3)
	// rule: same answer on both reference backends
	{name: "reverse_fk_dt_quarter", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__published_at__quarter": 3}))
	}},
	// Book.objects.filter(author__publisher__name="Penguin")
	// rule: same answer on both reference backends
	{name: "fk_depth2_exact", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author__publisher__name": "Penguin"}))
	}},
	// Book.objects.filter(author__publisher__name__icontains="ünï")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "fk_depth2_icontains_non_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author__publisher__name__icontains": "ünï"}))
	}},
	// Book.objects.filter(author__publisher__isnull=True)
	// rule: same answer on both reference backends
	{name: "fk_depth2_isnull", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author__publisher__isnull": true}))
	}},
	// Book.objects.filter(editor__publisher__name="Penguin")
	// rule: same answer on both reference backends
	{name: "fk_nullable_traversal", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"editor__publisher__name": "Penguin"}))
	}},
	// Publisher.objects.filter(authors__books__title__icontains="fantasy")
	// rule: same answer on both reference backends
	{name: "reverse_depth2_duplicates", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Publisher](db).Filter(orm.Q{"authors__books__title__icontains": "fantasy"}))
	}},
	// Publisher.objects.filter(authors__books__title__icontains="fantasy").distinct()
	// rule: same answer on both reference backends
	{name: "reverse_depth2_distinct", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Publisher](db).Filter(orm.Q{"authors__books__title__icontains": "fantasy"}).Distinct())
	}},
	// Publisher.objects.filter(authors__books__price__gt=30).distinct()
	// rule: same answer on both reference backends
	{name: "reverse_depth2_price", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Publisher](db).Filter(orm.Q{"authors__books__price__gt": 30}).Distinct())
	}},
	// Publisher.objects.filter(authors__books__reviews__stars=5)
	// rule: same answer on both reference backends
	{name: "reverse_depth3_reviews", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Publisher](db).Filter(orm.Q{"authors__books__reviews__stars": 5}))
	}},
	// Author.objects.filter(edited_books__isnull=False).distinct()
	// rule: same answer on both reference backends
	{name: "reverse_related_name_edited", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"edited_books__isnull": false}).Distinct())
	}},
	// Book.objects.filter(author=F("editor"))
	// rule: same answer on both reference backends
	{name: "fk_self_compare_f", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author": orm.F("editor")}))
	}},
	// Book.objects.filter(author__pk__gt=2)
	// rule: same answer on both reference backends
	{name: "fk_pk_gt", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"author__pk__gt": 2}))
	}},
	// Author.objects.filter(rating__lt=5)
	// rule: same answer on both reference backends
	{name: "filter_rating_not_5_via_lt", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"rating__lt": 5}))
	}},
	// Author.objects.exclude(rating=5)
	// rule: same answer on both reference backends
	{name: "exclude_rating_eq_includes_null", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Exclude(orm.Q{"rating": 5}))
	}},
	// Author.objects.filter(~Q(rating=5))
	// rule: same answer on both reference backends
	{name: "filter_not_q_rating_eq", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Not(orm.Q{"rating": 5})))
	}},
	// Author.objects.exclude(rating__gte=4)
	// rule: same answer on both reference backends
	{name: "exclude_rating_gte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Exclude(orm.Q{"rating__gte": 4}))
	}},
	// Author.objects.exclude(rating=None)
	// rule: same answer on both reference backends
	{name: "exclude_rating_none", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Exclude(orm.Q{"rating": nil}))
	}},
	// Book.objects.exclude(editor=2)
	// rule: same answer on both reference backends
	{name: "exclude_editor_id", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Exclude(orm.Q{"editor": 2}))
	}},
	// Book.objects.exclude(editor__name="Jane Roe")
	// rule: same answer on both reference backends
	{name: "exclude_editor_name", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Exclude(orm.Q{"editor__name": "Jane Roe"}))
	}},
	// Book.objects.filter(~Q(editor__name="Jane Roe"), editor__isnull=False)
	// rule: same answer on both reference backends
	{name: "filter_editor_name_ne_via_q", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Not(orm.Q{"editor__name": "Jane Roe"}), orm.Q{"editor__isnull": false}))
	}},
	// Book.objects.exclude(published_at__year=2021)
	// rule: same answer on both reference backends
	{name: "exclude_published_year", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Exclude(orm.Q{"published_at__year": 2021}))
	}},
	// Book.objects.exclude(published_at__gt=dt(2022, 1, 1))
	// rule: same answer on both reference backends
	{name: "exclude_published_gt", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Exclude(orm.Q{"published_at__gt": dtm(2022, 1, 1, 0, 0, 0)}))
	}},
	// Book.objects.filter(published_at__lte=dt(2022, 1, 1))
	// rule: same answer on both reference backends
	{name: "filter_published_lte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__lte": dtm(2022, 1, 1, 0, 0, 0)}))
	}},
	// Author.objects.exclude(books__title__icontains="fantasy")
	// rule: same answer on both reference backends
	{name: "exclude_multi_valued_icontains", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Exclude(orm.Q{"books__title__icontains": "fantasy"}))
	}},
	// Author.objects.exclude(books__price__gt=30)
	// rule: same answer on both reference backends
	{name: "exclude_multi_valued_price", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Exclude(orm.Q{"books__price__gt": 30}))
	}},
	// Author.objects.exclude(books__editor__isnull=True)
	// rule: same answer on both reference backends
	{name: "exclude_multi_valued_isnull", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Exclude(orm.Q{"books__editor__isnull": true}))
	}},
	// Author.objects.exclude(books__price__gt=30, books__sales_count__lt=1000)
	// rule: same answer on both reference backends
	{name: "exclude_multi_valued_two_conditions", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Exclude(orm.Q{"books__price__gt": 30, "books__sales_count__lt": 1000}))
	}},
	// Publisher.objects.exclude(authors__rating=None)
	// rule: same answer on both reference backends
	{name: "exclude_reverse_nullable_rating", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Publisher](db).Exclude(orm.Q{"authors__rating": nil}))
	}},
	// Book.objects.exclude(tags__name="classic")
	// rule: same answer on both reference backends
	{name: "exclude_m2m", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Exclude(orm.Q{"tags__name": "classic"}))
	}},
	// Author.objects.filter(books__title__icontains="django", books__published_at__year=2020)
	// rule: same answer on both reference backends
	{name: "mv_single_filter", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__title__icontains": "django", "books__published_at__year": 2020}))
	}},
	// Author.objects.filter(books__title__icontains="django").filter(books__published_at__year=2020)
	// rule: same answer on both reference backends
	{name: "mv_chained_filter", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__title__icontains": "django"}).Filter(orm.Q{"books__published_at__year": 2020}))
	}},
	// Author.objects.filter(books__price__gt=10, books__price__lt=100)
	// rule: same answer on both reference backends
	{name: "mv_single_filter_rows", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__price__gt": 10, "books__price__lt": 100}))
	}},
	// Author.objects.filter(books__price__gt=10).filter(books__price__lt=100)
	// rule: same answer on both reference backends
	{name: "mv_chained_filter_rows", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__price__gt": 10}).Filter(orm.Q{"books__price__lt": 100}))
	}},
	// Author.objects.filter(books__price__gt=10, books__price__lt=100).count()
	// rule: same answer on both reference backends
	{name: "mv_single_filter_count", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return num(orm.Objects[testkit.Author](db).Filter(orm.Q{"books__price__gt": 10, "books__price__lt": 100}).Count(ctx))
	}},
	// Author.objects.filter(books__price__gt=10).filter(books__price__lt=100).count()
	// rule: same answer on both reference backends
	{name: "mv_chained_filter_count", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return num(orm.Objects[testkit.Author](db).Filter(orm.Q{"books__price__gt": 10}).Filter(orm.Q{"books__price__lt": 100}).Count(ctx))
	}},
	// Author.objects.filter(books__price__gt=10).filter(books__price__lt=100).distinct().count()
	// rule: same answer on both reference backends
	{name: "mv_chained_filter_distinct_count", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return num(orm.Objects[testkit.Author](db).Filter(orm.Q{"books__price__gt": 10}).Filter(orm.Q{"books__price__lt": 100}).Distinct().Count(ctx))
	}},
	// Book.objects.filter(tags__name="fantasy").filter(tags__name="classic")
	// rule: same answer on both reference backends
	{name: "m2m_chained_and", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"tags__name": "fantasy"}).Filter(orm.Q{"tags__name": "classic"}))
	}},
	// Book.objects.filter(tags__name="fantasy", tags__name__startswith="c")
	// rule: same answer on both reference backends
	{name: "m2m_single_and_impossible", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"tags__name": "fantasy", "tags__name__startswith": "c"}))
	}},
	// Book.objects.filter(Q(price__lt=15) | Q(sales_count__gt=1000))
	// rule: same answer on both reference backends
	{name: "q_or", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Or(orm.Q{"price__lt": 15}, orm.Q{"sales_count__gt": 1000})))
	}},
	// Book.objects.filter(Q(is_published=True) & ~Q(author__name="John Doe"))
	// rule: same answer on both reference backends
	{name: "q_and_not", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.And(orm.Q{"is_published": true}, orm.Not(orm.Q{"author__name": "John Doe"}))))
	}},
	// Book.objects.filter(~Q(is_published=True) | Q(editor__isnull=True))
	// rule: same answer on both reference backends
	{name: "q_not_or_isnull", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Or(orm.Not(orm.Q{"is_published": true}), orm.Q{"editor__isnull": true})))
	}},
	// Book.objects.filter((Q(author__name="John Doe") | Q(author__name="Jane Roe")) & ~Q(price__gt=100))
	// rule: same answer on both reference backends
	{name: "q_nested", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.And(orm.Or(orm.Q{"author__name": "John Doe"}, orm.Q{"author__name": "Jane Roe"}), orm.Not(orm.Q{"price__gt": 100}))))
	}},
	// Book.objects.filter(Q(Q(price__lt=20) & ~Q(tags__name="ÉTÉ")) | Q(Q(sales_count__gte=1500) & Q(published_at__year__lt=2022)))
	// rule: same answer on both reference backends
	{name: "q_nested_deep", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Or(orm.And(orm.Q{"price__lt": 20}, orm.Not(orm.Q{"tags__name": "ÉTÉ"})), orm.And(orm.Q{"sales_count__gte": 1500}, orm.Q{"published_at__year__lt": 2022}))))
	}},
	// Author.objects.filter(Q(books__price__gt=100) | Q(rating__gte=4))
	// rule: same answer on both reference backends
	{name: "q_or_multi_valued_duplicates", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Or(orm.Q{"books__price__gt": 100}, orm.Q{"rating__gte": 4})))
	}},
	// Book.objects.filter(Q())
	// rule: same answer on both reference backends
	{name: "q_empty", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{}))
	}},
	// Book.objects.filter(Q(pk__in=[]) | Q(title="Go Concurrency"))
	// rule: same answer on both reference backends
	{name: "q_or_with_empty_in", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Or(orm.Q{"pk__in": []any{}}, orm.Q{"title": "Go Concurrency"})))
	}},
	// Book.objects.filter(~Q(pk__in=[]))
	// rule: same answer on both reference backends
	{name: "q_not_empty_in", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Not(orm.Q{"pk__in": []any{}})))
	}},
	// Book.objects.filter(Q(price__gt=15) | Q(stock_level=0), is_published=True)
	// rule: same answer on both reference backends
	{name: "q_kwargs_and_q", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Or(orm.Q{"price__gt": 15}, orm.Q{"stock_level": 0}), orm.Q{"is_published": true}))
	}},
	// Book.objects.filter(sales_count__gt=F("stock_level") * 100)
	// rule: same answer on both reference backends
	{name: "f_compare_mul", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"sales_count__gt": orm.F("stock_level").Mul(100)}))
	}},
	// Book.objects.filter(stock_level__lt=F("sales_count") / 100)
	// rule: same answer on both reference backends
	{name: "f_compare_int_div", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"stock_level__lt": orm.F("sales_count").Div(100)}))
	}},
	// Book.objects.filter(stock_level__gt=F("author__rating"))
	// rule: same answer on both reference backends
	{name: "f_compare_fields", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"stock_level__gt": orm.F("author__rating")}))
	}},
	// Book.objects.annotate(diff=F("sales_count") - F("stock_level")).filter(diff__gt=500)
	// rule: same answer on both reference backends
	{name: "f_annotate_diff_filter", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Annotate(orm.As("diff", orm.F("sales_count").Sub(orm.F("stock_level")))).Filter(orm.Q{"diff__gt": 500}))
	}},
	// Book.objects.annotate(revenue=ExpressionWrapper(F("price") * F("sales_count"), output_field=DecimalField(max_digits=12, decimal_places=2))).order_by("id").values("id", "revenue")
	// rule: PostgreSQL answer, compared numerically (SQLite differs only in decimal scale or float rounding)
	{name: "f_annotate_revenue", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Book](db).Annotate(orm.As("revenue", orm.ExpressionWrapper(orm.F("price").Mul(orm.F("sales_count")), "DecimalField"))).OrderBy("id").Values("id", "revenue"))
	}},
	// Book.objects.annotate(x=(F("sales_count") + F("stock_level")) * 2 - 1, y=F("sales_count") % 7).order_by("id").values("id", "x", "y")
	// rule: same answer on both reference backends
	{name: "f_int_arith_values", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Book](db).Annotate(orm.As("x", orm.F("sales_count").Add(orm.F("stock_level")).Mul(2).Sub(1)), orm.As("y", orm.F("sales_count").Mod(7))).OrderBy("id").Values("id", "x", "y"))
	}},
	// Book.objects.filter(tags__name__in=["fantasy", "classic"])
	// rule: same answer on both reference backends
	{name: "m2m_in_duplicates", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"tags__name__in": []any{"fantasy", "classic"}}))
	}},
	// Book.objects.order_by("id")[3]
	// rule: same answer on both reference backends
	{name: "index_single", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return inst(one(ctx, orm.Objects[testkit.Book](db).OrderBy("id").Slice(3, 4)))
	}},
	// Author.objects.filter(books__price__gt=20).annotate(n=Count("books")).order_by("id").values("id", "n")
	// rule: same answer on both reference backends
	{name: "filter_before_annotate", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__price__gt": 20}).Annotate(orm.As("n", orm.Count("books"))).OrderBy("id").Values("id", "n"))
	}},
	// Author.objects.annotate(n=Count("books")).filter(books__price__gt=20).order_by("id").values("id", "n")
	// rule: same answer on both reference backends
	{name: "filter_after_annotate", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Author](db).Annotate(orm.As("n", orm.Count("books"))).Filter(orm.Q{"books__price__gt": 20}).OrderBy("id").Values("id", "n"))
	}},
	// Author.objects.filter(~Exists(Book.objects.filter(author=OuterRef("pk"))))
	// rule: same answer on both reference backends
	{name: "not_exists_filter", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Not(orm.Exists(orm.Objects[testkit.Book](db).Filter(orm.Q{"author": orm.OuterRef("pk")})))))
	}},
	// Book.objects.filter(tags__name="classic")
	// rule: same answer on both reference backends
	{name: "m2m_tag_name", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"tags__name": "classic"}))
	}},
	// Book.objects.filter(tags__name__iexact="été")
	// rule: PostgreSQL answer on every backend (SQLite's Django differs: ASCII-only case folding / case-insensitive LIKE)
	{name: "m2m_tag_iexact_non_ascii", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"tags__name__iexact": "été"}))
	}},
	// Book.objects.filter(tags=3)
	// rule: same answer on both reference backends
	{name: "m2m_pk", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"tags": 3}))
	}},
	// Author.objects.filter(books__tags__name="classic")
	// rule: same answer on both reference backends
	{name: "m2m_depth2_reverse", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__tags__name": "classic"}))
	}},
	// Author.objects.filter(books__tags__name="sci-fi").distinct()
	// rule: same answer on both reference backends
	{name: "m2m_depth2_reverse_distinct", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"books__tags__name": "sci-fi"}).Distinct())
	}},
	// Tag.objects.filter(books__author__publisher__name="Tor").distinct()
	// rule: same answer on both reference backends
	{name: "m2m_reverse_to_fk_depth2", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Tag](db).Filter(orm.Q{"books__author__publisher__name": "Tor"}).Distinct())
	}},
	// Tag.objects.filter(books__author__name="John Doe")
	// rule: same answer on both reference backends
	{name: "m2m_reverse_duplicates", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Tag](db).Filter(orm.Q{"books__author__name": "John Doe"}))
	}},
	// Tag.objects.filter(books__isnull=True)
	// rule: same answer on both reference backends
	{name: "m2m_reverse_isnull", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Tag](db).Filter(orm.Q{"books__isnull": true}))
	}},
	// Tag.objects.annotate(n=Count("books")).order_by("name").values("name", "n")
	// rule: same answer on both reference backends
	{name: "m2m_count_values", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Tag](db).Annotate(orm.As("n", orm.Count("books"))).OrderBy("name").Values("name", "n"))
	}},
}
