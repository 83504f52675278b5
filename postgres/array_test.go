package postgres_test

import (
	"database/sql"
	"database/sql/driver"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm/postgres"
)

// flat renders a parsed array back as a readable form for comparisons:
// items in brackets, NULL as <nil>, texts quoted.
func flat(a *postgres.ArrayText) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, it := range a.Items {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch {
		case it.Sub != nil:
			b.WriteString(flat(it.Sub))
		case it.Null:
			b.WriteString("<nil>")
		default:
			b.WriteString("«" + it.Text + "»")
		}
	}
	b.WriteByte(']')
	return b.String()
}

func TestParseArray(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{}`, `[]`},
		{` { } `, `[]`},
		{`{1,2,3}`, `[«1» «2» «3»]`},
		{`{-1,+2.5e3,NaN}`, `[«-1» «+2.5e3» «NaN»]`},
		{`{a,"b c",NULL,"NULL",null,NuLl,""}`, `[«a» «b c» <nil> «NULL» <nil> <nil> «»]`},
		{`{"a\"b","c\\d","e,f","{g}"}`, `[«a"b» «c\d» «e,f» «{g}»]`},
		{`{ a , b c ,d}`, `[«a» «b c» «d»]`},                            // unquoted: surrounding blanks dropped
		{`{a\ ,\NULL,N\ULL,b\,c,\"}`, `[«a » «NULL» «NULL» «b,c» «"»]`}, // escapes keep blanks and make NULL text
		{`{"  padded  "}`, `[«  padded  »]`},
		{`{{1,2},{3,NULL}}`, `[[«1» «2»] [«3» <nil>]]`},
		{`{{{1}},{{2}}}`, `[[[«1»]] [[«2»]]]`},
		{`[0:1]={7,8}`, `[«7» «8»]`},
		{`[1:1][2:3]={{1,2}}`, `[[«1» «2»]]`},
		{`{"é ☃","tab	x"}`, `[«é ☃» «tab	x»]`},
		{`{2020-01-02 03:04:05+00}`, `[«2020-01-02 03:04:05+00»]`},
	}
	for _, c := range cases {
		got, err := postgres.ParseArray(c.in)
		if err != nil {
			t.Errorf("ParseArray(%q): %v", c.in, err)
			continue
		}
		if s := flat(got); s != c.want {
			t.Errorf("ParseArray(%q) = %s, want %s", c.in, s, c.want)
		}
	}
	for _, bad := range []string{``, `1,2`, `{`, `{1`, `{1,}`, `{,1}`, `{1,,2}`, `{"a}`, `{a"b}`, `{a{b}`, `{1}x`,
		`{{1},2}`, `{1,{2}}`, `{a\`, `[0:1]{1}`, `{{{{{{{{1}}}}}}}}`} {
		if got, err := postgres.ParseArray(bad); err == nil || !strings.Contains(err.Error(), "malformed array literal") {
			t.Errorf("ParseArray(%q) = %v, %v; want a malformed array literal error", bad, got, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestArrayValue(t *testing.T) {
	cases := []struct {
		name string
		v    driver.Valuer
		want any
	}{
		{"nil is NULL", postgres.Array[int64](nil), nil},
		{"empty", postgres.Array[int64]{}, "{}"},
		{"ints", postgres.Array[int64]{1, -2, math.MaxInt64}, `{"1","-2","9223372036854775807"}`},
		{"int32 and int", postgres.Array[int32]{math.MinInt32}, `{"-2147483648"}`},
		{"tricky strings", postgres.Array[string]{`a"b`, `c\d`, "", "NULL", "x,y", "{z}", " pad "},
			`{"a\"b","c\\d","","NULL","x,y","{z}"," pad "}`},
		{"NULL elements", postgres.Array[*int64]{ptr[int64](1), nil}, `{"1",NULL}`},
		{"NULL string element vs the text NULL", postgres.Array[*string]{nil, ptr("NULL")}, `{NULL,"NULL"}`},
		{"floats", postgres.Array[float64]{1.5, math.Inf(1), math.Inf(-1), math.NaN(), 1e-300},
			`{"1.5","Infinity","-Infinity","NaN","1e-300"}`},
		{"bools", postgres.Array[bool]{true, false}, `{"t","f"}`},
		{"decimals", postgres.Array[decimal.Decimal]{decimal.RequireFromString("1.25"), decimal.RequireFromString("-0.001")},
			`{"1.25","-0.001"}`},
		{"times keep their offset", postgres.Array[time.Time]{time.Date(2020, 1, 2, 3, 4, 5, 6000, time.FixedZone("", 3600))},
			`{"2020-01-02 03:04:05.000006+01:00"}`},
		{"a time of day (on 0000-01-01)", postgres.Array[time.Time]{time.Date(0, 1, 1, 13, 14, 15, 250000000, time.UTC)}, `{"13:14:15.25"}`},
		{"2-D", postgres.Array2[int32]{{1, 2}, {3, 4}}, `{{"1","2"},{"3","4"}}`},
		{"2-D empty", postgres.Array2[int32]{}, `{}`},
		{"2-D nil", postgres.Array2[int32](nil), nil},
	}
	for _, c := range cases {
		got, err := c.v.Value()
		if err != nil || got != c.want {
			t.Errorf("%s: Value() = %#v, %v; want %#v", c.name, got, err, c.want)
		}
	}
	for name, v := range map[string]driver.Valuer{
		"NUL byte":     postgres.Array[string]{"a\x00b"},
		"ragged 2-D":   postgres.Array2[int32]{{1, 2}, {3}},
		"year 0":       postgres.Array[time.Time]{time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC)},
		"year 10000":   postgres.Array[time.Time]{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		"NUL in a ptr": postgres.Array[*string]{ptr("\x00")},
	} {
		if got, err := v.Value(); err == nil {
			t.Errorf("%s: Value() = %#v, want an error", name, got)
		}
	}
}

// TestArrayRoundTrip renders values, then scans the text back, as []byte
// (lib/pq) and as string (pgx).
func TestArrayRoundTrip(t *testing.T) {
	strs := postgres.Array[string]{`a"b`, `c\d`, "", "NULL", "null", "x,y", "{z}", " pad ", "é☃", `\"`, "new\nline"}
	roundTrip(t, strs)
	roundTrip(t, postgres.Array[string]{})
	roundTrip(t, postgres.Array[int64]{1, -2, math.MinInt64})
	roundTrip(t, postgres.Array[int32]{math.MaxInt32})
	roundTrip(t, postgres.Array[int]{0, 7})
	roundTrip(t, postgres.Array[*int64]{nil, ptr[int64](3), nil})
	roundTrip(t, postgres.Array[*string]{nil, ptr("NULL"), ptr("")})
	roundTrip(t, postgres.Array[float64]{0.1, -2.5e10, math.Inf(1)})
	roundTrip(t, postgres.Array[bool]{true, false})
	roundTrip(t, postgres.Array[*bool]{nil, ptr(true)})
	roundTrip(t, postgres.Array[*float64]{nil, ptr(1.5)})
	roundTrip(t, postgres.Array[*int32]{nil, ptr[int32](-1)})
	roundTrip(t, postgres.Array[*int]{nil, ptr(2)})
	roundTrip(t, postgres.Array[*decimal.Decimal]{nil, ptr(decimal.RequireFromString("3.14"))})
	roundTrip(t, postgres.Array[*time.Time]{nil, ptr(time.Date(2021, 5, 6, 7, 8, 9, 123456000, time.UTC))})
	roundTrip(t, postgres.Array2[string]{{"a", `"`}, {"NULL", ""}})
	roundTrip(t, postgres.Array2[*int32]{{nil, ptr[int32](1)}})

	var nan postgres.Array[float64]
	if err := nan.Scan([]byte(`{NaN}`)); err != nil || len(nan) != 1 || !math.IsNaN(nan[0]) {
		t.Errorf("NaN: %v, %v", nan, err)
	}
	var dec postgres.Array[decimal.Decimal]
	if err := dec.Scan("{1.25,-0.5}"); err != nil || !dec[0].Equal(decimal.RequireFromString("1.25")) || !dec[1].Equal(decimal.RequireFromString("-0.5")) {
		t.Errorf("decimals: %v, %v", dec, err)
	}
}

func roundTrip[E driver.Valuer, P interface {
	*E
	sql.Scanner
}](t *testing.T, a E) {
	t.Helper()
	v, err := a.Value()
	if err != nil {
		t.Fatalf("%#v: Value: %v", a, err)
	}
	for _, src := range []any{[]byte(v.(string)), v.(string)} {
		var back E
		if err := P(&back).Scan(src); err != nil {
			t.Errorf("%#v: Scan(%T %q): %v", a, src, v, err)
			continue
		}
		if !reflect.DeepEqual(any(back), any(a)) {
			t.Errorf("round trip of %q (%T): got %#v, want %#v", v, src, back, a)
		}
	}
}

func TestArrayScanErrors(t *testing.T) {
	cases := []struct {
		name string
		scan func() error
		want string
	}{
		{"NULL element needs a pointer type", func() error { var a postgres.Array[int64]; return a.Scan("{1,NULL}") }, "use a pointer element type"},
		{"2-D into Array", func() error { var a postgres.Array[int64]; return a.Scan("{{1},{2}}") }, "use Array2"},
		{"1-D into Array2", func() error { var a postgres.Array2[int64]; return a.Scan("{1,2}") }, "not a two-dimensional array"},
		{"int32 overflow", func() error { var a postgres.Array[int32]; return a.Scan("{2147483648}") }, "element 0"},
		{"not a number", func() error { var a postgres.Array[int64]; return a.Scan(`{1,"x"}`) }, "element 1"},
		{"not a boolean", func() error { var a postgres.Array[bool]; return a.Scan("{yes}") }, "not a boolean"},
		{"not a time", func() error { var a postgres.Array[time.Time]; return a.Scan("{tomorrow}") }, "not a date or time"},
		{"malformed", func() error { var a postgres.Array[string]; return a.Scan([]byte("{a")) }, "malformed array literal"},
		{"not text", func() error { var a postgres.Array[int64]; return a.Scan(int64(1)) }, "cannot scan int64"},
	}
	for _, c := range cases {
		if err := c.scan(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error containing %q", c.name, err, c.want)
		}
	}
	a := postgres.Array[int64]{1}
	if err := a.Scan(nil); err != nil || a != nil {
		t.Errorf("Scan(nil) = %#v, %v; want a nil Array", a, err)
	}
	var times postgres.Array[time.Time]
	if err := times.Scan(`{"2020-01-02 03:04:05.5+00","2020-01-02 03:04:05-07:30","2020-01-02","2020-01-02 03:04:05","13:14:15.25"}`); err != nil {
		t.Fatal(err)
	}
	want := []time.Time{
		time.Date(2020, 1, 2, 3, 4, 5, 5e8, time.UTC),
		time.Date(2020, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(7*3600+30*60))),
		time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC),
		time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC),
		time.Date(0, 1, 1, 13, 14, 15, 25e7, time.UTC),
	}
	for i, w := range want {
		if !times[i].Equal(w) || times[i].Location() != time.UTC && i != 1 {
			t.Errorf("time %d: %v, want %v", i, times[i], w)
		}
	}
}
