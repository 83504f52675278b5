package prefetch

import (
	"context"
	"fmt"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// DirectPrefetchedObjectCacheReuseTests.setUpTestData.
type reuse struct {
	book1, book2                 *PBook
	author11, author12, author21 *PAuthor
	addr11, addr12, addr21       *AuthorAddress
	bookwithyear1                *BookWithYear
	bookreview1                  *BookReview
}

func setUpReuse(t *testing.T, db *orm.DB) *reuse {
	t.Helper()
	resetTables(t, db)
	d := &reuse{}
	d.book1 = create(t, db, &PBook{Title: "book1"})
	d.book2 = create(t, db, &PBook{Title: "book2"})
	d.author11 = create(t, db, &PAuthor{FirstBook: orm.Ref(d.book1), Name: "Author11"})
	d.author12 = create(t, db, &PAuthor{FirstBook: orm.Ref(d.book1), Name: "Author12"})
	d.author21 = create(t, db, &PAuthor{FirstBook: orm.Ref(d.book2), Name: "Author21"})
	d.addr11 = create(t, db, &AuthorAddress{Author: orm.Ref(d.author11), Address: "Happy place"})
	d.addr12 = create(t, db, &AuthorAddress{Author: orm.Ref(d.author12), Address: "Haunted house"})
	d.addr21 = create(t, db, &AuthorAddress{Author: orm.Ref(d.author21), Address: "Happy place"})
	d.bookwithyear1 = bookWithYear(t, db, "Poems", 2010)
	d.bookreview1 = create(t, db, &BookReview{Book: orm.Ref(d.bookwithyear1)})
	return d
}

func addrID(a *AuthorAddress) string { return fmt.Sprint(a.ID) }
func brID(b *BookReview) string      { return fmt.Sprint(b.ID) }

func TestPrefetchRelated_DirectPrefetchedObjectCacheReuseTests_test_detect_is_fetched_with_to_attr(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpReuse(t, db)
		var bs []*PBook
		numQueries(t, "prefetch", 3, func(c context.Context) {
			bs = all(t, c, books(db).Filter(orm.Q{"title__in": []string{"book1", "book2"}}).PrefetchRelated(
				orm.Prefetch("first_time_authors", authors(db).PrefetchRelated(
					orm.Prefetch("addresses", orm.Objects[AuthorAddress](db).Filter(orm.Q{"address": "Happy place"})).ToAttr("happy_place"),
				)).ToAttr("first_authors"),
			))
		})
		if len(bs) != 2 {
			t.Fatalf("books = %d, want 2", len(bs))
		}
		b1, b2 := bs[0], bs[1]
		numQueries(t, "read", 0, func(context.Context) {
			eq(t, "book1.first_authors", names(b1.FirstAuthors, authorName), "[Author11 Author12]")
			eq(t, "book2.first_authors", names(b2.FirstAuthors, authorName), "[Author21]")
			eq(t, "book1.first_authors[0].happy_place", names(b1.FirstAuthors[0].HappyPlace, addrID), names([]*AuthorAddress{d.addr11}, addrID))
			eq(t, "book1.first_authors[1].happy_place", names(b1.FirstAuthors[1].HappyPlace, addrID), "[]")
			eq(t, "book2.first_authors[0].happy_place", names(b2.FirstAuthors[0].HappyPlace, addrID), names([]*AuthorAddress{d.addr21}, addrID))
		})
	})
}

// Remove and Add drop the prefetch cache of the instance.
func TestPrefetchRelated_DirectPrefetchedObjectCacheReuseTests_test_remove_clears_prefetched_objects(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpReuse(t, db)
		bwy, err := orm.Objects[BookWithYear](db).Get(ctx, orm.Q{"pk": d.bookwithyear1.ID})
		must(t, err)
		must(t, orm.PrefetchRelatedObjects(ctx, []*BookWithYear{bwy}, "bookreview_set"))
		eq(t, "bookreview_set", names(related[BookReview](t, ctx, bwy, "bookreview_set"), brID), names([]*BookReview{d.bookreview1}, brID))
		must(t, orm.Related[BookReview](bwy, "bookreview_set").Remove(ctx, d.bookreview1))
		eq(t, "bookreview_set after remove", names(related[BookReview](t, ctx, bwy, "bookreview_set"), brID), "[]")
	})
}

func TestPrefetchRelated_DirectPrefetchedObjectCacheReuseTests_test_add_clears_prefetched_objects(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpReuse(t, db)
		bwy, err := orm.Objects[BookWithYear](db).Get(ctx, orm.Q{"pk": d.bookwithyear1.ID})
		must(t, err)
		must(t, orm.PrefetchRelatedObjects(ctx, []*BookWithYear{bwy}, "bookreview_set"))
		eq(t, "bookreview_set", names(related[BookReview](t, ctx, bwy, "bookreview_set"), brID), names([]*BookReview{d.bookreview1}, brID))
		nr := create(t, db, &BookReview{})
		must(t, orm.Related[BookReview](bwy, "bookreview_set").Add(ctx, nr))
		eq(t, "bookreview_set after add", sorted(names(related[BookReview](t, ctx, bwy, "bookreview_set"), brID)),
			sorted(names([]*BookReview{d.bookreview1, nr}, brID)))
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestPrefetchRelated_DirectPrefetchedObjectCacheReuseTests_test_prefetch_reverse_foreign_key(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpReuse(t, db)
		var bwy *BookWithYear
		numQueries(t, "prefetch", 2, func(c context.Context) {
			rows := all(t, c, orm.Objects[BookWithYear](db).PrefetchRelated("bookreview_set"))
			eq(t, "rows", len(rows), 1)
			bwy = rows[0]
		})
		numQueries(t, "bookreview_set.all()", 0, func(c context.Context) {
			eq(t, "bookreview_set", names(related[BookReview](t, c, bwy, "bookreview_set"), brID), names([]*BookReview{d.bookreview1}, brID))
		})
		numQueries(t, "prefetch_related_objects again", 0, func(c context.Context) {
			must(t, orm.PrefetchRelatedObjects(c, []*BookWithYear{bwy}, "bookreview_set"))
		})
	})
}
