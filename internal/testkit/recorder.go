package testkit

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"sync"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
)

// recorder is a database/sql driver that accepts every statement and
// returns no rows: golden tests render SQL for dialects without a server
// (Oracle) through it and capture the statements with orm.CaptureQueries.
type recorder struct{}

type recConn struct{}

type recRows struct{}

type recResult struct{}

var registerOnce sync.Once

// Recorder returns an orm.DB for dialect d whose statements go nowhere.
func Recorder(driverName string, d dialects.Dialect) *orm.DB {
	registerOnce.Do(func() { sql.Register("djorm-recorder", recorder{}) })
	sdb, _ := sql.Open("djorm-recorder", "")
	return orm.NewWithDialect(sdb, driverName, d)
}

func (recorder) Open(string) (driver.Conn, error) { return recConn{}, nil }

func (recConn) Prepare(string) (driver.Stmt, error) { return nil, driver.ErrSkip }
func (recConn) Close() error                        { return nil }
func (recConn) Begin() (driver.Tx, error)           { return recConn{}, nil }

// BeginTx accepts every isolation level, so MySQL's READ COMMITTED renders.
func (recConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) { return recConn{}, nil }
func (recConn) Commit() error                                                { return nil }
func (recConn) Rollback() error                                              { return nil }

func (recConn) QueryContext(context.Context, string, []driver.NamedValue) (driver.Rows, error) {
	return recRows{}, nil
}

func (recConn) ExecContext(context.Context, string, []driver.NamedValue) (driver.Result, error) {
	return recResult{}, nil
}

// CheckNamedValue accepts every argument as is.
func (recConn) CheckNamedValue(*driver.NamedValue) error { return nil }

func (recRows) Columns() []string         { return nil }
func (recRows) Close() error              { return nil }
func (recRows) Next([]driver.Value) error { return io.EOF }

func (recResult) LastInsertId() (int64, error) { return 1, nil }
func (recResult) RowsAffected() (int64, error) { return 0, nil }

// lostCommit is a recorder whose COMMIT never gets its answer (the
// connection breaks), to test ErrCommitOutcomeUnknown.
type lostCommit struct{ recorder }

type lostConn struct{ recConn }

func (lostCommit) Open(string) (driver.Conn, error) { return lostConn{}, nil }

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
