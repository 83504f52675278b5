package orm_test

import (
	"context"
	"slices"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

type Book = testkit.Book

// The seed's first filter, across a relation and a date transform, gives
// the books a Go loop over the same data gives.
func TestSmoke(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books, err := orm.Objects[Book](db).Filter(orm.Q{"author__joined_date__year__gt": 2020}).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		all, err := orm.Objects[Book](db).SelectRelated("author").OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var want, got []int64
		for _, b := range all {
			if a, err := b.Author.Get(ctx); err == nil && a.JoinedDate.Year() > 2020 {
				want = append(want, b.ID)
			}
		}
		for _, b := range books {
			got = append(got, b.ID)
		}
		if len(want) == 0 || len(want) == len(all) || !slices.Equal(got, want) {
			t.Errorf("books of authors who joined after 2020: %v, want %v (of %d)", got, want, len(all))
		}
	})
}
