package deferlocks

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2's tests/transactions/tests.py. AtomicTests runs twice, as in
// Django: TestTransactions_AtomicTests_* on its own and
// TestTransactions_AtomicInsideTransactionTests_* inside an outer Atomic
// block (the setUp/tearDown of AtomicInsideTransactionTests), whose context
// every statement and assertion of the case then uses.
//
// Skipped Django methods:
//   - AtomicTests.test_force_rollback and test_prevent_rollback (and their
//     AtomicInsideTransactionTests copies): transaction.get_rollback(),
//     set_rollback(), savepoint() and savepoint_rollback(sid); djorm has no
//     API to read or set the rollback mark or to handle savepoints by hand
//     (a nested Atomic is its savepoint).
//   - AtomicWithoutAutocommitTests (every AtomicTests method again) and
//     NonAutocommitTests (test_orm_query_after_error_and_rollback,
//     test_orm_query_without_autocommit): set_autocommit(False); a
//     database/sql connection outside a transaction is always in autocommit
//     and djorm has no autocommit switch.
//   - AtomicErrorsTests.test_atomic_prevents_setting_autocommit,
//     test_atomic_prevents_calling_transaction_methods: set_autocommit(),
//     commit() and rollback() inside atomic; djorm exposes none of them.
//   - AtomicErrorsTests.test_atomic_allows_queries_after_fixing_transaction
//     (MySQL only in Django): set_rollback(False), see above.
//   - AtomicErrorsTests.test_atomic_prevents_queries_in_broken_transaction_after_client_close:
//     connection.close() inside the block; the transaction's connection is
//     database/sql's, which djorm does not let a caller close.
//   - AtomicMiscTests.test_wrap_callable_instance: decorating a callable
//     instance; Go's Atomic takes any func value. test_atomic_does_not_leak_savepoints_on_failure:
//     connection.savepoint_ids and savepoint_rollback(sid) internals.
//     test_mark_for_rollback_on_error_in_transaction and
//     test_mark_for_rollback_on_error_in_autocommit: mark_for_rollback_on_error()
//     has no djorm counterpart.
//   - DisableDurabiltityCheckTests (test_commit, test_nested_outer_durable,
//     test_nested_both_durable, test_nested_inner_durable): Django's
//     TestCase wraps each test in a transaction and disables the durability
//     check; there is no such test wrapper in Go.
//   - Newer than Django 3.2: AtomicTests.test_failure_on_exit_transaction
//     (4.1) and DurableTests split into DurableTestsBase (4.0).

var errOops = errors.New("Oops, that's his last name")
var errOopsFirst = errors.New("Oops, that's his first name")

func txSetUp(t *testing.T, db *orm.DB) { t.Helper(); resetTables(t, db, txModels) }

func reporters(db *orm.DB) *orm.QuerySet[*TReporter] { return orm.Objects[TReporter](db) }

func createReporter(c context.Context, db *orm.DB, first, last string) error {
	return reporters(db).Create(c, &TReporter{FirstName: first, LastName: last})
}

// assertReporters is assertSequenceEqual(Reporter.objects.all(), ...) by
// str(): "first last".
func assertReporters(t *testing.T, c context.Context, db *orm.DB, want ...string) {
	t.Helper()
	rows, err := reporters(db).All(c)
	if err != nil {
		t.Errorf("Reporter.objects.all(): %v", err)
		return
	}
	got := make([]string, len(rows))
	for i, r := range rows {
		got[i] = r.String()
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Reporter.objects.all() = %q, want %q", got, want)
	}
}

// assertOops is assertRaisesMessage(Exception, "Oops").
func assertOops(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), "Oops") {
		t.Errorf("%s: %v, want the Oops error", what, err)
	}
}

// atomicCase is one AtomicTests method, run with c (the test's context, or
// an outer transaction's).
type atomicCase func(t *testing.T, db *orm.DB, c context.Context)

// runAtomic runs an AtomicTests case as AtomicTests (inside=false) or as
// AtomicInsideTransactionTests (inside=true).
func runAtomic(t *testing.T, inside bool, body atomicCase) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		if !inside {
			body(t, db, c)
			return
		}
		err := orm.Atomic(c, db, func(c context.Context) error {
			body(t, db, c)
			return nil
		})
		if err != nil {
			t.Errorf("outer atomic (tearDown): %v", err)
		}
	})
}

func decoratorSyntaxCommit(t *testing.T, db *orm.DB, c context.Context) {
	// @transaction.atomic
	makeReporter := func(c context.Context) error {
		return orm.Atomic(c, db, func(c context.Context) error { return createReporter(c, db, "Tintin", "") })
	}
	must(t, makeReporter(c))
	assertReporters(t, c, db, "Tintin")
}

func decoratorSyntaxRollback(t *testing.T, db *orm.DB, c context.Context) {
	makeReporter := func(c context.Context) error {
		return orm.Atomic(c, db, func(c context.Context) error {
			if err := createReporter(c, db, "Haddock", ""); err != nil {
				return err
			}
			return errOops
		})
	}
	assertOops(t, "make_reporter()", makeReporter(c))
	assertReporters(t, c, db)
}

func atomicCommit(t *testing.T, db *orm.DB, c context.Context) {
	must(t, orm.Atomic(c, db, func(c context.Context) error { return createReporter(c, db, "Tintin", "") }))
	assertReporters(t, c, db, "Tintin")
}

func atomicRollback(t *testing.T, db *orm.DB, c context.Context) {
	err := orm.Atomic(c, db, func(c context.Context) error {
		if err := createReporter(c, db, "Haddock", ""); err != nil {
			return err
		}
		return errOops
	})
	assertOops(t, "atomic", err)
	assertReporters(t, c, db)
}

// nestedCases builds the nested_*, merged_* and reuse_* cases: inner is
// the inner block (atomic(), atomic(savepoint=False), or the reused outer
// atomic object).
type blockFunc func(c context.Context, db *orm.DB, fn func(c context.Context) error) error

func plainAtomic(c context.Context, db *orm.DB, fn func(c context.Context) error) error {
	return orm.Atomic(c, db, fn)
}

func mergedAtomic(c context.Context, db *orm.DB, fn func(c context.Context) error) error {
	return orm.Atomic(c, db, fn, orm.NoSavepoint())
}

func commitCommit(inner blockFunc) atomicCase {
	return func(t *testing.T, db *orm.DB, c context.Context) {
		err := orm.Atomic(c, db, func(c context.Context) error {
			if err := createReporter(c, db, "Tintin", ""); err != nil {
				return err
			}
			return inner(c, db, func(c context.Context) error { return createReporter(c, db, "Archibald", "Haddock") })
		})
		must(t, err)
		assertReporters(t, c, db, "Archibald Haddock", "Tintin")
	}
}

func commitRollback(inner blockFunc, want ...string) atomicCase {
	return func(t *testing.T, db *orm.DB, c context.Context) {
		err := orm.Atomic(c, db, func(c context.Context) error {
			if err := createReporter(c, db, "Tintin", ""); err != nil {
				return err
			}
			err := inner(c, db, func(c context.Context) error {
				if err := createReporter(c, db, "Haddock", ""); err != nil {
					return err
				}
				return errOops
			})
			assertOops(t, "inner atomic", err)
			return nil
		})
		if err != nil && !errors.Is(err, orm.ErrTxBroken) {
			t.Errorf("outer atomic: %v", err)
		}
		assertReporters(t, c, db, want...)
	}
}

func rollbackCommit(inner blockFunc) atomicCase {
	return func(t *testing.T, db *orm.DB, c context.Context) {
		err := orm.Atomic(c, db, func(c context.Context) error {
			if err := createReporter(c, db, "", "Tintin"); err != nil {
				return err
			}
			if err := inner(c, db, func(c context.Context) error { return createReporter(c, db, "", "Haddock") }); err != nil {
				return err
			}
			return errOopsFirst
		})
		assertOops(t, "outer atomic", err)
		assertReporters(t, c, db)
	}
}

func rollbackRollback(inner blockFunc) atomicCase {
	return func(t *testing.T, db *orm.DB, c context.Context) {
		err := orm.Atomic(c, db, func(c context.Context) error {
			if err := createReporter(c, db, "", "Tintin"); err != nil {
				return err
			}
			err := inner(c, db, func(c context.Context) error {
				if err := createReporter(c, db, "Haddock", ""); err != nil {
					return err
				}
				return errOops
			})
			assertOops(t, "inner atomic", err)
			return errOopsFirst
		})
		assertOops(t, "outer atomic", err)
		assertReporters(t, c, db)
	}
}

var atomicTests = map[string]atomicCase{
	"test_decorator_syntax_commit":             decoratorSyntaxCommit,
	"test_decorator_syntax_rollback":           decoratorSyntaxRollback,
	"test_alternate_decorator_syntax_commit":   decoratorSyntaxCommit,
	"test_alternate_decorator_syntax_rollback": decoratorSyntaxRollback,
	"test_commit":                   atomicCommit,
	"test_rollback":                 atomicRollback,
	"test_nested_commit_commit":     commitCommit(plainAtomic),
	"test_nested_commit_rollback":   commitRollback(plainAtomic, "Tintin"),
	"test_nested_rollback_commit":   rollbackCommit(plainAtomic),
	"test_nested_rollback_rollback": rollbackRollback(plainAtomic),
	"test_merged_commit_commit":     commitCommit(mergedAtomic),
	// Writes in the outer block are rolled back too.
	"test_merged_commit_rollback":   commitRollback(mergedAtomic),
	"test_merged_rollback_commit":   rollbackCommit(mergedAtomic),
	"test_merged_rollback_rollback": rollbackRollback(mergedAtomic),
	// atomic = transaction.atomic(); with atomic: ... with atomic: is a
	// nested block again.
	"test_reuse_commit_commit":     commitCommit(plainAtomic),
	"test_reuse_commit_rollback":   commitRollback(plainAtomic, "Tintin"),
	"test_reuse_rollback_commit":   rollbackCommit(plainAtomic),
	"test_reuse_rollback_rollback": rollbackRollback(plainAtomic),
}

func atomicTest(t *testing.T, inside bool, name string) {
	body, ok := atomicTests[name]
	if !ok {
		t.Fatalf("no case %s", name)
	}
	runAtomic(t, inside, body)
}

func TestTransactions_AtomicTests_test_decorator_syntax_commit(t *testing.T) {
	atomicTest(t, false, "test_decorator_syntax_commit")
}

func TestTransactions_AtomicTests_test_decorator_syntax_rollback(t *testing.T) {
	atomicTest(t, false, "test_decorator_syntax_rollback")
}

func TestTransactions_AtomicTests_test_alternate_decorator_syntax_commit(t *testing.T) {
	atomicTest(t, false, "test_alternate_decorator_syntax_commit")
}

func TestTransactions_AtomicTests_test_alternate_decorator_syntax_rollback(t *testing.T) {
	atomicTest(t, false, "test_alternate_decorator_syntax_rollback")
}

func TestTransactions_AtomicTests_test_commit(t *testing.T) { atomicTest(t, false, "test_commit") }

func TestTransactions_AtomicTests_test_rollback(t *testing.T) { atomicTest(t, false, "test_rollback") }

func TestTransactions_AtomicTests_test_nested_commit_commit(t *testing.T) {
	atomicTest(t, false, "test_nested_commit_commit")
}

func TestTransactions_AtomicTests_test_nested_commit_rollback(t *testing.T) {
	atomicTest(t, false, "test_nested_commit_rollback")
}

func TestTransactions_AtomicTests_test_nested_rollback_commit(t *testing.T) {
	atomicTest(t, false, "test_nested_rollback_commit")
}

func TestTransactions_AtomicTests_test_nested_rollback_rollback(t *testing.T) {
	atomicTest(t, false, "test_nested_rollback_rollback")
}

func TestTransactions_AtomicTests_test_merged_commit_commit(t *testing.T) {
	atomicTest(t, false, "test_merged_commit_commit")
}

func TestTransactions_AtomicTests_test_merged_rollback_commit(t *testing.T) {
	atomicTest(t, false, "test_merged_rollback_commit")
}

func TestTransactions_AtomicTests_test_merged_rollback_rollback(t *testing.T) {
	atomicTest(t, false, "test_merged_rollback_rollback")
}

func TestTransactions_AtomicTests_test_reuse_commit_commit(t *testing.T) {
	atomicTest(t, false, "test_reuse_commit_commit")
}

func TestTransactions_AtomicTests_test_reuse_commit_rollback(t *testing.T) {
	atomicTest(t, false, "test_reuse_commit_rollback")
}

func TestTransactions_AtomicTests_test_reuse_rollback_commit(t *testing.T) {
	atomicTest(t, false, "test_reuse_rollback_commit")
}

func TestTransactions_AtomicTests_test_reuse_rollback_rollback(t *testing.T) {
	atomicTest(t, false, "test_reuse_rollback_rollback")
}

func TestTransactions_AtomicInsideTransactionTests_test_decorator_syntax_commit(t *testing.T) {
	atomicTest(t, true, "test_decorator_syntax_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_decorator_syntax_rollback(t *testing.T) {
	atomicTest(t, true, "test_decorator_syntax_rollback")
}

func TestTransactions_AtomicInsideTransactionTests_test_alternate_decorator_syntax_commit(t *testing.T) {
	atomicTest(t, true, "test_alternate_decorator_syntax_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_alternate_decorator_syntax_rollback(t *testing.T) {
	atomicTest(t, true, "test_alternate_decorator_syntax_rollback")
}

func TestTransactions_AtomicInsideTransactionTests_test_commit(t *testing.T) {
	atomicTest(t, true, "test_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_rollback(t *testing.T) {
	atomicTest(t, true, "test_rollback")
}

func TestTransactions_AtomicInsideTransactionTests_test_nested_commit_commit(t *testing.T) {
	atomicTest(t, true, "test_nested_commit_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_nested_commit_rollback(t *testing.T) {
	atomicTest(t, true, "test_nested_commit_rollback")
}

func TestTransactions_AtomicInsideTransactionTests_test_nested_rollback_commit(t *testing.T) {
	atomicTest(t, true, "test_nested_rollback_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_nested_rollback_rollback(t *testing.T) {
	atomicTest(t, true, "test_nested_rollback_rollback")
}

func TestTransactions_AtomicInsideTransactionTests_test_merged_commit_commit(t *testing.T) {
	atomicTest(t, true, "test_merged_commit_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_merged_rollback_commit(t *testing.T) {
	atomicTest(t, true, "test_merged_rollback_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_merged_rollback_rollback(t *testing.T) {
	atomicTest(t, true, "test_merged_rollback_rollback")
}

func TestTransactions_AtomicInsideTransactionTests_test_reuse_commit_commit(t *testing.T) {
	atomicTest(t, true, "test_reuse_commit_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_reuse_commit_rollback(t *testing.T) {
	atomicTest(t, true, "test_reuse_commit_rollback")
}

func TestTransactions_AtomicInsideTransactionTests_test_reuse_rollback_commit(t *testing.T) {
	atomicTest(t, true, "test_reuse_rollback_commit")
}

func TestTransactions_AtomicInsideTransactionTests_test_reuse_rollback_rollback(t *testing.T) {
	atomicTest(t, true, "test_reuse_rollback_rollback")
}

// assertNeedsRollback is assertTrue(transaction.get_rollback()): the
// transaction is marked as needing rollback, so a query in it fails with
// TransactionManagementError ("You can't execute queries until the end of
// the 'atomic' block"), djorm's ErrTxBroken or ErrTransactionManagement.
func assertNeedsRollback(t *testing.T, what string, c context.Context, db *orm.DB) {
	t.Helper()
	_, err := reporters(db).Count(c)
	if !errors.Is(err, orm.ErrTxBroken) && !errors.Is(err, orm.ErrTransactionManagement) {
		t.Errorf("%s: a query in the block: %v; Django's get_rollback() is True (queries raise TransactionManagementError)", what, err)
	}
}

func TestTransactions_AtomicErrorsTests_test_atomic_prevents_queries_in_broken_transaction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		r1 := &TReporter{FirstName: "Archibald", LastName: "Haddock"}
		must(t, reporters(db).Create(c, r1))
		err := orm.Atomic(c, db, func(c context.Context) error {
			r2 := &TReporter{FirstName: "Cuthbert", LastName: "Calculus"}
			r2.ID = r1.ID
			if err := reporters(db).Create(c, r2); !isIntegrityError(err) {
				t.Errorf("r2.save(force_insert=True): %v, want IntegrityError", err)
			}
			// The transaction is marked as needing rollback.
			err := db.Save(c, r2)
			if !errors.Is(err, orm.ErrTxBroken) && !errors.Is(err, orm.ErrTransactionManagement) {
				t.Errorf("r2.save(force_update=True): %v; Django raises TransactionManagementError", err)
			} else if !isIntegrityError(err) {
				t.Errorf("r2.save(force_update=True): %v; its cause is not the IntegrityError", err)
			}
			return nil
		})
		// Django's atomic block ends with a rollback and no exception;
		// djorm's Atomic reports the rollback as ErrTxBroken.
		if err != nil && !errors.Is(err, orm.ErrTxBroken) {
			t.Errorf("atomic: %v", err)
		}
		r, err := reporters(db).Get(c, orm.Q{"pk": r1.ID})
		if err != nil || r.LastName != "Haddock" {
			t.Errorf("Reporter(pk=r1.pk).last_name = %v (%v), want Haddock", r, err)
		}
	})
}

func TestTransactions_DurableTests_test_commit(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		must(t, orm.Atomic(c, db, func(c context.Context) error { return createReporter(c, db, "Tintin", "") }, orm.Durable()))
		r, err := reporters(db).Get(c)
		if err != nil || r.String() != "Tintin" {
			t.Errorf("Reporter.objects.get() = %v (%v), want Tintin", r, err)
		}
	})
}

func TestTransactions_DurableTests_test_nested_outer_durable(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		err := orm.Atomic(c, db, func(c context.Context) error {
			if err := createReporter(c, db, "Tintin", ""); err != nil {
				return err
			}
			return orm.Atomic(c, db, func(c context.Context) error { return createReporter(c, db, "Archibald", "Haddock") })
		}, orm.Durable())
		must(t, err)
		assertReporters(t, c, db, "Archibald Haddock", "Tintin")
	})
}

func assertDurableNested(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, orm.ErrDurableNested) {
		t.Errorf("durable atomic in atomic: %v; Django raises RuntimeError "+
			"'A durable atomic block cannot be nested within another atomic block.'", err)
	}
}

func TestTransactions_DurableTests_test_nested_both_durable(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		ran := false
		err := orm.Atomic(c, db, func(c context.Context) error {
			assertDurableNested(t, orm.Atomic(c, db, func(c context.Context) error { ran = true; return nil }, orm.Durable()))
			return nil
		}, orm.Durable())
		must(t, err)
		if ran {
			t.Error("the nested durable block ran")
		}
	})
}

func TestTransactions_DurableTests_test_nested_inner_durable(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		ran := false
		err := orm.Atomic(c, db, func(c context.Context) error {
			assertDurableNested(t, orm.Atomic(c, db, func(c context.Context) error { ran = true; return nil }, orm.Durable()))
			return nil
		})
		must(t, err)
		if ran {
			t.Error("the nested durable block ran")
		}
	})
}

func TestTransactions_DurableTests_test_sequence_of_durables(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		txSetUp(t, db)
		c, _ := captureSQL(t)
		for _, name := range []string{"Tintin 1", "Tintin 2"} {
			must(t, orm.Atomic(c, db, func(c context.Context) error { return createReporter(c, db, name, "") }, orm.Durable()))
			r, err := reporters(db).Get(c, orm.Q{"first_name": name})
			if err != nil || r.FirstName != name {
				t.Errorf("Reporter(first_name=%q) = %v (%v)", name, r, err)
			}
		}
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
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

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
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

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestTransactions_AtomicTests_test_merged_commit_rollback(t *testing.T) {
	atomicTest(t, false, "test_merged_commit_rollback")
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestTransactions_AtomicInsideTransactionTests_test_merged_commit_rollback(t *testing.T) {
	atomicTest(t, true, "test_merged_commit_rollback")
}
