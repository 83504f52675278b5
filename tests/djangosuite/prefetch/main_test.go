// Package prefetch ports Django 3.2's tests/prefetch_related/tests.py case
// by case: each Go test is named after the Django class and method it ports
// (TestPrefetchRelated_PrefetchRelatedTests_test_m2m_forward) and checks
// Django 3.2's expected values, query counts included, on every live
// backend.
//
// Reference: Django 3.2 (the stored tests.py is the pre-black version of
// the 3.x series; its methods match 3.2), run on SQLite where the answer
// was in doubt. assertNumQueries is orm.CaptureQueries' Count. Django's
// exceptions map onto djorm's errors: ObjectDoesNotExist is
// orm.ErrDoesNotExist, AttributeError for a lookup that does not resolve is
// *orm.FieldError, ValueError an error wrapping orm.ErrInvalidQuery.
//
// AuthorWithAge and BookWithYear are multi-table children of PAuthor and
// PBook (they embed them first). Django declares their parent links by
// name (author, book; parent_link=True), which djorm does not support:
// the links are pauthor_ptr and pbook_ptr, the reverse one-to-ones
// authorwithage and bookwithyear as in Django.
//
// Cases where djorm answers differently are in prefetch_failing_test.go
// (build tag djangosuite_failing). Skipped Django methods are listed in
// prefetch_test.go with the reason.
package prefetch

import (
	"testing"

	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "prefetch") }
