package a

import (
	"context"

	"github.com/djorm/orm"
)

type Author struct{ orm.Model }

type Book struct {
	orm.Model
	Title  string
	Author orm.ForeignKey[Author] `orm:"related_name=books"`
	Tags   orm.ManyToMany[Tag]
}

type Tag struct {
	orm.Model
	Name string
}

func paths(db *orm.DB) {
	orm.Objects[Book](db).Filter(orm.Q{"title__icontains": "x", "author__name": "a", "author_id": 1, "pk": 2, "tags__name": "t"})
	orm.Objects[Book](db).Filter(orm.Q{"titel": "x"}) // want `Q key "titel" does not resolve on Book: "titel" is no field or relation of it`
	orm.Objects[Author](db).Filter(orm.Q{"books__title": "x", "id": 1})
	orm.Objects[Tag](db).Filter(orm.Q{"book__title": "x"})
	orm.Objects[Book](db).Annotate(1).Filter(orm.Q{"n": 1}) // annotated: not checked
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
