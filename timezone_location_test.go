package orm_test

// What a DB's location governs besides the datetimes it returns, as
// Django's current time zone does with USE_TZ = True: date parts in
// lookups, Trunc and Extract without a zone of their own, Dates and
// Datetimes. The expected answers are Django 3.2's on the same rows
// (TIME_ZONE = "Europe/Oslo").

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

func TestLocationGovernsDateParts(t *testing.T) {
	oslo := mustOslo(t)
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2024, mo, d, h, m, 0, 0, time.UTC) }
	rows := []time.Time{
		utc(3, 30, 23, 30),  // 2024-03-31 00:30 CET
		utc(3, 31, 0, 30),   // 01:30 CET, before spring forward
		utc(3, 31, 1, 30),   // 03:30 CEST, after it
		utc(3, 31, 22, 30),  // 2024-04-01 00:30 CEST
		utc(10, 27, 0, 30),  // 02:30 CEST, the first 02:30
		utc(10, 27, 1, 30),  // 02:30 CET, the second
		utc(12, 31, 23, 30), // 2025-01-01 00:30 CET
	}
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		ctx := context.Background()
		ownTables(t, shared, &TZRoom{}, &TZMeeting{})
		db := orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect(), orm.WithLocation(oslo))
		room := &TZRoom{Name: "A", Opened: rows[0]}
		mustDo(t, db.Create(ctx, room))
		for _, at := range rows {
			m := &TZMeeting{At: at, Day: at}
			m.Room.Set(room)
			mustDo(t, db.Create(ctx, m))
		}
		counts := []struct {
			q    orm.Q
			want int64
		}{
			{orm.Q{"at__date": time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)}, 3},
			{orm.Q{"at__date": time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)}, 1},
			{orm.Q{"at__hour": 2}, 2},
			{orm.Q{"at__year": 2025}, 1},
			{orm.Q{"at__day": 31}, 3},
			{orm.Q{"at__year__gte": 2025}, 1}, // year bounds start at midnight in Oslo
			{orm.Q{"at__year__lt": 2025}, 6},
			{orm.Q{"at__year__lte": 2024}, 6},
			{orm.Q{"at__iso_year": 2025}, 1},
			{orm.Q{"at__week_day": 2}, 1}, // Monday in Oslo, Sunday in UTC
			{orm.Q{"at__week_day": 7}, 0}, // Saturday in UTC only
			{orm.Q{"day__year": 2025}, 0}, // a date has no zone: stored 2024-12-31
		}
		for _, c := range counts {
			n, err := orm.Objects[TZMeeting](db).Filter(c.q).Count(ctx)
			if err != nil || n != c.want {
				t.Errorf("Filter(%v): %d, %v; want %d (Django with TIME_ZONE Europe/Oslo)", c.q, n, err, c.want)
			}
		}
		vals, err := orm.Objects[TZMeeting](db).OrderBy("id").Values(
			orm.As("h", functions.ExtractHour("at")), orm.As("d", functions.Trunc("at", "day"))).All(ctx)
		mustDo(t, err)
		for i, v := range vals {
			l := rows[i].In(oslo)
			wantDay := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, oslo)
			if v["h"] != int64(l.Hour()) || !wantDay.Equal(v["d"].(time.Time)) {
				t.Errorf("row %d: hour %v, day %v; want %d and %v", i, v["h"], v["d"], l.Hour(), wantDay)
			}
		}
		dts, err := orm.Objects[TZMeeting](db).Datetimes("at", "day").All(ctx)
		mustDo(t, err)
		if got := fmt.Sprint(dts); got != "[2024-03-31 00:00:00 +0100 CET 2024-04-01 00:00:00 +0200 CEST 2024-10-27 00:00:00 +0200 CEST 2025-01-01 00:00:00 +0100 CET]" {
			t.Errorf("Datetimes: %s", got)
		}
		ds, err := orm.Objects[TZMeeting](db).Dates("at", "day").All(ctx)
		mustDo(t, err)
		if len(ds) != 4 || ds[0].Format("2006-01-02") != "2024-03-31" || ds[3].Format("2006-01-02") != "2025-01-01" {
			t.Errorf("Dates: %v, want 2024-03-31, 2024-04-01, 2024-10-27, 2025-01-01", ds)
		}
	})
}

// A zone named in the expression is kept on a DB with a location of its
// own, UTC included; a year read in a zone is compared as read.
func TestLocationKeepsNamedZones(t *testing.T) {
	oslo := mustOslo(t)
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		ctx := context.Background()
		ownTables(t, shared, &TZRoom{}, &TZMeeting{})
		db := orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect(), orm.WithLocation(oslo))
		room := &TZRoom{Name: "A", Opened: time.Now()}
		mustDo(t, db.Create(ctx, room))
		at := time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC) // 2025-01-01 00:30 in Oslo
		m := &TZMeeting{At: at, Day: at}
		m.Room.Set(room)
		mustDo(t, db.Create(ctx, m))
		row, err := orm.Objects[TZMeeting](db).Values(
			orm.As("utc_day", functions.TruncIn("at", "day", time.UTC)),
			orm.As("utc_year", functions.ExtractIn("at", "year", time.UTC)),
			orm.As("oslo_year", functions.ExtractYear("at"))).First(ctx)
		mustDo(t, err)
		if d := row["utc_day"].(time.Time); !d.Equal(time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)) || row["utc_year"] != int64(2024) || row["oslo_year"] != int64(2025) {
			t.Errorf("got %v; want the UTC day 2024-12-31, UTC year 2024, Oslo year 2025", row)
		}
		for _, c := range []struct {
			name string
			qs   *orm.QuerySet[*TZMeeting]
			want int64
		}{
			{"ExtractIn(UTC) = 2025", orm.Objects[TZMeeting](db).Annotate(orm.As("y", functions.ExtractIn("at", "year", time.UTC))).Filter(orm.Q{"y": 2025}), 0},
			{"ExtractIn(UTC) = 2024", orm.Objects[TZMeeting](db).Annotate(orm.As("y", functions.ExtractIn("at", "year", time.UTC))).Filter(orm.Q{"y": 2024}), 1},
			{"ExtractIn(Oslo) >= 2025", orm.Objects[TZMeeting](db).Annotate(orm.As("y", functions.ExtractIn("at", "year", oslo))).Filter(orm.Q{"y__gte": 2025}), 1},
			{"at__year on a UTC DB", orm.Objects[TZMeeting](shared).Filter(orm.Q{"at__year": 2025}), 0},
		} {
			if n, err := c.qs.Count(ctx); err != nil || n != c.want {
				t.Errorf("%s: %d, %v; want %d", c.name, n, err, c.want)
			}
		}
	})
}

// A location without an IANA name cannot be named to the database: a
// query computing in it is refused before any SQL, and reads that need no
// zone still work.
func TestLocationWithoutNameRefusesDateParts(t *testing.T) {
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		ctx := context.Background()
		ownTables(t, shared, &TZRoom{}, &TZMeeting{})
		db := orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect(), orm.WithLocation(time.FixedZone("X", 3600)))
		ctx, capture := orm.CaptureQueries(ctx)
		_, err := orm.Objects[TZMeeting](db).Filter(orm.Q{"at__hour": 2}).Count(ctx)
		if !errors.Is(err, orm.ErrInvalidQuery) || !strings.Contains(err.Error(), `"X"`) {
			t.Errorf("at__hour in a FixedZone: %v, want a refusal naming the zone", err)
		}
		if n := len(capture.Queries()); n != 0 {
			t.Errorf("%d statements sent, want none", n)
		}
		if _, err := orm.Objects[TZMeeting](db).Filter(orm.Q{"at__gte": time.Now()}).Count(ctx); err != nil {
			t.Errorf("a plain datetime filter: %v", err)
		}
	})
}
