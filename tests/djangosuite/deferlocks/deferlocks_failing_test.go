//go:build djangosuite_failing

package deferlocks

// Cases where djorm answers differently from Django 3.2 (another answer,
// an error, or no refusal where Django refuses). Each still asserts
// Django's answer and logs the SQL djorm sent. Run with
// go test -tags djangosuite_failing.

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2: s1.primary_set.all().only('pk')[0] has 2 deferred fields (name,
// value): an instance loaded through a reverse related manager has its
// related_id set from the relation. djorm leaves related_id deferred too (3
// deferred: name, related_id, value). The other assertions of the method pass.
func TestDefer_DeferTests_test_only(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		s1, p1 := deferSetUp(t, db)
		captureSQL(t)
		qs := primaries(db)
		o, err := first(qs.Only("name"))
		assertDelayed(t, `only("name")[0]`, o, err, 2)
		o, err = qs.Only("name").Get(ctx, orm.Q{"pk": p1.ID})
		assertDelayed(t, `only("name").get(pk)`, o, err, 2)
		o, err = first(qs.Only("name").Only("value"))
		assertDelayed(t, `only("name").only("value")[0]`, o, err, 2)
		o, err = first(qs.Only("related__first"))
		assertDelayed(t, `only("related__first")[0]`, o, err, 2)
		// Using 'pk' with only() should result in 3 deferred fields.
		o, err = first(qs.Only("pk"))
		assertDelayed(t, `only("pk")[0]`, o, err, 3)
		// The related_id is always set even if it's not fetched from the
		// DB, so pk and related_id are not deferred.
		o, err = first(orm.Related[DPrimary](s1, "dprimary_set").Only("pk"))
		assertDelayed(t, `s1.primary_set.all().only("pk")[0]`, o, err, 2)
	})
}

// Django 3.2 raises FieldError 'Field Primary.related cannot be both deferred
// and traversed using select_related at the same time.'; djorm runs
// Defer("related").SelectRelated("related") without an error.
func TestDefer_DeferTests_test_defer_select_related_raises_invalid_query(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		deferSetUp(t, db)
		captureSQL(t)
		_, err := first(primaries(db).Defer("related").SelectRelated("related"))
		if !isFieldError(err) {
			t.Errorf("defer(related).select_related(related)[0]: %v (%T); Django raises FieldError "+
				"'Field Primary.related cannot be both deferred and traversed using select_related at the same time.'", err, err)
		}
	})
}

// Django 3.2 raises FieldError 'Field Primary.related cannot be both deferred
// and traversed using select_related at the same time.'; djorm runs
// Only("name").SelectRelated("related") without an error.
func TestDefer_DeferTests_test_only_select_related_raises_invalid_query(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		deferSetUp(t, db)
		captureSQL(t)
		_, err := first(primaries(db).Only("name").SelectRelated("related"))
		if !isFieldError(err) {
			t.Errorf("only(name).select_related(related)[0]: %v (%T); Django raises FieldError "+
				"'Field Primary.related cannot be both deferred and traversed using select_related at the same time.'", err, err)
		}
	})
}

// Django 3.2's refresh_from_db() without fields reloads the non-deferred
// fields only (name stays deferred, and reading it is one more query);
// djorm's db.Refresh(ctx, obj) reloads every field and clears the deferred
// set (DeferredFields() = [] instead of [name]).
func TestDefer_TestDefer2_test_refresh_not_loading_deferred_fields(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db, deferModels)
		c, captured := captureSQL(t)
		s := &DSecondary{}
		must(t, orm.Objects[DSecondary](db).Create(ctx, s))
		rf := &DPrimary{Name: "foo", Value: "bar", Related: orm.Ref(s)}
		must(t, primaries(db).Create(ctx, rf))
		rf2, err := primaries(db).Only("related", "value").Get(ctx)
		must(t, err)
		rf.Name, rf.Value = "new foo", "new bar"
		must(t, db.Save(ctx, rf))
		// refresh_from_db() reloads the loaded fields only: one query, and
		// name stays deferred.
		n := captured.Count()
		must(t, db.Refresh(c, rf2))
		if captured.Count()-n != 1 {
			t.Errorf("refresh_from_db(): %d queries, want 1", captured.Count()-n)
		}
		if rf2.Value != "new bar" {
			t.Errorf("rf2.value = %q, want new bar", rf2.Value)
		}
		if got := deferred(rf2); fmt.Sprint(got) != "[name]" {
			t.Errorf("deferred after refresh_from_db() = %v, want [name]", got)
		}
		// rf2.name then loads it: one query.
		n = captured.Count()
		must(t, db.Refresh(c, rf2, "name"))
		if captured.Count()-n != 1 {
			t.Errorf("rf2.name: %d queries, want 1", captured.Count()-n)
		}
		if rf2.Name != "new foo" {
			t.Errorf("rf2.name = %q, want new foo", rf2.Name)
		}
	})
}

// Django 3.2: after the innermost atomic(savepoint=False) fails, the
// transaction needs rollback (queries raise TransactionManagementError) and
// the outermost block rolls everything back (no rows). djorm does not mark
// the transaction after a NoSavepoint block's error: queries go on and all
// three rows are committed.
func TestTransactions_AtomicMergeTests_test_merged_outer_rollback(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		err := orm.Atomic(c, db, func(c context.Context) error {
			if err := createReporter(c, db, "Tintin", ""); err != nil {
				return err
			}
			err := mergedAtomic(c, db, func(c context.Context) error {
				if err := createReporter(c, db, "Archibald", "Haddock"); err != nil {
					return err
				}
				err := mergedAtomic(c, db, func(c context.Context) error {
					if err := createReporter(c, db, "Calculus", ""); err != nil {
						return err
					}
					return errOops
				})
				assertOops(t, "innermost merged atomic", err)
				// The third insert couldn't be rolled back.
				assertNeedsRollback(t, "in the second block", c, db)
				return nil
			})
			if err != nil && !errors.Is(err, orm.ErrTxBroken) {
				t.Errorf("second block: %v", err)
			}
			// The second insert couldn't be rolled back.
			assertNeedsRollback(t, "in the first block", c, db)
			return nil
		})
		if err != nil && !errors.Is(err, orm.ErrTxBroken) {
			t.Errorf("outer atomic: %v", err)
		}
		// The first block has a savepoint and must roll back.
		assertReporters(t, c, db)
	})
}

// Django 3.2: the failed atomic(savepoint=False) marks the transaction for
// rollback; the enclosing savepoint block then rolls back to its savepoint
// (count 1), leaving Tintin. djorm does not mark it: count stays 3 and all
// three rows are committed.
func TestTransactions_AtomicMergeTests_test_merged_inner_savepoint_rollback(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		err := orm.Atomic(c, db, func(c context.Context) error {
			if err := createReporter(c, db, "Tintin", ""); err != nil {
				return err
			}
			err := orm.Atomic(c, db, func(c context.Context) error {
				if err := createReporter(c, db, "Archibald", "Haddock"); err != nil {
					return err
				}
				err := mergedAtomic(c, db, func(c context.Context) error {
					if err := createReporter(c, db, "Calculus", ""); err != nil {
						return err
					}
					return errOops
				})
				assertOops(t, "merged atomic", err)
				// The third insert couldn't be rolled back.
				assertNeedsRollback(t, "in the savepoint block", c, db)
				return nil
			})
			if err != nil && !errors.Is(err, orm.ErrTxBroken) {
				t.Errorf("savepoint block: %v", err)
			}
			// The second block has a savepoint and must roll back.
			if n, err := reporters(db).Count(c); err != nil || n != 1 {
				t.Errorf("count after the savepoint block = %d (%v), want 1", n, err)
			}
			return nil
		})
		must(t, err)
		assertReporters(t, c, db, "Tintin")
	})
}

// Django 3.2: an exception leaving atomic(savepoint=False) marks the
// enclosing transaction for rollback, so the outer block rolls back
// everything even though the exception was caught (no rows). djorm's
// Atomic(NoSavepoint()) returns fn's error without marking the transaction,
// and the outer block commits Tintin and Haddock.
func TestTransactions_AtomicTests_test_merged_commit_rollback(t *testing.T) {
	atomicTest(t, false, "test_merged_commit_rollback")
}

// As AtomicTests.test_merged_commit_rollback, inside an outer transaction.
func TestTransactions_AtomicInsideTransactionTests_test_merged_commit_rollback(t *testing.T) {
	atomicTest(t, true, "test_merged_commit_rollback")
}

// Django 3.2 raises ValueError 'The nowait option cannot be used with
// skip_locked.' in select_for_update() itself, on every backend. djorm's
// error (from dialects.Base.ForUpdate at compile time) does not wrap
// orm.ErrInvalidQuery: 'the nowait and skip_locked options of
// select_for_update are mutually exclusive' (a plain error); on SQLite the
// NotSupportedError for select_for_update comes first.
func TestSelectForUpdate_SelectForUpdateTests_test_nowait_and_skip_locked(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		captureSQL(t)
		_, _, err := persons(db).SelectForUpdate(orm.NoWait(), orm.SkipLocked()).SQL()
		if !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("select_for_update(nowait=True, skip_locked=True): %v; Django raises ValueError "+
				"'The nowait option cannot be used with skip_locked.'", err)
		}
	})
}

// Django 3.2 accepts only("one_to_one_item") (a reverse one-to-one name)
// and returns the one item (#14694: only() must not break on a unique
// relation). djorm refuses it with a FieldError "Cannot resolve keyword
// 'one_to_one_item' into field RItem" although the choices it lists name
// one_to_one_item. The other assertions of the method pass.
func TestDeferRegress_DeferRegressionTest_test_reverse_one_to_one_relations(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		regressSetUp(t, db)
		c, captured := captureSQL(t)
		item := &RItem{Name: "first", Text: "xyzzy", Value: 42}
		must(t, orm.Objects[RItem](db).Create(ctx, item))
		o2o := &ROneToOneItem{Item: orm.OneToOne[RItem]{ForeignKey: orm.Ref(item)}, Name: "second"}
		must(t, orm.Objects[ROneToOneItem](db).Create(ctx, o2o))
		items := func() *orm.QuerySet[*RItem] { return orm.Objects[RItem](db) }
		for what, qs := range map[string]*orm.QuerySet[*RItem]{
			`defer("one_to_one_item__name")`:                                   items().Defer("one_to_one_item__name"),
			`select_related("one_to_one_item")`:                                items().SelectRelated("one_to_one_item"),
			`select_related("one_to_one_item").defer("one_to_one_item__name")`: items().SelectRelated("one_to_one_item").Defer("one_to_one_item__name"),
			`select_related("one_to_one_item").defer("value")`:                 items().SelectRelated("one_to_one_item").Defer("value"),
			`only("one_to_one_item")`:                                          items().Only("one_to_one_item"),
		} {
			if rows, err := qs.All(ctx); err != nil || len(rows) != 1 {
				t.Errorf("len(%s) = %d (%v), want 1", what, len(rows), err)
			}
		}
		one := func(what string, qs *orm.QuerySet[*RItem], wantName string) *RItem {
			t.Helper()
			n := captured.Count()
			i, err := firstIn(c, qs)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			o, err := orm.Related[ROneToOneItem](i, "one_to_one_item").Get(c)
			if err != nil || o == nil || o.ID != o2o.ID || o.Name != wantName {
				t.Errorf("%s: i.one_to_one_item = %+v (%v), want pk %d name %q", what, o, err, o2o.ID, wantName)
			}
			if captured.Count()-n != 1 {
				t.Errorf("%s: %d queries, want 1", what, captured.Count()-n)
			}
			return i
		}
		one(`select_related("one_to_one_item")`, items().SelectRelated("one_to_one_item"), "second")
		i := one(`select_related("one_to_one_item").defer("value", "one_to_one_item__name")`,
			items().SelectRelated("one_to_one_item").Defer("value", "one_to_one_item__name"), "")
		if i.Name != "first" {
			t.Errorf("i.name = %q, want first", i.Name)
		}
		o, err := orm.Related[ROneToOneItem](i, "one_to_one_item").Get(c)
		if err == nil && o != nil {
			must(t, db.Refresh(c, o, "name"))
			if o.Name != "second" {
				t.Errorf("i.one_to_one_item.name = %q, want second", o.Name)
			}
		}
		must(t, db.Refresh(c, i, "value"))
		if i.Value != 42 {
			t.Errorf("i.value = %d, want 42", i.Value)
		}
	})
}
