//go:build djangosuite_failing

package prefetch

// Cases of Django 3.2's tests/prefetch_related/tests.py where djorm answers
// differently (another answer, an error, or no error where Django raises).
// Each asserts Django's answer. Run with go test -tags djangosuite_failing.

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Django: author.addresses.all().all() re-runs the prefetch's own
// QuerySet (filter address='Happy place'), so author12's answer stays [].
// djorm: a copy of the related manager's QuerySet (Filter()) drops the
// Prefetch QuerySet's filter and answers author12's other address [2];
// Related (related_manager.go) builds the manager from the default
// QuerySet and only the cached rows carry the Prefetch QuerySet.
// The 3-query prefetch and the cached reads pass.
func TestPrefetchRelated_DirectPrefetchedObjectCacheReuseTests_test_detect_is_fetched(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpReuse(t, db)
		var bs []*PBook
		numQueries(t, "prefetch", 3, func(c context.Context) {
			bs = all(t, c, books(db).Filter(orm.Q{"title__in": []string{"book1", "book2"}}).PrefetchRelated(
				orm.Prefetch("first_time_authors", authors(db).PrefetchRelated(
					orm.Prefetch("addresses", orm.Objects[AuthorAddress](db).Filter(orm.Q{"address": "Happy place"})),
				)),
			))
		})
		if len(bs) != 2 {
			t.Fatalf("books = %d, want 2", len(bs))
		}
		b1, b2 := bs[0], bs[1]
		fta := func(c context.Context, b *PBook) []*PAuthor { return related[PAuthor](t, c, b, "first_time_authors") }
		addrs := func(c context.Context, a *PAuthor) []string {
			return names(related[AuthorAddress](t, c, a, "addresses"), addrID)
		}
		numQueries(t, "read", 0, func(c context.Context) {
			eq(t, "book1.first_time_authors", names(fta(c, b1), authorName), "[Author11 Author12]")
			eq(t, "book2.first_time_authors", names(fta(c, b2), authorName), "[Author21]")
			eq(t, "book1 author[0].addresses", addrs(c, fta(c, b1)[0]), names([]*AuthorAddress{d.addr11}, addrID))
			eq(t, "book1 author[1].addresses", addrs(c, fta(c, b1)[1]), "[]")
			eq(t, "book2 author[0].addresses", addrs(c, fta(c, b2)[0]), names([]*AuthorAddress{d.addr21}, addrID))
		})
		// list(x.all()) == list(x.all().all()): Filter() with no condition
		// is djorm's .all() on a QuerySet (a copy, evaluated again).
		again := func(qs *orm.QuerySet[*PAuthor]) []string { return names(all(t, ctx, qs.Filter()), authorName) }
		eq(t, "book1.first_time_authors.all().all()", again(orm.Related[PAuthor](b1, "first_time_authors").QuerySet), names(fta(ctx, b1), authorName))
		eq(t, "book2.first_time_authors.all().all()", again(orm.Related[PAuthor](b2, "first_time_authors").QuerySet), names(fta(ctx, b2), authorName))
		againA := func(a *PAuthor) []string {
			return names(all(t, ctx, orm.Related[AuthorAddress](a, "addresses").Filter()), addrID)
		}
		eq(t, "book1 author[0].addresses.all().all()", againA(fta(ctx, b1)[0]), addrs(ctx, fta(ctx, b1)[0]))
		eq(t, "book1 author[1].addresses.all().all()", againA(fta(ctx, b1)[1]), addrs(ctx, fta(ctx, b1)[1]))
		eq(t, "book2 author[0].addresses.all().all()", againA(fta(ctx, b2)[0]), addrs(ctx, fta(ctx, b2)[0]))
	})
}
