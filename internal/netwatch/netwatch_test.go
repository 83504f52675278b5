package netwatch

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// fakeConn is a driver connection that reads its answers from a socket,
// as lib/pq's does: a statement blocks until the peer answers.
type fakeConn struct {
	id   int
	sock net.Conn
}

func (c *fakeConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("unused") }
func (c *fakeConn) Close() error                        { return c.sock.Close() }
func (c *fakeConn) Begin() (driver.Tx, error)           { return fakeTx{c}, nil }

func (c *fakeConn) ExecContext(context.Context, string, []driver.NamedValue) (driver.Result, error) {
	var b [1]byte
	if _, err := c.sock.Read(b[:]); err != nil {
		return nil, err
	}
	return driver.RowsAffected(1), nil
}

type fakeTx struct{ c *fakeConn }

func (t fakeTx) Commit() error {
	_, err := t.c.ExecContext(context.Background(), "COMMIT", nil)
	return err
}
func (t fakeTx) Rollback() error { return nil }

func pipe(t *testing.T) (*Conn, net.Conn) {
	t.Helper()
	a, b := net.Pipe()
	t.Cleanup(func() { _ = a.Close(); _ = b.Close() })
	return Wrap(&fakeConn{id: 1, sock: a}).(*Conn), b
}

func TestSocketIsFound(t *testing.T) {
	c, _ := pipe(t)
	if !c.Watched() {
		t.Fatal("the net.Conn field of the driver's connection was not found")
	}
	if socketOf(&struct{ driver.Conn }{}) != nil || socketOf(nil) != nil {
		t.Error("a connection without a socket field must give nil")
	}
}

// A statement the peer never answers returns soon after its context ends,
// and the connection is then unusable.
func TestDeadlineCutsABlockedStatement(t *testing.T) {
	c, _ := pipe(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ExecContext(ctx, "SELECT", nil)
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("want the socket's deadline error, got %v", err)
	}
	if d := time.Since(start); d > 50*time.Millisecond+Grace+time.Second {
		t.Errorf("returned after %v", d)
	}
	if c.IsValid() || c.ResetSession(context.Background()) != driver.ErrBadConn {
		t.Error("a cut connection must be reported bad")
	}
}

// COMMIT keeps the transaction's context although the driver sends it
// without one.
func TestCommitKeepsTheTransactionContext(t *testing.T) {
	c, _ := pipe(t)
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := c.BeginTx(ctx, driver.TxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := tx.Commit(); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("want the socket's deadline error, got %v", err)
	}
}

// A statement answered in time is not cut afterwards.
func TestAnsweredStatementIsNotCut(t *testing.T) {
	c, peer := pipe(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { _, _ = peer.Write([]byte{1}) }()
	if _, err := c.ExecContext(ctx, "SELECT", nil); err != nil {
		t.Fatal(err)
	}
	cancel()
	go func() { _, _ = peer.Write([]byte{1}) }()
	if _, err := c.ExecContext(context.Background(), "SELECT", nil); err != nil || !c.IsValid() {
		t.Fatalf("the connection must still work: %v", err)
	}
}

// Guard gives up on a connection that does not open in time and closes it
// when it arrives.
func TestGuardGivesUpAndClosesLateConnections(t *testing.T) {
	release := make(chan struct{})
	closed := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Guard(ctx, func() (driver.Conn, error) {
		<-release
		return &closeSignal{closed}, nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	close(release)
	<-closed
}

type closeSignal struct{ ch chan struct{} }

func (c *closeSignal) Prepare(string) (driver.Stmt, error) { return nil, io.EOF }
func (c *closeSignal) Close() error                        { close(c.ch); return nil }
func (c *closeSignal) Begin() (driver.Tx, error)           { return nil, io.EOF }

// Without the optional interfaces, the wrapper answers as database/sql
// does for such a driver.
func TestMissingInterfacesAnswerLikeDatabaseSQL(t *testing.T) {
	c := Wrap(&closeSignal{make(chan struct{})}).(*Conn)
	if _, err := c.QueryContext(context.Background(), "q", nil); err != driver.ErrSkip {
		t.Errorf("QueryContext: %v", err)
	}
	if _, err := c.ExecContext(context.Background(), "q", nil); err != driver.ErrSkip {
		t.Errorf("ExecContext: %v", err)
	}
	if err := c.CheckNamedValue(&driver.NamedValue{}); err != driver.ErrSkip {
		t.Errorf("CheckNamedValue: %v", err)
	}
}
