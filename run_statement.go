package orm

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"
)

// querier is what statements run on: the pool, or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// conn returns where statements of ctx run: the transaction ctx carries for
// this database, else the pool.
func (db *DB) conn(ctx context.Context) (querier, *txState) {
	if tx := txFrom(ctx, db); tx != nil {
		return tx.tx, tx
	}
	return db.sql, nil
}

// rowsDone finishes a query once its rows are read: it translates an error
// that surfaced while reading (MariaDB reports INSERT ... RETURNING
// violations there), marks the transaction broken, records the statement,
// and returns the translated error. It is a value, not a closure, so a
// query allocates nothing for it.
type rowsDone struct {
	ctx      context.Context
	db       *DB
	tx       *txState
	query    string
	args     []any
	start    time.Time
	observed bool
}

// close drains and closes rows and finishes the query with the first
// error. A statement's own failure can arrive after the rows it returned
// (PostgreSQL and SQLite check foreign keys at the end of INSERT ...
// RETURNING): a caller that stopped at the row it wanted must not miss it.
// SQLite's driver reports it only to Next, the PostgreSQL drivers to Close.
func (d rowsDone) close(rows *sql.Rows, n int64, err error) error {
	if err == nil {
		for rows.Next() {
		}
		err = rows.Err()
	}
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return d.done(n, err)
}

func (d rowsDone) done(n int64, err error) error {
	if err != nil {
		err = d.db.driverError(d.ctx, err)
		d.tx.fail(err)
	}
	if d.observed {
		d.db.observe(d.ctx, QueryRecord{SQL: d.query, Args: d.args, Duration: time.Since(d.start), Rows: n, Err: err, Database: d.db.alias})
	}
	return err
}

// checkParams refuses a statement with more bind parameters than the
// backend accepts, or a float it cannot store, before anything is sent
// (MySQL's driver would write NaN and +Inf into the statement as bare
// words, which the server reads as column names).
func (db *DB) checkParams(args []any) error {
	f := db.dialect.Features()
	if limit := f.MaxParams; limit > 0 && len(args) > limit {
		return &TooManyParametersError{Got: len(args), Limit: limit}
	}
	if f.FloatNaN && f.FloatInf {
		return nil
	}
	for _, a := range args {
		if x, ok := a.(float64); ok {
			if err := db.checkFloat(x); err != nil {
				return &ValidationError{Code: "invalid", msg: "orm: a query parameter: " + err.Error()}
			}
		}
	}
	return nil
}

// checkFloat refuses NaN and infinities where the backend cannot store them.
func (db *DB) checkFloat(x float64) error {
	f := db.dialect.Features()
	switch {
	case math.IsNaN(x) && !f.FloatNaN:
		return fmt.Errorf("%s cannot store NaN", db.dialect.Name())
	case math.IsInf(x, 0) && !f.FloatInf:
		return fmt.Errorf("%s cannot store %v", db.dialect.Name(), x)
	}
	return nil
}

// query runs a statement that returns rows.
func (db *DB) query(ctx context.Context, query string, args []any) (*sql.Rows, rowsDone, error) {
	if err := db.checkParams(args); err != nil {
		return nil, rowsDone{}, err
	}
	q, tx := db.conn(ctx)
	if tx != nil {
		if err := tx.usable(); err != nil {
			return nil, rowsDone{}, err
		}
	}
	observed, start := db.clock(ctx)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		err = db.driverError(ctx, err)
		tx.fail(err)
		if observed {
			db.observe(ctx, QueryRecord{SQL: query, Args: args, Duration: time.Since(start), Rows: -1, Err: err, Database: db.alias})
		}
		return nil, rowsDone{}, err
	}
	return rows, rowsDone{ctx: ctx, db: db, tx: tx, query: query, args: args, start: start, observed: observed}, nil
}

// exec runs a statement that returns no rows.
func (db *DB) exec(ctx context.Context, query string, args []any) (sql.Result, error) {
	if err := db.checkParams(args); err != nil {
		return nil, err
	}
	q, tx := db.conn(ctx)
	if tx != nil {
		if err := tx.usable(); err != nil {
			return nil, err
		}
	}
	observed, start := db.clock(ctx)
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		err = db.driverError(ctx, err)
		tx.fail(err)
	}
	if observed {
		n := int64(-1)
		if err == nil {
			n, _ = res.RowsAffected()
		}
		db.observe(ctx, QueryRecord{SQL: query, Args: args, Duration: time.Since(start), Rows: n, Err: err, Database: db.alias})
	}
	return res, err
}
