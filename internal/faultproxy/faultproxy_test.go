package faultproxy_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/djorm/orm/internal/faultproxy"
)

// bound is how long a test waits for something that should happen at once;
// reaching it is a failure, never a way to synchronise.
const bound = 5 * time.Second

// echo is a TCP server that writes back what it reads and records, per
// connection, what it received and how the connection ended.
type echo struct {
	ln      net.Listener
	wg      sync.WaitGroup
	mu      sync.Mutex
	conns   []*echoConn
	changed chan struct{}
}

type echoConn struct {
	nc   net.Conn
	got  []byte
	err  error // the read error that ended it; nil for an orderly EOF
	done bool
}

func newEcho(t *testing.T) *echo {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e := &echo{ln: ln, changed: make(chan struct{})}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			ec := &echoConn{nc: nc}
			e.update(func() { e.conns = append(e.conns, ec) })
			e.wg.Add(1)
			go e.serve(ec)
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		e.mu.Lock()
		for _, c := range e.conns {
			_ = c.nc.Close()
		}
		e.mu.Unlock()
		e.wg.Wait()
	})
	return e
}

func (e *echo) serve(c *echoConn) {
	defer e.wg.Done()
	buf := make([]byte, 4096)
	for {
		n, err := c.nc.Read(buf)
		if n > 0 {
			e.update(func() { c.got = append(c.got, buf[:n]...) })
			if _, werr := c.nc.Write(buf[:n]); werr != nil && err == nil {
				err = werr
			}
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = nil
			}
			_ = c.nc.Close()
			e.update(func() { c.err, c.done = err, true })
			return
		}
	}
}

func (e *echo) update(f func()) {
	e.mu.Lock()
	f()
	close(e.changed)
	e.changed = make(chan struct{})
	e.mu.Unlock()
}

// wait blocks until cond (called under e.mu) holds, failing the test after bound.
func (e *echo) wait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	timer := time.NewTimer(bound)
	defer timer.Stop()
	for {
		e.mu.Lock()
		ok := cond()
		ch := e.changed
		e.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-timer.C:
			t.Fatalf("echo server: timed out waiting for %s", what)
		}
	}
}

// conn returns the i-th connection the echo server accepted.
func (e *echo) conn(t *testing.T, i int) *echoConn {
	t.Helper()
	e.wait(t, fmt.Sprintf("connection %d", i), func() bool { return len(e.conns) > i })
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.conns[i]
}

func (e *echo) accepted() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.conns)
}

func (e *echo) received(c *echoConn) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return string(c.got)
}

// push sends b to the client of c unprompted.
func (e *echo) push(t *testing.T, c *echoConn, b string) {
	t.Helper()
	if _, err := c.nc.Write([]byte(b)); err != nil {
		t.Fatal(err)
	}
}

func newProxy(t *testing.T, target string) *faultproxy.Proxy {
	t.Helper()
	p, err := faultproxy.New(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func dial(t *testing.T, p *faultproxy.Proxy) *net.TCPConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", p.Addr(), bound)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c.(*net.TCPConn)
}

func send(t *testing.T, c net.Conn, s string) {
	t.Helper()
	if _, err := c.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

// expect reads exactly len(want) bytes (failing after bound) and compares.
func expect(t *testing.T, c net.Conn, want string) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(bound))
	got := make([]byte, len(want))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatalf("reading %q: %v (got %q)", want, err, got)
	}
	if string(got) != want {
		t.Fatalf("read %q, want %q", got, want)
	}
	_ = c.SetReadDeadline(time.Time{})
}

// readErr reads until an error (failing after bound) and returns it.
func readErr(t *testing.T, c net.Conn) error {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(bound))
	_, err := io.Copy(io.Discard, c)
	if err == nil {
		err = io.EOF // io.Copy reports an orderly end as no error
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the connection stayed open (%v)", err)
	}
	return err
}

func waitStats(t *testing.T, p *faultproxy.Proxy, what string, cond func(faultproxy.Stats) bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	if err := p.Wait(ctx, cond); err != nil {
		t.Fatalf("proxy: waiting for %s: %v (stats %+v)", what, err, p.Stats())
	}
}

func fired(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(bound):
		t.Fatal("the trigger did not fire")
	}
}

func notFired(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
		t.Fatal("the trigger fired")
	default:
	}
}

func TestForwardsBothWaysAndHalfClose(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	if p.Target() != e.ln.Addr().String() {
		t.Errorf("Target() = %s", p.Target())
	}
	c := dial(t, p)
	send(t, c, "hello")
	expect(t, c, "hello")
	waitStats(t, p, "byte counts", func(s faultproxy.Stats) bool {
		return s.BytesToServer == 5 && s.BytesToClient == 5 && s.Accepted == 1 && s.Dialled == 1 && s.Active == 1
	})
	// An orderly close of the client's sending side reaches the server as
	// EOF; the server's answer still comes back, then its EOF.
	send(t, c, "bye")
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	expect(t, c, "bye")
	if err := readErr(t, c); !errors.Is(err, io.EOF) {
		t.Fatalf("after the server closed: %v, want EOF", err)
	}
	ec := e.conn(t, 0)
	e.wait(t, "the server's side to end", func() bool { return ec.done })
	if ec.err != nil || e.received(ec) != "hellobye" {
		t.Errorf("server saw %q, ended by %v", e.received(ec), ec.err)
	}
	waitStats(t, p, "no active connection", func(s faultproxy.Stats) bool { return s.Active == 0 })
}

func TestFreezeHoldsBytesInBothDirections(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c := dial(t, p)
	send(t, c, "a")
	expect(t, c, "a")
	ec := e.conn(t, 0)

	p.Freeze()
	if !p.Frozen() {
		t.Fatal("Frozen() after Freeze")
	}
	send(t, c, "b")
	waitStats(t, p, "the client's chunk held", func(s faultproxy.Stats) bool { return s.HeldToServer == 1 })
	if got := e.received(ec); got != "a" {
		t.Fatalf("the server received %q while frozen", got)
	}
	e.push(t, ec, "p")
	waitStats(t, p, "the server's chunk held", func(s faultproxy.Stats) bool { return s.HeldToClient == 1 })
	if s := p.Stats(); s.BytesToServer != 1 || s.BytesToClient != 1 {
		t.Fatalf("bytes forwarded while frozen: %+v", s)
	}

	p.Thaw()
	if p.Frozen() {
		t.Fatal("Frozen() after Thaw")
	}
	// "p" (pushed) and "b" (echoed after the thaw) both arrive, p first:
	// the echo of b cannot be sent before b was delivered.
	expect(t, c, "pb")
	if got := e.received(ec); got != "ab" {
		t.Errorf("the server received %q", got)
	}
	waitStats(t, p, "nothing held", func(s faultproxy.Stats) bool { return s.HeldToServer == 0 && s.HeldToClient == 0 })
}

func TestFreezeHoldsNewConnections(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	p.Freeze()
	c := dial(t, p)
	send(t, c, "x")
	waitStats(t, p, "the connection accepted and waiting", func(s faultproxy.Stats) bool {
		return s.Accepted == 1 && s.Waiting == 1 && s.Dialled == 0
	})
	if n := e.accepted(); n != 0 {
		t.Fatalf("the target was dialled while frozen (%d connections)", n)
	}
	p.Thaw()
	expect(t, c, "x")
	if s := p.Stats(); s.Dialled != 1 || s.Waiting != 0 {
		t.Errorf("after the thaw: %+v", s)
	}
}

func isReset(err error) bool { return errors.Is(err, syscall.ECONNRESET) }

func TestResetClosesAbruptly(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c1, c2 := dial(t, p), dial(t, p)
	send(t, c1, "1")
	expect(t, c1, "1")
	send(t, c2, "2")
	expect(t, c2, "2")
	p.Reset()
	for _, c := range []net.Conn{c1, c2} {
		if err := readErr(t, c); !isReset(err) {
			t.Errorf("client side after Reset: %v, want connection reset", err)
		}
	}
	for i := 0; i < 2; i++ {
		ec := e.conn(t, i)
		e.wait(t, "the server's side to end", func() bool { return ec.done })
		if !isReset(ec.err) {
			t.Errorf("server side %d after Reset: %v, want connection reset", i, ec.err)
		}
	}
	waitStats(t, p, "no active connection", func(s faultproxy.Stats) bool { return s.Active == 0 })
	// The proxy still works.
	c3 := dial(t, p)
	send(t, c3, "3")
	expect(t, c3, "3")
}

func TestResetWhileFrozen(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c1 := dial(t, p)
	send(t, c1, "1")
	expect(t, c1, "1")
	p.Freeze()
	send(t, c1, "held")
	c2 := dial(t, p) // accepted, waiting for the thaw
	waitStats(t, p, "a held chunk and a waiting connection", func(s faultproxy.Stats) bool {
		return s.HeldToServer == 1 && s.Waiting == 1
	})
	p.Reset()
	for _, c := range []net.Conn{c1, c2} {
		if err := readErr(t, c); !isReset(err) {
			t.Errorf("after Reset: %v, want connection reset", err)
		}
	}
	waitStats(t, p, "nothing held or active", func(s faultproxy.Stats) bool {
		return s.Active == 0 && s.HeldToServer == 0 && s.Waiting == 0
	})
	if got := e.received(e.conn(t, 0)); got != "1" {
		t.Errorf("the held chunk reached the server: %q", got)
	}
	if !p.Frozen() {
		t.Error("Reset ended the freeze")
	}
	p.Thaw()
	c3 := dial(t, p)
	send(t, c3, "3")
	expect(t, c3, "3")
}

func isCommit(b []byte) bool { return bytes.Contains(b, []byte("COMMIT")) }

func TestFreezeOnClientBytesBefore(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c := dial(t, p)
	ch := p.FreezeOnClientBytes(isCommit, false)
	send(t, c, "a") // does not match: forwarded
	expect(t, c, "a")
	notFired(t, ch)
	if p.Frozen() {
		t.Fatal("frozen before the trigger fired")
	}
	send(t, c, "COMMIT")
	fired(t, ch)
	if !p.Frozen() {
		t.Fatal("the trigger did not freeze the proxy")
	}
	waitStats(t, p, "the matching chunk held", func(s faultproxy.Stats) bool { return s.HeldToServer == 1 && s.Triggered == 1 })
	ec := e.conn(t, 0)
	if got := e.received(ec); got != "a" {
		t.Fatalf("the server received %q", got)
	}
	p.Thaw()
	if err := readErr(t, c); !isReset(err) {
		t.Errorf("the connection of a dropped chunk is reset at the thaw: %v", err)
	}
	e.wait(t, "the server's side to end", func() bool { return ec.done })
	if got := e.received(ec); got != "a" || !isReset(ec.err) {
		t.Errorf("the server must never see the chunk: received %q, ended by %v", got, ec.err)
	}
	// One-shot: the next COMMIT passes.
	c2 := dial(t, p)
	send(t, c2, "COMMIT")
	expect(t, c2, "COMMIT")
}

func TestFreezeOnClientBytesAfter(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c := dial(t, p)
	send(t, c, "a")
	expect(t, c, "a")
	ch := p.FreezeOnClientBytes(isCommit, true)
	send(t, c, "COMMIT")
	fired(t, ch)
	ec := e.conn(t, 0)
	// The server runs it: its answer (the echo) is what the freeze holds.
	waitStats(t, p, "the server's answer held", func(s faultproxy.Stats) bool { return s.HeldToClient == 1 })
	if got := e.received(ec); got != "aCOMMIT" {
		t.Fatalf("the server received %q", got)
	}
	if s := p.Stats(); s.BytesToClient != 1 {
		t.Fatalf("the answer was forwarded while frozen: %+v", s)
	}
	p.Thaw()
	expect(t, c, "COMMIT")
}

func TestTriggerFreezesEveryConnection(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c1, c2 := dial(t, p), dial(t, p)
	send(t, c2, "x")
	expect(t, c2, "x")
	ch := p.FreezeOnClientBytes(isCommit, true)
	send(t, c1, "COMMIT")
	fired(t, ch)
	send(t, c2, "y")
	waitStats(t, p, "both connections held", func(s faultproxy.Stats) bool { return s.HeldToServer == 1 && s.HeldToClient == 1 })
	p.Thaw()
	expect(t, c1, "COMMIT")
	expect(t, c2, "y")
}

func TestThawDisarmsTrigger(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c := dial(t, p)
	first := p.FreezeOnClientBytes(isCommit, false)
	second := p.FreezeOnClientBytes(func(b []byte) bool { return bytes.Contains(b, []byte("ROLLBACK")) }, false)
	send(t, c, "COMMIT") // the first trigger was replaced
	expect(t, c, "COMMIT")
	p.Thaw() // disarms the second
	send(t, c, "ROLLBACK")
	expect(t, c, "ROLLBACK")
	notFired(t, first)
	notFired(t, second)
	if s := p.Stats(); s.Triggered != 0 {
		t.Errorf("triggered: %+v", s)
	}
}

func TestDelay(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c := dial(t, p)
	send(t, c, "warm")
	expect(t, c, "warm")
	const d = 40 * time.Millisecond
	p.SetDelay(d)
	start := time.Now()
	send(t, c, "x")
	expect(t, c, "x")
	if took := time.Since(start); took < 2*d {
		t.Errorf("a round trip took %v with a delay of %v per chunk", took, d)
	}
	p.SetDelay(0)
	send(t, c, "y")
	expect(t, c, "y")
}

func TestCloseEndsEverything(t *testing.T) {
	e := newEcho(t)
	p, err := faultproxy.New(e.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c1 := dial(t, p)
	send(t, c1, "1")
	expect(t, c1, "1")
	p.SetDelay(time.Hour) // a chunk sleeping in the delay
	send(t, c1, "2")
	p.Freeze()
	c2 := dial(t, p) // waiting for the thaw
	waitStats(t, p, "a waiting connection", func(s faultproxy.Stats) bool { return s.Waiting == 1 })
	closed := make(chan error, 1)
	go func() { closed <- p.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(bound):
		t.Fatal("Close did not return: a goroutine of the proxy is still running")
	}
	for _, c := range []net.Conn{c1, c2} {
		if err := readErr(t, c); !isReset(err) {
			t.Errorf("after Close: %v", err)
		}
	}
	if s := p.Stats(); s.Active != 0 {
		t.Errorf("active after Close: %+v", s)
	}
	if c, err := net.DialTimeout("tcp", p.Addr(), bound); err == nil {
		_ = c.Close()
		t.Error("the proxy still accepts after Close")
	}
	if err := p.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
}

func TestUnreachableTarget(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens there now
	p := newProxy(t, addr)
	c := dial(t, p)
	if err := readErr(t, c); err == nil {
		t.Fatal("want the connection closed")
	}
	waitStats(t, p, "no active connection", func(s faultproxy.Stats) bool { return s.Active == 0 && s.Accepted == 1 && s.Dialled == 0 })
}

func TestWaitHonoursContext(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.Wait(ctx, func(s faultproxy.Stats) bool { return s.Accepted > 0 }); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait with a cancelled context: %v", err)
	}
	if err := p.Wait(ctx, func(s faultproxy.Stats) bool { return s.Accepted == 0 }); err != nil {
		t.Fatalf("Wait for a condition that holds: %v", err)
	}
}

// TestConcurrentTraffic runs echo clients while another goroutine freezes,
// thaws and changes the delay: every byte arrives, in order (run with -race).
func TestConcurrentTraffic(t *testing.T) {
	e := newEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	const clients, rounds = 6, 50
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := 0; i < clients; i++ {
		c := dial(t, p)
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.SetDeadline(time.Now().Add(4 * bound))
			for r := 0; r < rounds; r++ {
				msg := fmt.Sprintf("<%d:%d>", i, r)
				if _, err := c.Write([]byte(msg)); err != nil {
					errs <- err
					return
				}
				got := make([]byte, len(msg))
				if _, err := io.ReadFull(c, got); err != nil || string(got) != msg {
					errs <- fmt.Errorf("client %d round %d: %q, %v", i, r, got, err)
					return
				}
			}
		}()
	}
	stop := make(chan struct{})
	toggled := make(chan struct{})
	go func() {
		defer close(toggled)
		for n := 0; ; n++ {
			select {
			case <-stop:
				p.Thaw()
				return
			default:
			}
			p.Freeze()
			_ = p.Stats()
			p.Thaw()
			p.SetDelay(time.Duration(n%2) * time.Millisecond)
		}
	}()
	wg.Wait()
	close(stop)
	<-toggled
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
