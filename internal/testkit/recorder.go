package testkit

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"sync"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
)

// recorder is a database/sql driver that accepts every statement and
// returns no rows: golden tests render SQL for dialects without a server
// (Oracle) through it and capture the statements with orm.CaptureQueries.
type recorder struct{}

type recConn struct{ script *script }

// script holds canned result sets handed out to queries in order.
type script struct {
	mu   sync.Mutex
	sets [][][]driver.Value
}

var scripts sync.Map // dsn -> *script

type recRows struct {
	rows [][]driver.Value
	i    int
}

type recResult struct{}

var registerOnce sync.Once

// Recorder returns an orm.DB for dialect d whose statements go nowhere.
// Queries return the given result sets in order (each a list of rows),
// then no rows.
func Recorder(driverName string, d dialects.Dialect, results ...[][]driver.Value) *orm.DB {
	registerOnce.Do(func() { sql.Register("djorm-recorder", recorder{}) })
	dsn := fmt.Sprintf("script-%p", &results)
	scripts.Store(dsn, &script{sets: results})
	sdb, _ := sql.Open("djorm-recorder", dsn)
	sdb.SetMaxOpenConns(1)
	return orm.NewWithDialect(sdb, driverName, d)
}

func (recorder) Open(dsn string) (driver.Conn, error) {
	s, _ := scripts.Load(dsn)
	sc, _ := s.(*script)
	return recConn{script: sc}, nil
}

func (recConn) Prepare(string) (driver.Stmt, error) { return nil, driver.ErrSkip }
func (recConn) Close() error                        { return nil }
func (recConn) Begin() (driver.Tx, error)           { return recConn{}, nil }

// BeginTx accepts every isolation level, so MySQL's READ COMMITTED renders.
func (recConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) { return recConn{}, nil }
func (recConn) Commit() error                                                { return nil }
func (recConn) Rollback() error                                              { return nil }

func (c recConn) QueryContext(context.Context, string, []driver.NamedValue) (driver.Rows, error) {
	if c.script == nil {
		return &recRows{}, nil
	}
	c.script.mu.Lock()
	defer c.script.mu.Unlock()
	if len(c.script.sets) == 0 {
		return &recRows{}, nil
	}
	set := c.script.sets[0]
	c.script.sets = c.script.sets[1:]
	return &recRows{rows: set}, nil
}

func (recConn) ExecContext(context.Context, string, []driver.NamedValue) (driver.Result, error) {
	return recResult{}, nil
}

// CheckNamedValue accepts every argument as is.
func (recConn) CheckNamedValue(*driver.NamedValue) error { return nil }

func (r *recRows) Columns() []string {
	if len(r.rows) == 0 {
		return nil
	}
	return make([]string, len(r.rows[0]))
}

func (r *recRows) Close() error { return nil }

func (r *recRows) Next(dest []driver.Value) error {
	if r.i >= len(r.rows) {
		return io.EOF
	}
	copy(dest, r.rows[r.i])
	r.i++
	return nil
}

func (recResult) LastInsertId() (int64, error) { return 1, nil }
func (recResult) RowsAffected() (int64, error) { return 0, nil }

// lostCommit is a recorder whose COMMIT never gets its answer (the
// connection breaks), to test ErrCommitOutcomeUnknown.
type lostCommit struct{ recorder }

type lostConn struct{ recConn }

func (lostCommit) Open(string) (driver.Conn, error) { return lostConn{}, nil }

func (lostConn) QueryContext(context.Context, string, []driver.NamedValue) (driver.Rows, error) {
	return &recRows{}, nil
}

func (lostConn) Begin() (driver.Tx, error) { return lostConn{}, nil }

func (lostConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) { return lostConn{}, nil }

func (lostConn) Commit() error { return driver.ErrBadConn }

var lostOnce sync.Once

// LostCommit returns an orm.DB for dialect d whose COMMITs fail with a
// broken connection.
func LostCommit(driverName string, d dialects.Dialect) *orm.DB {
	lostOnce.Do(func() { sql.Register("djorm-lostcommit", lostCommit{}) })
	sdb, _ := sql.Open("djorm-lostcommit", "")
	return orm.NewWithDialect(sdb, driverName, d)
}
