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

// Django: the prefetch of favorite_authors (a many-to-many through
// FavoriteAuthors, whose foreign keys point at PAuthor.name) filters the
// join rows by the authors' names; 'Charlotte' is in the WHERE clause once.
// djorm: the prefetch query is refused before any SQL: "Field
// 'favors_me__in' expected a string but got 1 (int64)" — prefetchOne
// (prefetch.go) keys a many-to-many by the owners' primary keys
// (pkValue), not by the value of the field the through model's foreign key
// targets (to_field=name).
func TestPrefetchRelated_PrefetchRelatedTests_test_m2m_then_m2m_object_ids(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpMixin(t, db)
		c, captured := captureSQL(t)
		all(t, c, books(db).PrefetchRelated("authors__favorite_authors"))
		lastQueryHas(t, captured, d.author1.Name)
	})
}

// Django: Book.objects.raw(...).prefetch_related('authors') runs the raw
// query and the prefetch (2 queries); book1.authors.all() then needs none.
// djorm: Raw(...).PrefetchRelated("authors") is accepted and silently
// ignored (1 query; the related manager then queries). Raw's doc says chain
// methods other than Using and FetchMode do not apply, but it neither
// refuses PrefetchRelated nor runs it (fetchRaw, raw.go).
func TestPrefetchRelated_RawQuerySetTests_test_basic(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpMixin(t, db)
		var book1 *PBook
		numQueries(t, "raw with prefetch", 2, func(c context.Context) {
			bs := orm.Raw[PBook](db, "SELECT * FROM prefetch_related_book WHERE id = ?", d.book1.ID).PrefetchRelated("authors")
			book1 = all(t, c, bs)[0]
		})
		numQueries(t, "book1.authors", 0, func(c context.Context) {
			eq(t, "authors", sorted(names(related[PAuthor](t, c, book1, "authors"), authorName)), "[Anne Charlotte Emily]")
		})
	})
}
