package orm_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// TZRoom and TZMeeting hold datetimes in every shape a field can have.
type (
	TZRoom struct {
		orm.Model
		Name   string    `orm:"max_length=20"`
		Opened time.Time // a datetime reached through select_related
		// Stamped is read back after INSERT (RETURNING, or a SELECT).
		Stamped time.Time `orm:"db_default=now()"`
	}
	TZMeeting struct {
		orm.Model
		Room   orm.ForeignKey[TZRoom] `orm:"on_delete=cascade,related_name=meetings"`
		At     time.Time
		Ends   *time.Time   `orm:"null"`
		Closed sql.NullTime `orm:"null"`
		Day    time.Time    `orm:"type=date"` // a date has no zone
	}
)

func init() { orm.MustRegister(&TZRoom{}, &TZMeeting{}) }

// Instants around Oslo's DST changes of 2024: spring forward at 01:00 UTC
// on 31 March (02:00 CET becomes 03:00 CEST), fall back at 01:00 UTC on
// 27 October (03:00 CEST becomes 02:00 CET, so 02:30 happens twice).
var osloChanges = []struct {
	utc  time.Time
	wall string // in Oslo
}{
	{time.Date(2024, 3, 31, 0, 30, 0, 0, time.UTC), "2024-03-31 01:30 CET"},
	{time.Date(2024, 3, 31, 0, 59, 59, 999999000, time.UTC), "2024-03-31 01:59 CET"},
	{time.Date(2024, 3, 31, 1, 0, 0, 0, time.UTC), "2024-03-31 03:00 CEST"},
	{time.Date(2024, 10, 27, 0, 30, 0, 0, time.UTC), "2024-10-27 02:30 CEST"},
	{time.Date(2024, 10, 27, 1, 30, 0, 0, time.UTC), "2024-10-27 02:30 CET"},
	{time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC), "2025-01-01 00:30 CET"},
}

func mustOslo(t *testing.T) *time.Location {
	t.Helper()
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	return oslo
}

// WithLocation returns datetimes in the DB's location, the instants stored
// as UTC on every backend (Django's USE_TZ = True), across DST changes.
func TestLocationRoundTrip(t *testing.T) {
	oslo := mustOslo(t)
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		ctx := context.Background()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(shared.DropTables(ctx, &TZMeeting{}, &TZRoom{}))
		must(shared.CreateTables(ctx, &TZRoom{}, &TZMeeting{}))
		db := orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect(), orm.WithLocation(oslo))
		if db.Location() != oslo || shared.Location() != time.UTC {
			t.Fatalf("Location: %v and %v, want Europe/Oslo and UTC", db.Location(), shared.Location())
		}
		room := &TZRoom{Name: "A", Opened: osloChanges[2].utc.In(newYork)}
		must(db.Create(ctx, room))
		if room.Stamped.Location() != oslo || time.Since(room.Stamped).Abs() > time.Hour {
			t.Errorf("db_default=now() read back after Create: %v (%v), want about now in Europe/Oslo", room.Stamped, room.Stamped.Location())
		}
		for i, c := range osloChanges {
			// Written in three locations: what is stored is the instant.
			in := []*time.Location{oslo, newYork, time.UTC}[i%3]
			ends := c.utc.Add(time.Hour).In(in)
			m := &TZMeeting{At: c.utc.In(in), Ends: &ends, Closed: sql.NullTime{Time: c.utc.In(in), Valid: true},
				Day: time.Date(2024, 3, 31, 0, 0, 0, 0, oslo)}
			m.Room.Set(room)
			must(db.Create(ctx, m))
		}

		wall := func(x time.Time) string { return x.Format("2006-01-02 15:04 MST") }
		check := func(what string, got time.Time, want time.Time, wantWall string) {
			t.Helper()
			if !got.Equal(want) || got.Location() != oslo || wall(got) != wantWall {
				t.Errorf("%s: got %v (%v), want %v in Europe/Oslo (%s)", what, got, got.Location(), want, wantWall)
			}
		}

		// Models, with select_related and prefetch_related.
		ms, err := orm.Objects[TZMeeting](db).SelectRelated("room").OrderBy("at").All(ctx)
		must(err)
		if len(ms) != len(osloChanges) {
			t.Fatalf("%d meetings, want %d", len(ms), len(osloChanges))
		}
		for i, m := range ms {
			c := osloChanges[i]
			check("At", m.At, c.utc, c.wall)
			check("Ends", *m.Ends, c.utc.Add(time.Hour), wall(c.utc.Add(time.Hour).In(oslo)))
			check("Closed", m.Closed.Time, c.utc, c.wall)
			if got := m.Day.Format("2006-01-02 MST"); got != "2024-03-31 UTC" {
				t.Errorf("Day: got %s, want the date as written (2024-03-31, no zone)", got)
			}
			r, err := m.Room.Get(ctx)
			must(err)
			check("select_related Opened", r.Opened, osloChanges[2].utc, osloChanges[2].wall)
		}
		rooms, err := orm.Objects[TZRoom](db).PrefetchRelated("meetings").All(ctx)
		must(err)
		got, err := orm.Related[TZMeeting](rooms[0], "meetings").OrderBy("at").All(ctx)
		must(err)
		check("prefetched At", got[0].At, osloChanges[0].utc, osloChanges[0].wall)

		// Values, ValuesList, aggregates and annotations.
		vals, err := orm.Objects[TZMeeting](db).OrderBy("at").Values("at", "room__opened").All(ctx)
		must(err)
		for i, v := range vals {
			check("Values at", v["at"].(time.Time), osloChanges[i].utc, osloChanges[i].wall)
			check("Values room__opened", v["room__opened"].(time.Time), osloChanges[2].utc, osloChanges[2].wall)
		}
		flat, err := orm.Objects[TZMeeting](db).OrderBy("-at").ValuesList("at").Flat().All(ctx)
		must(err)
		last := osloChanges[len(osloChanges)-1]
		check("Flat", flat[0].(time.Time), last.utc, last.wall)
		agg, err := orm.Objects[TZMeeting](db).Aggregate(ctx, orm.As("first", orm.Min("at")))
		must(err)
		check("Min", agg["first"].(time.Time), osloChanges[0].utc, osloChanges[0].wall)
		ann, err := orm.Objects[TZMeeting](db).Annotate(orm.As("opened", orm.F("room__opened"))).OrderBy("at").First(ctx)
		must(err)
		check("annotation", ann.Annotation("opened").(time.Time), osloChanges[2].utc, osloChanges[2].wall)

		// Refresh reads through the instance path.
		m := ms[3]
		m.At = time.Time{}
		must(db.Refresh(ctx, m, "at"))
		check("Refresh", m.At, osloChanges[3].utc, osloChanges[3].wall)

		// Filters compare instants, whatever location the value is in.
		for _, c := range osloChanges {
			n, err := orm.Objects[TZMeeting](db).Filter(orm.Q{"at": c.utc.In(newYork)}).Count(ctx)
			must(err)
			if n != 1 {
				t.Errorf("Filter at=%v: %d rows, want 1", c.utc.In(newYork), n)
			}
		}
		n, err := orm.Objects[TZMeeting](db).Filter(orm.Q{"at__gte": time.Date(2024, 10, 27, 2, 30, 0, 0, time.FixedZone("CET", 3600))}).Count(ctx)
		must(err)
		if n != 2 { // the second 02:30 and New Year's Eve
			t.Errorf("at__gte the second 02:30: %d rows, want 2", n)
		}

		// Stored as UTC: a DB without a location reads UTC, and the column's
		// own text is the UTC wall time (or carries its offset, on PostgreSQL).
		utcRows, err := orm.Objects[TZMeeting](shared).OrderBy("at").Values("at",
			orm.As("text", functions.Cast("at", "CharField"))).All(ctx)
		must(err)
		for i, r := range utcRows {
			c := osloChanges[i]
			if at := r["at"].(time.Time); !at.Equal(c.utc) || at.Location() != time.UTC {
				t.Errorf("without a location: %v, want %v in UTC", at, c.utc)
			}
			if stored := storedInstant(t, r["text"]); !stored.Equal(c.utc) {
				t.Errorf("stored text %q reads as %v, want %v", r["text"], stored, c.utc)
			}
		}
	})
}

// storedInstant reads a datetime column cast to text: with its offset when
// it has one, as UTC otherwise.
func storedInstant(t *testing.T, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07", "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999"} {
		if x, err := time.Parse(layout, s); err == nil {
			return x
		}
	}
	t.Errorf("stored text %q (%T) is not a datetime", v, v)
	return time.Time{}
}
