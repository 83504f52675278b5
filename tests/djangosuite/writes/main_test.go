// Package writes ports Django's tests/get_or_create/tests.py and
// tests/queries/test_bulk_update.py case by case: each Go test is named
// after the Django module, class and method it ports
// (TestGetOrCreate_GetOrCreateTests_test_get_or_create_method_with_get,
// TestBulkUpdate_BulkUpdateTests_test_custom_pk) and checks Django 3.2's
// expected values on every live backend.
//
// Reference: Django 3.2, run on SQLite where the answer was in doubt.
// Django's exceptions map onto djorm's errors as follows: IntegrityError is
// *orm.IntegrityError, DatabaseError any error from the database,
// FieldError and FieldDoesNotExist *orm.FieldError, ValueError (a refusal
// before any SQL) an error wrapping orm.ErrInvalidQuery.
//
// Cases where djorm answers differently are in writes_failing_test.go
// (build tag djangosuite_failing). Skipped Django methods are listed in
// getorcreate_test.go and bulkupdate_test.go with the reason.
package writes

import (
	"testing"

	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "writes") }
