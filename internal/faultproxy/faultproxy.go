// Package faultproxy is a TCP proxy that tests place between a database
// client and its server to inject network faults on demand: connections
// reset abruptly, a network that stops delivering bytes (in both
// directions) while every socket stays open, added latency, and a freeze
// triggered by a given client message, before or after the server sees it.
//
// The proxy forwards bytes in chunks: whatever one read returned on one side
// is written to the other side as one chunk. Every operation is safe for
// concurrent use. Tests synchronise with the proxy through Stats and Wait
// (how many connections were accepted, how many chunks a freeze holds) and
// through the channel a trigger closes when it fires, never by sleeping.
package faultproxy

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"time"
)

// Stats is a snapshot of what the proxy has done and holds.
type Stats struct {
	// Accepted counts client connections accepted since New.
	Accepted int
	// Dialled counts connections opened to the target since New.
	Dialled int
	// Active counts client connections open now (dialled or waiting for a
	// thaw to be dialled).
	Active int
	// HeldToServer and HeldToClient count the chunks a freeze holds now,
	// per direction (at most one per connection and direction: bytes behind
	// a held chunk stay in the kernel's socket buffers).
	HeldToServer, HeldToClient int
	// Waiting counts accepted connections whose dial waits for a thaw.
	Waiting int
	// Triggered counts the triggers (FreezeOnClientBytes) that fired.
	Triggered int
	// BytesToServer and BytesToClient count the bytes forwarded so far.
	BytesToServer, BytesToClient int64
}

// Proxy forwards TCP connections accepted on 127.0.0.1 to a target address
// and injects the faults its methods ask for. Create it with New; Close it
// when done.
type Proxy struct {
	target string
	ln     net.Listener
	wg     sync.WaitGroup // the accept loop and every connection's goroutines

	// fwd orders forwarding against Freeze: a chunk is checked against the
	// freeze and written under fwd's read lock, and Freeze takes the write
	// lock, so no byte is forwarded after Freeze returns.
	fwd sync.RWMutex

	mu      sync.Mutex
	conns   map[*conn]struct{}
	frozen  bool
	thawed  chan struct{} // closed while not frozen; replaced by a freeze
	delay   time.Duration
	trig    *trigger
	stats   Stats
	changed chan struct{} // closed and replaced when stats change
	closed  bool
}

type trigger struct {
	match func([]byte) bool
	after bool
	fired chan struct{}
}

type direction int

const (
	toServer direction = iota
	toClient
)

// conn is one proxied connection.
type conn struct {
	client net.Conn
	ctx    context.Context // done when the connection is torn down
	cancel context.CancelFunc

	mu     sync.Mutex
	server net.Conn
	dead   bool
}

// New starts a proxy listening on 127.0.0.1 (a port of the system's
// choosing) that forwards every accepted connection to target (host:port).
// The target is dialled for each accepted connection; when it cannot be
// reached, the client's connection is closed.
func New(target string) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{
		target:  target,
		ln:      ln,
		conns:   map[*conn]struct{}{},
		thawed:  make(chan struct{}),
		changed: make(chan struct{}),
	}
	close(p.thawed)
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr returns the address clients connect to (127.0.0.1:port).
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Target returns the address the proxy forwards to.
func (p *Proxy) Target() string { return p.target }

// Close stops accepting, resets every connection and waits until every
// goroutine of the proxy has returned. It is safe to call more than once.
func (p *Proxy) Close() error {
	p.mu.Lock()
	already := p.closed
	p.closed = true
	p.mu.Unlock()
	var err error
	if !already {
		err = p.ln.Close()
	}
	p.Reset()
	p.wg.Wait()
	return err
}

// Reset closes every proxied connection abruptly, on the client's side and
// on the server's: each socket is closed with SO_LINGER 0, so the peer sees
// a TCP RST ("connection reset by peer"), not an orderly end of stream.
// Chunks held by a freeze are discarded. Connections accepted after Reset
// are proxied as usual (a freeze in force stays in force).
func (p *Proxy) Reset() {
	p.mu.Lock()
	conns := make([]*conn, 0, len(p.conns))
	for c := range p.conns {
		conns = append(conns, c)
	}
	p.mu.Unlock()
	for _, c := range conns {
		c.kill(true)
	}
}

// Freeze stops forwarding bytes in both directions on every connection
// while keeping every socket open, as a network that silently drops
// everything would. A chunk read while frozen is held (and the bytes behind
// it stay in the socket buffers) until Thaw. Connections accepted while
// frozen are accepted but not dialled to the target until Thaw. No byte is
// forwarded after Freeze returns (it waits for a chunk being written to
// finish).
func (p *Proxy) Freeze() {
	p.fwd.Lock()
	p.mu.Lock()
	p.freezeLocked()
	p.mu.Unlock()
	p.fwd.Unlock()
}

func (p *Proxy) freezeLocked() {
	if !p.frozen {
		p.frozen = true
		p.thawed = make(chan struct{})
	}
}

// Thaw ends a freeze (whether Freeze or a trigger started it) and disarms
// a trigger that has not fired. Held chunks are forwarded in order, except
// a chunk held by a trigger armed with after == false: that chunk is
// dropped and its connection reset (see FreezeOnClientBytes).
func (p *Proxy) Thaw() {
	p.mu.Lock()
	p.trig = nil
	if p.frozen {
		p.frozen = false
		close(p.thawed)
	}
	p.mu.Unlock()
}

// Frozen reports whether the proxy is frozen.
func (p *Proxy) Frozen() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.frozen
}

// SetDelay makes the proxy wait d before forwarding each chunk, in both
// directions (so a request and its answer take at least 2·d more). Zero
// removes the delay.
func (p *Proxy) SetDelay(d time.Duration) {
	p.mu.Lock()
	p.delay = d
	p.mu.Unlock()
}

// FreezeOnClientBytes arms a one-shot trigger: the first client-to-server
// chunk for which match returns true freezes the proxy (as Freeze does).
// With after == false the chunk is held and never forwarded: the server
// never sees it, and Thaw (or Reset) resets that chunk's connection instead
// of delivering it. With after == true the chunk is forwarded and the proxy
// freezes at that moment, so the server runs it but its answer is held.
//
// The returned channel is closed when the trigger fires. match runs on the
// proxy's goroutines, must not call the Proxy's methods and must not keep
// the slice. Arming a trigger replaces one that has not fired; Thaw
// disarms it.
func (p *Proxy) FreezeOnClientBytes(match func([]byte) bool, after bool) <-chan struct{} {
	t := &trigger{match: match, after: after, fired: make(chan struct{})}
	p.mu.Lock()
	p.trig = t
	p.mu.Unlock()
	return t.fired
}

// Stats returns a snapshot of the proxy's counters.
func (p *Proxy) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// Wait blocks until cond holds for the proxy's stats, or ctx ends (it then
// returns ctx's error). cond is called with the proxy's lock held whenever
// the stats change: keep it a pure function of its argument.
func (p *Proxy) Wait(ctx context.Context, cond func(Stats) bool) error {
	for {
		p.mu.Lock()
		ok := cond(p.stats)
		ch := p.changed
		p.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// updateLocked changes the stats (p.mu held) and wakes the waiters.
func (p *Proxy) updateLocked(f func(*Stats)) {
	f(&p.stats)
	close(p.changed)
	p.changed = make(chan struct{})
}

// update is updateLocked for a caller not holding p.mu.
func (p *Proxy) update(f func(*Stats)) {
	p.mu.Lock()
	p.updateLocked(f)
	p.mu.Unlock()
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		cc, err := p.ln.Accept()
		if err != nil {
			return // closed (or the listener failed: no more connections)
		}
		ctx, cancel := context.WithCancel(context.Background())
		c := &conn{client: cc, ctx: ctx, cancel: cancel}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			c.kill(true)
			continue
		}
		p.conns[c] = struct{}{}
		p.updateLocked(func(s *Stats) { s.Accepted++; s.Active++ })
		p.wg.Add(1)
		p.mu.Unlock()
		go p.serve(c)
	}
}

func (p *Proxy) serve(c *conn) {
	defer p.wg.Done()
	defer func() {
		c.kill(false)
		p.mu.Lock()
		delete(p.conns, c)
		p.updateLocked(func(s *Stats) { s.Active-- })
		p.mu.Unlock()
	}()
	if !p.waitThaw(c, func(s *Stats, d int) { s.Waiting += d }) {
		return
	}
	var d net.Dialer
	srv, err := d.DialContext(c.ctx, "tcp", p.target)
	if err != nil {
		return
	}
	if !c.setServer(srv) {
		return
	}
	p.update(func(s *Stats) { s.Dialled++ })
	var pumps sync.WaitGroup
	pumps.Add(2)
	go func() { defer pumps.Done(); p.pump(c, c.client, srv, toServer) }()
	go func() { defer pumps.Done(); p.pump(c, srv, c.client, toClient) }()
	pumps.Wait()
}

// waitThaw blocks while the proxy is frozen; it returns false when the
// connection is torn down first. count (if not nil) adjusts a stat while
// waiting.
func (p *Proxy) waitThaw(c *conn, count func(*Stats, int)) bool {
	for {
		p.mu.Lock()
		if !p.frozen {
			p.mu.Unlock()
			return true
		}
		ch := p.thawed
		if count != nil {
			p.updateLocked(func(s *Stats) { count(s, 1) })
		}
		p.mu.Unlock()
		var ok bool
		select {
		case <-ch:
			ok = true
		case <-c.ctx.Done():
		}
		if count != nil {
			p.update(func(s *Stats) { count(s, -1) })
		}
		if !ok {
			return false
		}
	}
}

// pump copies src to dst chunk by chunk until either side fails. An
// orderly end of stream from src is passed on as a half-close of dst; any
// other failure tears the whole connection down abruptly.
func (p *Proxy) pump(c *conn, src, dst net.Conn, dir direction) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !p.forward(c, dst, buf[:n], dir) {
			c.kill(true)
			return
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				if tc, ok := dst.(*net.TCPConn); ok && tc.CloseWrite() == nil {
					return
				}
			}
			c.kill(true)
			return
		}
	}
}

func held(dir direction) func(*Stats, int) {
	if dir == toServer {
		return func(s *Stats, d int) { s.HeldToServer += d }
	}
	return func(s *Stats, d int) { s.HeldToClient += d }
}

// forward writes one chunk to dst, honouring the delay, the freeze and the
// trigger. It returns false when the connection must end.
func (p *Proxy) forward(c *conn, dst net.Conn, chunk []byte, dir direction) bool {
	p.mu.Lock()
	delay := p.delay
	p.mu.Unlock()
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-c.ctx.Done():
			t.Stop()
			return false
		}
	}
	for {
		if !p.waitThaw(c, held(dir)) {
			return false
		}
		p.fwd.RLock()
		p.mu.Lock()
		if p.frozen { // frozen again between the wait and the lock
			p.mu.Unlock()
			p.fwd.RUnlock()
			continue
		}
		if t := p.trig; t != nil && dir == toServer && t.match(chunk) {
			p.trig = nil
			p.freezeLocked()
			p.updateLocked(func(s *Stats) { s.Triggered++ })
			close(t.fired)
			if !t.after {
				// Hold the chunk until the freeze ends, then drop it with its
				// connection: the server must never see it.
				p.mu.Unlock()
				p.fwd.RUnlock()
				p.waitThaw(c, held(dir))
				return false
			}
		}
		p.mu.Unlock()
		_, err := dst.Write(chunk)
		p.fwd.RUnlock()
		if err != nil {
			return false
		}
		p.update(func(s *Stats) {
			if dir == toServer {
				s.BytesToServer += int64(len(chunk))
			} else {
				s.BytesToClient += int64(len(chunk))
			}
		})
		return true
	}
}

// setServer records the dialled server connection; it returns false (and
// closes srv) when the connection was torn down during the dial.
func (c *conn) setServer(srv net.Conn) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead {
		_ = srv.Close()
		return false
	}
	c.server = srv
	return true
}

// kill tears the connection down once; abrupt closes with SO_LINGER 0 so
// that both peers see a reset.
func (c *conn) kill(abrupt bool) {
	c.mu.Lock()
	if c.dead {
		c.mu.Unlock()
		return
	}
	c.dead = true
	srv := c.server
	c.mu.Unlock()
	c.cancel()
	for _, nc := range []net.Conn{c.client, srv} {
		if nc == nil {
			continue
		}
		if tc, ok := nc.(*net.TCPConn); ok && abrupt {
			_ = tc.SetLinger(0)
		}
		_ = nc.Close()
	}
}
