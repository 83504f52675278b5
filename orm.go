// Package orm is djorm: Django's ORM for Go. Models are Go structs declared
// once with struct tags; orm.Objects[T](db) returns a lazy, chainable
// QuerySet with Django's semantics (Filter, Exclude, Annotate, Values,
// SelectRelated, PrefetchRelated, F and Q expressions, aggregation,
// subqueries, bulk writes, row locks) on PostgreSQL, MySQL/MariaDB, SQLite
// and Oracle.
//
// The layers: a QuerySet records chain calls and, at a terminal (All, Get,
// Count, ...), replays them onto a query tree (internal/sqlq) that resolves
// field paths against model metadata (registry); the compiler renders the tree
// through the backend's dialect (dialects/...), database/sql runs it and rows
// are scanned through per-field codecs chosen once per model.
//
// Drivers are not imported by this package: import the one you use
// (github.com/lib/pq or pgx's stdlib, github.com/go-sql-driver/mysql,
// github.com/mattn/go-sqlite3, github.com/godror/godror).
package orm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/jmoiron/sqlx"
)

// DB is a database handle: a *sql.DB and the dialect of its backend. It is
// safe for concurrent use.
type DB struct {
	sql     *sql.DB
	x       *sqlx.DB
	driver  string
	dialect dialects.Dialect
	hooks   []Hook
	alias   string
	owned   bool // Close closes the *sql.DB
	// sessionReadCommitted: sessions are READ COMMITTED from the DSN, so
	// transactions need not set it.
	sessionReadCommitted bool

	mu     sync.RWMutex
	others map[string]*DB

	// shapes caches compiled query shapes: *registry.Model -> *shapeTable.
	shapes sync.Map
	// inserts caches Create's statements: insertKey -> *insertPlan.
	inserts sync.Map
}

// Option configures Open and New.
type Option func(*DB)

// Hook sees every statement djorm runs, after it finished.
type Hook func(ctx context.Context, r QueryRecord)

// WithHook adds a hook that sees every statement (SQL, args, duration,
// rows, error). Hooks run synchronously; keep them quick.
func WithHook(h Hook) Option { return func(db *DB) { db.hooks = append(db.hooks, h) } }

// WithAlias names the database ("default" unless set); Using(alias) on a
// QuerySet selects among databases attached with Attach.
func WithAlias(alias string) Option { return func(db *DB) { db.alias = alias } }

// Open opens a database. driver is the database/sql driver name (postgres,
// pgx, mysql, sqlite3, godror); the driver itself must be imported by the
// program. On SQLite, Open registers djorm's SQL functions (regular
// expressions and Unicode case folding) on every connection and enables
// foreign keys; an in-memory database is limited to one connection so that
// every query sees the same data.
func Open(driverName, dsn string, opts ...Option) (*DB, error) {
	var sdb *sql.DB
	if dialectName(driverName) == "sqlite" {
		probe, err := sql.Open(driverName, dsn)
		if err != nil {
			return nil, err
		}
		drv := probe.Driver()
		_ = probe.Close()
		sdb = sql.OpenDB(&sqliteConnector{drv: drv, dsn: withParam(dsn, "_stmt_cache_size", "64")})
		if dsn == ":memory:" || strings.Contains(dsn, "mode=memory") {
			sdb.SetMaxOpenConns(1)
		}
	} else {
		switch {
		case dialectName(driverName) == "mysql":
			dsn = withParam(withParam(dsn, "clientFoundRows", "true"), "interpolateParams", "true")
		case driverName == "postgres":
			dsn = withParam(dsn, "binary_parameters", "yes")
		}
		var err error
		if sdb, err = sql.Open(driverName, dsn); err != nil {
			return nil, err
		}
	}
	db, err := New(sdb, driverName, opts...)
	if err != nil {
		_ = sdb.Close()
		return nil, err
	}
	db.owned = true
	if si, ok := db.dialect.(dialects.SessionIsolation); ok && db.dialect.Features().ReadCommittedTx {
		// Make every session READ COMMITTED once, at connect, instead of
		// one SET TRANSACTION per transaction (Django sets it at connect too).
		key, value := si.ReadCommittedParam()
		if !strings.Contains(dsn, key+"=") {
			_ = sdb.Close()
			if db.sql, err = sql.Open(driverName, withParam(dsn, key, value)); err != nil {
				return nil, err
			}
			db.x = sqlx.NewDb(db.sql, driverName)
		}
		db.sessionReadCommitted = true
	}
	return db, nil
}

// New wraps an existing *sql.DB. It reads what the dialect needs from the
// live connection (the MySQL/MariaDB version; whether djorm's SQLite
// functions are registered).
func New(sdb *sql.DB, driverName string, opts ...Option) (*DB, error) {
	db := &DB{sql: sdb, driver: driverName, alias: "default"}
	for _, o := range opts {
		o(db)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	switch dialectName(driverName) {
	case "postgres":
		db.dialect = postgres.New()
	case "mysql":
		var version string
		if err := sdb.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err != nil {
			return nil, fmt.Errorf("orm.New: reading the MySQL server version: %w", err)
		}
		db.dialect = mysql.New(version)
	case "sqlite":
		var s string
		ok := sdb.QueryRowContext(ctx, "SELECT djorm_upper('a')").Scan(&s) == nil
		db.dialect = sqlite.New(ok)
	case "oracle":
		db.dialect = oracle.New()
	default:
		return nil, fmt.Errorf("orm: unknown driver %q; djorm knows postgres, pgx, mysql, sqlite3, godror", driverName)
	}
	db.x = sqlx.NewDb(sdb, driverName)
	return db, nil
}

// NewWithDialect wraps a *sql.DB with an explicit dialect, without touching
// the database: for golden SQL tests and backends reached through a proxy.
func NewWithDialect(sdb *sql.DB, driverName string, d dialects.Dialect, opts ...Option) *DB {
	db := &DB{sql: sdb, driver: driverName, alias: "default", dialect: d}
	for _, o := range opts {
		o(db)
	}
	if sdb != nil {
		db.x = sqlx.NewDb(sdb, driverName)
	}
	return db
}

func dialectName(driverName string) string {
	switch driverName {
	case "postgres", "pgx", "pgx/v5", "cloudsqlpostgres":
		return "postgres"
	case "mysql":
		return "mysql"
	case "sqlite3", "sqlite":
		return "sqlite"
	case "godror", "oracle":
		return "oracle"
	}
	return ""
}

// Close closes the database if Open opened it.
func (db *DB) Close() error {
	if db.owned {
		return db.sql.Close()
	}
	return nil
}

// DriverName returns the database/sql driver name the handle was made with.
func (db *DB) DriverName() string { return db.driver }

// SQLDB returns the underlying *sql.DB.
func (db *DB) SQLDB() *sql.DB { return db.sql }

// Sqlx returns the database as an *sqlx.DB, for hand-written queries.
func (db *DB) Sqlx() *sqlx.DB { return db.x }

// Dialect returns the backend's dialect.
func (db *DB) Dialect() dialects.Dialect { return db.dialect }

// Alias returns the database's alias ("default" unless WithAlias set it).
func (db *DB) Alias() string { return db.alias }

// Attach makes other reachable from this handle's QuerySets by
// Using(alias).
func (db *DB) Attach(alias string, other *DB) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.others == nil {
		db.others = map[string]*DB{}
	}
	db.others[alias] = other
}

// using returns the database called alias.
func (db *DB) using(alias string) (*DB, error) {
	if alias == "" || alias == db.alias {
		return db, nil
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	if o := db.others[alias]; o != nil {
		return o, nil
	}
	names := []string{db.alias}
	for k := range db.others {
		names = append(names, k)
	}
	return nil, invalidf("unknown database alias %q; known: %s", alias, strings.Join(names, ", "))
}

// sqliteConnector opens SQLite connections with djorm's functions registered.
type sqliteConnector struct {
	drv driver.Driver
	dsn string
	re  sync.Map // pattern -> *regexp.Regexp
}

func (c *sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	if r, ok := conn.(interface {
		RegisterFunc(name string, impl any, pure bool) error
	}); ok {
		if err := r.RegisterFunc("djorm_regexp", c.regexp, true); err != nil {
			return nil, err
		}
		if err := r.RegisterFunc("djorm_upper", sqliteCase(strings.ToUpper), true); err != nil {
			return nil, err
		}
		if err := r.RegisterFunc("djorm_lower", sqliteCase(strings.ToLower), true); err != nil {
			return nil, err
		}
		for name, fn := range sqliteAggregates {
			if err := r.(interface {
				RegisterAggregator(name string, impl any, pure bool) error
			}).RegisterAggregator(name, fn, true); err != nil {
				return nil, err
			}
		}
		for name, fn := range sqliteMath {
			if err := r.RegisterFunc(name, fn, true); err != nil {
				return nil, err
			}
		}
	}
	if e, ok := conn.(driver.ExecerContext); ok {
		if _, err := e.ExecContext(context.Background(), "PRAGMA foreign_keys = ON", nil); err != nil {
			return nil, err
		}
	}
	return conn, nil
}

func (c *sqliteConnector) Driver() driver.Driver { return c.drv }

// sqliteCase implements djorm_upper and djorm_lower: Unicode case
// mapping, NULL stays NULL.
func sqliteCase(f func(string) string) func(any) any {
	return func(v any) any {
		switch x := v.(type) {
		case string:
			return f(x)
		case []byte:
			return f(string(x))
		case nil:
			return nil
		}
		return f(fmt.Sprint(v))
	}
}

// regexp implements djorm_regexp(pattern, value) with Go's regexp syntax;
// NULL on either side gives NULL, as in SQL.
func (c *sqliteConnector) regexp(pattern, value any) (any, error) {
	if value == nil || pattern == nil {
		return nil, nil
	}
	p := fmt.Sprint(pattern)
	re, ok := c.re.Load(p)
	if !ok {
		compiled, err := regexp.Compile(p)
		if err != nil {
			return nil, err
		}
		re, _ = c.re.LoadOrStore(p, compiled)
	}
	return re.(*regexp.Regexp).MatchString(fmt.Sprint(value)), nil
}

// withParam adds key=value to a DSN unless it sets key already. Open uses
// it for the driver settings djorm relies on or recommends:
//
//   - MySQL: clientFoundRows=true (Update counts rows matched, as Django),
//     interpolateParams=true (one round trip per statement: the driver
//     escapes the arguments instead of preparing on the server).
//   - lib/pq: binary_parameters=yes (parse, bind and execute in one round trip).
//   - SQLite: _stmt_cache_size=64 (prepared statements reused per connection).
//
// Set the key in your DSN to choose otherwise.
func withParam(dsn, key, value string) string {
	if strings.Contains(dsn, key+"=") {
		return dsn
	}
	if strings.Contains(dsn, "://") || strings.Contains(dsn, "?") || !strings.Contains(dsn, "=") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		return dsn + sep + key + "=" + value
	}
	return dsn + " " + key + "=" + value // lib/pq key=value form
}

// sqliteMath are the math functions SQLite builds may lack; NULL in gives
// NULL out.
var sqliteMath = map[string]any{
	"djorm_ceil":  math1(math.Ceil),
	"djorm_floor": math1(math.Floor),
	"djorm_sqrt":  math1(math.Sqrt),
	"djorm_power": math2(math.Pow),
	"djorm_mod":   math2(math.Mod),
}

func math1(f func(float64) float64) func(any) any {
	return func(a any) any {
		x, ok := toFloat(a)
		if !ok {
			return nil
		}
		return f(x)
	}
}

func math2(f func(float64, float64) float64) func(any, any) any {
	return func(a, b any) any {
		x, ok1 := toFloat(a)
		y, ok2 := toFloat(b)
		if !ok1 || !ok2 {
			return nil
		}
		return f(x, y)
	}
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// sqliteAggregates are the statistics aggregates SQLite lacks, registered
// under their standard names as Django's SQLite backend does.
var sqliteAggregates = map[string]any{
	"STDDEV_POP":  func() *statAgg { return &statAgg{sample: false, sqrt: true} },
	"STDDEV_SAMP": func() *statAgg { return &statAgg{sample: true, sqrt: true} },
	"VAR_POP":     func() *statAgg { return &statAgg{sample: false} },
	"VAR_SAMP":    func() *statAgg { return &statAgg{sample: true} },
}

// statAgg computes a variance or standard deviation with Welford's method.
type statAgg struct {
	sample, sqrt bool
	n            int64
	mean, m2     float64
}

func (a *statAgg) Step(v any) {
	x, ok := toFloat(v)
	if !ok {
		return
	}
	a.n++
	d := x - a.mean
	a.mean += d / float64(a.n)
	a.m2 += d * (x - a.mean)
}

func (a *statAgg) Done() any {
	den := a.n
	if a.sample {
		den--
	}
	if den <= 0 {
		return nil
	}
	v := a.m2 / float64(den)
	if a.sqrt {
		return math.Sqrt(v)
	}
	return v
}
