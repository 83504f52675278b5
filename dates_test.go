package orm_test

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Dates and Datetimes list the distinct truncated values, NULLs left out,
// in either order, as Django's dates() and datetimes().
func TestDatesAndDatetimes(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		books := loadBooks(t, db)
		ctx := context.Background()
		distinct := func(trunc func(time.Time) time.Time, desc bool) []time.Time {
			seen := map[time.Time]bool{}
			var out []time.Time
			for _, b := range books {
				if b.PublishedAt == nil {
					continue
				}
				v := trunc(b.PublishedAt.UTC())
				if !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
			sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) != desc })
			return out
		}
		day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
		year := func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) }
		hour := func(t time.Time) time.Time { return t.Truncate(time.Hour) }
		cases := []struct {
			name string
			qs   *orm.QuerySet[time.Time]
			want []time.Time
		}{
			{"dates year", orm.Objects[Book](db).Dates("published_at", "year"), distinct(year, false)},
			{"dates day desc", orm.Objects[Book](db).Dates("published_at", "day", "DESC"), distinct(day, true)},
			{"datetimes hour", orm.Objects[Book](db).Datetimes("published_at", "hour"), distinct(hour, false)},
			{"datetimes year desc", orm.Objects[Book](db).Datetimes("published_at", "year", "desc"), distinct(year, true)},
		}
		for _, c := range cases {
			got, err := c.qs.All(ctx)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if len(got) != len(c.want) || len(got) < 3 {
				t.Fatalf("%s: %v, want %v", c.name, got, c.want)
			}
			for i := range got {
				if !got[i].Equal(c.want[i]) {
					t.Errorf("%s [%d]: %v, want %v", c.name, i, got[i], c.want[i])
				}
			}
		}
		// A date field's dates, and its refusal by Datetimes.
		joined, err := orm.Objects[testkit.Author](db).Dates("joined_date", "month", "DESC").All(ctx)
		if err != nil || len(joined) == 0 {
			t.Fatalf("dates of a date field: %v %v", joined, err)
		}
		for _, bad := range []struct {
			qs   *orm.QuerySet[time.Time]
			want string
		}{
			{orm.Objects[testkit.Author](db).Datetimes("joined_date", "day"), "Cannot truncate DateField"},
			{orm.Objects[Book](db).Dates("published_at", "hour"), "kind must be one of year, month, week, day"},
			{orm.Objects[Book](db).Datetimes("published_at", "fortnight"), "kind must be one of"},
			{orm.Objects[Book](db).Dates("published_at", "day", "UP"), `order must be "ASC" or "DESC"`},
			{orm.Objects[Book](db).Dates("titel", "day"), "titel"},
		} {
			_, err := bad.qs.All(ctx)
			var fe *orm.FieldError
			if err == nil || !strings.Contains(err.Error(), bad.want) || !errors.Is(err, orm.ErrInvalidQuery) && !errors.As(err, &fe) {
				t.Errorf("%v, want an error containing %q", err, bad.want)
			}
		}
	})
}
