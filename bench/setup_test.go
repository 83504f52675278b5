package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"
	_ "github.com/mattn/go-sqlite3"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/mysqldialect"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/schema"
	gormmysql "gorm.io/driver/mysql"
	gormpostgres "gorm.io/driver/postgres"
	gormsqlite "gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/djorm/orm"
)

const (
	nBooks   = 10000
	nAuthors = 100
	ns       = "djorm_bench" // PostgreSQL schema, MySQL database
)

var ctx = context.Background()

// env is one backend: one *sql.DB shared by all five implementations.
type env struct {
	name  string
	sqldb *sql.DB
	dj    *orm.DB
	sx    *sqlx.DB
	gm    *gorm.DB
	bn    *bun.DB
	q     queries    // the handwritten SQL with the backend's placeholders
	rq    relQueries // the same for the relation, bulk and locking workloads

	published int64 // books with is_published = true
	cleanup   func()
}

// queries are the hand-written statements, rebound once per backend.
type queries struct {
	get, read100, read10k, count, update, insert string
}

const bookCols = "id, title, author_id, price, sales_count, stock_level, is_published, published_at"

func newQueries(sx *sqlx.DB, returning bool) queries {
	q := queries{
		get:     "SELECT " + bookCols + " FROM book WHERE id = ?",
		read100: "SELECT " + bookCols + " FROM book WHERE is_published = ? ORDER BY price LIMIT 100",
		read10k: "SELECT " + bookCols + " FROM book ORDER BY id",
		count:   "SELECT COUNT(*) FROM book WHERE is_published = ?",
		update:  "UPDATE book SET stock_level = stock_level + 1 WHERE id BETWEEN ? AND ?",
		insert: "INSERT INTO book (title, author_id, price, sales_count, stock_level, is_published, published_at)" +
			" VALUES (?, ?, ?, ?, ?, ?, ?)",
	}
	if returning {
		q.insert += " RETURNING id"
	}
	q.get, q.read100, q.read10k = sx.Rebind(q.get), sx.Rebind(q.read100), sx.Rebind(q.read10k)
	q.count, q.update, q.insert = sx.Rebind(q.count), sx.Rebind(q.update), sx.Rebind(q.insert)
	return q
}

var (
	envMu sync.Mutex
	envs  = map[string]*env{}
	errs  = map[string]error{}
)

// backend returns the seeded backend called name, opening it on first use;
// an unreachable backend skips the benchmark.
func backend(b *testing.B, name string) *env {
	b.Helper()
	envMu.Lock()
	defer envMu.Unlock()
	if e := envs[name]; e != nil {
		return e
	}
	if err := errs[name]; err != nil {
		b.Skipf("%s unavailable: %v", name, err)
	}
	e, err := open(name)
	if err == nil {
		err = seed(e)
		if err != nil {
			e.close()
		}
	}
	if err != nil {
		errs[name] = err
		b.Skipf("%s unavailable: %v", name, err)
	}
	envs[name] = e
	return e
}

func (e *env) close() {
	if e.cleanup != nil {
		e.cleanup()
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, e := range envs {
		e.close()
	}
	os.Exit(code)
}

func getenv(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// gormConfig is a new config per gorm.Open: gorm.Open stores the
// dialector in the config it is given, so a shared one would mix backends.
func gormConfig() *gorm.Config {
	return &gorm.Config{
		SkipDefaultTransaction: true, // as the other implementations: one statement, no BEGIN/COMMIT
		Logger:                 logger.Default.LogMode(logger.Silent),
	}
}

func open(name string) (*env, error) {
	switch name {
	case "sqlite":
		return openSQLite()
	case "postgres":
		return openPostgres()
	case "mysql":
		return openMySQL()
	}
	return nil, fmt.Errorf("unknown backend %q", name)
}

// wire hands the one *sql.DB to djorm, sqlx, GORM and bun.
func wire(e *env, driver string, gd gorm.Dialector, bd schema.Dialect, returning bool) error {
	var err error
	if e.dj, err = orm.New(e.sqldb, driver); err != nil {
		return err
	}
	e.sx = sqlx.NewDb(e.sqldb, driver)
	if e.gm, err = gorm.Open(gd, gormConfig()); err != nil {
		return err
	}
	e.bn = bun.NewDB(e.sqldb, bd)
	e.q = newQueries(e.sx, returning)
	e.rq = newRelQueries(e)
	return nil
}

// driverOpts turns on the driver settings orm.Open chooses by default
// (DJORM_BENCH_DRIVER_OPTS=1): SQLite's statement cache, lib/pq's one
// round trip per statement, MySQL's client-side interpolation. Every
// implementation shares the *sql.DB, so all get them.
var driverOpts = os.Getenv("DJORM_BENCH_DRIVER_OPTS") == "1"

func openSQLite() (*env, error) {
	dir, err := os.MkdirTemp("", "djorm_bench")
	if err != nil {
		return nil, err
	}
	dsn := "file:" + filepath.Join(dir, "bench.db") +
		"?_foreign_keys=1&_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=10000"
	if driverOpts {
		dsn += "&_stmt_cache_size=64"
	}
	sdb, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	e := &env{name: "sqlite", sqldb: sdb, cleanup: func() { _ = sdb.Close(); _ = os.RemoveAll(dir) }}
	if err := sdb.PingContext(ctx); err != nil {
		e.close()
		return nil, err
	}
	if err := wire(e, "sqlite3", gormsqlite.Dialector{Conn: sdb}, sqlitedialect.New(), true); err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

func ping(db *sql.DB) error {
	c, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return db.PingContext(c)
}

func openPostgres() (*env, error) {
	dsn := getenv("DJORM_POSTGRES_DSN", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if err := ping(admin); err != nil {
		_ = admin.Close()
		return nil, err
	}
	if _, err := admin.Exec(`DROP SCHEMA IF EXISTS ` + ns + ` CASCADE; CREATE SCHEMA ` + ns); err != nil {
		_ = admin.Close()
		return nil, err
	}
	u, err := url.Parse(dsn)
	if err != nil {
		_ = admin.Close()
		return nil, err
	}
	v := u.Query()
	v.Set("search_path", ns)
	if v.Get("synchronous_commit") == "" {
		// No WAL flush per statement: the Update and Insert workloads then
		// measure the client, not the disk (SQLite runs with WAL and
		// synchronous=NORMAL for the same reason).
		v.Set("synchronous_commit", "off")
	}
	if driverOpts && v.Get("binary_parameters") == "" {
		v.Set("binary_parameters", "yes")
	}
	u.RawQuery = v.Encode()
	sdb, err := sql.Open("postgres", u.String())
	if err != nil {
		_ = admin.Close()
		return nil, err
	}
	e := &env{name: "postgres", sqldb: sdb, cleanup: func() {
		_ = sdb.Close()
		_, _ = admin.Exec(`DROP SCHEMA IF EXISTS ` + ns + ` CASCADE`)
		_ = admin.Close()
	}}
	if err := wire(e, "postgres", gormpostgres.New(gormpostgres.Config{Conn: sdb}), pgdialect.New(), true); err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

func openMySQL() (*env, error) {
	dsn := getenv("DJORM_MYSQL_DSN", "root@tcp(127.0.0.1:3306)/test")
	admin, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	if err := ping(admin); err != nil {
		_ = admin.Close()
		return nil, err
	}
	for _, s := range []string{"DROP DATABASE IF EXISTS " + ns,
		"CREATE DATABASE " + ns + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"} {
		if _, err := admin.Exec(s); err != nil {
			_ = admin.Close()
			return nil, err
		}
	}
	// Same database name, own database; parseTime so that DATE/DATETIME
	// scan into time.Time for every implementation, clientFoundRows as
	// orm.Open sets it (UPDATE reports rows matched, as Django does).
	slash := strings.LastIndex(dsn, "/")
	rest, params := dsn[slash+1:], ""
	if i := strings.Index(rest, "?"); i >= 0 {
		params = rest[i+1:]
	}
	opts := []string{"parseTime=true", "clientFoundRows=true"}
	if driverOpts {
		opts = append(opts, "interpolateParams=true")
	}
	for _, p := range opts {
		if !strings.Contains(params, strings.SplitN(p, "=", 2)[0]+"=") {
			if params != "" {
				params += "&"
			}
			params += p
		}
	}
	sdb, err := sql.Open("mysql", dsn[:slash+1]+ns+"?"+params)
	if err != nil {
		_ = admin.Close()
		return nil, err
	}
	e := &env{name: "mysql", sqldb: sdb, cleanup: func() {
		_ = sdb.Close()
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + ns)
		_ = admin.Close()
	}}
	if err := wire(e, "mysql", gormmysql.New(gormmysql.Config{Conn: sdb}), mysqldialect.New(), false); err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

// seed creates the tables with djorm and inserts nAuthors authors and
// nBooks books in one transaction. Book i (1-based id) is published unless
// i%4 == 0, so 7,500 books are published.
func seed(e *env) error {
	if err := e.dj.CreateTables(ctx, &Author{}, &Book{}); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	tx, err := e.sqldb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	ins := e.sx.Rebind("INSERT INTO author (id, name, joined_date) VALUES (?, ?, ?)")
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= nAuthors; i++ {
		if _, err := tx.ExecContext(ctx, ins, i, fmt.Sprintf("Author %d", i), base.AddDate(0, 0, 17*i)); err != nil {
			return fmt.Errorf("seed authors: %w", err)
		}
	}
	ins = e.sx.Rebind("INSERT INTO book (id, " + bookCols[4:] + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
	stmt, err := tx.PrepareContext(ctx, ins)
	if err != nil {
		return err
	}
	for i := 1; i <= nBooks; i++ {
		var pub *time.Time
		if i%4 != 0 {
			t := base.Add(time.Duration(i) * 37 * time.Minute)
			pub = &t
		}
		price := seedPrice(i) // 5.00 .. 99.99
		if _, err := stmt.ExecContext(ctx, i, fmt.Sprintf("Book %05d", i), 1+i%nAuthors, price,
			int64((i*31)%5000), int64(i%200), pub != nil, pub); err != nil {
			return fmt.Errorf("seed books: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if e.name == "sqlite" {
		// Move the seed out of the write-ahead log, so the implementation
		// that runs first does not read through 10,000 rows of WAL while
		// the others read the database file.
		if _, err := e.sqldb.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return err
		}
	}
	// Read every row once, so the first implementation measured does not
	// warm the caches (SQLite's page cache, PostgreSQL's buffers) for the
	// others.
	for _, t := range []string{"author", "book"} {
		if _, err := queryCount(e, "SELECT COUNT(*) FROM (SELECT * FROM "+t+") t"); err != nil {
			return err
		}
	}
	if e.name == "postgres" { // explicit ids: move the sequences past them
		for _, t := range []string{"author", "book"} {
			if _, err := e.sqldb.ExecContext(ctx, fmt.Sprintf(
				"SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %s))", t, t)); err != nil {
				return err
			}
		}
	}
	if _, err := e.sqldb.ExecContext(ctx, analyze(e.name)); err != nil {
		return err
	}
	e.published = nBooks - nBooks/4
	if err := seedRelations(e); err != nil {
		return err
	}
	return checkSeed(e)
}

func analyze(backend string) string {
	switch backend {
	case "mysql":
		return "ANALYZE TABLE book"
	default:
		return "ANALYZE book"
	}
}

// checkSeed reads one book with every implementation so that a mapping
// mistake fails before any timing.
func checkSeed(e *env) error {
	want := PlainBook{}
	if err := e.sqldb.QueryRowContext(ctx, e.q.get, 4).Scan(&want.ID, &want.Title, &want.AuthorID,
		&want.Price, &want.SalesCount, &want.StockLevel, &want.IsPublished, &want.PublishedAt); err != nil {
		return fmt.Errorf("handwritten: %w", err)
	}
	if want.ID != 4 || want.PublishedAt != nil || want.IsPublished || want.AuthorID != 5 {
		return fmt.Errorf("handwritten read back %+v", want)
	}
	d, err := orm.Objects[Book](e.dj).Get(ctx, orm.Q{"pk": 3})
	if err != nil {
		return fmt.Errorf("djorm: %w", err)
	}
	var sb PlainBook
	if err := e.sx.GetContext(ctx, &sb, e.q.get, 3); err != nil {
		return fmt.Errorf("sqlx: %w", err)
	}
	var gb GormBook
	if err := e.gm.First(&gb, 3).Error; err != nil {
		return fmt.Errorf("gorm: %w", err)
	}
	var bb BunBook
	if err := e.bn.NewSelect().Model(&bb).Where("id = ?", 3).Scan(ctx); err != nil {
		return fmt.Errorf("bun: %w", err)
	}
	same := func(title string, price decimal.Decimal, pub *time.Time) bool {
		return title == sb.Title && price.Equal(sb.Price) && pub != nil && sb.PublishedAt != nil && pub.Equal(*sb.PublishedAt)
	}
	if !same(d.Title, d.Price, d.PublishedAt) || d.Author.ID() != sb.AuthorID {
		return fmt.Errorf("djorm read %q %v %v %v, sqlx %+v", d.Title, d.Price, d.PublishedAt, d.Author.ID(), sb)
	}
	if !same(gb.Title, gb.Price, gb.PublishedAt) || gb.AuthorID != sb.AuthorID {
		return fmt.Errorf("gorm read %+v, sqlx %+v", gb, sb)
	}
	if !same(bb.Title, bb.Price, bb.PublishedAt) || bb.AuthorID != sb.AuthorID {
		return fmt.Errorf("bun read %+v, sqlx %+v", bb, sb)
	}
	return nil
}

// dropInserted removes the rows the Insert benchmark added, so that every
// other workload always sees the seeded 10,000 books.
func dropInserted(b *testing.B, e *env) {
	if _, err := e.sqldb.ExecContext(ctx, e.sx.Rebind("DELETE FROM book WHERE id > ?"), nBooks); err != nil {
		b.Fatal(err)
	}
}

func queryCount(e *env, query string) (int64, error) {
	var n int64
	err := e.sqldb.QueryRowContext(ctx, query).Scan(&n)
	return n, err
}
