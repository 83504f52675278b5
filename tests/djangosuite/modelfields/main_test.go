// Package modelfields ports Django 3.2's tests/model_fields/ case by case
// (test_jsonfield.py, test_charfield.py, test_integerfield.py,
// test_decimalfield.py, test_booleanfield.py, test_datetimefield.py,
// test_durationfield.py, test_uuid.py, test_binaryfield.py,
// test_textfield.py, test_floatfield.py and tests.py): each Go test is named
// after the Django module, class and method it ports
// (TestModelFields_JSONField_TestQuerying_test_has_key) and checks Django
// 3.2's answers on every live backend.
//
// The stored Django sources read were newer than 3.2 (test_jsonfield.py
// has Django 4.2's KT and 5.x's special-character tests, the models are
// older); the ports follow Django 3.2's methods and data, and the answers
// were checked against Django 3.2.25 on SQLite where in doubt (its
// PostgreSQL and MariaDB answers are the ones the Django test asserts for
// those vendors).
//
// Django's exceptions map onto djorm's errors as follows: IntegrityError is
// *orm.IntegrityError, NotSupportedError *orm.NotSupportedError, a
// ValidationError of full_clean or of a value refused before any SQL
// *orm.ValidationError (db.Validate returns orm.ValidationErrors), and a
// TypeError/ValueError while building a query an error wrapping
// orm.ErrInvalidQuery.
//
// Cases where djorm answers differently are in modelfields_failing_test.go
// (build tag djangosuite_failing). Skipped Django methods are listed at the
// top of each test file with the reason.
package modelfields

import (
	"testing"

	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "modelfields") }
