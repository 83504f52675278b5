package orm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"
)

// AtomicOption configures Atomic.
type AtomicOption func(*atomicConfig)

type atomicConfig struct {
	durable     bool
	noSavepoint bool
	retries     int
	isolation   sql.IsolationLevel
	readOnly    bool
}

// Durable makes Atomic fail with ErrDurableNested when it is nested in
// another Atomic block: the work must be committed when the block returns.
func Durable() AtomicOption { return func(c *atomicConfig) { c.durable = true } }

// NoSavepoint makes a nested Atomic run inside the outer transaction without
// a savepoint of its own (Django's savepoint=False): its failure is the
// outer block's. A nested block that fails or panics breaks the
// transaction: the outer block rolls back even if the error is swallowed,
// and statements until then fail with ErrTxBroken.
func NoSavepoint() AtomicOption { return func(c *atomicConfig) { c.noSavepoint = true } }

// Retry re-runs an outermost Atomic block up to n more times when it fails
// with ErrRetryable (a deadlock or serialization failure), waiting a
// jittered, growing delay between attempts. Distributed SQL engines on the
// PostgreSQL and MySQL protocols need it; the block must be safe to repeat.
func Retry(n int) AtomicOption { return func(c *atomicConfig) { c.retries = n } }

// Isolation sets the isolation level of an outermost Atomic block.
func Isolation(level sql.IsolationLevel) AtomicOption {
	return func(c *atomicConfig) { c.isolation = level }
}

type txKey struct{ db *DB }

// txState is one database transaction, shared by the nested blocks in it.
type txState struct {
	db *DB
	tx *sql.Tx

	mu       sync.Mutex
	broken   error // first failure no savepoint absorbed
	sp       int
	onCommit []commitHook
}

type commitHook struct {
	fn     func()
	robust bool
}

// txBroken is returned for statements of a broken transaction.
type txBroken struct{ first error }

func (e *txBroken) Error() string {
	return "orm: the transaction is broken by an earlier error (" + e.first.Error() +
		"); roll back to a savepoint (a nested Atomic) or end the transaction"
}
func (e *txBroken) Is(target error) bool { return target == ErrTxBroken }
func (e *txBroken) Unwrap() error        { return e.first }

func txFrom(ctx context.Context, db *DB) *txState {
	if ctx == nil {
		return nil
	}
	st, _ := ctx.Value(txKey{db}).(*txState)
	return st
}

func (t *txState) usable() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.broken != nil {
		return &txBroken{first: t.broken}
	}
	return nil
}

// fail marks the transaction broken after a failed statement, as
// PostgreSQL does by itself, so every backend behaves alike.
func (t *txState) fail(err error) {
	if t == nil || err == nil {
		return
	}
	t.mu.Lock()
	if t.broken == nil {
		t.broken = err
	}
	t.mu.Unlock()
}

// Atomic runs fn in a transaction carried by the context fn receives:
// every QuerySet evaluated with that context uses it. fn's error, or a
// panic, rolls everything back (a panic is re-raised after the rollback).
// Nested Atomic blocks make savepoints: their failure rolls back to the
// savepoint only, and the outer block can carry on. On MySQL and MariaDB the
// transaction runs at READ COMMITTED, as Django's do.
//
// Use the context fn receives inside fn: a query given the outer ctx runs
// outside the transaction, so its write survives the rollback (and on
// SQLite :memory:, which has one connection, it waits for ever). The vet
// analyzer github.com/djorm/orm/vet reports it.
func Atomic(ctx context.Context, db *DB, fn func(ctx context.Context) error, opts ...AtomicOption) error {
	var cfg atomicConfig
	for _, o := range opts {
		o(&cfg)
	}
	if db == nil {
		return fmt.Errorf("%w: Atomic needs a database", ErrTransactionManagement)
	}
	if st := txFrom(ctx, db); st != nil {
		if cfg.durable {
			return ErrDurableNested
		}
		if cfg.noSavepoint {
			return st.merged(ctx, fn)
		}
		return st.savepoint(ctx, fn)
	}
	for attempt := 0; ; attempt++ {
		err := db.atomicOuter(ctx, fn, &cfg)
		if err == nil || attempt >= cfg.retries || !errors.Is(err, ErrRetryable) {
			return err
		}
		if werr := backoff(ctx, attempt); werr != nil {
			return errors.Join(err, werr)
		}
	}
}

// backoff waits about 10ms·2^attempt (capped at one second), with full
// jitter, or until ctx ends.
func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(10<<min(attempt, 7)) * time.Millisecond
	d = time.Duration(rand.Int64N(int64(min(d, time.Second)) + 1))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (db *DB) atomicOuter(ctx context.Context, fn func(ctx context.Context) error, cfg *atomicConfig) (err error) {
	level := cfg.isolation
	if level == sql.LevelDefault && db.dialect.Features().ReadCommittedTx && !db.sessionReadCommitted {
		level = sql.LevelReadCommitted
	}
	opts := &sql.TxOptions{Isolation: level, ReadOnly: cfg.readOnly}
	kill, tx, err := db.beginKillable(ctx, opts)
	if err == nil && tx == nil {
		tx, err = db.sql.BeginTx(ctx, opts)
	}
	if err != nil {
		return db.driverError(ctx, err)
	}
	defer kill.release()
	st := &txState{db: db, tx: tx}
	inner := context.WithValue(ctx, txKey{db}, st)
	defer func() {
		if p := recover(); p != nil {
			kill.disarm()
			_ = tx.Rollback()
			panic(p)
		}
	}()
	err = fn(inner)
	kill.disarm()
	if err == nil {
		st.mu.Lock()
		if st.broken != nil {
			err = &txBroken{first: st.broken}
		}
		st.mu.Unlock()
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return db.commitError(ctx, err)
	}
	for _, h := range st.onCommit {
		runHook(h)
	}
	return nil
}

// commitError classifies a failed COMMIT. Its outcome is known when the
// server answered it, or when database/sql never sent it (the context
// ended first, and database/sql rolled the transaction back); otherwise
// the commit may or may not have happened.
func (db *DB) commitError(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, sql.ErrTxDone), err == context.Canceled, err == context.DeadlineExceeded:
		if ce := ctx.Err(); ce != nil {
			return fmt.Errorf("%w: the transaction was rolled back", ce)
		}
		return fmt.Errorf("%w: the transaction was rolled back (%v)", ErrTransactionManagement, err)
	case db.dialect.FromServer(err):
		return db.driverError(ctx, err)
	}
	if ce := ctx.Err(); ce != nil {
		return fmt.Errorf("%w: %w (%v)", ErrCommitOutcomeUnknown, ce, err)
	}
	return fmt.Errorf("%w: %v", ErrCommitOutcomeUnknown, err)
}

func runHook(h commitHook) {
	if h.robust {
		defer func() { _ = recover() }()
	}
	h.fn()
}

// merged runs fn as part of the enclosing block (NoSavepoint). Without a
// savepoint nothing can undo fn's writes alone, so its error (or panic)
// breaks the transaction, as Django's needs_rollback: the enclosing block
// rolls back even if the caller swallows the error, and statements until
// then fail with ErrTxBroken.
func (st *txState) merged(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			st.fail(fmt.Errorf("%w: panic in a block without a savepoint: %v", ErrTransactionManagement, p))
			panic(p)
		}
	}()
	if err = fn(ctx); err != nil {
		st.fail(err)
	}
	return err
}

// savepoint runs fn inside SAVEPOINT / RELEASE, rolling back to the
// savepoint (and forgetting the failure) when fn fails or panics.
func (st *txState) savepoint(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	db := st.db
	if !db.dialect.Features().Savepoints {
		return fn(ctx)
	}
	if err := st.usable(); err != nil {
		return err
	}
	st.mu.Lock()
	st.sp++
	name := "s" + strconv.Itoa(st.sp)
	hooks := len(st.onCommit)
	st.mu.Unlock()
	if err := st.control(ctx, db.dialect.Savepoint(name)); err != nil {
		return err
	}
	rollback := func() error {
		st.mu.Lock()
		st.broken = nil // the savepoint absorbs what failed after it
		st.onCommit = st.onCommit[:hooks]
		st.mu.Unlock()
		return st.control(ctx, db.dialect.RollbackToSavepoint(name))
	}
	defer func() {
		if p := recover(); p != nil {
			_ = rollback()
			panic(p)
		}
	}()
	err = fn(ctx)
	if err == nil {
		err = st.usable() // fn swallowed a failure: report the broken transaction
	}
	if err != nil {
		if rerr := rollback(); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	if release := db.dialect.ReleaseSavepoint(name); release != "" {
		err = st.control(ctx, release)
	}
	return err
}

// control runs a savepoint statement (SAVEPOINT, RELEASE, ROLLBACK TO) on
// the transaction. Its record says 0 rows: such a statement touches none,
// and the driver's count is not to be trusted for it (SQLite's is
// sqlite3_changes(), the previous statement's count).
func (st *txState) control(ctx context.Context, stmt string) error {
	db := st.db
	observed, start := db.clock(ctx)
	_, err := st.tx.ExecContext(ctx, stmt)
	if err != nil {
		err = db.driverError(ctx, err)
		st.fail(err)
	}
	if observed {
		n := int64(0)
		if err != nil {
			n = -1
		}
		db.observe(ctx, QueryRecord{SQL: stmt, Duration: time.Since(start), Rows: n, Err: err, Database: db.alias})
	}
	return err
}

// OnCommitOption configures OnCommit.
type OnCommitOption func(*commitHook)

// Robust makes a panicking OnCommit callback not stop the callbacks after it.
func Robust() OnCommitOption { return func(h *commitHook) { h.robust = true } }

// OnCommit runs fn after the outermost transaction of ctx on db commits,
// and never if it rolls back (or fn's savepoint rolls back). Outside a
// transaction fn runs at once, as in Django.
func OnCommit(ctx context.Context, db *DB, fn func(), opts ...OnCommitOption) {
	h := commitHook{fn: fn}
	for _, o := range opts {
		o(&h)
	}
	st := txFrom(ctx, db)
	if st == nil {
		runHook(h)
		return
	}
	st.mu.Lock()
	st.onCommit = append(st.onCommit, h)
	st.mu.Unlock()
}

// InTransaction reports whether ctx carries a transaction on db.
func InTransaction(ctx context.Context, db *DB) bool { return txFrom(ctx, db) != nil }
