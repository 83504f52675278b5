package orm_test

import (
	"context"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Stamped has Django's timestamp options.
type Stamped struct {
	orm.Model
	Name    string    `orm:"max_length=20"`
	Created time.Time `orm:"auto_now_add"`
	Updated time.Time `orm:"auto_now"`
	Day     time.Time `orm:"type=date,auto_now"`
}

func init() { orm.MustRegister(&Stamped{}) }

func within(t *testing.T, what string, got, lo, hi time.Time) {
	t.Helper()
	lo, hi = lo.Truncate(time.Microsecond), hi.Add(time.Microsecond)
	if got.Before(lo) || got.After(hi) {
		t.Errorf("%s = %v, want between %v and %v", what, got, lo, hi)
	}
}

// auto_now_add is set when a row is added, auto_now on every Save of the
// field; Save(update_fields) without it, QuerySet.Update and BulkUpdate
// leave them alone, as in Django.
func TestAutoNowFields(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Stamped{})
		objects := orm.Objects[Stamped](db)
		before := time.Now()
		s := &Stamped{Name: "a", Created: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
		if err := db.Create(ctx, s); err != nil {
			t.Fatal(err)
		}
		after := time.Now()
		within(t, "Created on Create", s.Created, before, after)
		within(t, "Updated on Create", s.Updated, before, after)
		stored, err := objects.Get(ctx, orm.Q{"pk": s.ID})
		if err != nil {
			t.Fatal(err)
		}
		if !stored.Created.Equal(s.Created) || !stored.Updated.Equal(s.Updated) {
			t.Errorf("stored %v %v, set %v %v", stored.Created, stored.Updated, s.Created, s.Updated)
		}
		if want := s.Updated.UTC().Format("2006-01-02"); stored.Day.Format("2006-01-02") != want {
			t.Errorf("Day %v, want %s", stored.Day, want)
		}
		created := s.Created

		// Save with update_fields that do not name it: untouched.
		s.Name = "b"
		s.Updated = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
		if err := db.Save(ctx, s, "name"); err != nil {
			t.Fatal(err)
		}
		stored, _ = objects.Get(ctx, orm.Q{"pk": s.ID})
		if stored.Name != "b" || stored.Updated.Year() == 2001 {
			t.Errorf("Save(update_fields=name): name %q, Updated %v (it must not be written)", stored.Name, stored.Updated)
		}
		// A full Save moves Updated, not Created.
		before = time.Now()
		if err := db.Save(ctx, s); err != nil {
			t.Fatal(err)
		}
		within(t, "Updated on Save", s.Updated, before, time.Now())
		stored, _ = objects.Get(ctx, orm.Q{"pk": s.ID})
		if !stored.Created.Equal(created) || !stored.Updated.Equal(s.Updated) {
			t.Errorf("after Save: created %v (was %v), updated %v (set %v)", stored.Created, created, stored.Updated, s.Updated)
		}
		// QuerySet.Update leaves them alone.
		last := stored.Updated
		if _, err := objects.Filter(orm.Q{"pk": s.ID}).Update(ctx, orm.Set{"name": "c"}); err != nil {
			t.Fatal(err)
		}
		stored, _ = objects.Get(ctx, orm.Q{"pk": s.ID})
		if !stored.Updated.Equal(last) {
			t.Errorf("Update moved Updated: %v -> %v", last, stored.Updated)
		}
		// BulkCreate stamps; BulkUpdate does not.
		before = time.Now()
		batch := []*Stamped{{Name: "x"}, {Name: "y"}}
		if err := objects.BulkCreate(ctx, batch); err != nil {
			t.Fatal(err)
		}
		for _, b := range batch {
			within(t, "Created on BulkCreate", b.Created, before, time.Now())
		}
		got, _ := objects.Filter(orm.Q{"name__in": []any{"x", "y"}}).All(ctx)
		for _, g := range got {
			within(t, "stored Created of BulkCreate", g.Created, before, time.Now())
			g.Name += "!"
		}
		stamp := got[0].Updated
		if _, err := objects.BulkUpdate(ctx, got, []string{"name"}); err != nil {
			t.Fatal(err)
		}
		again, _ := objects.Get(ctx, orm.Q{"pk": got[0].ID})
		if !again.Updated.Equal(stamp) {
			t.Errorf("BulkUpdate moved Updated: %v -> %v", stamp, again.Updated)
		}
	})
}
