package migrate_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/migrate"
	"github.com/djorm/orm/migrate/internal/history/migrations"
	"github.com/djorm/orm/schema"
)

// squashThrough is the last migration the squash tests squash: the
// history's first three (0004 and the hand-written 0005 come after).
const squashThrough = "0003"

// squashHistory squashes the history of internal/history up to
// squashThrough.
func squashHistory(t *testing.T) *migrate.Migration {
	t.Helper()
	sq, err := migrate.Squash(migrations.Migrations, "", squashThrough, "")
	if err != nil {
		t.Fatal(err)
	}
	return sq
}

// The squash of the history replays to the state the history leaves,
// in fewer operations, and its file is the golden one.
func TestSquashHistory(t *testing.T) {
	sq := squashHistory(t)
	all, _ := migrations.Migrations.Ordered()
	ms := all[:3]
	n := 0
	for _, m := range ms {
		n += len(m.Operations)
	}
	if len(sq.Operations) >= n {
		t.Errorf("squash has %d operations, the history %d: nothing optimized", len(sq.Operations), n)
	}
	if len(sq.Replaces) != len(ms) || len(sq.Dependencies) != 0 || !strings.HasPrefix(sq.Name, "0001_squashed_0003_") {
		t.Errorf("squash %s replaces %v, depends on %v", sq.Name, sq.Replaces, sq.Dependencies)
	}
	want, _ := migrations.Migrations.StateBefore(all[3].Name)
	s := migrate.NewSet("squashed")
	s.Register(sq)
	got, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	if d := migrate.Differences(got, want); d != "" {
		t.Errorf("squash leaves another state: %s", d)
	}
	src, err := migrate.SquashFile("migrations", "Migrations", sq).Source()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "squash", "history.go.txt")
	if *update {
		_ = os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if old, err := os.ReadFile(golden); err != nil || !bytes.Equal(old, src) {
		t.Errorf("squash differs from %s (%v):\n%s", golden, err, src)
	}
}

// historyWith returns a set of the history's migrations named (by
// prefix), plus extra ones.
func historyWith(t *testing.T, names []string, extra ...*migrate.Migration) *migrate.Set {
	t.Helper()
	s := migrate.NewSet("history")
	for _, n := range names {
		m, err := migrations.Migrations.Get(n)
		if err != nil {
			t.Fatal(err)
		}
		s.Register(m)
	}
	for _, m := range extra {
		s.Register(m)
	}
	return s
}

func planNames(t *testing.T, ex *migrate.Executor, target string) string {
	t.Helper()
	steps, err := ex.Plan(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range steps {
		n := s.Migration.Name[:4]
		if s.Backwards {
			n = "-" + n
		}
		if len(s.Migration.Replaces) > 0 {
			n += "sq"
		}
		out = append(out, n)
	}
	return strings.Join(out, " ")
}

func recorded(t *testing.T, ex *migrate.Executor) string {
	t.Helper()
	applied, err := ex.Applied(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range applied {
		out = append(out, n[:4])
		if strings.Contains(n, "squashed") {
			out[len(out)-1] += "sq"
		}
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// A squash replaces its originals in every database, whatever it
// applied: a fresh one runs the squash alone (and records the originals
// too); one that applied some originals finishes them and then counts as
// having applied the squash; once the originals are deleted, a migration
// that depended on one of them depends on the squash, and migrating to
// zero undoes everything.
func TestSquashReplaces(t *testing.T) {
	sq := squashHistory(t)
	all := []string{"0001", "0002", "0003"}
	extra := &migrate.Migration{Name: "0004_extra", Dependencies: []string{"0003_rename_publisher_imprint_and_more"},
		Operations: []migrate.Operation{migrate.CreateModel{Name: "extra", Table: "sq_extra",
			Fields: []migrate.Field{{Name: "id", Type: "BigAutoField", PrimaryKey: true}}}}}
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		migrateTo := func(ex *migrate.Executor, target string) {
			t.Helper()
			if err := ex.Migrate(ctx, target, migrate.Options{}); err != nil {
				t.Fatal(err)
			}
		}
		// A fresh database: the squash alone.
		ex := &migrate.Executor{DB: db, Set: historyWith(t, all, sq)}
		if got := planNames(t, ex, ""); got != "0001sq" {
			t.Fatalf("fresh plan = %q, want the squash alone", got)
		}
		migrateTo(ex, "")
		compareSchema(t, db, versions[2])
		if got := recorded(t, ex); got != "0001 0001sq 0002 0003" {
			t.Errorf("records after the squash: %q", got)
		}
		var show bytes.Buffer
		if err := ex.Show(ctx, &show); err != nil || !strings.Contains(show.String(), "[X] "+sq.Name+" (3 squashed migrations)") {
			t.Errorf("showmigrations (%v):\n%s", err, &show)
		}
		if got := planNames(t, ex, migrate.ZeroTarget); got != "-0001sq" {
			t.Errorf("plan to zero = %q", got)
		}
		migrateTo(ex, migrate.ZeroTarget)
		if got := recorded(t, ex); got != "" {
			t.Errorf("records after unapplying the squash: %q", got)
		}

		// A database part way through the originals finishes them.
		migrateTo(&migrate.Executor{DB: db, Set: historyWith(t, all)}, "0001")
		ex = &migrate.Executor{DB: db, Set: historyWith(t, all, sq)}
		if got := planNames(t, ex, ""); got != "0002 0003" {
			t.Fatalf("plan after 0001 = %q, want the originals", got)
		}
		migrateTo(ex, "")
		if got := recorded(t, ex); got != "0001 0001sq 0002 0003" {
			t.Errorf("records after the originals: %q (the squash must be recorded)", got)
		}
		if got := planNames(t, ex, ""); got != "" {
			t.Errorf("plan once the originals are applied = %q, want nothing", got)
		}

		// The originals deleted: 0004 depended on 0003, now on the squash.
		ex = &migrate.Executor{DB: db, Set: historyWith(t, nil, sq, extra)}
		if got := planNames(t, ex, ""); got != "0004" {
			t.Fatalf("plan with the squash alone = %q, want 0004", got)
		}
		migrateTo(ex, "")
		if _, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), "sq_extra"); err != nil {
			t.Error(err)
		}
		migrateTo(ex, migrate.ZeroTarget)
		for _, table := range []string{"author", "book", "imprint", "sq_extra"} {
			if _, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), table); err == nil {
				t.Errorf("table %s is still there after migrating to zero", table)
			}
		}
		if got := recorded(t, ex); got != "" {
			t.Errorf("records after zero: %q", got)
		}
	})
}

// A migration a squash replaces cannot be a target while the squash
// stands for it; the error names the squash.
func TestSquashTargetReplaced(t *testing.T) {
	sq := squashHistory(t)
	s := historyWith(t, []string{"0001", "0002", "0003"}, sq)
	stmts, err := migrate.SQL(sqlite.New(true), s, "0001_initial", false)
	if err != nil {
		t.Fatalf("sqlmigrate of a replaced migration: %v", err)
	}
	if !strings.Contains(strings.Join(stmts, "\n"), "CREATE TABLE") {
		t.Errorf("sqlmigrate 0001_initial: %q", stmts)
	}
	if _, err := s.StateBefore("0002"); err == nil || !strings.Contains(err.Error(), sq.Name) {
		t.Errorf("StateBefore of a replaced migration: %v, want the squash named", err)
	}
	if _, err := migrate.Squash(s, "", sq.Name, ""); err == nil || !strings.Contains(err.Error(), "squashing squashed") {
		t.Errorf("squashing a squash: %v", err)
	}
}
