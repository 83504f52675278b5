package orm_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// loadLibrary makes 100 authors with 10 books each, and a review per book.
func loadLibrary(t *testing.T, db *orm.DB) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.DropTables(ctx, testkit.Bookstore...))
	must(db.CreateTables(ctx, testkit.Bookstore...))
	authors := make([]*Author, 100)
	for i := range authors {
		authors[i] = &Author{Name: fmt.Sprintf("author %03d", i), JoinedDate: time.Date(2020, 1, 1+i%28, 0, 0, 0, 0, time.UTC)}
	}
	must(orm.Objects[Author](db).BulkCreate(ctx, authors))
	var books []*Book
	for _, a := range authors {
		if a.ID == 0 {
			t.Fatal("BulkCreate must set primary keys on this backend")
		}
		for j := 0; j < 10; j++ {
			books = append(books, &Book{Title: fmt.Sprintf("%s book %d", a.Name, j), Author: orm.Ref(a),
				Price: decimal.NewFromInt(int64(10 + j)), SalesCount: j * 100, IsPublished: j%2 == 0})
		}
	}
	must(orm.Objects[Book](db).BulkCreate(ctx, books, orm.BatchSize(300)))
	reviews := make([]*Review, len(books))
	for i, b := range books {
		reviews[i] = &Review{Book: orm.Ref(b), Stars: 1 + i%5}
	}
	must(orm.Objects[Review](db).BulkCreate(ctx, reviews))
}

func TestQueryCountsWithoutNPlusOne(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLibrary(t, db)
		count := func(fn func(ctx context.Context) error) int {
			t.Helper()
			ctx, captured := orm.CaptureQueries(context.Background())
			if err := fn(ctx); err != nil {
				t.Fatal(err)
			}
			return captured.Count()
		}
		readAuthors := func(qs *orm.QuerySet[*Book]) func(context.Context) error {
			return func(ctx context.Context) error {
				books, err := qs.All(ctx)
				if err != nil || len(books) != 1000 {
					return fmt.Errorf("%d books, %v", len(books), err)
				}
				for _, b := range books {
					a, err := b.Author.Get(ctx)
					if err != nil || a == nil || a.ID != b.Author.ID().(int64) {
						return fmt.Errorf("author of %d: %v %v", b.ID, a, err)
					}
				}
				return nil
			}
		}
		if n := count(readAuthors(orm.Objects[Book](db))); n != 1001 {
			t.Errorf("books then each author: %d queries, want 1001", n)
		}
		if n := count(readAuthors(orm.Objects[Book](db).SelectRelated("author"))); n != 1 {
			t.Errorf("with SelectRelated: %d queries, want 1", n)
		}
		if n := count(readAuthors(orm.Objects[Book](db).FetchMode(orm.FetchPeers))); n != 2 {
			t.Errorf("with FetchPeers: %d queries, want 2", n)
		}
		readBooks := func(qs *orm.QuerySet[*Author], reviews bool) func(context.Context) error {
			return func(ctx context.Context) error {
				authors, err := qs.All(ctx)
				if err != nil || len(authors) != 100 {
					return fmt.Errorf("%d authors, %v", len(authors), err)
				}
				for _, a := range authors {
					books, err := orm.Related[Book](a, "books").All(ctx)
					if err != nil || len(books) != 10 {
						return fmt.Errorf("books of %d: %d %v", a.ID, len(books), err)
					}
					if reviews {
						for _, b := range books {
							rs, err := orm.Related[Review](b, "reviews").All(ctx)
							if err != nil || len(rs) != 1 {
								return fmt.Errorf("reviews of %d: %d %v", b.ID, len(rs), err)
							}
						}
					}
				}
				return nil
			}
		}
		if n := count(readBooks(orm.Objects[Author](db), false)); n != 101 {
			t.Errorf("authors then each author's books: %d queries, want 101", n)
		}
		if n := count(readBooks(orm.Objects[Author](db).PrefetchRelated("books"), false)); n != 2 {
			t.Errorf("with PrefetchRelated: %d queries, want 2", n)
		}
		if n := count(readBooks(orm.Objects[Author](db).PrefetchRelated("books__reviews"), true)); n != 3 {
			t.Errorf("two-level prefetch: %d queries, want 3", n)
		}
		if n := count(readBooks(orm.Objects[Author](db).FetchMode(orm.FetchPeers), false)); n != 2 {
			t.Errorf("reverse relation with FetchPeers: %d queries, want 2", n)
		}
		// Raise refuses to fetch and names what was touched.
		ctx := context.Background()
		b, err := orm.Objects[Book](db).FetchMode(orm.Raise).First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.Author.Get(ctx)
		var fe *orm.FieldError
		if !errors.Is(err, orm.ErrFetchBlocked) || !errors.As(err, &fe) {
			t.Errorf("FetchMode(Raise): %v", err)
		}
	})
}

func TestPrefetchObjectsAndSlices(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		// Prefetch with a queryset and ToAttr (no declared field: the store).
		authors, err := orm.Objects[Author](db).OrderBy("id").PrefetchRelated(
			orm.Prefetch("books", orm.Objects[Book](db).Filter(orm.Q{"is_published": true}).OrderBy("-price")).ToAttr("published_books"),
		).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]string{1: "[1 3]", 2: "[5 2]", 3: "[]", 4: "[]", 5: "[6 8]"}
		for _, a := range authors {
			got, ok := orm.Prefetched[Book](a, "published_books")
			if !ok || idsOf(got) != want[a.ID] {
				t.Errorf("published books of %d: %v (stored %v), want %s", a.ID, idsOf(got), ok, want[a.ID])
			}
		}
		// A sliced Prefetch keeps the top N per parent, in one query.
		cctx, captured := orm.CaptureQueries(ctx)
		authors, err = orm.Objects[Author](db).OrderBy("id").PrefetchRelated(
			orm.Prefetch("books", orm.Objects[Book](db).OrderBy("-sales_count").Slice(0, 1)),
		).All(cctx)
		if err != nil {
			t.Fatal(err)
		}
		top := map[int64]string{1: "[1]", 2: "[5]", 3: "[7]", 4: "[]", 5: "[8]"}
		for _, a := range authors {
			bs, _ := orm.Related[Book](a, "books").All(cctx)
			if idsOf(bs) != top[a.ID] {
				t.Errorf("best seller of %d: %s, want %s", a.ID, idsOf(bs), top[a.ID])
			}
		}
		if captured.Count() != 2 {
			t.Errorf("a sliced prefetch is one query: %d queries", captured.Count())
		}
		// Many-to-many, both directions, with a per-parent slice.
		books, err := orm.Objects[Book](db).OrderBy("id").PrefetchRelated("tags",
			orm.Prefetch("tags", orm.Objects[Tag](db).OrderBy("name").Slice(0, 1)).ToAttr("first_tag")).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tagsOf := map[int64]string{1: "[3 2]", 2: "[1]", 3: "[2]", 4: "[]", 5: "[3 1]", 6: "[]", 7: "[4]", 8: "[3 4]"}
		firstTag := map[int64]string{1: "[3]", 2: "[1]", 3: "[2]", 4: "[]", 5: "[3]", 6: "[]", 7: "[4]", 8: "[3]"}
		for _, b := range books {
			ts, _ := orm.Related[Tag](b, "tags").OrderBy("name").All(ctx)
			cached, _ := orm.Related[Tag](b, "tags").All(ctx)
			ft, _ := orm.Prefetched[Tag](b, "first_tag")
			if idsOf(ts) != tagsOf[b.ID] || sortedIDs(cached) != sortedIDs(ts) || idsOf(ft) != firstTag[b.ID] {
				t.Errorf("tags of %d: %s / %s / %s", b.ID, idsOf(ts), idsOf(cached), idsOf(ft))
			}
		}
		tags, err := orm.Objects[Tag](db).OrderBy("id").PrefetchRelated("books__author").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range tags {
			bs, _ := orm.Related[Book](tg, "books").All(ctx)
			for _, b := range bs {
				if !b.Author.Loaded() {
					t.Errorf("books__author must be prefetched through the many-to-many")
				}
			}
		}
		// PrefetchRelatedObjects on instances already loaded.
		plain, _ := orm.Objects[Author](db).OrderBy("id").All(ctx)
		cctx, captured = orm.CaptureQueries(ctx)
		if err := orm.PrefetchRelatedObjects(cctx, plain, "books", "edited_books"); err != nil {
			t.Fatal(err)
		}
		for _, a := range plain {
			if _, err := orm.Related[Book](a, "edited_books").All(cctx); err != nil {
				t.Fatal(err)
			}
		}
		if captured.Count() != 2 {
			t.Errorf("PrefetchRelatedObjects with two lookups: %d queries", captured.Count())
		}
		_, err = orm.Objects[Author](db).PrefetchRelated("bookz").All(ctx)
		var fe *orm.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("an unknown prefetch lookup: %v", err)
		}
	})
}

func idsOf[T any](objs []*T) string {
	ids := make([]int64, len(objs))
	for i, o := range objs {
		ids[i] = any(o).(interface{ PK() int64 }).PK()
	}
	return fmt.Sprint(ids)
}

func sortedIDs[T any](objs []*T) string {
	ids := make([]int64, len(objs))
	for i, o := range objs {
		ids[i] = any(o).(interface{ PK() int64 }).PK()
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return fmt.Sprint(ids)
}

func TestManyToManyManager(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		book, _ := orm.Objects[Book](db).Get(ctx, orm.Q{"pk": 4})
		tags, _ := orm.Objects[Tag](db).OrderBy("id").All(ctx)
		m := orm.Related[Tag](book, "tags")
		cctx, captured := orm.CaptureQueries(ctx)
		if err := m.Add(cctx, tags[0], tags[1], tags[0]); err != nil {
			t.Fatal(err)
		}
		if n := captured.Count(); n > 4 {
			t.Errorf("Add inserts its join rows in one statement: %d queries", n)
		}
		if err := m.Add(ctx, tags[1]); err != nil {
			t.Fatal("adding an existing link must be harmless:", err)
		}
		if got, _ := orm.Related[Tag](book, "tags").OrderBy("id").All(ctx); idsOf(got) != "[1 2]" {
			t.Errorf("after Add: %s", idsOf(got))
		}
		if err := m.Set(ctx, tags[1], tags[3]); err != nil {
			t.Fatal(err)
		}
		if got, _ := orm.Related[Tag](book, "tags").OrderBy("id").All(ctx); idsOf(got) != "[2 4]" {
			t.Errorf("after Set: %s", idsOf(got))
		}
		if got, _ := orm.Related[Book](tags[3], "books").OrderBy("id").All(ctx); idsOf(got) != "[4 7 8]" {
			t.Errorf("the reverse side sees it: %s", idsOf(got))
		}
		if err := m.Remove(ctx, tags[1]); err != nil {
			t.Fatal(err)
		}
		if err := orm.Related[Book](tags[3], "books").Remove(ctx, book); err != nil {
			t.Fatal(err)
		}
		if n, _ := orm.Related[Tag](book, "tags").Count(ctx); n != 0 {
			t.Errorf("after Remove from both sides: %d", n)
		}
		if err := orm.Related[Book](tags[0], "books").Clear(ctx); err != nil {
			t.Fatal(err)
		}
		if n, _ := orm.Related[Book](tags[0], "books").Count(ctx); n != 0 {
			t.Errorf("after Clear: %d", n)
		}
		// Reverse foreign key manager: Add moves books; Remove needs a nullable key.
		bob, _ := orm.Objects[Author](db).Get(ctx, orm.Q{"name": "Bob"})
		if err := orm.Related[Book](bob, "books").Add(ctx, book); err != nil {
			t.Fatal(err)
		}
		if b, _ := orm.Objects[Book](db).Get(ctx, orm.Q{"pk": 4}); b.Author.ID() != bob.ID {
			t.Errorf("reverse Add sets the foreign key: %v", b.Author.ID())
		}
		if err := orm.Related[Book](bob, "books").Remove(ctx, book); !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("Remove on a non-null foreign key: %v", err)
		}
		if err := orm.Related[Book](bob, "edited_books").Add(ctx, book); err != nil {
			t.Fatal(err)
		}
		if err := orm.Related[Book](bob, "edited_books").Clear(ctx); err != nil {
			t.Fatal(err)
		}
		if b, _ := orm.Objects[Book](db).Get(ctx, orm.Q{"pk": 4}); !b.Editor.IsNull() {
			t.Error("Clear on a nullable reverse key sets NULL")
		}
	})
}
