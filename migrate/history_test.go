package migrate_test

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/migrate"
	"github.com/djorm/orm/migrate/internal/history/migrations"
	v1 "github.com/djorm/orm/migrate/internal/history/v1"
	v2 "github.com/djorm/orm/migrate/internal/history/v2"
	v3 "github.com/djorm/orm/migrate/internal/history/v3"
	v4 "github.com/djorm/orm/migrate/internal/history/v4"
	"github.com/djorm/orm/registry"
	"github.com/djorm/orm/schema"
)

var update = flag.Bool("update", false, "rewrite the golden migration files of internal/history/migrations")

var versions = [][]*registry.Model{v1.Models, v2.Models, v3.Models, v4.Models}

// handWritten are the migrations after the generated ones, written by hand
// (a data migration: RunSQL and RunGo); the models stay the last version's.
var handWritten = []string{"0005_data"}

// modelsAt is the model version migration i (from 0) leaves.
func modelsAt(i int) []*registry.Model { return versions[min(i, len(versions)-1)] }

// answers are what makemigrations is told for the history: renames are
// confirmed, NOT NULL fields get one-off values.
var answers = migrate.FlagQuestioner{Renames: true, Defaults: map[string]string{
	"author.email": "unknown@example.com", "book.subtitle": "",
}}

const migrationsDir = "internal/history/migrations"

// The autodetector writes each step of the history as the golden file
// does (go test -update rewrites them; the package compiles them, and the
// database tests below run them).
func TestAutodetectHistory(t *testing.T) {
	from, prev := migrate.NewState(), ""
	for i, models := range versions {
		n := i + 1
		to, err := migrate.FromRegistry(models...)
		if err != nil {
			t.Fatal(err)
		}
		ops, err := migrate.Autodetect(from, to, answers)
		if err != nil {
			t.Fatalf("v%d: %v", n, err)
		}
		f := migrate.File{Package: "migrations", SetVar: "Migrations", Number: n, Ops: ops, Initial: n == 1}
		if prev != "" {
			f.Deps = []string{prev}
		}
		prev = f.FullName()
		for _, op := range ops {
			if err := op.StateForwards(from); err != nil {
				t.Fatal(err)
			}
		}
		src, err := f.Source()
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join(migrationsDir, f.FullName()+".go")
		if *update {
			old, _ := filepath.Glob(filepath.Join(migrationsDir, fmt.Sprintf("%04d_*.go", n)))
			for _, o := range old {
				_ = os.Remove(o)
			}
			if err := os.WriteFile(golden, src, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("v%d: %v (run go test -run TestAutodetectHistory -update ./migrate/)", n, err)
		}
		if !bytes.Equal(src, want) {
			t.Errorf("v%d: generated migration differs from %s:\n%s", n, golden, src)
		}
	}
	// The history leaves exactly the latest models: nothing to detect.
	st, err := migrations.Migrations.State()
	if err != nil {
		t.Fatal(err)
	}
	to, _ := migrate.FromRegistry(v4.Models...)
	if d := migrate.Differences(st, to); d != "" && !*update {
		t.Errorf("models and migrations differ after the history: %s", d)
	}
}

// Each step of the history applies with rows present, keeps them, and
// leaves the schema CreateTables builds for that version's models;
// migrating back to zero leaves no table.
func TestMigrateHistory(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ex := &migrate.Executor{DB: db, Set: migrations.Migrations}
		ms, err := migrations.Migrations.Ordered()
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != len(versions)+len(handWritten) || ms[len(ms)-1].Name != handWritten[len(handWritten)-1] {
			t.Fatalf("%d migrations for %d versions and %v", len(ms), len(versions), handWritten)
		}
		for i, m := range ms {
			if err := ex.Migrate(ctx, m.Name, migrate.Options{}); err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
			compareSchema(t, db, modelsAt(i))
			checkData[i](t, db)
		}
		// Back one step: the data migration's reverse SQL and Go undo it.
		if err := ex.Migrate(ctx, ms[len(ms)-2].Name, migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		want(t, db, "SELECT subtitle || '|' || rating FROM book JOIN reading ON reading.book_id = book.id", "|0")
		if err := ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, v := range versions {
			for _, m := range schema.Expand(v) {
				if _, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), m.Table); err == nil {
					t.Errorf("table %s is still there after migrating to zero", m.Table)
				}
			}
		}
		if n, _ := orm.Objects[migrate.Record](db).Filter(orm.Q{"app": "history"}).Count(ctx); n != 0 {
			t.Errorf("%d migrations still recorded", n)
		}
	})
}

// checkData inserts rows after each step and checks the earlier ones.
var checkData = []func(t *testing.T, db *orm.DB){
	func(t *testing.T, db *orm.DB) {
		exec(t, db, "INSERT INTO author (name, bio) VALUES (?, ?)", "Ann", "writes")
		exec(t, db, "INSERT INTO tag (name) VALUES (?)", "go")
		exec(t, db, "INSERT INTO book (title, author_id, price, pages) VALUES (?, (SELECT MAX(id) FROM author), ?, ?)", "Go ORM", "19.99", 321)
		exec(t, db, "INSERT INTO book_tags (book_id, tag_id) VALUES ((SELECT MAX(id) FROM book), (SELECT MAX(id) FROM tag))")
	},
	func(t *testing.T, db *orm.DB) {
		want(t, db, "SELECT title || '|' || page_count || '|' || email FROM book JOIN author ON author.id = book.author_id",
			"Go ORM|321|unknown@example.com")
		want(t, db, "SELECT COUNT(*) FROM book_tags", "1")
		want(t, db, "SELECT is_published FROM book", "true")
		exec(t, db, "INSERT INTO publisher (name) VALUES (?)", "Acme")
		exec(t, db, "UPDATE book SET publisher_id = (SELECT MAX(id) FROM publisher)")
	},
	func(t *testing.T, db *orm.DB) {
		want(t, db, "SELECT title || '|' || page_count || '|' || subtitle || '|' || imprint.name FROM book JOIN imprint ON imprint.id = book.publisher_id",
			"Go ORM|321||Acme")
	},
	func(t *testing.T, db *orm.DB) {
		want(t, db, "SELECT title || '|' || price FROM book", "Go ORM|19.99")
		exec(t, db, "INSERT INTO reading (book_id, author_id, rating) VALUES ((SELECT MAX(id) FROM book), (SELECT MAX(id) FROM author), ?)", 0)
		// The new check constraint holds on every backend.
		if _, err := db.Exec(context.Background(), "UPDATE book SET price = ?", "-1.00"); err == nil {
			t.Error("a negative price passed the book_price_gte_0 check")
		}
	},
	func(t *testing.T, db *orm.DB) {
		want(t, db, "SELECT subtitle || '|' || rating FROM book JOIN reading ON reading.book_id = book.id", "Second edition|5")
	},
}

func exec(t *testing.T, db *orm.DB, q orm.SQLText, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// want checks the one value a query returns (|| is CONCAT on MySQL: the
// test harness sets PIPES_AS_CONCAT? no: it rewrites below).
func want(t *testing.T, db *orm.DB, q string, expected string) {
	t.Helper()
	if db.Dialect().Name() == "mariadb" || db.Dialect().Name() == "mysql" {
		q = "SELECT CONCAT_WS('|', " + strings.ReplaceAll(strings.SplitN(strings.TrimPrefix(q, "SELECT "), " FROM ", 2)[0], " || '|' || ", ", ") + ") FROM " + strings.SplitN(q, " FROM ", 2)[1]
	}
	var got sql.NullString
	if err := db.SQLDB().QueryRowContext(context.Background(), q).Scan(&got); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	g := got.String
	if g == "1" && expected == "true" || g == "t" && expected == "true" {
		g = "true"
	}
	if g != expected {
		t.Errorf("%s = %q, want %q", q, g, expected)
	}
}

// compareSchema builds the version's tables with CreateTables' DDL in a
// scratch schema and compares both as the database describes them.
func compareSchema(t *testing.T, db *orm.DB, models []*registry.Model) {
	t.Helper()
	ctx := context.Background()
	ref, done := scratch(t, db)
	defer done()
	ms := schema.Expand(models)
	stmts, err := schema.Create(db.Dialect(), ms, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := ref.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	for _, m := range ms {
		got, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), m.Table)
		if err != nil {
			t.Fatal(err)
		}
		exp, err := schema.Inspect(ctx, ref, db.Dialect(), m.Table)
		if err != nil {
			t.Fatal(err)
		}
		if got.Shape() != exp.Shape() {
			t.Errorf("after migrating, %s is\n%s\nCreateTables builds\n%s", m.Table, got.Shape(), exp.Shape())
		}
	}
}

// querier is a connection that runs statements and queries.
type querier interface {
	schema.Querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// scratch returns an empty schema of the same backend: a PostgreSQL
// schema or MySQL database on a connection of its own, a SQLite file.
func scratch(t *testing.T, db *orm.DB) (querier, func()) {
	t.Helper()
	ctx := context.Background()
	name := "djorm_ref_" + fmt.Sprint(os.Getpid())
	switch db.Dialect().Name() {
	case "sqlite":
		ref, err := sql.Open("sqlite3", "file:"+filepath.Join(t.TempDir(), "ref.db"))
		if err != nil {
			t.Fatal(err)
		}
		return ref, func() { _ = ref.Close() }
	case "postgresql":
		conn, err := db.SQLDB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{`DROP SCHEMA IF EXISTS "` + name + `" CASCADE`, `CREATE SCHEMA "` + name + `"`, `SET search_path TO "` + name + `"`} {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		return conn, func() {
			_, _ = conn.ExecContext(ctx, `DROP SCHEMA "`+name+`" CASCADE`)
			_, _ = conn.ExecContext(ctx, "RESET search_path") // back to the DSN's
			_ = conn.Close()
		}
	default:
		conn, err := db.SQLDB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var cur string
		_ = conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&cur)
		for _, s := range []string{"DROP DATABASE IF EXISTS `" + name + "`", "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "USE `" + name + "`"} {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		return conn, func() {
			_, _ = conn.ExecContext(ctx, "DROP DATABASE `"+name+"`")
			_, _ = conn.ExecContext(ctx, "USE `"+cur+"`")
			_ = conn.Close()
		}
	}
}
