// Package netwatch makes a database driver's connections keep their
// contexts' deadlines when the network or the server stops answering.
//
// Some drivers read from the socket without a deadline once a statement is
// sent: lib/pq answers a cancelled context by asking the server to cancel
// (a request that a frozen network never delivers) and keeps reading;
// go-sql-driver/mysql sends COMMIT and ROLLBACK with no context at all. A
// Conn wraps such a driver connection and, for as long as an operation
// started with a context runs (a query and its rows, a transaction until
// COMMIT or ROLLBACK returns), sets a past deadline on the connection's
// socket as soon as that context ends: the blocked read fails at once, the
// driver reports the error, and the connection is discarded.
//
// Connect also honours its context while a connection is being opened
// (lib/pq's Driver.Open takes none).
package netwatch

import (
	"context"
	"database/sql/driver"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Connector opens connections with Open and wraps each in a Conn.
type Connector struct {
	Drv  driver.Driver
	Open func(ctx context.Context) (driver.Conn, error)
	// Setup, if set, prepares each new connection (a session setting);
	// its failure closes the connection and fails Connect.
	Setup func(ctx context.Context, c driver.Conn) error
	// Bare leaves connections unwrapped: only opening one keeps its context.
	Bare bool
}

// DSN returns a Connector that opens dsn with drv.
func DSN(drv driver.Driver, dsn string) *Connector {
	if dc, ok := drv.(driver.DriverContext); ok {
		if c, err := dc.OpenConnector(dsn); err == nil {
			return &Connector{Drv: drv, Open: c.Connect}
		}
	}
	return &Connector{Drv: drv, Open: func(context.Context) (driver.Conn, error) { return drv.Open(dsn) }}
}

// Driver returns the underlying driver.
func (c *Connector) Driver() driver.Driver { return c.Drv }

// Connect opens a connection, giving up when ctx ends (a connection that
// arrives after that is closed).
func (c *Connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := Guard(ctx, func() (driver.Conn, error) { return c.Open(ctx) })
	if err != nil {
		return nil, err // not conn: a driver may return a typed nil with its error
	}
	w := conn
	if !c.Bare {
		w = Wrap(conn)
	}
	if c.Setup != nil {
		if err := c.Setup(ctx, w); err != nil {
			_ = w.Close()
			return nil, err
		}
	}
	return w, nil
}

// Guard runs open and returns its connection, or ctx's error as soon as
// ctx ends, whichever comes first; a connection open returns later is
// closed.
func Guard(ctx context.Context, open func() (driver.Conn, error)) (driver.Conn, error) {
	if ctx.Done() == nil {
		return open()
	}
	type result struct {
		conn driver.Conn
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		conn, err := open()
		ch <- result{conn, err}
	}()
	select {
	case r := <-ch:
		return r.conn, r.err
	case <-ctx.Done():
		go func() {
			// A failed open may still return a typed nil connection.
			if r := <-ch; r.err == nil && r.conn != nil {
				_ = r.conn.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// Conn is a driver connection whose operations keep their contexts'
// deadlines. It offers each optional interface of database/sql/driver and
// forwards to the wrapped connection, or answers as database/sql does for
// a driver without it.
type Conn struct {
	inner driver.Conn
	nc    net.Conn    // nil: nothing to watch, the wrapper only forwards
	cut   atomic.Bool // a deadline was set: the connection is unusable
}

// Wrap wraps a driver connection; it finds the socket the driver reads
// from (see socketOf).
func Wrap(c driver.Conn) driver.Conn {
	return &Conn{inner: c, nc: socketOf(c)}
}

// Watched reports whether the connection's socket was found, so contexts
// are enforced on it.
func (c *Conn) Watched() bool { return c.nc != nil }

// Unwrap returns the driver's own connection.
func (c *Conn) Unwrap() driver.Conn { return c.inner }

// pastDeadline is a deadline already reached.
var pastDeadline = time.Unix(1, 0)

// Grace is how long after its context ends an operation is left to the
// driver's own cancellation before the socket is cut: long enough for
// lib/pq's cancel request to reach a live server (which then stops the
// statement: a closed socket alone leaves it waiting on a lock), short
// enough to keep a deadline within a fraction of a second.
const Grace = 250 * time.Millisecond

// watch arms ctx on the socket; the returned stop disarms it (nil when
// there is nothing to arm).
func (c *Conn) watch(ctx context.Context) func() bool {
	if c.nc == nil || ctx.Done() == nil {
		return nil
	}
	w := &watch{c: c}
	w.after = context.AfterFunc(ctx, w.fire)
	return w.stop
}

// watch is one armed operation.
type watch struct {
	c     *Conn
	after func() bool
	mu    sync.Mutex
	timer *time.Timer
	done  bool
}

func (w *watch) fire() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.timer = time.AfterFunc(Grace, w.cut)
	}
}

func (w *watch) cut() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.c.cut.Store(true)
		_ = w.c.nc.SetDeadline(pastDeadline)
	}
}

// stop disarms the watch; after it returns the socket is not cut.
func (w *watch) stop() bool {
	w.after()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done = true
	if w.timer != nil {
		w.timer.Stop()
	}
	return true
}

func stop(s func() bool) {
	if s != nil {
		s()
	}
}

// Prepare implements driver.Conn.
func (c *Conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// Close implements driver.Conn.
func (c *Conn) Close() error { return c.inner.Close() }

// Begin implements driver.Conn.
func (c *Conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// BeginTx starts a transaction whose COMMIT and ROLLBACK keep ctx.
func (c *Conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	s := c.watch(ctx)
	var tx driver.Tx
	var err error
	if b, ok := c.inner.(driver.ConnBeginTx); ok {
		tx, err = b.BeginTx(ctx, opts)
	} else if opts.Isolation != 0 || opts.ReadOnly {
		stop(s)
		return nil, errors.New("netwatch: the driver does not support isolation levels or read-only transactions")
	} else {
		tx, err = c.inner.Begin() //nolint:staticcheck // the driver offers nothing else
	}
	stop(s)
	if err != nil {
		return nil, err
	}
	return &txn{inner: tx, c: c, ctx: ctx}, nil
}

// PrepareContext implements driver.ConnPrepareContext.
func (c *Conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s := c.watch(ctx)
	defer stop(s)
	var st driver.Stmt
	var err error
	if p, ok := c.inner.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, query)
	} else {
		st, err = c.inner.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &stmt{inner: st, c: c}, nil
}

// QueryContext implements driver.QueryerContext.
func (c *Conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.inner.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	s := c.watch(ctx)
	r, err := q.QueryContext(ctx, query, args)
	return c.rows(r, err, s)
}

// ExecContext implements driver.ExecerContext.
func (c *Conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.inner.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	defer stop(c.watch(ctx))
	return e.ExecContext(ctx, query, args)
}

// rows keeps the watch armed until the rows are closed.
func (c *Conn) rows(r driver.Rows, err error, s func() bool) (driver.Rows, error) {
	if err != nil || s == nil {
		stop(s)
		return r, err
	}
	return &rows{inner: r, stop: s}, nil
}

// Ping implements driver.Pinger.
func (c *Conn) Ping(ctx context.Context) error {
	p, ok := c.inner.(driver.Pinger)
	if !ok {
		return nil
	}
	defer stop(c.watch(ctx))
	return p.Ping(ctx)
}

// ResetSession implements driver.SessionResetter.
func (c *Conn) ResetSession(ctx context.Context) error {
	if c.cut.Load() {
		return driver.ErrBadConn
	}
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

// IsValid implements driver.Validator.
func (c *Conn) IsValid() bool {
	if c.cut.Load() {
		return false
	}
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// CheckNamedValue implements driver.NamedValueChecker.
func (c *Conn) CheckNamedValue(nv *driver.NamedValue) error {
	if ch, ok := c.inner.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

// txn keeps the transaction's context armed during COMMIT and ROLLBACK,
// which drivers send without one.
type txn struct {
	inner driver.Tx
	c     *Conn
	ctx   context.Context
}

func (t *txn) Commit() error {
	defer stop(t.c.watch(t.ctx))
	return t.inner.Commit()
}

func (t *txn) Rollback() error {
	defer stop(t.c.watch(t.ctx))
	return t.inner.Rollback()
}

// stmt keeps the contexts of a prepared statement's executions.
type stmt struct {
	inner driver.Stmt
	c     *Conn
}

func (s *stmt) Close() error  { return s.inner.Close() }
func (s *stmt) NumInput() int { return s.inner.NumInput() }

func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.inner.Exec(args) //nolint:staticcheck // database/sql calls it only for drivers without ExecContext
}

func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.inner.Query(args) //nolint:staticcheck // as Exec
}

func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	defer stop(s.c.watch(ctx))
	if e, ok := s.inner.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	vals, err := values(args)
	if err != nil {
		return nil, err
	}
	return s.inner.Exec(vals) //nolint:staticcheck // the driver offers nothing else
}

func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	w := s.c.watch(ctx)
	if q, ok := s.inner.(driver.StmtQueryContext); ok {
		r, err := q.QueryContext(ctx, args)
		return s.c.rows(r, err, w)
	}
	vals, err := values(args)
	if err != nil {
		stop(w)
		return nil, err
	}
	r, err := s.inner.Query(vals) //nolint:staticcheck // the driver offers nothing else
	return s.c.rows(r, err, w)
}

func (s *stmt) CheckNamedValue(nv *driver.NamedValue) error {
	if ch, ok := s.inner.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(nv)
	}
	return s.c.CheckNamedValue(nv)
}

func values(args []driver.NamedValue) ([]driver.Value, error) {
	out := make([]driver.Value, len(args))
	for i, a := range args {
		if a.Name != "" {
			return nil, errors.New("netwatch: the driver does not support named parameters")
		}
		out[i] = a.Value
	}
	return out, nil
}
