// Package testkit is the shared harness that runs behaviour tests on every
// live backend: SQLite always, PostgreSQL and MariaDB/MySQL when reachable
// (DSNs from DJORM_POSTGRES_DSN and DJORM_MYSQL_DSN, defaulting to the local
// servers), Oracle when DJORM_ORACLE_DSN is set and the tests are built with
// the oracle tag. DJORM_REQUIRE lists backends that must be reachable
// ("postgres,mysql"): an unreachable required backend fails instead of
// skipping. Each test package gets its own PostgreSQL schema and MySQL
// database, so packages can run in parallel.
package testkit

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // MySQL/MariaDB driver
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "github.com/lib/pq"              // PostgreSQL driver "postgres"
	_ "github.com/mattn/go-sqlite3"    // SQLite driver

	"github.com/djorm/orm"
)

// Backend is one live database a test runs on.
type Backend struct {
	Name string // sqlite, postgres (lib/pq), pgx, mysql, oracle
	DB   *orm.DB
	Err  error // why it is unavailable
	// Required: unavailability is a failure, not a skip.
	Required bool
	cleanup  func()
}

var backends []*Backend

// openers are the backends known to the harness; oracle.go adds Oracle
// under the oracle build tag.
var openers = []struct {
	name string
	open func(ns string) (*orm.DB, func(), error)
}{
	{"sqlite", openSQLite},
	{"postgres", openPostgres},
	{"pgx", openPgx},
	{"mysql", openMySQL},
}

// Main is a package's TestMain: it opens every backend in a namespace of
// its own (named after pkg), runs the tests and removes the namespace.
func Main(m *testing.M, pkg string) {
	ns := "djorm_" + regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(pkg), "_") +
		fmt.Sprintf("_%d", os.Getpid())
	required := map[string]bool{}
	for _, r := range strings.Split(os.Getenv("DJORM_REQUIRE"), ",") {
		required[strings.TrimSpace(r)] = true
	}
	required["pgx"] = required["postgres"] // the same server, another driver
	for _, o := range openers {
		b := &Backend{Name: o.name, Required: required[o.name]}
		b.DB, b.cleanup, b.Err = o.open(ns)
		backends = append(backends, b)
		if b.Err != nil {
			fmt.Fprintf(os.Stderr, "testkit: %s unavailable: %v\n", o.name, b.Err)
		}
	}
	code := m.Run()
	for _, b := range backends {
		if b.cleanup != nil {
			b.cleanup()
		}
	}
	os.Exit(code)
}

// Run runs fn once per backend, as subtests named after the backend.
func Run(t *testing.T, fn func(t *testing.T, db *orm.DB)) {
	t.Helper()
	if len(backends) == 0 {
		t.Fatal("testkit: no backends; call testkit.Main from TestMain")
	}
	for _, b := range backends {
		t.Run(b.Name, func(t *testing.T) {
			if b.Err != nil {
				if b.Required {
					t.Fatalf("%s is required (DJORM_REQUIRE) but unavailable: %v", b.Name, b.Err)
				}
				t.Skipf("%s unavailable: %v", b.Name, b.Err)
			}
			fn(t, b.DB)
		})
	}
}

// Backends returns the backends of this package (available or not).
func Backends() []*Backend { return backends }

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func ping(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

func openSQLite(ns string) (*orm.DB, func(), error) {
	dir, err := os.MkdirTemp("", ns)
	if err != nil {
		return nil, nil, err
	}
	db, err := orm.Open("sqlite3", "file:"+filepath.Join(dir, "test.db")+"?_busy_timeout=10000&_txlock=immediate")
	if err != nil {
		return nil, nil, err
	}
	return db, func() { _ = db.Close(); _ = os.RemoveAll(dir) }, nil
}

func openPostgres(ns string) (*orm.DB, func(), error) { return openPG("postgres", ns) }

// openPgx opens the same server through pgx's database/sql driver, in a
// schema of its own: both PostgreSQL drivers djorm accepts run every test.
func openPgx(ns string) (*orm.DB, func(), error) { return openPG("pgx", ns+"_pgx") }

func openPG(driverName, ns string) (*orm.DB, func(), error) {
	dsn := env("DJORM_POSTGRES_DSN", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, nil, err
	}
	if err := ping(admin); err != nil {
		_ = admin.Close()
		return nil, nil, err
	}
	if _, err := admin.Exec(`DROP SCHEMA IF EXISTS "` + ns + `" CASCADE; CREATE SCHEMA "` + ns + `"`); err != nil {
		_ = admin.Close()
		return nil, nil, err
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, nil, err
	}
	q := u.Query()
	q.Set("search_path", ns)
	u.RawQuery = q.Encode()
	db, err := orm.Open(driverName, u.String())
	if err != nil {
		return nil, nil, err
	}
	return db, func() {
		_ = db.Close()
		_, _ = admin.Exec(`DROP SCHEMA IF EXISTS "` + ns + `" CASCADE`)
		_ = admin.Close()
	}, nil
}

func openMySQL(ns string) (*orm.DB, func(), error) {
	dsn := env("DJORM_MYSQL_DSN", "root@tcp(127.0.0.1:3306)/test")
	admin, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, nil, err
	}
	if err := ping(admin); err != nil {
		_ = admin.Close()
		return nil, nil, err
	}
	for _, s := range []string{"DROP DATABASE IF EXISTS `" + ns + "`", "CREATE DATABASE `" + ns + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"} {
		if _, err := admin.Exec(s); err != nil {
			_ = admin.Close()
			return nil, nil, err
		}
	}
	slash := strings.LastIndex(dsn, "/")
	rest := dsn[slash+1:]
	params := ""
	if i := strings.Index(rest, "?"); i >= 0 {
		params = rest[i:]
	}
	db, err := orm.Open("mysql", dsn[:slash+1]+ns+params)
	if err != nil {
		return nil, nil, err
	}
	return db, func() {
		_ = db.Close()
		_, _ = admin.Exec("DROP DATABASE IF EXISTS `" + ns + "`")
		_ = admin.Close()
	}, nil
}
