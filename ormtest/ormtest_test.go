package ormtest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/ormtest"
)

// shelfWithItems creates a shelf holding n items, with ctx.
func shelfWithItems(t *testing.T, ctx context.Context, db *orm.DB, label string, n int) *Shelf {
	t.Helper()
	s := &Shelf{Label: label}
	if err := db.Create(ctx, s); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		it := &Item{Name: fmt.Sprintf("%s-%d", label, i)}
		it.Shelf.Set(s)
		if err := db.Create(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestAssertNumQueries(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		tables(t, db)
		ctx := ormtest.Tx(t, db)
		shelfWithItems(t, ctx, db, "assert", 3)

		// Right counts pass.
		if !ormtest.AssertNumQueries(t, ctx, 1, func(ctx context.Context) {
			items, err := orm.Objects[Item](db).SelectRelated("shelf").All(ctx)
			if err != nil || len(items) != 3 {
				t.Fatalf("items: %d, %v", len(items), err)
			}
		}) {
			t.Fatal("one statement, counted as 1: should pass")
		}
		if !ormtest.AssertMaxQueries(t, ctx, 5, func(ctx context.Context) {}) {
			t.Fatal("no statement is at most 5")
		}

		// A wrong count fails, listing each statement with its arguments
		// and the line that ran it.
		ft := newFakeT(t)
		var at string
		ft.run(func() {
			ormtest.AssertNumQueries(ft, ctx, 1, func(ctx context.Context) {
				items, err := orm.Objects[Item](db).Filter(orm.Q{"name__startswith": "assert"}).All(ctx)
				if err != nil {
					t.Error(err)
				}
				for _, it := range items {
					_, err := it.Shelf.Get(ctx)
					at = lineAbove()
					if err != nil {
						t.Error(err)
					}
				}
			})
		})
		msg := ft.errors()
		for _, want := range []string{"4 statements ran, want 1", `args ["assert`, "   4. SELECT", "at " + at, `lazy load of Item.shelf (SelectRelated("shelf"))`} {
			if !strings.Contains(msg, want) {
				t.Errorf("the failure lacks %q:\n%s", want, msg)
			}
		}
		ft = newFakeT(t)
		ft.run(func() {
			ormtest.AssertMaxQueries(ft, ctx, 1, func(ctx context.Context) {
				for i := 0; i < 2; i++ {
					if _, err := orm.Objects[Item](db).Count(ctx); err != nil {
						t.Error(err)
					}
				}
			})
		})
		if msg := ft.errors(); !strings.Contains(msg, "2 statements ran, want at most 1") || strings.Count(msg, "COUNT(*)") != 2 {
			t.Errorf("AssertMaxQueries failure:\n%s", msg)
		}
	})
}

// Inside Tx, a nested Atomic is a savepoint, counted as Django counts it.
func TestTxSavepointsAreCounted(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		tables(t, db)
		ctx := ormtest.Tx(t, db)
		ormtest.AssertNumQueries(t, ctx, 3, func(ctx context.Context) {
			err := orm.Atomic(ctx, db, func(ctx context.Context) error {
				return db.Create(ctx, &Shelf{Label: "savepoint"})
			})
			if err != nil {
				t.Error(err)
			}
		})
		if err := orm.Atomic(ctx, db, func(context.Context) error { return nil }, orm.Durable()); !errors.Is(err, orm.ErrDurableNested) {
			t.Errorf("Durable inside Tx: %v", err)
		}
	})
}

// Parallel tests in Tx see only their own rows, and none are left.
func TestTxIsolatesParallelTests(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		tables(t, db)
		t.Cleanup(func() {
			n, err := orm.Objects[Shelf](db).Filter(orm.Q{"label__startswith": "parallel"}).Count(context.Background())
			if err != nil || n != 0 {
				t.Errorf("after the tests: %d rows left, %v", n, err)
			}
		})
		for i := 0; i < 3; i++ {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				ctx := ormtest.Tx(t, db)
				shelfWithItems(t, ctx, db, fmt.Sprintf("parallel-%d", i), 2)
				n, err := orm.Objects[Shelf](db).Filter(orm.Q{"label__startswith": "parallel"}).Count(ctx)
				if err != nil || n != 1 {
					t.Errorf("the test sees %d shelves (want its own 1), %v", n, err)
				}
			})
		}
	})
}

// Truncate deletes, at the end of the test, rows that were committed.
func TestTruncate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		tables(t, db)
		ctx := context.Background()
		count := func() int64 {
			n, err := orm.Objects[Item](db).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			m, err := orm.Objects[Shelf](db).Filter(orm.Q{"label": "truncate"}).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n + m
		}
		t.Run("committed", func(t *testing.T) {
			ormtest.Truncate(t, db, &Shelf{}, &Item{}) // the order given does not matter
			s := shelfWithItems(t, ctx, db, "truncate", 2)
			lbl := &Label{Name: "l"}
			if err := db.Create(ctx, lbl); err != nil {
				t.Fatal(err)
			}
			items, err := orm.Related[Item](s, "items").All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := orm.Related[Label](items[0], "tags").Add(ctx, lbl); err != nil {
				t.Fatal(err)
			}
			if n := count(); n != 3 {
				t.Fatalf("rows committed: %d", n)
			}
		})
		if n := count(); n != 0 {
			t.Errorf("after Truncate: %d rows", n)
		}
		ft := newFakeT(t)
		ft.run(func() { ormtest.Truncate(ft, db) })
		if msg := ft.errors(); !strings.Contains(msg, "no models given") {
			t.Errorf("Truncate without models: %q", msg)
		}
		ft = newFakeT(t)
		ft.run(func() { ormtest.Truncate(ft, db, &struct{ X int }{}) })
		if msg := ft.errors(); !strings.Contains(msg, "struct { X int }") {
			t.Errorf("Truncate of a type that is not a model: %q", msg)
		}
	})
}

// NoNPlusOne fails a test that lazily loads a relation in a loop, naming
// the fix; the same loop over SelectRelated passes.
func TestNoNPlusOne(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		tables(t, db)
		ctx := ormtest.Tx(t, db)
		shelfWithItems(t, ctx, db, "nplusone-a", 2)
		shelfWithItems(t, ctx, db, "nplusone-b", 2)
		loop := func(ctx context.Context, qs *orm.QuerySet[*Item]) {
			items, err := qs.Filter(orm.Q{"name__startswith": "nplusone"}).All(ctx)
			if err != nil || len(items) != 4 {
				t.Fatalf("items: %d, %v", len(items), err)
			}
			for _, it := range items {
				if _, err := it.Shelf.Get(ctx); err != nil {
					t.Error(err)
				}
			}
		}
		ft := newFakeT(t)
		ft.run(func() { loop(ormtest.NoNPlusOne(ft, ctx), orm.Objects[Item](db)) })
		if msg := ft.errors(); !strings.Contains(msg, "lazy load of Item.shelf") || !strings.Contains(msg, `SelectRelated("shelf")`) {
			t.Errorf("NoNPlusOne's failure: %q", msg)
		}
		loop(ormtest.NoNPlusOne(t, ctx), orm.Objects[Item](db).SelectRelated("shelf"))
	})
}

// CaptureQueries logs what it captured when the test fails.
func TestCaptureQueriesLogsOnFailure(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		tables(t, db)
		for _, fail := range []bool{false, true} {
			ft := newFakeT(t)
			ft.run(func() {
				ctx, q := ormtest.CaptureQueries(ft, context.Background())
				if _, err := orm.Objects[Shelf](db).Count(ctx); err != nil {
					t.Error(err)
				}
				if !q.AssertCount(1) || q.Count() != 1 || len(q.Records()) != 1 {
					t.Errorf("one statement: %d", q.Count())
				}
				if fail {
					ft.Errorf("the test failed")
				}
			})
			logged := strings.Join(ft.logs, "\n")
			if fail != strings.Contains(logged, "COUNT(*)") {
				t.Errorf("failed=%v, logged %q", fail, logged)
			}
		}
	})
}

// Example is a test of a page's statements, in a transaction rolled back
// at the end: one query, no lazy load in the loop.
func Example() {
	testShelfPage := func(t *testing.T, db *orm.DB) {
		t.Parallel()
		ctx := ormtest.Tx(t, db)
		ctx = ormtest.NoNPlusOne(t, ctx)
		// ... create the rows the page shows, with ctx ...
		ormtest.AssertNumQueries(t, ctx, 1, func(ctx context.Context) {
			items, _ := orm.Objects[Item](db).SelectRelated("shelf").All(ctx)
			for _, it := range items {
				_, _ = it.Shelf.Get(ctx)
			}
		})
	}
	_ = testShelfPage
}
