package sqlq

import (
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// LookupSite.Arg binds exactly what buildLookup binds, and says
// ErrNoParam wherever buildLookup builds something else for the value.
func TestLookupSiteArg(t *testing.T) {
	d := postgres.New()
	m := tblModels["tblpost"]
	cases := []struct {
		key   string
		value any
		want  any   // the bound argument
		err   error // ErrNoParam, or nil
	}{
		{"title", "Go", "Go", nil},
		{"small", 7, int64(7), nil},
		{"small", 40000, nil, ErrNoParam},         // outside smallint: a constant condition
		{"small__gt", -40000, nil, ErrNoParam},    // every row
		{"small__range", 40000, nil, ErrNoParam},  // a clamped bound
		{"day__year", 2024, nil, ErrNoParam},      // year bounds, not the year
		{"title__contains", "x", nil, ErrNoParam}, // a LIKE pattern
		{"title__iexact", 5, "5", nil},            // its text
		{"price", decimal.RequireFromString("1.50"), "1.5", nil},
		{"at", nil, nil, ErrNoParam}, // IS NULL
	}
	for _, c := range cases {
		site, err := ResolveLookup(m, d, c.key)
		if err != nil {
			t.Fatalf("%s: %v", c.key, err)
		}
		got, err := site.Arg(d, c.value)
		switch {
		case c.err != nil:
			if !errors.Is(err, c.err) {
				t.Errorf("%s = %v: want %v, got %v, %v", c.key, c.value, c.err, got, err)
			}
		case err != nil || got != c.want:
			t.Errorf("%s = %v: got %#v, %v; want %#v", c.key, c.value, got, err, c.want)
		}
	}
	if _, err := ResolveLookup(m, d, "nope"); err == nil {
		t.Error("an unknown key must not resolve")
	}
}

func TestIntOutsideAndClampRange(t *testing.T) {
	cases := []struct {
		v    any
		k    registry.Kind
		want int
	}{
		{int64(32767), registry.SmallInt, 0}, {int64(32768), registry.SmallInt, 1}, {int64(-32769), registry.SmallInt, -1},
		{float64(1 << 63), registry.BigInt, 1}, {float64(-(1 << 63)), registry.BigInt, 0}, {1.5, registry.SmallInt, 0},
		{uint64(1) << 63, registry.BigInt, 1}, {decimal.RequireFromString("1e20"), registry.BigInt, 1}, {"x", registry.Int, 0},
	}
	for _, c := range cases {
		if got := intOutside(c.v, c.k); got != c.want {
			t.Errorf("intOutside(%v, %s) = %d, want %d", c.v, c.k, got, c.want)
		}
	}
	if items, empty := clampRange([]any{-40000, 5}, registry.SmallInt); empty || items[0] != int64(-32768) || items[1] != int64(5) {
		t.Errorf("clamp [-40000, 5]: %v %v", items, empty)
	}
	if _, empty := clampRange([]any{40000, 50000}, registry.SmallInt); !empty {
		t.Error("[40000, 50000] holds no smallint")
	}
}

func TestCheckAlias(t *testing.T) {
	q := New(tblModels["tblpost"], postgres.New())
	for alias, ok := range map[string]bool{
		"n": true, "books__count": true, "_x": true, "a___b": true, "A__0": true,
		"": false, "__x": false, "a__": false, "a b": false, "a;b": false, `a"b`: false, "1a": false,
		strings.Repeat("a", 63): true,
	} {
		if err := q.CheckAlias(alias); (err == nil) != ok {
			t.Errorf("CheckAlias(%q) = %v, want ok=%v", alias, err, ok)
		}
	}
}

func TestCheckDeferredPath(t *testing.T) {
	m := tblModels["tblpost"]
	for path, ok := range map[string]bool{
		"author__name": true, "author__pk": true, "author__bogus": false, "tags__label": false, "title__exact": false,
	} {
		if err := checkDeferredPath(m, path); (err == nil) != ok {
			t.Errorf("checkDeferredPath(%q) = %v, want ok=%v", path, err, ok)
		}
	}
}
