package orm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// A related manager's Create, GetOrCreate and UpdateOrCreate relate the
// object to the owner (author.books.create(...)); through a many-to-many
// they create it and link it.
func TestRelatedManagerCreates(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		a, err := orm.Objects[Author](db).OrderBy("id").First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		books := orm.Related[Book](a, "books")
		b := &Book{Title: "via manager", Price: decimal.NewFromInt(3)}
		if err := books.Create(ctx, b); err != nil {
			t.Fatal(err)
		}
		if b.Author.ID() != a.ID {
			t.Errorf("the created book's author: %v, want %d", b.Author.ID(), a.ID)
		}
		g, created, err := books.GetOrCreate(ctx, orm.Q{"title": "goc"}, orm.Set{"price": decimal.NewFromInt(4)})
		if err != nil || !created || g.Author.ID() != a.ID {
			t.Fatalf("GetOrCreate: %+v %v %v", g, created, err)
		}
		again, created, err := books.GetOrCreate(ctx, orm.Q{"title": "goc"}, nil)
		if err != nil || created || again.ID != g.ID {
			t.Errorf("GetOrCreate again: %+v %v %v", again, created, err)
		}
		u, created, err := books.UpdateOrCreate(ctx, orm.Q{"title": "goc"}, orm.Set{"sales_count": 9})
		if err != nil || created || u.SalesCount != 9 {
			t.Errorf("UpdateOrCreate: %+v %v %v", u, created, err)
		}
		n, err := orm.Objects[Book](db).Filter(orm.Q{"author": a.ID, "title__in": []any{"via manager", "goc"}}).Count(ctx)
		if err != nil || n != 2 {
			t.Errorf("books of the author: %d, %v", n, err)
		}
		// Many-to-many: created and linked.
		tags := orm.Related[Tag](b, "tags")
		tg := &Tag{Name: "fresh"}
		if err := tags.Create(ctx, tg); err != nil {
			t.Fatal(err)
		}
		t2, created, err := tags.GetOrCreate(ctx, orm.Q{"name": "fresh2"}, nil)
		if err != nil || !created {
			t.Fatalf("m2m GetOrCreate: %v %v", created, err)
		}
		linked, err := orm.Related[Tag](b, "tags").OrderBy("id").ValuesList("name").Flat().All(ctx)
		if err != nil || len(linked) != 2 || linked[0] != "fresh" || linked[1] != t2.Name {
			t.Errorf("tags of the book: %v %v", linked, err)
		}
	})
}

// Set through a reverse foreign key that cannot be NULL only adds, as
// Django's set(): the owner's other objects cannot be let go.
func TestRelatedSetNonNullReverseForeignKey(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		a1, err := orm.Objects[Author](db).Get(ctx, orm.Q{"pk": 1})
		mustDo(t, err)
		before, err := orm.Related[Book](a1, "books").Count(ctx)
		mustDo(t, err)
		other, err := orm.Objects[Book](db).Exclude(orm.Q{"author": 1}).OrderBy("id").First(ctx)
		mustDo(t, err)
		mustDo(t, orm.Related[Book](a1, "books").Set(ctx, other))
		after, err := orm.Related[Book](a1, "books").Count(ctx)
		mustDo(t, err)
		if after != before+1 {
			t.Errorf("author 1's books: %d after Set, want the %d it had plus the one set", after, before)
		}
	})
}

// Remove through a reverse foreign key refuses an object whose key points
// elsewhere, as Django (DoesNotExist: "... is not related to ...").
func TestRelatedRemoveUnrelated(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		a1, err := orm.Objects[Author](db).Get(ctx, orm.Q{"pk": 1})
		mustDo(t, err)
		stranger, err := orm.Objects[Book](db).Exclude(orm.Q{"editor": 1}).OrderBy("id").First(ctx)
		mustDo(t, err)
		err = orm.Related[Book](a1, "edited_books").Remove(ctx, stranger)
		if !errors.Is(err, orm.ErrDoesNotExist) || !strings.Contains(err.Error(), "is not related to") {
			t.Errorf("removing a book author 1 does not edit: %v, want ErrDoesNotExist", err)
		}
	})
}
