// Package roundtrip_test is a property test of value round trips: values of
// every field kind djorm supports, generated from a seed and biased to the
// limits of each kind, are written through db.Create, QuerySet.BulkCreate,
// QuerySet.Update with a literal and (numeric kinds) Update with F()
// arithmetic, then read back with Get and with Values, on every live
// backend.
//
// The property, for every write: EITHER it returns a typed error
// (*orm.ValidationError with a Django code, *orm.IntegrityError, or
// orm.ErrInvalidQuery) and sent no SQL (for F() arithmetic, whose result only
// the database knows, a typed error from the database, *orm.DataError
// included, is enough, and the row keeps its old value), OR the value read
// back is the value written under djorm's documented normalisation: times
// truncated to microseconds and compared as instants, dates at midnight UTC
// of the value's own calendar date, times of day on 0000-01-01 UTC,
// durations truncated to microseconds (toward zero), decimals compared by
// value, floats bit for bit (NaN as any NaN). The whole table must stay
// readable after every phase.
//
// Beyond the property, values that are plainly storable must be stored
// (a refusal of them is a failure) and values every backend must refuse
// (too long, out of range, NUL, invalid UTF-8, too many digits, a UTC year
// outside 1..9999) must be refused before SQL, with the matching code.
//
// DJORM_ROUNDTRIP_SEED sets the seed (default 20240229); every failure
// prints it. DJORM_ROUNDTRIP_CASES sets the values generated per field kind
// (default 200). DJORM_ROUNDTRIP_TRACE=1 logs every write and its outcome
// (with -v).
package roundtrip_test

import (
	"testing"

	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "roundtrip") }
