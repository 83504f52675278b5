package conv

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestDurationForms(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"01:02:03":         time.Hour + 2*time.Minute + 3*time.Second,
		"1 day 02:00:00":   26 * time.Hour,
		"-00:00:01.5":      -1500 * time.Millisecond,
		"3 days":           72 * time.Hour,
		"2 days -01:00:00": 47 * time.Hour,
		"1500000":          1500 * time.Millisecond,
		"00:00:00.000001":  time.Microsecond,
	} {
		got, err := Duration(in)
		if err != nil || got != want {
			t.Errorf("Duration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := Duration("soon"); err == nil {
		t.Error("Duration(soon) should fail")
	}
}

func TestTimeForms(t *testing.T) {
	want := time.Date(2021, 1, 10, 9, 30, 0, 123000000, time.UTC)
	for _, in := range []any{"2021-01-10 09:30:00.123", []byte("2021-01-10T09:30:00.123Z"),
		"2021-01-10 10:30:00.123+01:00", want.In(time.FixedZone("x", 3600))} {
		got, err := Time(in)
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Time(%v) = %v, %v", in, got, err)
		}
	}
	got, err := Time("15:04:05.5")
	if err != nil || got != time.Date(0, 1, 1, 15, 4, 5, 5e8, time.UTC) {
		t.Errorf("clock: %v %v", got, err)
	}
}

// Floats convert only inside [-2^63, 2^63): 2^63 itself once wrapped to -2^63.
func TestIntFloatRange(t *testing.T) {
	for _, tc := range []struct {
		in float64
		ok bool
	}{
		{-(1 << 63), true}, {1 << 62, true}, {1 << 63, false}, {-(1 << 64), false},
		{math.Inf(1), false}, {math.Inf(-1), false}, {math.NaN(), false},
	} {
		n, err := Int64(tc.in)
		if (err == nil) != tc.ok || err == nil && float64(n) != tc.in {
			t.Errorf("Int64(%g) = %d, %v", tc.in, n, err)
		}
	}
	for _, s := range []string{"9223372036854775808", "-9223372036854775809", "9223372036854775808.0"} {
		if n, err := Int64(s); err == nil {
			t.Errorf("Int64(%q) = %d, want an error", s, n)
		}
	}
}

func TestIntRefusesFractions(t *testing.T) {
	if _, err := Int64(1.5); err == nil {
		t.Error("1.5 should not become an int")
	}
	if n, err := Int64([]byte("42.0")); err != nil || n != 42 {
		t.Errorf("42.0 -> %v %v", n, err)
	}
}

// The short-cut parser gives exactly the coefficient and exponent
// decimal.NewFromString gives, and leaves everything else to it.
func TestSmallDecimalMatchesNewFromString(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	inputs := []string{"0", "-0", "12.50", "-0.001", "1e-05", "1.5e+20", "123", "999999999999999999",
		"9999999999999999999", "0.000000000000000001", "-12.3456789012345678", "1.", ".5", "1e", "e5", "--1", "1.2.3", " 1", "1e999999999", ""}
	for range 20000 {
		f := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(40)-20))
		inputs = append(inputs, string(strconv.AppendFloat(nil, f, 'g', 15, 64)), strconv.FormatFloat(f, 'f', r.IntN(8), 64))
	}
	for _, in := range inputs {
		c, exp, ok := smallDecimal(in)
		want, err := decimal.NewFromString(in)
		if !ok {
			continue
		}
		if err != nil {
			t.Fatalf("%q: parsed as %de%d, NewFromString refuses it: %v", in, c, exp, err)
		}
		if got := decimal.New(c, exp); got.Exponent() != want.Exponent() || got.Cmp(want) != 0 || got.String() != want.String() {
			t.Fatalf("%q: got %s (exp %d), want %s (exp %d)", in, got, got.Exponent(), want, want.Exponent())
		}
		if b, _, okb := smallDecimal([]byte(in)); !okb || b != c {
			t.Fatalf("%q: []byte form differs", in)
		}
	}
	if _, _, ok := smallDecimal("12.5"); !ok {
		t.Fatal("a plain decimal takes the short cut")
	}
}
