package conv

import (
	"strconv"
	"strings"
	"time"
)

// The text forms databases return for dates, datetimes and times, most
// specific first. SQLite returns these for computed columns, MySQL without
// parseTime, and PostgreSQL for time columns.
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999-07",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
}

var clockLayouts = []string{"15:04:05.999999999", "15:04:05.999999999-07", "15:04:05.999999999-07:00", "15:04"}

// Time converts src to a time.Time in UTC. Text without an offset is read
// as UTC, which is how djorm writes datetimes to backends without zones.
func Time(src any) (time.Time, error) {
	switch v := src.(type) {
	case time.Time:
		return v.UTC(), nil
	case []byte:
		return parseTime(string(v), src)
	case string:
		return parseTime(v, src)
	}
	return time.Time{}, typeError("time.Time", src)
}

func parseTime(s string, src any) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	for _, layout := range clockLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return ClockOf(t), nil
		}
	}
	return time.Time{}, typeError("time.Time", src)
}

// DateOf keeps the calendar date of t, at midnight UTC.
func DateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ClockOf keeps the time of day of t, on 0000-01-01 UTC (the form TimeField
// values take in djorm).
func ClockOf(t time.Time) time.Time {
	return time.Date(0, 1, 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// Duration converts src to a time.Duration. Integers are microseconds (how
// Django stores DurationField outside PostgreSQL); text is a PostgreSQL
// interval ("1 day 02:03:04.5", "-00:00:01") or "[D ]HH:MM:SS[.ffffff]".
func Duration(src any) (time.Duration, error) {
	switch v := src.(type) {
	case time.Duration:
		return v, nil
	case int64:
		return time.Duration(v) * time.Microsecond, nil
	case float64:
		return time.Duration(v) * time.Microsecond, nil
	case []byte:
		return parseInterval(string(v), src)
	case string:
		return parseInterval(v, src)
	}
	return 0, typeError("time.Duration", src)
}

func parseInterval(s string, src any) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Duration(n) * time.Microsecond, nil
	}
	var total time.Duration
	fields := strings.Fields(s)
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if strings.Contains(f, ":") {
			d, ok := parseClock(f)
			if !ok {
				return 0, typeError("time.Duration", src)
			}
			total += d
			continue
		}
		if i+1 >= len(fields) {
			return 0, typeError("time.Duration", src)
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, typeError("time.Duration", src)
		}
		switch strings.TrimSuffix(fields[i+1], "s") {
		case "day":
			total += time.Duration(n) * 24 * time.Hour
		case "mon":
			total += time.Duration(n) * 30 * 24 * time.Hour
		case "year":
			total += time.Duration(n) * 365 * 24 * time.Hour
		default:
			return 0, typeError("time.Duration", src)
		}
		i++
	}
	return total, nil
}

func parseClock(s string) (time.Duration, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return 0, false
	}
	h, err1 := strconv.ParseInt(parts[0], 10, 64)
	m, err2 := strconv.ParseInt(parts[1], 10, 64)
	sec, err3 := strconv.ParseFloat(parts[2], 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, false
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec*1e6+0.5)*time.Microsecond
	if neg {
		d = -d
	}
	return d, true
}
