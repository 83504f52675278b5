// Package djangosuite ports test cases of Django's own test suite, case by
// case: each Go test is named after the Django module, class and method it
// ports (TestAggregation_AggregateTestCase_test_single_aggregate) and
// checks Django's expected values on every live backend.
package djangosuite

import (
	"testing"

	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "djangosuite") }
