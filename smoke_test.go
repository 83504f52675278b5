package orm_test

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

type Book = testkit.Book

func TestSmoke(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books, err := orm.Objects[Book](db).Filter(orm.Q{"author__joined_date__year__gt": 2020}).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, b := range books {
			ids = append(ids, b.ID)
		}
		t.Logf("ids=%v", ids)
	})
}
