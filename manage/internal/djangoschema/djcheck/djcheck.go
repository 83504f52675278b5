// Package djcheck runs the models inspectdb wrote from the schema Django
// 3.2 created (manage/testdata/djangoschema) against that database and
// compares their answers with Django's (testdata/django/reference.json).
//
// The models live in one package per backend family (djsqlite,
// djpostgresql, djmysql next to this one): each is the verbatim output of
// inspectdb on that backend, written by `go test ./manage -run
// TestInspectDBDjangoSchema -update` and checked fresh by that test. They
// are separate test binaries because all of them register the tables of
// Django's bookstore (publisher, author, book, ...), which a program may
// register once, and which internal/testkit registers too; so the tests
// here open their backend themselves (the DSNs and DJORM_REQUIRE of
// internal/testkit).
package djcheck

//go:generate /usr/bin/python3 ../../../testdata/djangoschema/gen.py
//go:generate go test -C ../../.. -count=1 -run TestInspectDBDjangoSchema . -update

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	_ "github.com/go-sql-driver/mysql" // MySQL/MariaDB driver
	_ "github.com/lib/pq"              // PostgreSQL driver
	_ "github.com/mattn/go-sqlite3"    // SQLite driver

	"github.com/djorm/orm"
)

// Family is a backend family and the name of its schema file.
type Family string

// The backend families Django's schema was recorded on.
const (
	SQLite     Family = "sqlite"
	PostgreSQL Family = "postgresql"
	MySQL      Family = "mysql"
)

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// Open opens a fresh database of the family (a SQLite file, a PostgreSQL
// schema, a MySQL database), skipping the test when the server is not
// reachable unless DJORM_REQUIRE names it.
func Open(t *testing.T, f Family) *orm.DB {
	t.Helper()
	db, err := open(t, f)
	if err != nil {
		req := map[Family]string{PostgreSQL: "postgres", MySQL: "mysql"}[f]
		if req != "" && strings.Contains(","+os.Getenv("DJORM_REQUIRE")+",", ","+req+",") {
			t.Fatalf("%s is required (DJORM_REQUIRE) but unavailable: %v", f, err)
		}
		t.Skipf("%s unavailable: %v", f, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func open(t *testing.T, f Family) (*orm.DB, error) {
	ns := fmt.Sprintf("djorm_djangoschema_%d", os.Getpid())
	switch f {
	case SQLite:
		return orm.Open("sqlite3", "file:"+filepath.Join(t.TempDir(), "django.db")+"?_busy_timeout=10000")
	case PostgreSQL:
		dsn := env("DJORM_POSTGRES_DSN", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
		if err := admin(t, "postgres", dsn, `DROP SCHEMA IF EXISTS "`+ns+`" CASCADE`, `CREATE SCHEMA "`+ns+`"`); err != nil {
			return nil, err
		}
		t.Cleanup(func() { _ = admin(t, "postgres", dsn, `DROP SCHEMA IF EXISTS "`+ns+`" CASCADE`) })
		u, err := url.Parse(dsn)
		if err != nil {
			return nil, err
		}
		q := u.Query()
		q.Set("search_path", ns)
		u.RawQuery = q.Encode()
		return orm.Open("postgres", u.String())
	default:
		dsn := env("DJORM_MYSQL_DSN", "root@tcp(127.0.0.1:3306)/test")
		if err := admin(t, "mysql", dsn, "DROP DATABASE IF EXISTS `"+ns+"`",
			"CREATE DATABASE `"+ns+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
			return nil, err
		}
		t.Cleanup(func() { _ = admin(t, "mysql", dsn, "DROP DATABASE IF EXISTS `"+ns+"`") })
		slash := strings.LastIndex(dsn, "/")
		rest := dsn[slash+1:]
		params := ""
		if i := strings.Index(rest, "?"); i >= 0 {
			params = rest[i:]
		}
		return orm.Open("mysql", dsn[:slash+1]+ns+params)
	}
}

// admin runs statements on the server's default database.
func admin(t *testing.T, driver, dsn string, stmts ...string) error {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return err
		}
	}
	return nil
}

// SchemaFile is the path of the statements Django ran on a family.
func SchemaFile(f Family) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "..", "testdata", "djangoschema", string(f)+".sql")
}

// Load runs the statements Django ran to create its tables and load the
// reference rows (one per line, see gen.py) and returns the tables, in
// the order Django created them.
func Load(t testing.TB, db *orm.DB, f Family) []string {
	t.Helper()
	file, err := os.Open(SchemaFile(f))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var tables []string
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), ";")
		if line == "" || strings.HasPrefix(line, "--") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "CREATE TABLE "); ok {
			tables = append(tables, strings.Trim(strings.Fields(rest)[0], "\"`"))
		}
		if _, err := db.SQLDB().ExecContext(context.Background(), line); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return tables
}

// FamilyOf names the family of db's dialect (MariaDB and MySQL share
// Django's MySQL backend).
func FamilyOf(db *orm.DB) Family {
	switch n := db.Dialect().Name(); n {
	case "mariadb", "mysql":
		return MySQL
	default:
		return Family(n)
	}
}

// reference is an entry of testdata/django/reference.json.
type reference struct {
	Name           string          `json:"name"`
	Python         string          `json:"python"`
	Ordered        bool            `json:"ordered"`
	Result         json.RawMessage `json:"result"`
	ResultSQLite   json.RawMessage `json:"result_sqlite"`
	ResultPostgres json.RawMessage `json:"result_postgres"`
}

func references(t *testing.T) map[string]reference {
	_, here, _, _ := runtime.Caller(0)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "..", "..", "testdata", "django", "reference.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []reference
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]reference{}
	for _, r := range list {
		out[r.Name] = r
	}
	return out
}

// canon turns an answer into comparable JSON: numbers of any Go type as
// JSON numbers, rows of an unordered answer sorted.
func canon(v any, ordered bool) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		return "", err
	}
	if list, ok := generic.([]any); ok && !ordered {
		keys := make([]string, len(list))
		for i, x := range list {
			k, _ := json.Marshal(x)
			keys[i] = string(k)
		}
		sort.Strings(keys)
		return "[" + strings.Join(keys, ",") + "]", nil
	}
	out, err := json.Marshal(generic)
	return string(out), err
}

// Check is one question asked of the inspected models: a reference.json
// entry (Want empty) or a question of the staff and edge tables, whose
// answer Want gives as JSON.
type Check struct {
	Name    string
	Python  string // the Django question, for the failure message
	Want    string
	Ordered bool
	Run     func(ctx context.Context, db *orm.DB) (any, error)
}

// Compare runs the checks on db and reports each answer that differs
// from Django's.
func Compare(t *testing.T, db *orm.DB, checks []Check) {
	refs := references(t)
	ctx := context.Background()
	for _, c := range checks {
		want, ordered := c.Want, c.Ordered
		if want == "" {
			r, ok := refs[c.Name]
			if !ok {
				t.Errorf("%s: no such entry in reference.json", c.Name)
				continue
			}
			raw := r.Result
			if FamilyOf(db) == SQLite && r.ResultSQLite != nil {
				raw = r.ResultSQLite
			}
			want, ordered = string(raw), r.Ordered
			c.Python = r.Python
		}
		var wantV any
		if err := json.Unmarshal([]byte(want), &wantV); err != nil {
			t.Fatalf("%s: want %s: %v", c.Name, want, err)
		}
		wantC, _ := canon(wantV, ordered)
		got, err := c.Run(ctx, db)
		if err != nil {
			t.Errorf("%s (%s): %v", c.Name, c.Python, err)
			continue
		}
		gotC, err := canon(got, ordered)
		if err != nil || gotC != wantC {
			t.Errorf("%s (%s):\n got %s (%v)\nwant %s", c.Name, c.Python, gotC, err, wantC)
		}
	}
}

// Count is a check that every row of a model's table reads into it.
func Count[M any](want int) Check {
	name := reflect.TypeFor[M]().Name()
	return Check{Name: "read all " + name, Python: name + ".objects.all()", Want: fmt.Sprint(want),
		Run: func(ctx context.Context, db *orm.DB) (any, error) {
			rows, err := orm.Objects[M](db).All(ctx)
			return len(rows), err
		}}
}
