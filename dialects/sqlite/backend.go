package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/netwatch"
)

// backend sets up SQLite connections for mattn/go-sqlite3.
type backend struct{}

func init() { dialects.Register(backend{}, "sqlite3", "sqlite") }

// Connector applies _stmt_cache_size=64 (prepared statements reused per
// connection) and prepares every connection: djorm's functions registered
// (Unicode case folding, REGEXP, math, STDDEV and VARIANCE) and foreign
// keys on. A connection that cannot have them fails to open: a query that
// silently lacked them would answer differently.
func (backend) Connector(drv driver.Driver, _, dsn string) (driver.Connector, error) {
	c := netwatch.DSN(drv, dialects.WithParam(dsn, "_stmt_cache_size", "64"))
	c.Bare = true
	c.Setup = setup
	return c, nil
}

// ConfigurePool limits an in-memory database to one connection, so every
// query sees the same data.
func (backend) ConfigurePool(db *sql.DB, dsn string) {
	if dsn == ":memory:" || strings.Contains(dsn, "mode=memory") {
		db.SetMaxOpenConns(1)
	}
}

// funcRegistrar is what go-sqlite3's connection offers to register Go
// functions, without importing the driver.
type funcRegistrar interface {
	RegisterFunc(name string, impl any, pure bool) error
	RegisterAggregator(name string, impl any, pure bool) error
}

func setup(ctx context.Context, c driver.Conn) error {
	r, ok := c.(funcRegistrar)
	if !ok {
		return fmt.Errorf("sqlite: cannot register djorm's functions on a %T connection (djorm needs github.com/mattn/go-sqlite3)", c)
	}
	for name, fn := range scalarFuncs {
		if err := r.RegisterFunc(name, fn, true); err != nil {
			return fmt.Errorf("sqlite: registering %s: %w", name, err)
		}
	}
	for name, fn := range aggregateFuncs {
		if err := r.RegisterAggregator(name, fn, true); err != nil {
			return fmt.Errorf("sqlite: registering %s: %w", name, err)
		}
	}
	e, ok := c.(driver.ExecerContext)
	if !ok {
		return fmt.Errorf("sqlite: a %T connection cannot execute statements", c)
	}
	_, err := e.ExecContext(ctx, "PRAGMA foreign_keys = ON", nil)
	return err
}

// Dialect returns the SQLite dialect. Connections from Connector carry
// djorm's functions; on a *sql.DB opened elsewhere they are looked for.
func (backend) Dialect(ctx context.Context, db *sql.DB, managed bool) (dialects.Dialect, error) {
	var d *Dialect
	if managed {
		d = New(true)
	} else {
		var s string
		d = New(db.QueryRowContext(ctx, "SELECT djorm_upper('a')").Scan(&s) == nil)
	}
	if n := variableLimit(ctx, db); n > 0 {
		d.features.MaxParams = n
	}
	return d, nil
}

// limiter is go-sqlite3's access to sqlite3_limit.
type limiter interface{ GetLimit(id int) int }

// sqliteLimitVariableNumber is SQLITE_LIMIT_VARIABLE_NUMBER.
const sqliteLimitVariableNumber = 9

// variableLimit reads the library's real bound on parameters in one
// statement (32,766 since SQLite 3.32, 999 before, or what it was built
// with), 0 when it cannot be read.
func variableLimit(ctx context.Context, db *sql.DB) int {
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0
	}
	defer conn.Close()
	n := 0
	_ = conn.Raw(func(c any) error {
		if l, ok := c.(limiter); ok {
			n = l.GetLimit(sqliteLimitVariableNumber)
		}
		return nil
	})
	return n
}
