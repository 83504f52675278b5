package sqlq

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// argRow is one value at one lookup site: what LookupSite.Arg answers
// for it. want holds the bound argument, ErrNoParam (the compiler builds
// something else than one parameter for that value), or an argErrText: a
// substring of any other error. For a range, value is [low, high] and want
// has one answer per bound.
type argRow struct {
	model string
	key   string
	value any
	want  []any
}

// argErrText is a substring of an error other than ErrNoParam.
type argErrText string

func argOne(w any) []any { return []any{w} }

var argRows = []argRow{
	// Plain comparisons bind the value converted to the column's kind.
	{"book", "title", "Go", argOne("Go")},
	{"book", "title__gt", "G", argOne("G")},
	{"book", "pages", 7, argOne(int64(7))},
	{"book", "pages__lte", int32(-7), argOne(int64(-7))},
	{"book", "pages", 7.0, argOne(int64(7))},
	{"book", "pages", "12", argOne(int64(12))},
	{"book", "author", 3, argOne(int64(3))},
	{"book", "author__name", "Ann", argOne("Ann")},
	{"author", "rating__gte", 4, argOne(int64(4))},
	{"author", "books__pages", 100, argOne(int64(100))},
	// Integers outside the column: a constant, no parameter.
	{"book", "pages", int64(1) << 31, argOne(ErrNoParam)},
	{"book", "pages", int64(1<<31 - 1), argOne(int64(1<<31 - 1))},
	{"book", "pages__gt", -(int64(1) << 31) - 1, argOne(ErrNoParam)},
	{"book", "pages__lt", -(int64(1) << 31), argOne(int64(-(1 << 31)))},
	{"author", "age", 32768.0, argOne(ErrNoParam)},
	{"author", "age", decimal.RequireFromString("-32769"), argOne(ErrNoParam)},
	{"book", "id", uint64(1) << 63, argOne(ErrNoParam)},
	{"book", "published__month", int64(1) << 40, argOne(ErrNoParam)},
	// Years of date and datetime columns become bounds, not the year.
	{"author", "joined__year", 2024, argOne(ErrNoParam)},
	{"book", "published__year__lt", 2024, argOne(ErrNoParam)},
	{"book", "published__year", 10000, argOne(int64(10000))}, // outside 1..9999: EXTRACT(YEAR) = the year
	{"book", "published__year", "2024", argOne(int64(2024))}, // not an int64: EXTRACT(YEAR) = the year
	{"book", "published__month", 2, argOne(int64(2))},
	// Temporal and decimal values bind as the dialect binds them (PostgreSQL).
	{"author", "joined", time.Date(2024, 2, 29, 23, 0, 0, 0, time.FixedZone("x", 3600)), argOne("2024-02-29")},
	{"book", "published", time.Date(2024, 2, 29, 0, 30, 0, 1500, time.FixedZone("x", 3600)), argOne(time.Date(2024, 2, 28, 23, 30, 0, 1000, time.UTC))},
	{"book", "published__date", mxDay, argOne("2024-02-29")},
	{"book", "price", decimal.RequireFromString("9.90"), argOne("9.9")},
	{"book", "price__gt", "1.5", argOne("1.5")},
	// iexact binds the value's text.
	{"book", "title__iexact", "go", argOne("go")},
	{"book", "title__iexact", 5, argOne("5")},
	{"book", "pages__iexact", 5, argOne("5")},
	// Values the compiler does not bind as they are.
	{"book", "title", nil, argOne(ErrNoParam)},
	{"book", "title__contains", "x", argOne(ErrNoParam)},
	{"book", "title__icontains", "x", argOne(ErrNoParam)},
	{"book", "title__startswith", "x", argOne(ErrNoParam)},
	{"book", "title__regex", "^x", argOne(ErrNoParam)},
	{"book", "editor__isnull", true, argOne(ErrNoParam)},
	{"book", "pages__in", []any{1, 2}, argOne(ErrNoParam)},
	{"book", "pages", &F{Path: "id"}, argOne(ErrNoParam)},
	// A range, bound by bound: a clamped bound is not the value.
	{"book", "pages__range", []any{1, 10}, []any{int64(1), int64(10)}},
	{"book", "pages__range", []any{-(int64(1) << 40), 10}, []any{ErrNoParam, int64(10)}},
	{"book", "pages__range", []any{int64(1) << 40, int64(1) << 41}, []any{ErrNoParam, ErrNoParam}},
	{"book", "price__range", []any{"1.50", 10}, []any{"1.5", "10"}},
	// Refusals are errors, not ErrNoParam.
	{"book", "title", 5, argOne("5")}, // Django's CharField.to_python: str(5)
	{"book", "title", 1.5, argOne(argErrText("expected a string"))},
	{"book", "pages", "many", argOne(argErrText("expected a number"))},
	{"book", "pages", 1.5, argOne(argErrText("expected a number"))},
}

// TestLookupSiteArgTable pins LookupSite.Arg and checks it against what
// buildLookup builds for the same key and value: where Arg binds an
// argument, the compiled condition is the lookup with exactly that one
// argument (a plan reusing the statement with the new argument is the
// statement the compiler would have built); where it says ErrNoParam for a
// plain lookup, the compiler built something else for this value.
func TestLookupSiteArgTable(t *testing.T) {
	d := mxDialects[pg]
	for _, r := range argRows {
		m := mxModels[r.model]
		site, err := ResolveLookup(m, d, r.key)
		if err != nil {
			t.Fatalf("%s: %v", r.key, err)
		}
		bounds := []any{r.value}
		if site.lookup == "range" {
			bounds, _ = sliceItems(r.value)
		}
		if len(bounds) != len(r.want) {
			t.Fatalf("%s = %v: %d answers wanted for %d values", r.key, r.value, len(r.want), len(bounds))
		}
		for i, b := range bounds {
			a, err := site.Arg(d, b)
			switch want := r.want[i].(type) {
			case error:
				if !errors.Is(err, want) {
					t.Errorf("%s = %#v: Arg = %#v, %v; want %v", r.key, b, a, err, want)
				}
			case argErrText:
				if err == nil || !strings.Contains(err.Error(), string(want)) {
					t.Errorf("%s = %#v: Arg = %#v, %v; want an error containing %q", r.key, b, a, err, want)
				}
			default:
				if err != nil || !reflect.DeepEqual(a, want) {
					t.Errorf("%s = %#v: Arg = %#v, %v; want %#v", r.key, b, a, err, want)
				}
			}
		}
		checkArgAgainstCompiler(t, r, site, bounds)
	}
}

// checkArgAgainstCompiler compiles Filter(key=value) and compares the
// condition built with Arg's answers.
func checkArgAgainstCompiler(t *testing.T, r argRow, site *LookupSite, bounds []any) {
	t.Helper()
	d := mxDialects[pg]
	q := New(mxModels[r.model], d)
	ferr := q.AddFilter(&Tree{Pairs: []Pair{{Key: r.key, Value: r.value}}}, false)
	args := make([]any, len(bounds))
	var argErr error
	for i, b := range bounds {
		args[i], argErr = site.Arg(d, b)
		if argErr != nil {
			break
		}
	}
	if ferr != nil {
		if argErr == nil {
			t.Errorf("%s = %v: the compiler refuses it (%v) but Arg binds %#v", r.key, r.value, ferr, args)
		}
		return
	}
	cond := fold(q.Where)
	for {
		wh, ok := cond.(*Where)
		if !ok || wh.Negated || len(wh.Children) != 1 {
			break
		}
		cond = wh.Children[0]
	}
	var params []*Param
	if l, ok := cond.(*Lookup); ok && l.Name == site.lookup {
		switch rhs := l.RHS.(type) {
		case *Param:
			params = []*Param{rhs}
		case []Expr:
			if site.lookup == "range" {
				for _, e := range rhs {
					if p, isParam := e.(*Param); isParam {
						params = append(params, p)
					}
				}
			}
		}
	}
	if argErr != nil {
		if errors.Is(argErr, ErrNoParam) && site.Plain() && len(params) == len(bounds) && allEqualPrepared(params, bounds) {
			t.Errorf("%s = %v: Arg says ErrNoParam but the compiler binds the value itself", r.key, r.value)
		}
		return
	}
	if len(params) != len(bounds) {
		t.Errorf("%s = %v: Arg binds %#v but the compiler built %T", r.key, r.value, args, cond)
		return
	}
	for i, p := range params {
		want, err := d.Bind(p.V, p.K)
		if err != nil || !reflect.DeepEqual(want, args[i]) {
			t.Errorf("%s = %v: Arg binds %#v, the compiler %#v", r.key, r.value, args[i], want)
		}
	}
}

// allEqualPrepared reports whether each parameter holds its bound as the
// column's kind converts it (the value itself, not one derived from it).
func allEqualPrepared(params []*Param, bounds []any) bool {
	for i, p := range params {
		cv, err := registry.Convert(p.K, Canon(bounds[i]))
		if err != nil || !reflect.DeepEqual(cv, p.V) {
			return false
		}
	}
	return true
}

func TestIntOutsideTable(t *testing.T) {
	cases := []struct {
		v    any
		k    registry.Kind
		want int
	}{
		{int64(math.MaxInt16), registry.SmallInt, 0},
		{int64(math.MaxInt16 + 1), registry.SmallInt, 1},
		{int64(math.MinInt16), registry.SmallInt, 0},
		{int64(math.MinInt16 - 1), registry.SmallInt, -1},
		{int64(math.MaxInt32), registry.Int, 0},
		{int64(math.MaxInt32 + 1), registry.Int, 1},
		{int64(math.MinInt32), registry.Int, 0},
		{int64(math.MinInt32 - 1), registry.Int, -1},
		{int64(math.MaxInt64), registry.BigInt, 0},
		{int64(math.MinInt64), registry.BigInt, 0},
		{int64(math.MaxInt32 + 1), registry.BigInt, 0},
		{uint64(math.MaxInt64), registry.BigInt, 0},
		{uint64(math.MaxInt64) + 1, registry.BigInt, 1},
		{uint64(math.MaxInt16 + 1), registry.SmallInt, 1},
		{float64(math.MaxInt32), registry.Int, 0},
		{float64(math.MaxInt32 + 1), registry.Int, 1},
		{float64(math.MinInt32 - 1), registry.Int, -1},
		{math.Ldexp(1, 63), registry.BigInt, 1},   // 2^63: one past the largest bigint
		{-math.Ldexp(1, 63), registry.BigInt, 0},  // -2^63: the smallest bigint
		{-math.Ldexp(1, 64), registry.BigInt, -1}, // below it
		{1e300, registry.SmallInt, 1},
		{40000.5, registry.SmallInt, 0}, // not a whole number: conversion refuses it
		{math.Inf(1), registry.SmallInt, 0},
		{math.Inf(-1), registry.SmallInt, 0},
		{math.NaN(), registry.SmallInt, 0},
		{decimal.RequireFromString("32767"), registry.SmallInt, 0},
		{decimal.RequireFromString("32768"), registry.SmallInt, 1},
		{decimal.RequireFromString("-9223372036854775809"), registry.BigInt, -1},
		{decimal.RequireFromString("1e30"), registry.Int, 1},
		{decimal.RequireFromString("40000.5"), registry.SmallInt, 0},
		{"40000", registry.SmallInt, 1}, // a number as text is converted later: its range counts
		{" -40000 ", registry.SmallInt, -1},
		{"99999999999999999999", registry.BigInt, 1},
		{"-99999999999999999999", registry.BigInt, -1},
		{"4.5e4", registry.SmallInt, 0}, // not a whole number: the conversion's error
		{"abc", registry.SmallInt, 0},
		{true, registry.SmallInt, 0},
		{nil, registry.Int, 0},
	}
	for _, c := range cases {
		if got := intOutside(c.v, c.k); got != c.want {
			t.Errorf("intOutside(%#v, %s) = %d, want %d", c.v, c.k, got, c.want)
		}
	}
}

func TestClampRangeTable(t *testing.T) {
	small := registry.SmallInt
	cases := []struct {
		lo, hi    any
		k         registry.Kind
		want      []any // nil with empty
		wantEmpty bool
	}{
		{1, 10, small, []any{1, 10}, false},                                // inside: the items as given
		{10, 1, small, []any{10, 1}, false},                                // reversed: BETWEEN answers
		{-40000, 5, small, []any{int64(-32768), int64(5)}, false},          // low clamped
		{5, 40000, small, []any{int64(5), int64(32767)}, false},            // high clamped
		{-40000, 40000, small, []any{int64(-32768), int64(32767)}, false},  // both
		{40000, 50000, small, nil, true},                                   // above the column
		{-50000, -40000, small, nil, true},                                 // below it
		{40000, -40000, small, nil, true},                                  // reversed and outside
		{-40000.0, int32(7), small, []any{int64(-32768), int64(7)}, false}, // canonical items
		{decimal.RequireFromString("-1e10"), 0, registry.Int, []any{int64(math.MinInt32), int64(0)}, false},
		{uint64(1) << 63, uint64(1)<<63 + 1, registry.BigInt, nil, true},
		{int64(math.MinInt64), int64(math.MaxInt64), registry.BigInt, []any{int64(math.MinInt64), int64(math.MaxInt64)}, false},
	}
	for _, c := range cases {
		got, empty := clampRange([]any{c.lo, c.hi}, c.k)
		if empty != c.wantEmpty || !reflect.DeepEqual(got, c.want) {
			t.Errorf("clampRange([%#v, %#v], %s) = %#v, %v; want %#v, %v", c.lo, c.hi, c.k, got, empty, c.want, c.wantEmpty)
		}
	}
}

// CheckAlias: the identifier allow-list, no "__" at either end, and the
// backend's identifier length (SQLite has none).
func TestCheckAliasTable(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		dialect, alias string
		ok             bool
	}{
		{pg, "n", true},
		{pg, "books__count", true},
		{pg, "_private", true},
		{pg, "a___b", true},
		{pg, "A1", true},
		{pg, "", false},
		{pg, "1a", false},
		{pg, "a b", false},
		{pg, "a-b", false},
		{pg, "a;b", false},
		{pg, `a"b`, false},
		{pg, "a`b", false},
		{pg, "é", false},
		{pg, "__x", false},
		{pg, "a__", false},
		{pg, "__", false},
		{pg, "a____", false},
		{pg, long(63), true},
		{pg, long(64), false},
		{my, long(64), true},
		{my, long(65), false},
		{ora, long(128), true},
		{ora, long(129), false},
		{lite, long(1000), true},
		{lite, "__x", false},
	}
	for _, c := range cases {
		q := New(mxModels["book"], mxDialects[c.dialect])
		if err := q.CheckAlias(c.alias); (err == nil) != c.ok {
			t.Errorf("%s CheckAlias(%q) = %v, want ok=%v", c.dialect, c.alias, err, c.ok)
		}
	}
}

// checkDeferredPath: Only/Defer follow forward foreign keys and one-to-one
// relations both ways, ending at a concrete field.
func TestCheckDeferredPathTable(t *testing.T) {
	cases := []struct {
		model, path string
		err         string // "" when accepted
	}{
		{"book", "author__name", ""},
		{"book", "author__pk", ""},
		{"book", "author__id", ""},
		{"book", "editor__rating", ""},
		{"book", "profile__bio", ""},
		{"book", "author__joined", ""},
		{"profile", "book__title", ""},        // reverse one-to-one
		{"profile", "book__author__name", ""}, // then forward
		{"book", "author__bogus", "Cannot resolve keyword 'bogus' into field MxAuthor"},
		{"book", "author__books", "Cannot resolve keyword 'books' into field MxAuthor"},
		{"book", "tags__label", "Invalid field name 'tags' in \"tags__label\""},
		{"author", "books__title", "Invalid field name 'books' in \"books__title\""},
		{"book", "title__exact", "Invalid field name 'title' in \"title__exact\""},
		{"book", "author__name__x", "Invalid field name 'name'"},
		{"book", "bogus__name", "Invalid field name 'bogus'"},
	}
	for _, c := range cases {
		err := checkDeferredPath(mxModels[c.model], c.path)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: checkDeferredPath(%q) = %v, want nil", c.model, c.path, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: checkDeferredPath(%q) = %v, want an error containing %q", c.model, c.path, err, c.err)
		}
	}
}

func TestIsoYearStart(t *testing.T) {
	cases := []struct {
		y    int
		want string
	}{
		{2015, "2014-12-29"}, {2020, "2019-12-30"}, {2021, "2021-01-04"}, {2022, "2022-01-03"},
		{2026, "2025-12-29"}, {2027, "2027-01-04"}, {2004, "2003-12-29"}, {2010, "2010-01-04"},
	}
	for _, c := range cases {
		if got := isoYearStart(c.y).Format("2006-01-02"); got != c.want {
			t.Errorf("isoYearStart(%d) = %s, want %s", c.y, got, c.want)
		}
		// The day before the start belongs to the previous ISO year.
		if y, _ := isoYearStart(c.y).AddDate(0, 0, -1).ISOWeek(); y != c.y-1 {
			t.Errorf("the day before ISO year %d starts is in ISO year %d", c.y, y)
		}
		if y, _ := isoYearStart(c.y).ISOWeek(); y != c.y {
			t.Errorf("isoYearStart(%d) is in ISO year %d", c.y, y)
		}
	}
}
