package orm_test

import (
	"context"
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// Queries Django refuses are refused before any SQL, with ErrInvalidQuery.
func TestRefusedBeforeSQL(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		books := orm.Objects[Book](db)
		one := []*Book{{Title: "x", Price: decimal.NewFromInt(1)}}
		cases := map[string]func() error{
			"BatchSize(0)": func() error { return books.BulkCreate(ctx, one, orm.BatchSize(0)) },
			"BatchSize(-1)": func() error {
				_, err := books.BulkUpdate(ctx, one, []string{"title"}, orm.BatchSize(-1))
				return err
			},
			"BatchSize(0) with no objects": func() error { return books.BulkCreate(ctx, nil, orm.BatchSize(0)) },
			"two raw statements": func() error {
				_, err := orm.Raw[Book](db, "SELECT * FROM book; DELETE FROM book").All(ctx)
				return err
			},
			"a raw placeholder without its argument": func() error {
				_, err := orm.Raw[Book](db, "SELECT * FROM book WHERE id = ? AND title = ?", 1).All(ctx)
				return err
			},
			"a second statement in RawSQL": func() error {
				_, err := books.Annotate(orm.As("x", orm.RawSQL("1; DELETE FROM book"))).All(ctx)
				return err
			},
			"Distinct after a slice": func() error {
				_, err := books.OrderBy("id").Slice(1, 3).Distinct().Count(ctx)
				return err
			},
			"Count(\"*\") with a Filter": func() error {
				_, err := books.Aggregate(ctx, orm.As("n", orm.Count("*").Filter(orm.Q{"price__gt": 1})))
				return err
			},
			"a second statement in Extra": func() error {
				_, err := books.Extra(orm.Extra{Where: []orm.SQLText{"1 = 1; DELETE FROM book"}}).All(ctx)
				return err
			},
		}
		for name, run := range cases {
			if err := run(); !errors.Is(err, orm.ErrInvalidQuery) {
				t.Errorf("%s: want ErrInvalidQuery, got %v", name, err)
			}
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("refused queries sent %d statements: %v", n, captured.Queries())
		}
	})
}

// A ? or a ; inside a literal or a comment of raw SQL is text, not a
// placeholder or the end of a statement.
func TestRawTextLiteralsAndComments(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		got, err := orm.Raw[Book](db, "SELECT * FROM book WHERE title <> 'why?; not' /* ? ; */ AND id = ?;", 1).All(ctx)
		if err != nil || len(got) != 1 || got[0].ID != 1 {
			t.Fatalf("raw with ? and ; in a literal and a comment: %v %v", got, err)
		}
		n, err := orm.Objects[Book](db).Extra(orm.Extra{Where: []orm.SQLText{"title <> '?' AND id = ?"}, Params: []any{1}}).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("Extra where with a ? in a literal: %d %v", n, err)
		}
	})
}

// Django's TypeError and NotSupportedError cases are refused before SQL.
func TestDjangoRefusalsBeforeSQL(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		books := orm.Objects[Book](db)
		cheap := books.Filter(orm.Q{"price__lt": 10})
		combined := cheap.Union(books.Filter(orm.Q{"sales_count__gt": 100}))
		var ns *orm.NotSupportedError
		cases := map[string]func() error{
			"Min distinct": func() error { _, err := books.Aggregate(ctx, orm.Min("price").Distinct()); return err },
			"Max distinct": func() error { _, err := books.Aggregate(ctx, orm.Max("price").Distinct()); return err },
			"StdDev distinct": func() error {
				_, err := books.Aggregate(ctx, orm.StdDev("price", true).Distinct())
				return err
			},
			"SelectRelated after Values": func() error {
				_, err := books.Values("title").SelectRelated("author").All(ctx)
				return err
			},
			"Defer after Union":    func() error { _, err := combined.Defer("title").All(ctx); return err },
			"Only after Union":     func() error { _, err := combined.Only("title").All(ctx); return err },
			"Distinct after Union": func() error { _, err := combined.Distinct().Count(ctx); return err },
			"an aggregate in OrderBy": func() error {
				_, err := books.OrderBy(orm.Count("reviews").Desc()).All(ctx)
				return err
			},
			"an unsliced QuerySet as an exact value": func() error {
				_, err := books.Filter(orm.Q{"author": orm.Objects[Author](db)}).All(ctx)
				return err
			},
			"a QuerySet sliced to two rows as an exact value": func() error {
				_, err := books.Filter(orm.Q{"author": orm.Objects[Author](db).Slice(0, 2)}).All(ctx)
				return err
			},
			"Extra after Union": func() error {
				_, err := combined.Extra(orm.Extra{Where: []orm.SQLText{"1 = 1"}}).All(ctx)
				return err
			},
		}
		for name, run := range cases {
			err := run()
			if !errors.Is(err, orm.ErrInvalidQuery) && !errors.As(err, &ns) {
				t.Errorf("%s: want ErrInvalidQuery or a NotSupportedError, got %v", name, err)
			}
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("refused queries sent %d statements: %v", n, captured.Queries())
		}
		// Count, Sum and Avg keep Distinct.
		if _, err := books.Aggregate(ctx, orm.Count("author").Distinct(), orm.Sum("price").Distinct(), orm.Avg("price").Distinct()); err != nil {
			t.Errorf("Count/Sum/Avg distinct: %v", err)
		}
	})
}
