package orm_test

import (
	"context"
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// OverflowRow has a small integer column an Update can overflow.
type OverflowRow struct {
	orm.Model
	Small int16
	Big   int64
}

func init() { orm.MustRegister(&OverflowRow{}) }

// An Update whose result does not fit its column is a *DataError on every
// backend (on SQLite through djorm's named range check, which used to read
// as an IntegrityError) and changes nothing.
func TestUpdateOverflowIsADataError(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		if err := db.DropTables(ctx, &OverflowRow{}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, &OverflowRow{}); err != nil {
			t.Fatal(err)
		}
		if err := db.Create(ctx, &OverflowRow{Small: 100, Big: 1 << 40}); err != nil {
			t.Fatal(err)
		}
		for name, set := range map[string]orm.Set{
			"small * 1000":  {"small": orm.F("small").Mul(1000)},
			"small = big":   {"small": orm.F("big")},
			"big * 2^30":    {"big": orm.F("big").Mul(1 << 30)},
			"small - 40000": {"small": orm.F("small").Sub(40000)},
		} {
			n, err := orm.Objects[OverflowRow](db).Update(ctx, set)
			var de *orm.DataError
			var ie *orm.IntegrityError
			if n != 0 || !errors.As(err, &de) || errors.As(err, &ie) {
				t.Errorf("%s: %d rows, %v (%T); want a DataError", name, n, err, err)
			}
		}
		row, err := orm.Objects[OverflowRow](db).First(ctx)
		if err != nil || row.Small != 100 || row.Big != 1<<40 {
			t.Errorf("the row changed: %+v, %v", row, err)
		}
	})
}
