package djangosuite

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// Ports of Django's tests/expressions/tests.py: FTimeDeltaTests.

// ftData is FTimeDeltaTests.setUpTestData.
type ftData struct {
	sday, stime              time.Time
	deltas, delays, daysLong []time.Duration
	expnames                 []string
}

func loadFTimeDelta(t *testing.T, db *orm.DB) *ftData {
	t.Helper()
	exprTables(t, db)
	ctx := context.Background()
	day := 24 * time.Hour
	d := &ftData{sday: time.Date(2010, 6, 25, 0, 0, 0, 0, time.UTC), stime: time.Date(2010, 6, 25, 12, 15, 30, 747000000, time.UTC)}
	date := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	add := func(name string, assigned time.Time, delay, delta, estimated time.Duration) {
		start := d.stime.Add(delay)
		end := start.Add(delta)
		e := &ExprExperiment{Name: name, Assigned: assigned, Start: start, End: end, Completed: date(end), EstimatedTime: estimated}
		exprMust(t, db.Create(ctx, e))
		d.deltas = append(d.deltas, delta)
		d.delays = append(d.delays, e.Start.Sub(assigned))
		d.daysLong = append(d.daysLong, e.Completed.Sub(e.Assigned))
	}
	add("e0", d.sday, 0, 0, 0)
	add("e1", d.sday, day, 253*time.Millisecond, 253*time.Millisecond)
	add("e2", d.sday.Add(-3*day), 0, 44*time.Second, time.Hour)
	add("e3", d.sday, 4*day, 21*time.Hour+8*time.Minute, 21*time.Hour+8*time.Minute)
	add("e4", d.sday.Add(-10*day), 0, 10*day, 9*day)
	add("e5", d.sday, 30*day, 90*day, 90*day)
	d.expnames = []string{"e0", "e1", "e2", "e3", "e4", "e5"}
	return d
}

// expNames lists the experiment names of qs (ordered by name, the model's
// ordering), as Django's "[e.name for e in qs]".
func expNames(qs *orm.QuerySet[*ExprExperiment]) string {
	rows, err := qs.ValuesList("name").Flat().All(context.Background())
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(rows)
}

func namesOf(names []string) string {
	if len(names) == 0 {
		return "[]"
	}
	return "[" + strings.Join(names, " ") + "]"
}

func experiments(db *orm.DB) *orm.QuerySet[*ExprExperiment] { return orm.Objects[ExprExperiment](db) }

func TestExpressions_FTimeDeltaTests_test_query_clone(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		ctx := context.Background()
		qs := experiments(db).Filter(orm.Q{"end__lt": orm.F("start").Add(time.Hour)})
		qs2 := qs.Filter()
		_, err1 := qs.All(ctx)
		_, err2 := qs2.All(ctx)
		if err1 != nil || err2 != nil {
			t.Errorf("%v, %v", err1, err2)
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_delta_add(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadFTimeDelta(t, db)
		for i, delta := range d.deltas {
			if got, want := expNames(experiments(db).Filter(orm.Q{"end__lt": orm.F("start").Add(delta)})), namesOf(d.expnames[:i]); got != want {
				t.Errorf("end < start + %v: %s, want %s", delta, got, want)
			}
			if got, want := expNames(experiments(db).Filter(orm.Q{"end__lt": orm.Value(delta).Add(orm.F("start"))})), namesOf(d.expnames[:i]); got != want {
				t.Errorf("end < %v + start: %s, want %s", delta, got, want)
			}
			if got, want := expNames(experiments(db).Filter(orm.Q{"end__lte": orm.F("start").Add(delta)})), namesOf(d.expnames[:i+1]); got != want {
				t.Errorf("end <= start + %v: %s, want %s", delta, got, want)
			}
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_delta_subtract(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadFTimeDelta(t, db)
		for i, delta := range d.deltas {
			if got, want := expNames(experiments(db).Filter(orm.Q{"start__gt": orm.F("end").Sub(delta)})), namesOf(d.expnames[:i]); got != want {
				t.Errorf("start > end - %v: %s, want %s", delta, got, want)
			}
			if got, want := expNames(experiments(db).Filter(orm.Q{"start__gte": orm.F("end").Sub(delta)})), namesOf(d.expnames[:i+1]); got != want {
				t.Errorf("start >= end - %v: %s, want %s", delta, got, want)
			}
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_exclude(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadFTimeDelta(t, db)
		for i, delta := range d.deltas {
			if got, want := expNames(experiments(db).Exclude(orm.Q{"end__lt": orm.F("start").Add(delta)})), namesOf(d.expnames[i:]); got != want {
				t.Errorf("exclude end < start + %v: %s, want %s", delta, got, want)
			}
			if got, want := expNames(experiments(db).Exclude(orm.Q{"end__lte": orm.F("start").Add(delta)})), namesOf(d.expnames[i+1:]); got != want {
				t.Errorf("exclude end <= start + %v: %s, want %s", delta, got, want)
			}
		}
	})
}

// Django runs this case only where supports_mixed_date_datetime_comparisons
// (not SQLite, where Django 3.2 answers as djorm does: a date compared with a
// datetime's text).
func TestExpressions_FTimeDeltaTests_test_mixed_comparisons1(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if db.DriverName() == "sqlite3" {
			t.Skip("Django: skipUnlessDBFeature('supports_mixed_date_datetime_comparisons')")
		}
		d := loadFTimeDelta(t, db)
		for i, delay := range d.delays {
			if got, want := expNames(experiments(db).Filter(orm.Q{"assigned__gt": orm.F("start").Sub(delay)})), namesOf(d.expnames[:i]); got != want {
				t.Errorf("assigned > start - %v: %s, want %s", delay, got, want)
			}
			if got, want := expNames(experiments(db).Filter(orm.Q{"assigned__gte": orm.F("start").Sub(delay)})), namesOf(d.expnames[:i+1]); got != want {
				t.Errorf("assigned >= start - %v: %s, want %s", delay, got, want)
			}
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_mixed_comparisons2(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadFTimeDelta(t, db)
		day := 24 * time.Hour
		for i, delay := range d.delays {
			delay = delay / day * day
			if got, want := expNames(experiments(db).Filter(orm.Q{"start__lt": orm.F("assigned").Add(delay)})), namesOf(d.expnames[:i]); got != want {
				t.Errorf("start < assigned + %v: %s, want %s", delay, got, want)
			}
			if got, want := expNames(experiments(db).Filter(orm.Q{"start__lte": orm.F("assigned").Add(delay).Add(day)})), namesOf(d.expnames[:i+1]); got != want {
				t.Errorf("start <= assigned + %v + 1 day: %s, want %s", delay, got, want)
			}
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_delta_update(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadFTimeDelta(t, db)
		ctx := context.Background()
		for _, delta := range d.deltas {
			before, err := experiments(db).All(ctx)
			exprMust(t, err)
			_, err = experiments(db).Update(ctx, orm.Set{"start": orm.F("start").Add(delta), "end": orm.F("end").Add(delta)})
			exprMust(t, err)
			after, err := experiments(db).All(ctx)
			exprMust(t, err)
			for i := range before {
				if !after[i].Start.Equal(before[i].Start.Add(delta)) || !after[i].End.Equal(before[i].End.Add(delta)) {
					t.Errorf("%s + %v: start %v end %v, want %v %v", before[i].Name, delta, after[i].Start, after[i].End,
						before[i].Start.Add(delta), before[i].End.Add(delta))
				}
			}
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_datetime_and_durationfield_addition_with_filter(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		all, err := experiments(db).All(context.Background())
		exprMust(t, err)
		var want []string
		for _, e := range all {
			if e.End.Equal(e.Start.Add(e.EstimatedTime)) {
				want = append(want, e.Name)
			}
		}
		if got := expNames(experiments(db).Filter(orm.Q{"end": orm.F("start").Add(orm.F("estimated_time"))})); got != namesOf(want) || len(want) == 0 {
			t.Errorf("got %s, want %s", got, namesOf(want))
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_durationfield_add(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		if got := expNames(experiments(db).Filter(orm.Q{"start": orm.F("start").Add(orm.F("estimated_time"))})); got != "[e0]" {
			t.Errorf("zeros: %s", got)
		}
		if got := expNames(experiments(db).Filter(orm.Q{"end__lt": orm.F("start").Add(orm.F("estimated_time"))})); got != "[e2]" {
			t.Errorf("end_less: %s", got)
		}
		if got := expNames(experiments(db).Filter(orm.Q{"end__gte": orm.F("start").Add(orm.F("estimated_time")).Add(time.Hour)})); got != "[e4]" {
			t.Errorf("delta_math: %s", got)
		}
		row, err := experiments(db).Annotate(orm.As("shifted", orm.ExpressionWrapper(orm.F("start").Add(orm.Value(nil).OutputField("DurationField")), "DateTimeField"))).
			Values("shifted").First(context.Background())
		if err != nil || row["shifted"] != nil {
			t.Errorf("shifted: %v, %v; want nil", row, err)
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_duration_expressions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadFTimeDelta(t, db)
		for _, delta := range d.deltas {
			rows, err := experiments(db).Annotate(orm.As("duration", orm.F("estimated_time").Add(delta))).ValuesList("estimated_time", "duration").All(context.Background())
			exprMust(t, err)
			for _, r := range rows {
				if r[1] != r[0].(time.Duration)+delta {
					t.Errorf("%v + %v = %v", r[0], delta, r[1])
				}
			}
		}
	})
}

// nameSet is a sorted printing of the names of qs.
func nameSet(qs *orm.QuerySet[*ExprExperiment]) string {
	rows, err := qs.ValuesList("name").Flat().All(context.Background())
	if err != nil {
		return "error: " + err.Error()
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r)
	}
	sort.Strings(out)
	return namesOf(out)
}

func TestExpressions_FTimeDeltaTests_test_datetime_subtraction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		ctx := context.Background()
		if got := expNames(experiments(db).Filter(orm.Q{"estimated_time__gt": orm.F("end").Sub(orm.F("start"))})); got != "[e2]" {
			t.Errorf("under estimate: %s", got)
		}
		if got := expNames(experiments(db).Filter(orm.Q{"estimated_time__lt": orm.F("end").Sub(orm.F("start"))})); got != "[e4]" {
			t.Errorf("over estimate: %s", got)
		}
		row, err := experiments(db).Annotate(orm.As("difference", orm.F("start").Sub(orm.Value(nil).OutputField("DateTimeField")))).Values("difference").First(ctx)
		if err != nil || row["difference"] != nil {
			t.Errorf("difference with NULL: %v, %v", row, err)
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_datetime_subquery_subtraction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		sub := experiments(db).Filter(orm.Q{"pk": orm.OuterRef("pk")}).Values("start")
		ok, err := experiments(db).Annotate(orm.As("difference", orm.Subquery(sub).Sub(orm.F("start")))).
			Filter(orm.Q{"difference": time.Duration(0)}).Exists(context.Background())
		if err != nil || !ok {
			t.Errorf("exists = %v, %v; want true", ok, err)
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_duration_with_datetime(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadFTimeDelta(t, db)
		qs := experiments(db).Exclude(orm.Q{"name": "e1"}).Filter(orm.Q{"completed__gt": orm.Value(d.stime).Add(orm.F("estimated_time"))}).OrderBy("name")
		if got := expNames(qs); got != "[e3 e4 e5]" {
			t.Errorf("got %s, want [e3 e4 e5]", got)
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_date_minus_duration(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		qs := experiments(db).Filter(orm.Q{"assigned__lt": orm.F("completed").Sub(orm.Value(4 * 24 * time.Hour))})
		if got := expNames(qs); got != "[e3 e4 e5]" {
			t.Errorf("got %s, want [e3 e4 e5]", got)
		}
	})
}

func TestExpressions_FTimeDeltaTests_test_negative_timedelta_update(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		ctx := context.Background()
		qs := experiments(db).Filter(orm.Q{"name": "e0"}).
			Annotate(orm.As("start_sub_seconds", orm.F("start").Add(-30*time.Second))).
			Annotate(orm.As("start_sub_minutes", orm.F("start_sub_seconds").Add(-30*time.Minute))).
			Annotate(orm.As("start_sub_hours", orm.F("start_sub_minutes").Add(-2*time.Hour))).
			Annotate(orm.As("new_start", orm.F("start_sub_hours").Add(-2*24*time.Hour)))
		qs = qs.Annotate(orm.As("new_start", orm.F("new_start").Add(-30*time.Microsecond)))
		_, err := qs.Update(ctx, orm.Set{"start": orm.F("new_start")})
		exprMust(t, err)
		e0, err := experiments(db).Get(ctx, orm.Q{"name": "e0"})
		exprMust(t, err)
		want := time.Date(2010, 6, 23, 9, 45, 0, 746970000, time.UTC)
		if !e0.Start.Equal(want) {
			t.Errorf("start = %v, want %v", e0.Start, want)
		}
	})
}

// A date moved by a duration stays a date on SQLite, as Django's
// django_format_dtdelta, so it compares with a date column as a date.
func TestExpressions_FTimeDeltaTests_test_date_comparison(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadFTimeDelta(t, db)
		for i, days := range d.daysLong {
			if got, want := expNames(experiments(db).Filter(orm.Q{"completed__lt": orm.F("assigned").Add(days)})), namesOf(d.expnames[:i]); got != want {
				t.Errorf("completed < assigned + %v: %s, want %s", days, got, want)
			}
			if got, want := expNames(experiments(db).Filter(orm.Q{"completed__lte": orm.F("assigned").Add(days)})), namesOf(d.expnames[:i+1]); got != want {
				t.Errorf("completed <= assigned + %v: %s, want %s", days, got, want)
			}
		}
	})
}

// A datetime times a duration is refused before any SQL (Django's
// backends raise DatabaseError, some only from the database).
func TestExpressions_FTimeDeltaTests_test_invalid_operator(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		ctx, capture := orm.CaptureQueries(context.Background())
		_, err := experiments(db).Filter(orm.Q{"start": orm.F("start").Mul(time.Duration(0))}).All(ctx)
		if !errors.Is(err, orm.ErrInvalidQuery) || len(capture.Queries()) != 0 {
			t.Errorf("datetime * timedelta: %v after %d statements; want a refusal before SQL (Django raises DatabaseError)", err, len(capture.Queries()))
		}
	})
}

// date - date is an interval on PostgreSQL (Django's subtract_temporals).
func TestExpressions_FTimeDeltaTests_test_date_subtraction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		ctx := context.Background()
		day := 24 * time.Hour
		qs := experiments(db).Annotate(orm.As("completion_duration", orm.F("completed").Sub(orm.F("assigned"))))
		if got := nameSet(qs.Filter(orm.Q{"completion_duration__gte": 5 * day})); got != "[e3 e4 e5]" {
			t.Errorf(">= 5 days: %s", got)
		}
		if got := nameSet(qs.Filter(orm.Q{"completion_duration__gte": 120 * day})); got != "[e5]" {
			t.Errorf(">= 120 days: %s", got)
		}
		if got := nameSet(qs.Filter(orm.Q{"completion_duration__lt": 5 * day})); got != "[e0 e1 e2]" {
			t.Errorf("< 5 days: %s", got)
		}
		row, err := experiments(db).Annotate(orm.As("difference", orm.F("completed").Sub(orm.Value(nil).OutputField("DateField")))).Values("difference").First(ctx)
		if err != nil || row["difference"] != nil {
			t.Errorf("difference with NULL: %v, %v", row, err)
		}
		row, err = experiments(db).Annotate(orm.As("shifted", orm.ExpressionWrapper(orm.F("completed").Sub(orm.Value(nil).OutputField("DurationField")), "DateField"))).
			Values("shifted").First(ctx)
		if err != nil || row["shifted"] != nil {
			t.Errorf("shifted with NULL: %v, %v", row, err)
		}
	})
}

// (subquery date) - date is an interval on PostgreSQL too.
func TestExpressions_FTimeDeltaTests_test_date_subquery_subtraction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadFTimeDelta(t, db)
		sub := experiments(db).Filter(orm.Q{"pk": orm.OuterRef("pk")}).Values("completed")
		ok, err := experiments(db).Annotate(orm.As("difference", orm.Subquery(sub).Sub(orm.F("completed")))).
			Filter(orm.Q{"difference": time.Duration(0)}).Exists(context.Background())
		if err != nil || !ok {
			t.Errorf("exists = %v, %v; want true", ok, err)
		}
	})
}

// Value(time).OutputField("TimeField") is a time of day; MySQL and MariaDB
// subtract times of day with TIME_TO_SEC, as Django.
func TestExpressions_FTimeDeltaTests_test_time_subtraction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		tm := time.Date(0, 1, 1, 12, 30, 15, 2345000, time.UTC)
		exprMust(t, db.Create(ctx, &ExprTime{Time: &tm}))
		row, err := orm.Objects[ExprTime](db).Annotate(orm.As("difference", orm.F("time").Sub(orm.Value(exprClock(11, 15, 0)).OutputField("TimeField")))).
			Values("difference").Get(ctx)
		want := time.Hour + 15*time.Minute + 15*time.Second + 2345*time.Microsecond
		if err != nil || row["difference"] != want {
			t.Errorf("difference = %v, %v; want %v", row["difference"], err, want)
		}
		row, err = orm.Objects[ExprTime](db).Annotate(orm.As("difference", orm.F("time").Sub(orm.Value(nil).OutputField("TimeField")))).Values("difference").First(ctx)
		if err != nil || row["difference"] != nil {
			t.Errorf("difference with NULL: %v, %v", row, err)
		}
	})
}

// Value(s).OutputField("UUIDField") is bound as a uuid.
func TestExpressions_ValueTests_test_update_UUIDField_using_Value(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		exprMust(t, db.Create(ctx, &ExprUUID{}))
		const u = "12345678-9012-3456-7890-123456789012"
		_, err := orm.Objects[ExprUUID](db).Update(ctx, orm.Set{"uuid": orm.Value(u).OutputField("UUIDField")})
		exprMust(t, err)
		got, err := orm.Objects[ExprUUID](db).Get(ctx)
		if err != nil || got.UUID == nil || *got.UUID != u {
			t.Errorf("uuid = %v, %v; want %s", got, err, u)
		}
	})
}

// Aggregation over a subquery annotation reads it from the inner query by
// alias (Django's rewrite_cols): the subquery is not computed twice.
func TestExpressions_BasicExpressionsTests_test_aggregate_subquery_annotation_sql(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadBasicExpressions(t, db)
		ctx, c := orm.CaptureQueries(context.Background())
		_, err := orm.Objects[ExprCompany](db).Annotate(orm.As("ceo_salary", orm.Subquery(
			orm.Objects[ExprEmployee](db).Filter(orm.Q{"id": orm.OuterRef("ceo_id")}).Values("salary")))).
			Aggregate(ctx, orm.As("ceo_salary_gt_20", orm.Count("pk").Filter(orm.Q{"ceo_salary__gt": 20})))
		exprMust(t, err)
		sql := c.Queries()[0].SQL
		if n := countWord(sql, "SELECT"); n > 3 {
			t.Errorf("%d SELECTs, want at most 3: %s", n, sql)
		}
	})
}

// A value declared a decimal compares with a decimal as a number on SQLite
// too (CAST AS NUMERIC, Django 4's SQLiteNumericMixin; Django 3.2 answered
// no row there).
func TestExpressions_ExpressionsNumericTests_test_filter_decimal_expression(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		one := decimal.RequireFromString("1")
		obj := &ExprNumber{Integer: 0, Float: exprFloat(1), DecimalValue: &one}
		exprMust(t, db.Create(context.Background(), obj))
		qs := orm.Objects[ExprNumber](db).Annotate(orm.As("x", orm.ExpressionWrapper(orm.Value(1), "DecimalField"))).
			Filter(orm.And(orm.Q{"x": 1, "integer": 0}, orm.Q{"x": decimal.RequireFromString("1")}))
		rows, err := qs.ValuesList("pk").Flat().All(context.Background())
		if got, want := fmt.Sprint(rows), fmt.Sprint([]any{obj.ID}); err != nil || got != want {
			t.Errorf("got %s, %v; want %s", got, err, want)
		}
	})
}
