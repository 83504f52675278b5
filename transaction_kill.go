package orm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync/atomic"
	"time"

	"github.com/djorm/orm/dialects"
)

// killer stops a cancelled transaction's running statement on the server,
// not only on the client: MySQL and MariaDB keep a statement that waits for
// a row lock running after its client is gone, holding what it locked.
// The transaction runs on a dedicated connection; a connection a KILL was
// sent to is discarded rather than reused, so the kill can never reach
// another caller's statement.
type killer struct {
	ctx    context.Context
	conn   *sql.Conn
	stop   func() bool
	kill   func()
	killed atomic.Bool
	// disarmed: disarm ran (it is called again on the way out of a panic).
	disarmed bool
}

// beginKillable starts a transaction on its own connection and arms the
// kill, for dialects that need it and contexts that can end. It returns a
// nil killer (and no transaction) otherwise.
func (db *DB) beginKillable(ctx context.Context, opts *sql.TxOptions) (*killer, *sql.Tx, error) {
	k, ok := db.dialect.(dialects.Killer)
	if ctx.Done() == nil || !ok {
		return nil, nil, nil
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	var id int64
	if err := conn.QueryRowContext(ctx, k.ConnectionIDQuery()).Scan(&id); err != nil {
		_ = conn.Close()
		return nil, nil, err
	}
	tx, err := conn.BeginTx(ctx, opts)
	if err != nil {
		_ = conn.Close()
		return nil, nil, err
	}
	kl := &killer{ctx: ctx, conn: conn}
	kl.kill = func() {
		kl.killed.Store(true)
		kctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = db.sql.ExecContext(kctx, k.KillQuery(id))
	}
	kl.stop = context.AfterFunc(ctx, kl.kill)
	return kl, tx, nil
}

// disarm stops the kill. When the context ended before the kill could
// start, it kills now: the client may have given up on a statement the
// server is still running. It does not wait for the kill: a server that stopped answering would
// hold the caller as long as the KILL's own timeout. The connection is
// marked killed first, so release discards it and a late KILL can reach
// no other statement than this transaction's own ROLLBACK.
func (k *killer) disarm() {
	if k == nil || k.disarmed {
		return
	}
	k.disarmed = true
	switch {
	case !k.stop():
		k.killed.Store(true)
	case k.ctx.Err() != nil:
		k.killed.Store(true)
		go k.kill()
	}
}

// release returns the connection to the pool, or discards it when a kill
// was sent to it.
func (k *killer) release() {
	if k == nil {
		return
	}
	if k.killed.Load() {
		_ = k.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	_ = k.conn.Close()
}
