package ormtest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/registry"
	"github.com/djorm/orm/schema"
)

// errRollback ends the fixture's transaction.
var errRollback = errors.New("ormtest: rolled back at the end of the test")

// Tx is Django's TestCase: it begins a transaction on db and returns a
// context carrying it; every statement run with that context (or one
// derived from it) runs in the transaction, which is rolled back when the
// test ends. An orm.Atomic block inside makes a savepoint, as in Django
// (and orm.Durable fails with orm.ErrDurableNested); OnCommit callbacks
// never run.
//
// Tests using Tx may run in parallel (t.Parallel, before Tx): each sees
// only its own uncommitted rows. Two of them writing the same unique
// value wait for each other, as any two transactions do. On SQLite a
// transaction that writes holds the database's write lock until it ends,
// so parallel Tx tests on one SQLite file take turns: open it with
// _busy_timeout and _txlock=immediate, so that they queue at BEGIN rather
// than fail with "database is locked", and run every statement of such a
// test with the Tx context (one outside it waits for the test's own
// transaction).
func Tx(t testing.TB, db *orm.DB) context.Context {
	t.Helper()
	ready := make(chan context.Context, 1)
	release := make(chan struct{})
	finished := make(chan error, 1)
	go func() {
		// Atomic binds its transaction to the context it hands fn; the
		// fixture keeps fn waiting until the test is over.
		finished <- orm.Atomic(context.Background(), db, func(ctx context.Context) error {
			ready <- ctx
			<-release
			return errRollback
		})
	}()
	select {
	case ctx := <-ready:
		t.Cleanup(func() {
			close(release)
			if err := <-finished; !errors.Is(err, errRollback) {
				t.Errorf("ormtest.Tx: rolling back the test's transaction on %q: %v", db.Alias(), err)
			}
		})
		return ctx
	case err := <-finished:
		t.Fatalf("ormtest.Tx: beginning a transaction on %q: %v", db.Alias(), err)
		return nil
	}
}

// Truncate is Django's TransactionTestCase: when the test ends, it
// deletes every row of models (pointers to zero values, as for
// orm.Register) and of their automatic many-to-many tables, dependents
// first, in one transaction. The code under test runs with real commits,
// so use it for what Tx cannot show: OnCommit callbacks, Durable blocks,
// several connections. Tests that truncate the same tables must not run
// in parallel with each other or with tests reading those tables; tests
// of different packages each have their own tables when every package
// has its own schema or database (as djorm's testkit gives them).
//
// A cycle of foreign keys among the models may keep a row from being
// deleted (on MySQL and MariaDB even a self-reference, which they check
// row by row): the cleanup then fails the test, naming the table.
func Truncate(t testing.TB, db *orm.DB, models ...any) {
	t.Helper()
	tables, err := tablesOf(models)
	if err != nil {
		t.Fatalf("ormtest.Truncate: %v", err)
	}
	t.Cleanup(func() {
		if err := deleteAll(context.Background(), db, tables); err != nil {
			t.Errorf("ormtest.Truncate: %v", err)
		}
	})
}

// tablesOf returns the tables of models and their join tables, in the
// order rows are deleted: dependents first.
func tablesOf(models []any) ([]string, error) {
	if len(models) == 0 {
		return nil, errors.New("no models given; pass pointers to zero values of the models whose rows to delete (&Book{})")
	}
	ms := make([]*registry.Model, 0, len(models))
	for _, m := range models {
		meta, err := orm.ModelMeta(m)
		if err != nil {
			return nil, fmt.Errorf("%T: %w", m, err)
		}
		ms = append(ms, meta)
	}
	ordered := schema.Expand(ms) // parents first
	tables := make([]string, len(ordered))
	for i, m := range ordered {
		tables[len(ordered)-1-i] = m.Table
	}
	return tables, nil
}

// deleteAll deletes the rows of tables, in order, in one transaction.
func deleteAll(ctx context.Context, db *orm.DB, tables []string) error {
	return orm.Atomic(ctx, db, func(ctx context.Context) error {
		for _, table := range tables {
			// The table name comes from model metadata, quoted: no input reaches the text.
			stmt := "DELETE FROM " + string(db.Dialect().AppendIdent(nil, table))
			if _, err := db.Exec(ctx, orm.SQLText(stmt)); err != nil {
				return fmt.Errorf("deleting the rows of %s: %w", table, err)
			}
		}
		return nil
	})
}
