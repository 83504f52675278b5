package orm_test

import (
	"context"
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

func TestQuerySetContains(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		cheap := books.Filter(orm.Q{"price__lt": 20})
		all, _ := books.OrderBy("id").All(ctx)
		in, out := 0, 0
		for _, b := range all {
			want := b.Price.LessThan(dec("20"))
			got, err := cheap.Contains(ctx, b)
			if err != nil || got != want {
				t.Errorf("book %d (price %v): Contains %v, %v", b.ID, b.Price, got, err)
			}
			if want {
				in++
			} else {
				out++
			}
		}
		if in == 0 || out == 0 {
			t.Fatalf("the data cannot tell: %d in, %d out", in, out)
		}
		// An evaluated QuerySet answers from its cache.
		evaluated := books.Filter(orm.Q{"price__lt": 20})
		if _, err := evaluated.All(ctx); err != nil {
			t.Fatal(err)
		}
		ctxQ, captured := orm.CaptureQueries(ctx)
		for _, b := range all {
			if _, err := evaluated.Contains(ctxQ, b); err != nil {
				t.Fatal(err)
			}
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("Contains on an evaluated QuerySet ran %d queries", n)
		}
		if _, err := books.Contains(ctx, &Book{}); !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("an unsaved book: %v", err)
		}
	})
}
