package arena

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// The fast formatters must write exactly what time.Format and
// decimal.String write: bound text is compared by the database.
func TestFormattersMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	times := []time.Time{
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-5, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 12, 0, 0, 1, time.FixedZone("x", 5*3600+1800)),
		time.Date(2024, 2, 29, 12, 0, 0, 1000, time.UTC),
	}
	for range 2000 {
		times = append(times, time.Unix(r.Int64N(400e9)-200e9, r.Int64N(1e9)).In(time.FixedZone("z", r.IntN(50000)-25000)))
	}
	for _, tm := range times {
		u := tm.UTC()
		want := u.Format("2006-01-02 15:04:05")
		if u.Nanosecond() != 0 {
			want = u.Format("2006-01-02 15:04:05.000000")
		}
		if got := string(AppendDateTime(nil, tm)); got != want {
			t.Fatalf("AppendDateTime(%v) = %q, want %q", tm, got, want)
		}
		if got, want := string(AppendDate(nil, tm)), tm.Format("2006-01-02"); got != want {
			t.Fatalf("AppendDate(%v) = %q, want %q", tm, got, want)
		}
		want = tm.Format("15:04:05")
		if tm.Nanosecond() != 0 {
			want = tm.Format("15:04:05.000000")
		}
		if got := string(AppendClock(nil, tm)); got != want {
			t.Fatalf("AppendClock(%v) = %q, want %q", tm, got, want)
		}
	}
	decs := []decimal.Decimal{
		decimal.Zero, decimal.New(0, -2), decimal.New(-5, -1), decimal.New(1250, -2),
		decimal.New(-1000, -3), decimal.New(5, 3), decimal.New(1, -18), decimal.New(-1, -19),
		decimal.New(999999999999999999, -18), decimal.New(-999999999999999999, -9),
		decimal.RequireFromString("12345678901234567890.5"), decimal.New(7, -30),
	}
	for range 5000 {
		decs = append(decs, decimal.New(r.Int64N(1<<62)-(1<<61), -int32(r.IntN(20))))
		decs = append(decs, decimal.New(r.Int64N(100000)-50000, -int32(r.IntN(6))))
	}
	for _, d := range decs {
		if got, want := string(AppendDecimal(nil, d)), d.String(); got != want {
			t.Fatalf("AppendDecimal(%s) = %q, want %q", d, got, want)
		}
	}
}

// Strings from an arena keep their text while the arena grows past its
// buffers.
func TestArenaStringsSurviveGrowth(t *testing.T) {
	var a Arena
	a.Grow(16)
	var got, want []string
	for i := range 3000 {
		d := decimal.New(int64(i*37-5000), -int32(i%4))
		got = append(got, a.Decimal(d))
		want = append(want, d.String())
		tm := time.Unix(int64(i)*7919, int64(i)*1000).UTC()
		got = append(got, a.DateTime(tm))
		want = append(want, string(AppendDateTime(nil, tm)))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("string %d = %q, want %q", i, got[i], want[i])
		}
	}
	var none *Arena // a nil arena allocates each text
	if s := none.Date(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)); s != "2020-01-02" {
		t.Fatalf("nil arena Date = %q", s)
	}
}

func ExampleArena() {
	var a Arena
	price := a.Decimal(decimal.New(1250, -2))
	when := a.DateTime(time.Date(2024, 5, 1, 9, 30, 0, 250000000, time.UTC))
	fmt.Println(price, when)
	// Output: 12.5 2024-05-01 09:30:00.250000
}

func BenchmarkBindText(b *testing.B) {
	d := decimal.New(1999, -2)
	tm := time.Date(2024, 5, 1, 9, 30, 0, 250000000, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		a := &Arena{}
		a.Grow(64)
		for range 2 {
			_, _ = BindText(a, d, 0)
			_, _ = BindText(a, tm, 0)
		}
	}
}

// A boxed string is the interface any(s) would be: same dynamic type and
// value, across blocks and garbage collections.
func TestArenaBoxIsAnOrdinaryInterface(t *testing.T) {
	var a Arena
	var boxed []any
	var want []string
	for i := range 10000 {
		s := a.Decimal(decimal.New(int64(i), -2))
		boxed = append(boxed, a.Box(s))
		want = append(want, s)
		if i%2500 == 0 {
			runtime.GC()
		}
	}
	a = Arena{} // the boxes alone keep their blocks alive
	runtime.GC()
	for i, v := range boxed {
		s, ok := v.(string)
		if !ok || s != want[i] || v != any(want[i]) || reflect.TypeOf(v) != reflect.TypeFor[string]() {
			t.Fatalf("box %d = %#v, want %q", i, v, want[i])
		}
	}
	var none *Arena
	if v := none.Box("x"); v != any("x") {
		t.Fatalf("nil arena Box = %#v", v)
	}
}
