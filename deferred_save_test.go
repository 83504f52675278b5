package orm_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Save of an object loaded with Only/Defer writes the loaded fields only,
// as Django's save() of a deferred instance: a deferred foreign key is not
// written as NULL (the editor was lost, a required author refused).
func TestSaveLeavesDeferredFieldsAlone(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		before, err := books.Filter(orm.Q{"editor__isnull": false}).OrderBy("id").First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		b, err := books.Only("title").Get(ctx, orm.Q{"id": before.ID})
		if err != nil {
			t.Fatal(err)
		}
		b.Title = "changed"
		if err := db.Save(ctx, b); err != nil {
			t.Fatalf("Save of an Only() object: %v", err)
		}
		after, err := books.Get(ctx, orm.Q{"id": before.ID})
		if err != nil {
			t.Fatal(err)
		}
		if after.Title != "changed" || after.Author.ID() != before.Author.ID() || after.Editor.ID() != before.Editor.ID() ||
			!after.Price.Equal(before.Price) || after.SalesCount != before.SalesCount {
			t.Errorf("after Save: title %q author %v editor %v price %v sales %d; want changed, %v, %v, %v, %d",
				after.Title, after.Author.ID(), after.Editor.ID(), after.Price, after.SalesCount,
				before.Author.ID(), before.Editor.ID(), before.Price, before.SalesCount)
		}
	})
}

// Only("author__name") with SelectRelated("author") defers the author's
// other fields: the loaded author lists them, and saving it keeps them.
func TestOnlyThroughSelectRelatedDefersRelatedFields(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		b, err := orm.Objects[Book](db).SelectRelated("author").Only("title", "author__name").OrderBy("id").First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ctxQ, captured := orm.CaptureQueries(ctx)
		a, err := b.Author.Get(ctxQ)
		if err != nil || captured.Count() != 0 {
			t.Fatalf("the selected author: %v, %d queries", err, captured.Count())
		}
		if got, want := a.DeferredFields(), []string{"joined_date", "rating", "publisher_id"}; !reflect.DeepEqual(got, want) {
			t.Errorf("author deferred fields %v, want %v", got, want)
		}
		full, err := orm.Objects[Author](db).Get(ctx, orm.Q{"id": a.ID})
		if err != nil {
			t.Fatal(err)
		}
		a.Name = "renamed"
		if err := db.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
		again, err := orm.Objects[Author](db).Get(ctx, orm.Q{"id": a.ID})
		if err != nil {
			t.Fatal(err)
		}
		if again.Name != "renamed" || !again.JoinedDate.Equal(full.JoinedDate) || !reflect.DeepEqual(again.Rating, full.Rating) ||
			again.Publisher.ID() != full.Publisher.ID() {
			t.Errorf("after Save: %+v, want the fields of %+v with the new name", again, full)
		}
	})
}
