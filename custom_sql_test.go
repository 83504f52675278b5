package orm_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/internal/testkit"
)

// The lookups and transforms the tests below register, once per test binary.
func init() {
	for _, r := range []struct {
		kind, name string
		def        orm.LookupDef
	}{
		{"Field", "ne", orm.LookupDef{Template: "{lhs} <> {rhs}"}},
		{"IntegerField", "absval", orm.LookupDef{Function: "ABS", Transform: true}},
		{"IntegerField", "halved", orm.LookupDef{Template: "({0} / 2)", Transform: true,
			Templates: map[string]string{"oracle": "TRUNC({0} / 2)", "mysql": "({0} DIV 2)"}}},
		{"CharField", "nospace", orm.LookupDef{Template: "REPLACE({0}, ' ', '')", Transform: true}},
	} {
		if err := orm.RegisterLookup(r.kind, r.name, r.def); err != nil {
			panic(err)
		}
	}
}

// yearOf is a function whose SQL differs per backend, as Django's as_<vendor>.
var yearOf = orm.FuncDef{
	Name:     "EXTRACT",
	Template: "EXTRACT(YEAR FROM {0})",
	Templates: map[string]string{
		"mysql":  "YEAR({0})",
		"sqlite": "CAST(strftime('%Y', {0}) AS integer)",
	},
	Output: "IntegerField",
}

// A custom aggregate with two arguments and per-backend spellings.
var stringAgg = orm.FuncDef{
	Name:      "STRING_AGG",
	Aggregate: true,
	Output:    "TextField",
	Templates: map[string]string{
		"mysql":  "GROUP_CONCAT({distinct}{0} SEPARATOR {1})",
		"sqlite": "GROUP_CONCAT({0}, {1})",
		"oracle": "LISTAGG({0}, {1})",
	},
}

func TestFuncDefs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books, err := orm.Objects[Book](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := orm.Objects[Book](db).OrderBy("id").Values("id",
			orm.As("gap", orm.Func("ABS", orm.F("stock_level").Sub(orm.F("sales_count")))),
			orm.As("year", yearOf.Call("published_at")),
		).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i, b := range books {
			gap := int64(b.StockLevel - b.SalesCount)
			if gap < 0 {
				gap = -gap
			}
			if got := rows[i]["gap"]; got != gap {
				t.Errorf("book %d: ABS gap %v (%T), want %d", b.ID, got, got, gap)
			}
			var year any
			if b.PublishedAt != nil {
				year = int64(b.PublishedAt.Year())
			}
			if got := rows[i]["year"]; got != year {
				t.Errorf("book %d: year %v (%T), want %v", b.ID, got, got, year)
			}
		}

		// Custom aggregates: per-author titles, and one equal to Count with a filter.
		got, err := orm.Objects[testkit.Author](db).OrderBy("id").Values("id",
			orm.As("titles", stringAgg.Call("books__title", orm.Value("|"))),
			orm.As("n", orm.FuncDef{Name: "COUNT", Aggregate: true, Output: "BigIntegerField"}.Call("books__id").
				Filter(orm.Q{"books__sales_count__gt": 100})),
			orm.As("want", orm.Count("books__id").Filter(orm.Q{"books__sales_count__gt": 100})),
		).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		titles := map[int64][]string{}
		for _, b := range books {
			id := b.Author.ID().(int64)
			titles[id] = append(titles[id], b.Title)
		}
		for _, r := range got {
			id := r["id"].(int64)
			want := titles[id]
			sort.Strings(want)
			var have []string
			if s, ok := r["titles"].(string); ok {
				have = strings.Split(s, "|")
			}
			sort.Strings(have)
			if !slices.Equal(have, want) {
				t.Errorf("author %d: titles %q, want %q", id, have, want)
			}
			if r["n"] != r["want"] {
				t.Errorf("author %d: custom COUNT with filter %v, Count %v", id, r["n"], r["want"])
			}
		}
		agg, err := orm.Objects[Book](db).Aggregate(ctx,
			orm.FuncDef{Name: "MAX", Aggregate: true}.Call("sales_count"),
			orm.As("total", orm.FuncDef{Name: "SUM", Aggregate: true}.Call("stock_level").Distinct()),
			// A string default of an aggregate is a value (Django's Value(default)), not a field.
			orm.As("none", stringAgg.Call("title", orm.Value("|")).Filter(orm.Q{"sales_count__gt": 1 << 30}).Default("none")),
			orm.As("no_max", orm.Max("title").Filter(orm.Q{"sales_count__gt": 1 << 30}).Default("n/a")))
		if err != nil {
			t.Fatal(err)
		}
		if agg["none"] != "none" || agg["no_max"] != "n/a" {
			t.Errorf("string defaults: %v", agg)
		}
		if agg["sales_count__max"] != int64(2500) || agg["total"] != int64(3+25+12+5+10+11) {
			t.Errorf("aggregate: %v", agg)
		}
	})
}

func TestRegisteredLookups(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		ids := func(keep func(b *Book) bool) []int64 {
			var out []int64
			all, _ := orm.Objects[Book](db).SelectRelated("author").OrderBy("id").All(ctx)
			for _, b := range all {
				if keep(b) {
					out = append(out, b.ID)
				}
			}
			return out
		}
		abs := func(n int) int {
			if n < 0 {
				return -n
			}
			return n
		}
		cases := []struct {
			name string
			qs   *orm.QuerySet[*Book]
			want []int64
		}{
			{"ne value", orm.Objects[Book](db).Filter(orm.Q{"title__ne": "Go Concurrency"}),
				ids(func(b *Book) bool { return b.Title != "Go Concurrency" })},
			{"ne across a join", orm.Objects[Book](db).Filter(orm.Q{"author__name__ne": "John Doe"}),
				ids(func(b *Book) bool { return b.Author.Cached().Name != "John Doe" })},
			{"ne F", orm.Objects[Book](db).Filter(orm.Q{"sales_count__ne": orm.F("stock_level").Mul(100)}),
				ids(func(b *Book) bool { return b.SalesCount != b.StockLevel*100 })},
			{"excluded", orm.Objects[Book](db).Exclude(orm.Q{"title__ne": "Go Concurrency"}),
				ids(func(b *Book) bool { return b.Title == "Go Concurrency" })},
			{"transform then lookup", orm.Objects[Book](db).Annotate(orm.As("d", orm.F("sales_count").Sub(1000))).
				Filter(orm.Q{"d__absval__lt": 600}),
				ids(func(b *Book) bool { return abs(b.SalesCount-1000) < 600 })},
			{"transform with exact", orm.Objects[Book](db).Filter(orm.Q{"stock_level__halved": 5}),
				ids(func(b *Book) bool { return b.StockLevel/2 == 5 })},
			{"transforms chained", orm.Objects[Book](db).Filter(orm.Q{"stock_level__halved__halved__gte": 3}),
				ids(func(b *Book) bool { return b.StockLevel/2/2 >= 3 })},
			{"text transform", orm.Objects[Book](db).Filter(orm.Q{"title__nospace__startswith": "GoConc"}),
				ids(func(b *Book) bool { return strings.HasPrefix(strings.ReplaceAll(b.Title, " ", ""), "GoConc") })},
		}
		for _, c := range cases {
			if len(c.want) == 0 {
				t.Fatalf("%s: the case selects no rows; it would not test anything", c.name)
			}
			got, err := c.qs.OrderBy("id").ValuesList("id").Flat().All(ctx)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if have := int64s(t, got); !equalIDs(have, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, have, c.want)
			}
		}
	})
}

// Bad definitions are refused with the reason; lookups on the wrong kind
// name the lookups that kind has.
func TestCustomSQLRefusals(t *testing.T) {
	db := testkit.Recorder("sqlite3", sqlite.New(true))
	ctx, captured := orm.CaptureQueries(context.Background())
	regErrs := []struct {
		kind, name string
		def        orm.LookupDef
		want       string
	}{
		{"Field", "exact", orm.LookupDef{Template: "{lhs} = {rhs}"}, "built in"},
		{"Field", "year", orm.LookupDef{Function: "F", Transform: true}, "built in"},
		{"Field", "ne", orm.LookupDef{Template: "{lhs} != {rhs}"}, "already registered"},
		{"IntegerField", "Bad__name", orm.LookupDef{Template: "{lhs} = {rhs}"}, "lower-case"},
		{"NoSuchField", "x", orm.LookupDef{Template: "{lhs} = {rhs}"}, "unknown field class"},
		{"Field", "twosided", orm.LookupDef{Template: "{lhs} = {0}"}, "unknown placeholder {0}"},
		{"Field", "unclosed", orm.LookupDef{Template: "{lhs = {rhs}"}, "unknown placeholder"},
		{"Field", "fn", orm.LookupDef{Function: "X; DROP TABLE book", Transform: true}, "function name"},
		{"Field", "nolhs", orm.LookupDef{}, "needs Template"},
		{"Field", "wide", orm.LookupDef{Template: "F({0}, {1})", Transform: true}, "one argument"},
		{"Field", "dialect", orm.LookupDef{Template: "{lhs} = {rhs}", Templates: map[string]string{"db2": "x"}}, "unknown dialect"},
	}
	for _, c := range regErrs {
		err := orm.RegisterLookup(c.kind, c.name, c.def)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("RegisterLookup(%q, %q): %v, want an error containing %q", c.kind, c.name, err, c.want)
		}
	}
	queries := []struct {
		name string
		run  func() error
		want string
	}{
		{"bad function name", func() error {
			_, err := orm.Objects[Book](db).Annotate(orm.As("x", orm.Func("ABS(1); --", "id"))).All(ctx)
			return err
		}, "function name"},
		{"template reads more args", func() error {
			_, err := orm.Objects[Book](db).Annotate(orm.As("x", orm.FuncDef{Name: "F", Template: "F({0}, {1})"}.Call("id"))).All(ctx)
			return err
		}, "reads 2 arguments"},
		{"distinct outside aggregates", func() error {
			_, err := orm.Objects[Book](db).Annotate(orm.As("x", orm.FuncDef{Name: "F", Template: "F({distinct}{0})"}.Call("id"))).All(ctx)
			return err
		}, "unknown placeholder {distinct}"},
		{"unknown output", func() error {
			_, err := orm.Objects[Book](db).Annotate(orm.As("x", orm.FuncDef{Name: "F", Output: "Nope"}.Call("id"))).All(ctx)
			return err
		}, "unknown output kind"},
		{"lookup on the wrong kind", func() error {
			_, err := orm.Objects[Book](db).Filter(orm.Q{"title__absval": 3}).All(ctx)
			return err
		}, "ne, nospace"},
		{"nil value", func() error {
			_, err := orm.Objects[Book](db).Filter(orm.Q{"title__ne": nil}).All(ctx)
			return err
		}, "cannot use nil"},
		{"distinct without {distinct}", func() error {
			_, err := orm.Objects[Book](db).Aggregate(ctx, orm.As("x", orm.FuncDef{Name: "MAX", Aggregate: true, Template: "MAX({0})"}.Call("id").Distinct()))
			return err
		}, "does not allow distinct"},
		{"distinct where this backend's template lacks it", func() error {
			_, err := orm.Objects[Book](db).Aggregate(ctx, orm.As("x", stringAgg.Call("title", orm.Value(",")).Distinct()))
			var ns *orm.NotSupportedError
			if !errors.As(err, &ns) {
				return fmt.Errorf("want a NotSupportedError, got %v", err)
			}
			return err
		}, "{distinct}"},
		{"custom aggregate nested", func() error {
			_, err := orm.Objects[Book](db).Aggregate(ctx, orm.As("x", orm.FuncDef{Name: "MAX", Aggregate: true}.Call(orm.Sum("id"))))
			return err
		}, "inside another aggregate"},
	}
	for _, c := range queries {
		err := c.run()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error containing %q", c.name, err, c.want)
		}
		var fe *orm.FieldError
		var ns *orm.NotSupportedError
		if err != nil && !errors.Is(err, orm.ErrInvalidQuery) && !errors.As(err, &fe) && !errors.As(err, &ns) {
			t.Errorf("%s: %v is not ErrInvalidQuery, a FieldError or a NotSupportedError", c.name, err)
		}
	}
	if n := len(captured.Queries()); n != 0 {
		t.Errorf("%d refused queries reached the database", n)
	}
}
