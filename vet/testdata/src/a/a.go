package a

import (
	"context"

	"github.com/djorm/orm"
)

type Author struct{ orm.Model }

type Book struct {
	orm.Model
	Author orm.ForeignKey[Author]
}

func atomic(ctx context.Context, db *orm.DB) {
	_ = orm.Atomic(ctx, db, func(tx context.Context) error {
		_, err := orm.Objects[Book](db).All(ctx) // want `the orm.Atomic closure uses the outer ctx`
		return err
	})
	_ = orm.Atomic(ctx, db, func(ctx context.Context) error {
		_, err := orm.Objects[Book](db).All(ctx) // the closure's own ctx: fine
		return err
	})
}

func loops(ctx context.Context, db *orm.DB) {
	books, _ := orm.Objects[Book](db).All(ctx)
	for _, b := range books {
		_, _ = b.Author.Get(ctx) // want `Author is loaded once per row of books \(N\+1\): add SelectRelated\("author"\)`
	}
	joined, _ := orm.Objects[Book](db).SelectRelated("author").All(ctx)
	for _, b := range joined {
		_, _ = b.Author.Get(ctx) // selected: fine
	}
	authors, _ := orm.Objects[Author](db).All(ctx)
	for _, a := range authors {
		_, _ = orm.Related[Book](a, "books").All(ctx) // want `books is loaded once per row of authors \(N\+1\): add PrefetchRelated\("books"\)`
	}
}
