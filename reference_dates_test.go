package orm_test

import (
	"context"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Date and datetime lookups, Trunc and Extract: cases of reference.json (see reference_test.go).
var referenceDateCases = []refCase{
	// Book.objects.filter(published_at__date=date(2021, 1, 10))
	// rule: same answer on both reference backends
	{name: "dt_date", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__date": day(2021, 1, 10)}))
	}},
	// Book.objects.filter(published_at__date__gt=date(2022, 5, 1))
	// rule: same answer on both reference backends
	{name: "dt_date_gt", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__date__gt": day(2022, 5, 1)}))
	}},
	// Book.objects.filter(published_at__date__range=(date(2020, 12, 31), date(2021, 6, 30)))
	// rule: same answer on both reference backends
	{name: "dt_date_range", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__date__range": []any{day(2020, 12, 31), day(2021, 6, 30)}}))
	}},
	// Book.objects.filter(published_at__year=2021)
	// rule: same answer on both reference backends
	{name: "dt_year", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__year": 2021}))
	}},
	// Book.objects.filter(published_at__year__gte=2022)
	// rule: same answer on both reference backends
	{name: "dt_year_gte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__year__gte": 2022}))
	}},
	// Book.objects.filter(published_at__year__lt=2021)
	// rule: same answer on both reference backends
	{name: "dt_year_lt", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__year__lt": 2021}))
	}},
	// Book.objects.filter(published_at__year__in=[2020, 2023])
	// rule: same answer on both reference backends
	{name: "dt_year_in", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__year__in": []any{2020, 2023}}))
	}},
	// Book.objects.filter(published_at__iso_year=2020)
	// rule: same answer on both reference backends
	{name: "dt_iso_year", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__iso_year": 2020}))
	}},
	// Book.objects.filter(published_at__month=11)
	// rule: same answer on both reference backends
	{name: "dt_month", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__month": 11}))
	}},
	// Book.objects.filter(published_at__month__in=[1, 7])
	// rule: same answer on both reference backends
	{name: "dt_month_in", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__month__in": []any{1, 7}}))
	}},
	// Book.objects.filter(published_at__day=31)
	// rule: same answer on both reference backends
	{name: "dt_day", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__day": 31}))
	}},
	// Book.objects.filter(published_at__day__lte=10)
	// rule: same answer on both reference backends
	{name: "dt_day_lte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__day__lte": 10}))
	}},
	// Book.objects.filter(published_at__week=53)
	// rule: same answer on both reference backends
	{name: "dt_week", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__week": 53}))
	}},
	// Book.objects.filter(published_at__week__gte=26)
	// rule: same answer on both reference backends
	{name: "dt_week_gte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__week__gte": 26}))
	}},
	// Book.objects.filter(published_at__week_day=1)
	// rule: same answer on both reference backends
	{name: "dt_week_day", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__week_day": 1}))
	}},
	// Book.objects.filter(published_at__week_day__in=[5, 6])
	// rule: same answer on both reference backends
	{name: "dt_week_day_in", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__week_day__in": []any{5, 6}}))
	}},
	// Book.objects.filter(published_at__iso_week_day=7)
	// rule: same answer on both reference backends
	{name: "dt_iso_week_day", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__iso_week_day": 7}))
	}},
	// Book.objects.filter(published_at__iso_week_day__lt=5)
	// rule: same answer on both reference backends
	{name: "dt_iso_week_day_lt", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__iso_week_day__lt": 5}))
	}},
	// Book.objects.filter(published_at__quarter=4)
	// rule: same answer on both reference backends
	{name: "dt_quarter", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__quarter": 4}))
	}},
	// Book.objects.filter(published_at__time=time(12, 0))
	// rule: same answer on both reference backends
	{name: "dt_time", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__time": tod(12, 0, 0)}))
	}},
	// Book.objects.filter(published_at__time__gte=time(18, 0))
	// rule: same answer on both reference backends
	{name: "dt_time_gte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__time__gte": tod(18, 0, 0)}))
	}},
	// Book.objects.filter(published_at__hour=0)
	// rule: same answer on both reference backends
	{name: "dt_hour", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__hour": 0}))
	}},
	// Book.objects.filter(published_at__hour__gte=20)
	// rule: same answer on both reference backends
	{name: "dt_hour_gte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__hour__gte": 20}))
	}},
	// Book.objects.filter(published_at__minute=59)
	// rule: same answer on both reference backends
	{name: "dt_minute", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__minute": 59}))
	}},
	// Book.objects.filter(published_at__minute__range=(10, 30))
	// rule: same answer on both reference backends
	{name: "dt_minute_range", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__minute__range": []any{10, 30}}))
	}},
	// Book.objects.filter(published_at__second=20)
	// rule: same answer on both reference backends
	{name: "dt_second", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__second": 20}))
	}},
	// Book.objects.exclude(published_at__hour=0)
	// rule: same answer on both reference backends
	{name: "dt_exclude_hour_keeps_null", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Exclude(orm.Q{"published_at__hour": 0}))
	}},
	// Author.objects.filter(joined_date__year=2021)
	// rule: same answer on both reference backends
	{name: "date_year", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__year": 2021}))
	}},
	// Author.objects.filter(joined_date__month__gte=6)
	// rule: same answer on both reference backends
	{name: "date_month_gte", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__month__gte": 6}))
	}},
	// Author.objects.filter(joined_date__week_day=7)
	// rule: same answer on both reference backends
	{name: "date_week_day", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__week_day": 7}))
	}},
	// Author.objects.filter(joined_date__iso_week_day=5)
	// rule: same answer on both reference backends
	{name: "date_iso_week_day", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__iso_week_day": 5}))
	}},
	// Author.objects.filter(joined_date__quarter=1)
	// rule: same answer on both reference backends
	{name: "date_quarter", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__quarter": 1}))
	}},
	// Author.objects.filter(joined_date__week=11)
	// rule: same answer on both reference backends
	{name: "date_week", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__week": 11}))
	}},
	// Author.objects.filter(joined_date__iso_year__gte=2022)
	// rule: same answer on both reference backends
	{name: "date_iso_year", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__iso_year__gte": 2022}))
	}},
	// Author.objects.filter(joined_date__day=15)
	// rule: same answer on both reference backends
	{name: "date_day", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Author](db).Filter(orm.Q{"joined_date__day": 15}))
	}},
	// Book.objects.filter(published_at__date__gt=F("author__joined_date"))
	// rule: same answer on both reference backends
	{name: "dt_date_gt_fk_field", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__date__gt": orm.F("author__joined_date")}))
	}},
	// Book.objects.annotate(m=TruncMonth("published_at")).values("m").annotate(n=Count("id")).order_by("m")
	// rule: NULL placement differs: sqlite/mysql expect result_sqlite, postgres result_postgres
	{name: "trunc_month_count", nulls: true, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Book](db).Annotate(orm.As("m", functions.TruncMonth("published_at"))).Values("m").Annotate(orm.As("n", orm.Count("id"))).OrderBy("m"))
	}},
	// Book.objects.filter(published_at__isnull=False).annotate(y=TruncYear("published_at")).values("y").annotate(n=Count("id"), s=Sum("sales_count")).order_by("y")
	// rule: same answer on both reference backends
	{name: "trunc_year_count", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Book](db).Filter(orm.Q{"published_at__isnull": false}).Annotate(orm.As("y", functions.TruncYear("published_at"))).Values("y").Annotate(orm.As("n", orm.Count("id")), orm.As("s", orm.Sum("sales_count"))).OrderBy("y"))
	}},
	// Author.objects.annotate(y=TruncYear("joined_date")).values("y").annotate(n=Count("id")).order_by("y")
	// rule: same answer on both reference backends
	{name: "trunc_year_datefield", temporal: map[string]string{"y": "date"}, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Author](db).Annotate(orm.As("y", functions.TruncYear("joined_date"))).Values("y").Annotate(orm.As("n", orm.Count("id"))).OrderBy("y"))
	}},
	// Book.objects.annotate(y=ExtractYear("published_at"), iy=ExtractIsoYear("published_at"), w=ExtractWeek("published_at"), wd=ExtractWeekDay("published_at"), iwd=ExtractIsoWeekDay("published_at"), q=ExtractQuarter("published_at"), d=TruncDate("published_at"), t=TruncTime("published_at")).order_by("id").values("id", "y", "iy", "w", "wd", "iwd", "q", "d", "t")
	// rule: same answer on both reference backends
	{name: "extract_values_per_row", temporal: map[string]string{"d": "date", "t": "time"}, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Book](db).Annotate(orm.As("y", functions.ExtractYear("published_at")), orm.As("iy", functions.ExtractIsoYear("published_at")), orm.As("w", functions.ExtractWeek("published_at")), orm.As("wd", functions.ExtractWeekDay("published_at")), orm.As("iwd", functions.ExtractIsoWeekDay("published_at")), orm.As("q", functions.ExtractQuarter("published_at")), orm.As("d", functions.TruncDate("published_at")), orm.As("t", functions.TruncTime("published_at"))).OrderBy("id").Values("id", "y", "iy", "w", "wd", "iwd", "q", "d", "t"))
	}},
	// Author.objects.annotate(iy=ExtractIsoYear("joined_date"), w=ExtractWeek("joined_date"), wd=ExtractWeekDay("joined_date"), iwd=ExtractIsoWeekDay("joined_date"), q=ExtractQuarter("joined_date"), m=TruncMonth("joined_date")).order_by("id").values("id", "iy", "w", "wd", "iwd", "q", "m")
	// rule: same answer on both reference backends
	{name: "extract_values_datefield", temporal: map[string]string{"m": "date"}, run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Author](db).Annotate(orm.As("iy", functions.ExtractIsoYear("joined_date")), orm.As("w", functions.ExtractWeek("joined_date")), orm.As("wd", functions.ExtractWeekDay("joined_date")), orm.As("iwd", functions.ExtractIsoWeekDay("joined_date")), orm.As("q", functions.ExtractQuarter("joined_date")), orm.As("m", functions.TruncMonth("joined_date"))).OrderBy("id").Values("id", "iy", "w", "wd", "iwd", "q", "m"))
	}},
	// Book.objects.annotate(d=TruncDate("published_at")).filter(d=date(2022, 11, 20))
	// rule: same answer on both reference backends
	{name: "trunc_date_filter", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return ids(ctx, orm.Objects[testkit.Book](db).Annotate(orm.As("d", functions.TruncDate("published_at"))).Filter(orm.Q{"d": day(2022, 11, 20)}))
	}},
	// Book.objects.annotate(y=ExtractYear("published_at")).values("y").annotate(n=Count("id")).order_by(F("y").asc(nulls_first=True))
	// rule: same answer on both reference backends
	{name: "extract_year_group", run: func(ctx context.Context, db *orm.DB) (any, error) {
		return rows(ctx, orm.Objects[testkit.Book](db).Annotate(orm.As("y", functions.ExtractYear("published_at"))).Values("y").Annotate(orm.As("n", orm.Count("id"))).OrderBy(orm.F("y").Asc().NullsFirst()))
	}},
}
