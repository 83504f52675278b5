package orm_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// ZoneEvent holds instants around Oslo's DST changes.
type ZoneEvent struct {
	orm.Model
	At time.Time
}

func init() { orm.MustRegister(&ZoneEvent{}) }

// TruncIn and ExtractIn read datetimes in a named zone across DST changes
// and a year boundary, as Go's time package does.
func TestTruncAndExtractInZone(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	instants := []time.Time{
		time.Date(2024, 3, 31, 0, 30, 0, 0, time.UTC),   // 01:30 CET, before spring forward
		time.Date(2024, 3, 31, 1, 30, 0, 0, time.UTC),   // 03:30 CEST, after it
		time.Date(2024, 10, 27, 0, 30, 0, 0, time.UTC),  // 02:30 CEST, the first 02:30
		time.Date(2024, 10, 27, 1, 30, 0, 0, time.UTC),  // 02:30 CET, the second
		time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC), // 00:30 on New Year's Day in Oslo
		time.Date(2024, 7, 1, 22, 15, 0, 0, time.UTC),   // 00:15 on 2 July in Oslo
	}
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		if err := db.DropTables(ctx, &ZoneEvent{}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, &ZoneEvent{}); err != nil {
			t.Fatal(err)
		}
		for _, at := range instants {
			if err := db.Create(ctx, &ZoneEvent{At: at}); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := orm.Objects[ZoneEvent](db).OrderBy("id").Values("at",
			orm.As("hour", functions.ExtractIn("at", "hour", oslo)),
			orm.As("day", functions.ExtractIn("at", "day", oslo)),
			orm.As("year", functions.ExtractIn("at", "year", oslo)),
			orm.As("week_day", functions.ExtractIn("at", "week_day", oslo)),
			orm.As("midnight", functions.TruncIn("at", "day", oslo)),
			orm.As("month", functions.TruncIn("at", "month", oslo)),
			orm.As("date", functions.TruncIn("at", "date", oslo)),
			orm.As("utc_day", functions.TruncIn("at", "day", time.UTC)),
		).All(ctx)
		if err != nil {
			if strings.Contains(err.Error(), "time zone tables") {
				t.Fatalf("%v (.ci/run loads them)", err)
			}
			t.Fatal(err)
		}
		for i, r := range rows {
			at := instants[i]
			l := at.In(oslo)
			want := map[string]any{
				"hour": int64(l.Hour()), "day": int64(l.Day()), "year": int64(l.Year()), "week_day": int64(l.Weekday()) + 1,
				"midnight": time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, oslo).UTC(),
				"month":    time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, oslo).UTC(),
				"date":     time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC),
				"utc_day":  time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC),
			}
			for k, v := range want {
				got := r[k]
				if tv, ok := v.(time.Time); ok {
					gt, isTime := got.(time.Time)
					if !isTime || !gt.Equal(tv) {
						t.Errorf("%v: %s = %v, want %v", at, k, got, tv)
					}
					continue
				}
				if got != v {
					t.Errorf("%v: %s = %v (%T), want %v", at, k, got, got, v)
				}
			}
		}
		// Filtering on a zoned date: the events of 31 December in Oslo.
		n, err := orm.Objects[ZoneEvent](db).Annotate(orm.As("d", functions.ExtractIn("at", "day", oslo))).
			Filter(orm.Q{"d": 31}).Count(ctx)
		if err != nil || n != 2 {
			t.Errorf("events on the 31st in Oslo: %d, %v; want 2", n, err)
		}
	})
	bad := []*orm.Expr{
		functions.TruncIn("at", "day", time.Local),
		functions.TruncIn("at", "day", time.FixedZone("X", 3600)),
		functions.ExtractIn("at", "hour", nil),
		functions.ExtractIn("at", "fortnight", oslo),
	}
	db := testkit.Recorder("sqlite3", nil)
	for i, e := range bad {
		if _, _, err := orm.Objects[ZoneEvent](db).Annotate(orm.As("x", e)).SQL(); err == nil {
			t.Errorf("bad zone %d: no error", i)
		}
	}
}
