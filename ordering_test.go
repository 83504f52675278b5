package orm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ranked has a Meta default ordering.
type Ranked struct {
	orm.Model
	Name  string `orm:"max_length=20"`
	Score int
	Team  string `orm:"max_length=20"`
}

func (Ranked) Meta() orm.Meta {
	return orm.Meta{Ordering: []string{"-score", "name"}, GetLatestBy: []string{"score"}}
}

func init() { orm.MustRegister(&Ranked{}) }

func TestMetaOrderingReverseAndGrouping(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Ranked{})
		for _, r := range []Ranked{{Name: "b", Score: 5, Team: "x"}, {Name: "a", Score: 5, Team: "y"}, {Name: "c", Score: 9, Team: "x"}, {Name: "d", Score: 1, Team: "y"}} {
			r := r
			if err := db.Create(ctx, &r); err != nil {
				t.Fatal(err)
			}
		}
		names := func(qs *orm.QuerySet[*Ranked]) string {
			rows, err := qs.All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range rows {
				out = append(out, r.Name)
			}
			return strings.Join(out, "")
		}
		all := orm.Objects[Ranked](db)
		if got := names(all); got != "cabd" {
			t.Errorf("Meta ordering: %s", got)
		}
		if got := names(all.Reverse()); got != "dbac" {
			t.Errorf("Reverse of Meta ordering: %s", got)
		}
		if got := names(all.OrderBy("name")); got != "abcd" {
			t.Errorf("explicit ordering: %s", got)
		}
		if sql, _, _ := all.OrderBy().SQL(); strings.Contains(sql, "ORDER BY") {
			t.Errorf("OrderBy() removes Meta ordering: %s", sql)
		}
		first, _ := all.First(ctx)
		last, _ := all.Last(ctx)
		latest, _ := all.Latest(ctx)
		earliest, _ := all.Earliest(ctx)
		if first.Name != "c" || last.Name != "d" || latest.Name != "c" || earliest.Name != "d" {
			t.Errorf("first/last/latest/earliest = %s %s %s %s", first.Name, last.Name, latest.Name, earliest.Name)
		}
		// Meta ordering does not enter GROUP BY (Django 3.1+): one row per team.
		rows, err := all.Values("team").Annotate(orm.As("n", orm.Count("id"))).OrderBy("team").All(ctx)
		if err != nil || len(rows) != 2 || rows[0]["n"] != int64(2) {
			t.Errorf("values().annotate() groups by values only: %v %v", rows, err)
		}
		sql, _, _ := all.Values("team").Annotate(orm.As("n", orm.Count("id"))).SQL()
		if strings.Contains(sql, "ORDER BY") {
			t.Errorf("Meta ordering must be dropped from a GROUP BY query: %s", sql)
		}
		// First on an unordered aggregation is refused, as in Django.
		_, err = all.Values("team").Annotate(orm.As("n", orm.Count("id"))).First(ctx)
		if !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("First on unordered aggregation: %v", err)
		}
		row, err := all.Values("name", "score").Get(ctx, orm.Q{"name": "a"})
		if err != nil || row["score"] != int64(5) {
			t.Errorf("Get on Values returns a Row: %v %v", row, err)
		}
	})
}

func TestHooksSeeEveryStatement(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		var seen []orm.QueryRecord
		hooked, err := orm.New(db.SQLDB(), db.DriverName(), orm.WithHook(func(_ context.Context, r orm.QueryRecord) {
			seen = append(seen, r)
		}))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if err := hooked.DropTables(ctx, &Ranked{}); err != nil {
			t.Fatal(err)
		}
		if err := hooked.CreateTables(ctx, &Ranked{}); err != nil {
			t.Fatal(err)
		}
		seen = nil
		if err := hooked.Create(ctx, &Ranked{Name: "z", Score: 1}); err != nil {
			t.Fatal(err)
		}
		_, _ = orm.Objects[Ranked](hooked).Filter(orm.Q{"score__gt": 0}).All(ctx)
		_, bad := orm.Objects[Ranked](hooked).Extra(orm.Extra{Where: []orm.SQLText{"no_such_column = 1"}}).All(ctx)
		if len(seen) != 3 || seen[1].Rows != 1 || seen[1].Args[0] != int64(0) || seen[2].Err == nil || bad == nil {
			t.Fatalf("hook records: %+v", seen)
		}
		for _, r := range seen {
			if r.SQL == "" || r.Duration <= 0 || r.Database != "default" {
				t.Errorf("incomplete record %+v", r)
			}
		}
	})
}

// An ordering through a multi-valued relation joins only while it is in
// effect: Count, Exists and Aggregate clear it, and so do its joins, as in
// Django, where the ordering's joins exist only when the ordering is
// compiled (Author.objects.order_by("-books__price").count() is the number
// of authors). The join used to stay and multiply the rows counted.
func TestOrderingJoinsLeaveWithTheOrdering(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		testkit.LoadBookstore(t, db)
		want, err := orm.Objects[testkit.Author](db).Count(ctx)
		if err != nil || want < 2 {
			t.Fatalf("authors: %d, %v", want, err)
		}
		for name, qs := range map[string]*orm.QuerySet[*testkit.Author]{
			"name":     orm.Objects[testkit.Author](db).OrderBy("-books__price"),
			"F":        orm.Objects[testkit.Author](db).OrderBy(orm.F("books__price").Desc()),
			"replaced": orm.Objects[testkit.Author](db).OrderBy("-books__price").OrderBy("name"),
		} {
			if n, err := qs.Count(ctx); err != nil || n != want {
				t.Errorf("%s: Count = %d, %v; want %d", name, n, err, want)
			}
			agg, err := qs.Aggregate(ctx, orm.As("n", orm.Count("id")))
			if err != nil || agg["n"] != want {
				t.Errorf("%s: Aggregate(Count(id)) = %v, %v; want %d", name, agg["n"], err, want)
			}
		}
		withBooks, _ := orm.Objects[testkit.Author](db).Filter(orm.Q{"books__price__gt": 0}).Distinct().Count(ctx)
		n, err := orm.Objects[testkit.Author](db).OrderBy("books__title").Filter(orm.Q{"books__price__gt": 0}).Distinct().Count(ctx)
		if err != nil || n != withBooks || withBooks == want {
			t.Errorf("ordered, then filtered: Count = %d, %v; want %d (of %d)", n, err, withBooks, want)
		}
		rows, err := orm.Objects[testkit.Author](db).OrderBy("-books__price").OrderBy().All(ctx)
		if err != nil || int64(len(rows)) != want {
			t.Errorf("OrderBy() after a relation ordering: %d rows, %v; want %d", len(rows), err, want)
		}
		ordered, err := orm.Objects[testkit.Author](db).OrderBy("-books__price").All(ctx)
		if err != nil || int64(len(ordered)) <= want {
			t.Errorf("the ordering itself still joins (a row per book): %d rows, %v", len(ordered), err)
		}
	})
}

// An ordering given before a filter reuses the filter's join, as Django's
// does (it joins for the ordering when compiling, after every filter, and
// reuses the newest equal join). Answers checked on Django 3.2:
// order_by("books__title").filter(books__price__gt=0) has 8 rows, not one
// per pair of books; with a second filter on books, 14, ordered by the
// second join.
func TestOrderingBeforeFilterReusesItsJoin(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		testkit.LoadBookstore(t, db)
		authors := func() *orm.QuerySet[*testkit.Author] { return orm.Objects[testkit.Author](db) }
		for _, c := range []struct {
			name string
			qs   *orm.QuerySet[*testkit.Author]
			want int
		}{
			{"order, filter", authors().OrderBy("books__title").Filter(orm.Q{"books__price__gt": 0}), 8},
			{"filter, order", authors().Filter(orm.Q{"books__price__gt": 0}).OrderBy("books__title"), 8},
			{"order by F, filter", authors().OrderBy(orm.F("books__title").Desc()).Filter(orm.Q{"books__price__gt": 0}), 8},
			{"order, two filters", authors().OrderBy("books__title").Filter(orm.Q{"books__price__gt": 0}).Filter(orm.Q{"books__title__gt": "A"}), 14},
		} {
			rows, err := c.qs.All(ctx)
			if err != nil || len(rows) != c.want {
				t.Errorf("%s: %d rows, %v; want %d", c.name, len(rows), err, c.want)
			}
		}
		ctx, capture := orm.CaptureQueries(ctx)
		if _, err := authors().OrderBy("books__title").Filter(orm.Q{"books__price__gt": 0}).Filter(orm.Q{"books__title__gt": "A"}).All(ctx); err != nil {
			t.Fatal(err)
		}
		sql := capture.Queries()[0].SQL
		if q := db.Dialect().AppendIdent(nil, "T4"); !strings.Contains(sql, "ORDER BY "+string(q)+".") {
			t.Errorf("the ordering must read the newest books join (T4), as Django: %s", sql)
		}
	})
}
