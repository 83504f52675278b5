package conv

import (
	"testing"
	"time"
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

func TestIntRefusesFractions(t *testing.T) {
	if _, err := Int64(1.5); err == nil {
		t.Error("1.5 should not become an int")
	}
	if n, err := Int64([]byte("42.0")); err != nil || n != 42 {
		t.Errorf("42.0 -> %v %v", n, err)
	}
}
