package orm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// SAVEPOINT, RELEASE and ROLLBACK TO touch no rows, and their records say
// so: on SQLite the driver's count is the previous statement's.
func TestSavepointRecordsReportNoRows(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		create := func(ctx context.Context, name string) error {
			return orm.Objects[Stock](db).Create(ctx, &Stock{Name: name, Qty: 1})
		}
		err := orm.Atomic(ctx, db, func(ctx context.Context) error {
			if err := create(ctx, "outer"); err != nil {
				return err
			}
			if err := orm.Atomic(ctx, db, func(ctx context.Context) error { return create(ctx, "kept") }); err != nil {
				return err
			}
			undo := errors.New("undo")
			if err := orm.Atomic(ctx, db, func(ctx context.Context) error {
				if err := create(ctx, "undone"); err != nil {
					return err
				}
				return undo
			}); !errors.Is(err, undo) {
				return fmt.Errorf("the inner block's error: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, r := range captured.Queries() {
			for _, kind := range []string{"SAVEPOINT", "RELEASE", "ROLLBACK TO"} {
				if strings.HasPrefix(r.SQL, kind) {
					kinds[kind]++
					if r.Rows != 0 {
						t.Errorf("%s reports %d rows, want 0", r.SQL, r.Rows)
					}
				}
			}
		}
		if kinds["SAVEPOINT"] != 2 || kinds["RELEASE"] != 1 || kinds["ROLLBACK TO"] != 1 {
			t.Errorf("savepoint statements seen: %v", kinds)
		}
		if n, _ := orm.Objects[Stock](db).Count(context.Background()); n != 2 {
			t.Errorf("rows kept: %d, want 2 (outer, kept)", n)
		}
	})
}

// Nested captures each see the inner statements, and records carry the
// line that ran them.
func TestCaptureQueriesNestedWithCaller(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		outerCtx, outer := orm.CaptureQueries(context.Background())
		innerCtx, inner := orm.CaptureQueries(outerCtx)
		if _, err := orm.Objects[Stock](db).Count(outerCtx); err != nil {
			t.Fatal(err)
		}
		_, err := orm.Objects[Stock](db).Count(innerCtx)
		at := lineAbove()
		if err != nil {
			t.Fatal(err)
		}
		if outer.Count() != 2 || inner.Count() != 1 {
			t.Fatalf("outer saw %d statements (want 2), inner %d (want 1)", outer.Count(), inner.Count())
		}
		if got := inner.Queries()[0].Caller; got != at {
			t.Errorf("caller %q, want %q", got, at)
		}
		if got := outer.Queries()[1].Caller; got != at {
			t.Errorf("the outer capture's record: caller %q, want %q", got, at)
		}
	})
}

// A hook sees no caller unless it asks; CallerOutside, called in the
// hook, names the program's line.
func TestHookCallerOutside(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		var recorded, asked []string
		hdb := withOptions(t, db, orm.WithHook(func(ctx context.Context, r orm.QueryRecord) {
			recorded = append(recorded, r.Caller)
			asked = append(asked, orm.CallerOutside())
		}))
		_, err := orm.Objects[Stock](hdb).Count(context.Background())
		at := lineAbove()
		if err != nil {
			t.Fatal(err)
		}
		if len(asked) != 1 || asked[0] != at || recorded[0] != "" {
			t.Errorf("hook: record's caller %q, CallerOutside %q, want \"\" and %q", recorded, asked, at)
		}
	})
}
