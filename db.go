package orm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/djorm/orm/dialects"
	_ "github.com/djorm/orm/dialects/mysql"    // registers the MySQL/MariaDB backend
	_ "github.com/djorm/orm/dialects/oracle"   // registers the Oracle backend
	_ "github.com/djorm/orm/dialects/postgres" // registers the PostgreSQL backend
	_ "github.com/djorm/orm/dialects/sqlite"   // registers the SQLite backend
	"github.com/djorm/orm/internal/arena"
	"github.com/jmoiron/sqlx"
)

// DB is a database handle: a *sql.DB and the dialect of its backend. It is
// safe for concurrent use.
type DB struct {
	sql     *sql.DB
	x       *sqlx.DB
	driver  string
	dialect dialects.Dialect
	binder  arena.Binder // the dialect's fast binding, or its plain Bind
	hooks   []Hook
	nplus   *nplusDB // WithNPlusOneDetection; nil when off
	alias   string
	owned   bool           // Close closes the *sql.DB
	loc     *time.Location // WithLocation: datetimes are returned in it; nil for UTC
	zone    string         // loc's IANA name: date parts and truncations are computed in it
	// sessionReadCommitted: sessions are READ COMMITTED from the DSN, so
	// transactions need not set it.
	sessionReadCommitted bool

	mu     sync.RWMutex
	others map[string]*DB
	sig    atomic.Pointer[signals] // OnPreSave and the others; nil until one is registered

	// plans caches compiled statements by shape: *registry.Model -> *plancache.Table.
	plans sync.Map
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

// WithLocation makes loc the DB's time zone, as Django's TIME_ZONE with
// USE_TZ = True: datetimes read from the database are returned in loc (the
// same instants), and date parts, date lookups, Trunc, Extract, Dates and
// Datetimes over datetimes are computed in loc (at__date, at__year, ...).
// Every backend stores datetimes as UTC whatever location they are written
// in; dates and times of day have no zone and are returned as stored. A
// nil loc, or UTC, is the default. loc needs an IANA name the database
// knows (time.LoadLocation); time.Local is resolved to one from TZ or
// /etc/localtime, and a query computing in a location without one (a
// time.FixedZone) is refused.
func WithLocation(loc *time.Location) Option {
	return func(db *DB) {
		if loc == time.UTC {
			loc = nil
		}
		db.loc, db.zone = loc, ""
		if loc != nil {
			db.loc, db.zone = namedLocation(loc)
		}
	}
}

// Open opens a database. driverName is the database/sql driver name
// (postgres, pgx, mysql, sqlite3, godror); the driver itself must be
// imported by the program. Open applies djorm's connection settings (see
// the README's table; on SQLite, djorm's SQL functions are registered on
// every connection and foreign keys enabled) and waits up to 30 s for the
// server to answer; OpenContext takes the deadline from a context.
func Open(driverName, dsn string, opts ...Option) (*DB, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return OpenContext(ctx, driverName, dsn, opts...)
}

// OpenContext is Open with the context that bounds connecting to the
// server and reading what djorm needs of it (the server version).
func OpenContext(ctx context.Context, driverName, dsn string, opts ...Option) (*DB, error) {
	b, ok := dialects.Lookup(driverName)
	if !ok {
		return nil, unknownDriver(driverName)
	}
	probe, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	drv := probe.Driver()
	_ = probe.Close()
	connector, err := b.Connector(drv, driverName, dsn)
	if err != nil {
		return nil, err
	}
	sdb := sql.OpenDB(connector)
	if pc, ok := b.(interface{ ConfigurePool(*sql.DB, string) }); ok {
		pc.ConfigurePool(sdb, dsn)
	}
	db, err := newDB(ctx, sdb, driverName, b, true, opts)
	if err != nil {
		_ = sdb.Close()
		return nil, err
	}
	db.owned = true
	return db, nil
}

// New wraps an existing *sql.DB, as it is: none of Open's connection
// settings are applied. It reads what the dialect needs from the live
// connection (the MySQL/MariaDB version; whether djorm's SQLite functions
// are registered), waiting up to 30 s.
func New(sdb *sql.DB, driverName string, opts ...Option) (*DB, error) {
	b, ok := dialects.Lookup(driverName)
	if !ok {
		return nil, unknownDriver(driverName)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return newDB(ctx, sdb, driverName, b, false, opts)
}

func newDB(ctx context.Context, sdb *sql.DB, driverName string, b dialects.Backend, managed bool, opts []Option) (*DB, error) {
	db := &DB{sql: sdb, driver: driverName, alias: "default"}
	for _, o := range opts {
		o(db)
	}
	d, err := b.Dialect(ctx, sdb, managed)
	if err == nil && managed {
		err = sdb.PingContext(ctx) // a wrong DSN or an unreachable server fails Open, not the first query
	}
	if err != nil {
		if ce := ctx.Err(); ce != nil && !errors.Is(err, ce) {
			err = fmt.Errorf("%w (%v)", ce, err)
		}
		return nil, fmt.Errorf("orm: opening %s: %w", driverName, err)
	}
	db.dialect, db.binder = d, arena.BinderOf(d)
	if rc, ok := d.(dialects.SessionReadCommitted); ok {
		db.sessionReadCommitted = rc.SessionReadCommitted()
	}
	db.x = sqlx.NewDb(sdb, driverName)
	return db, nil
}

func unknownDriver(name string) error {
	return fmt.Errorf("orm: unknown driver %q; djorm knows %s", name, strings.Join(dialects.Drivers(), ", "))
}

// NewWithDialect wraps a *sql.DB with an explicit dialect, without touching
// the database: for golden SQL tests and backends reached through a proxy.
func NewWithDialect(sdb *sql.DB, driverName string, d dialects.Dialect, opts ...Option) *DB {
	db := &DB{sql: sdb, driver: driverName, alias: "default", dialect: d, binder: arena.BinderOf(d)}
	for _, o := range opts {
		o(db)
	}
	if sdb != nil {
		db.x = sqlx.NewDb(sdb, driverName)
	}
	return db
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
