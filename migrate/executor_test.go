package migrate_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/migrate"
	"github.com/djorm/orm/schema"
)

// failingSet creates a table, then fails: on the second statement of its
// second migration.
func failingSet() *migrate.Set {
	s := migrate.NewSet("failing")
	id := migrate.Field{Name: "id", Type: "BigAutoField", PrimaryKey: true}
	s.Register(&migrate.Migration{Name: "0001_initial", Operations: []migrate.Operation{
		migrate.CreateModel{Name: "gadget", Table: "fail_gadget", Fields: []migrate.Field{id}},
	}})
	s.Register(&migrate.Migration{Name: "0002_broken", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.CreateModel{Name: "widget", Table: "fail_widget", Fields: []migrate.Field{id}},
		migrate.RunSQL{SQL: []orm.SQLText{"INSERT INTO fail_nowhere (id) VALUES (1)"}, ReverseSQL: migrate.Noop()},
	}})
	return s
}

// A failing migration leaves nothing of itself where DDL is
// transactional; on MariaDB the record says what ran and the error how
// to recover.
func TestFailingMigration(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ex := &migrate.Executor{DB: db, Set: failingSet()}
		err := ex.Migrate(ctx, "", migrate.Options{})
		if err == nil || !strings.Contains(err.Error(), "operation 2 of 2") {
			t.Fatalf("err = %v, want the failing operation named", err)
		}
		applied, aerr := ex.Applied(ctx)
		if aerr != nil {
			t.Fatal(aerr)
		}
		if applied["0001_initial"] == nil {
			t.Error("0001_initial is not recorded")
		}
		_, werr := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), "fail_widget")
		if db.Dialect().Features().TransactionalDDL {
			if applied["0002_broken"] != nil || werr == nil {
				t.Errorf("a failed migration left its record (%v) or its table (%v)", applied["0002_broken"], werr)
			}
		} else {
			r := applied["0002_broken"]
			if r == nil || r.Progress == nil || *r.Progress != 1 || !strings.Contains(err.Error(), "continue with operation 2") {
				t.Errorf("record %+v, err %v: want progress 1 and the way out", r, err)
			}
		}
		if err := ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{}); err != nil && db.Dialect().Features().TransactionalDDL {
			t.Fatal(err)
		}
		cleanup(t, db, "failing", "fail_widget", "fail_gadget")
	})
}

func cleanup(t *testing.T, db *orm.DB, app string, tables ...string) {
	ctx := context.Background()
	for _, tb := range tables {
		_, _ = db.Exec(ctx, orm.SQLText(db.Dialect().DropTable(string(db.Dialect().AppendIdent(nil, tb)))))
	}
	_, _ = orm.Objects[migrate.Record](db).Filter(orm.Q{"app": app}).Delete(ctx)
}

// Two migrate runs at once apply each migration once: one waits for the
// other's lock, then finds nothing left to do.
func TestConcurrentMigrate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dbs := []*orm.DB{db, db}
		if db.Dialect().Name() == "sqlite" {
			// Two handles on one file, as two processes would have.
			dsn := "file:" + filepath.Join(t.TempDir(), "c.db") + "?_busy_timeout=10000"
			for i := range dbs {
				h, err := orm.Open("sqlite3", dsn)
				if err != nil {
					t.Fatal(err)
				}
				defer h.Close()
				dbs[i] = h
			}
		}
		set := smokeSet()
		var wg sync.WaitGroup
		errs := make([]error, len(dbs))
		for i, h := range dbs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = (&migrate.Executor{DB: h, Set: set}).Migrate(context.Background(), "", migrate.Options{})
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		n, err := orm.Objects[migrate.Record](dbs[0]).Filter(orm.Q{"app": "smoke"}).Count(context.Background())
		if err != nil || n != 2 {
			t.Fatalf("%d records (%v), want 2", n, err)
		}
		if err := (&migrate.Executor{DB: dbs[0], Set: set}).Migrate(context.Background(), migrate.ZeroTarget, migrate.Options{}); err != nil {
			t.Fatal(err)
		}
	})
}

// --fake records without running; --plan lists what would run.
func TestFakeAndPlan(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ex := &migrate.Executor{DB: db, Set: smokeSet()}
		steps, err := ex.Plan(ctx, "")
		if err != nil || len(steps) != 2 {
			t.Fatalf("plan %v, %v", steps, err)
		}
		var b strings.Builder
		migrate.FormatPlan(&b, "smoke", steps)
		if !strings.Contains(b.String(), "Rename field title on novel to headline") {
			t.Errorf("plan:\n%s", b.String())
		}
		if err := ex.Migrate(ctx, "", migrate.Options{Fake: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), "smoke_novel"); err == nil {
			t.Error("a faked migration created its table")
		}
		b.Reset()
		if err := ex.Show(ctx, &b); err != nil || !strings.Contains(b.String(), "[X] 0002_changes") {
			t.Errorf("showmigrations: %v\n%s", err, b.String())
		}
		if err := ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{Fake: true}); err != nil {
			t.Fatal(err)
		}
	})
}
