package faults_test

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/djorm/orm"
)

func init() {
	scenarios = append(scenarios, scenario{"open_silent_server", openSilentServer})
}

// silentServer accepts connections and never answers.
type silentServer struct {
	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
}

func newSilentServer(t *testing.T) *silentServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &silentServer{ln: ln}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns = append(s.conns, c)
			s.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		s.wg.Wait()
		s.reset()
	})
	return s
}

// reset closes every accepted connection abruptly.
func (s *silentServer) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		_ = c.Close()
	}
	s.conns = nil
}

// openSilentServer: OpenContext against a server that accepts and never
// answers must give up at the context's deadline.
func openSilentServer(t *testing.T, f *fixture) {
	s := newSilentServer(t)
	start := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(deadline))
	defer cancel()
	var db *orm.DB
	o := f.guard(t, start, func() error {
		var err error
		db, err = orm.OpenContext(ctx, f.b.driver, f.b.dsnAt(s.ln.Addr().String()))
		return err
	}, unblocker{"closing the silent server's connections", s.reset})
	if !o.leaked && db != nil {
		_ = db.Close()
		t.Errorf("OpenContext against a silent server returned a database")
	}
	returnsWithin(t, "OpenContext against a silent server with a 2s deadline", o, deadline+slack)
	wantErrIs(t, "OpenContext against a silent server", o, context.DeadlineExceeded)
}
