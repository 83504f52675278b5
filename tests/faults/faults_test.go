package faults_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/faultproxy"
)

// deadline is the context deadline of the deadline scenarios; an operation
// must return within deadline+slack of its start.
const (
	deadline = 2 * time.Second
	slack    = time.Second
)

func init() {
	scenarios = append(scenarios,
		scenario{"freeze_during_count", freezeDuringCount},
		scenario{"freeze_during_atomic", freezeDuringAtomic},
		scenario{"freeze_before_commit", func(t *testing.T, f *fixture) { freezeAtCommit(t, f, false) }},
		scenario{"freeze_after_commit", func(t *testing.T, f *fixture) { freezeAtCommit(t, f, true) }},
		scenario{"session_killed_before_commit", sessionKilledBeforeCommit},
		scenario{"unique_violation_in_atomic", uniqueViolationInAtomic},
		scenario{"deadline_before_commit", deadlineBeforeCommit},
		scenario{"reset_during_query", resetDuringQuery},
		scenario{"delay_50ms", delay50ms},
		scenario{"cancel_while_dialling", cancelWhileDialling},
	)
}

// freezeDuringCount: the network stops during a SELECT; the 2s deadline
// must end it.
func freezeDuringCount(t *testing.T, f *fixture) {
	f.warm(t)
	f.p.Freeze()
	start := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(deadline))
	defer cancel()
	o := f.guard(t, start, func() error { _, err := f.mine().Count(ctx); return err })
	returnsWithin(t, "Count on a frozen network with a 2s deadline", o, deadline+slack)
	wantErrIs(t, "Count on a frozen network", o, context.DeadlineExceeded)
	f.recovers(t)
}

// freezeDuringAtomic: inside Atomic (2s deadline) the network stops before
// a Create and a Count.
func freezeDuringAtomic(t *testing.T, f *fixture) {
	f.warm(t)
	start := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(deadline))
	defer cancel()
	o := f.guard(t, start, func() error {
		return orm.Atomic(ctx, f.db, func(ctx context.Context) error {
			f.p.Freeze()
			if err := f.db.Create(ctx, f.row("a")); err != nil {
				return err
			}
			_, err := f.mine().Count(ctx)
			return err
		})
	})
	returnsWithin(t, "Atomic frozen in fn with a 2s deadline", o, deadline+slack)
	wantErrIs(t, "Atomic frozen in fn", o, context.DeadlineExceeded)
	wantNotErrIs(t, "Atomic frozen in fn (COMMIT was never sent)", o, orm.ErrCommitOutcomeUnknown)
	f.p.Thaw()
	if n := f.committed(t); n != 0 {
		t.Errorf("Atomic failed before COMMIT, yet %d rows are committed", n)
	}
	f.recovers(t)
}

// freezeAtCommit: the network stops exactly at COMMIT, before the server
// gets it (after == false: it never does) or after (the server commits,
// its answer is lost). Either way the client cannot know: Atomic must say
// ErrCommitOutcomeUnknown within the deadline, and the table then holds
// none or all of the block's rows, as the fault decided.
func freezeAtCommit(t *testing.T, f *fixture, after bool) {
	f.warm(t)
	fired := f.p.FreezeOnClientBytes(f.b.isCommitMsg, after)
	start := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(deadline))
	defer cancel()
	o := f.guard(t, start, func() error {
		return orm.Atomic(ctx, f.db, func(ctx context.Context) error {
			if err := f.db.Create(ctx, f.row("a")); err != nil {
				return err
			}
			return f.db.Create(ctx, f.row("b"))
		})
	})
	select {
	case <-fired:
	default:
		f.p.Thaw()
		t.Fatalf("the COMMIT never reached the proxy (the trigger did not fire); Atomic %s", o)
	}
	returnsWithin(t, "Atomic frozen at COMMIT with a 2s deadline", o, deadline+slack)
	wantErrIs(t, "Atomic frozen at COMMIT", o, orm.ErrCommitOutcomeUnknown)
	if after && !o.hung {
		// The server's answer to COMMIT reached the proxy: it has committed.
		f.statsWait(t, "the server's answer to COMMIT", func(s faultproxy.Stats) bool { return s.HeldToClient > 0 })
	}
	f.p.Thaw()
	n := f.committed(t)
	switch {
	case n != 0 && n != 2:
		t.Errorf("a partial commit: %d of the block's 2 rows", n)
	case after && n != 2:
		t.Errorf("the server ran COMMIT (its answer was lost), yet %d rows are committed, want 2", n)
	case !after && n != 0:
		t.Errorf("the server never saw COMMIT, yet %d rows are committed, want 0", n)
	}
	f.recovers(t)
}

// sessionID returns the server's id of the session running ctx's transaction.
func (f *fixture) sessionID(ctx context.Context) (int64, error) {
	q := orm.SQLText("SELECT pg_backend_pid() AS id")
	if f.b.kind == "mysql" {
		q = "SELECT CONNECTION_ID() AS id"
	}
	rows, err := orm.Raw[FaultRow](f.db, q).All(ctx)
	if err != nil {
		return 0, err
	}
	if len(rows) != 1 || rows[0].ID == 0 {
		return 0, fmt.Errorf("reading the session id: %d rows", len(rows))
	}
	return rows[0].ID, nil
}

// killSession ends session id from a direct connection and waits until
// the server has ended it.
func (f *fixture) killSession(ctx context.Context, id int64) error {
	if f.b.kind == "postgres" {
		var ok bool
		// With a timeout, pg_terminate_backend waits for the backend to exit.
		if err := f.b.admin.QueryRowContext(ctx, "SELECT pg_terminate_backend($1, 5000)", id).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("backend %d did not exit within 5s", id)
		}
		return nil
	}
	if _, err := f.b.admin.ExecContext(ctx, "KILL "+strconv.FormatInt(id, 10)); err != nil {
		return err
	}
	// KILL only flags the session: poll the process list until it is gone.
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		var n int
		if err := f.b.admin.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.processlist WHERE id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return fmt.Errorf("session %d still listed after KILL: %w", id, ctx.Err())
		}
	}
}

// sessionKilledBeforeCommit: another connection kills the transaction's
// session just before COMMIT. The client learns it only by sending COMMIT
// on a dead session: Atomic must say ErrCommitOutcomeUnknown (not a bare
// "bad connection"), and nothing is committed.
func sessionKilledBeforeCommit(t *testing.T, f *fixture) {
	f.warm(t)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var killErr error
	o := f.guard(t, start, func() error {
		return orm.Atomic(ctx, f.db, func(ctx context.Context) error {
			if err := f.db.Create(ctx, f.row("a")); err != nil {
				return err
			}
			if err := f.db.Create(ctx, f.row("b")); err != nil {
				return err
			}
			id, err := f.sessionID(ctx)
			if err != nil {
				return err
			}
			kctx, kcancel := context.WithTimeout(context.Background(), 6*time.Second)
			defer kcancel()
			killErr = f.killSession(kctx, id)
			return killErr
		})
	})
	if o.leaked {
		return
	}
	if killErr != nil {
		t.Fatalf("killing the session: %v (Atomic %s)", killErr, o)
	}
	returnsWithin(t, "Atomic whose session was killed", o, 8*time.Second)
	wantErrIs(t, "Atomic whose session was killed before COMMIT", o, orm.ErrCommitOutcomeUnknown)
	if n := f.committed(t); n != 0 {
		t.Errorf("the session died before COMMIT, yet %d of 2 rows are committed", n)
	}
	f.recovers(t)
}

// uniqueViolationInAtomic: a constraint violation is no ambiguity: an
// IntegrityError, not ErrCommitOutcomeUnknown, and the block's rows are gone.
func uniqueViolationInAtomic(t *testing.T, f *fixture) {
	ctx, cancel := setupCtx()
	defer cancel()
	if err := f.db.Create(ctx, f.row("dup")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	o := f.guard(t, start, func() error {
		return orm.Atomic(ctx, f.db, func(ctx context.Context) error {
			if err := f.db.Create(ctx, f.row("a")); err != nil {
				return err
			}
			return f.db.Create(ctx, f.row("dup"))
		})
	})
	returnsWithin(t, "Atomic with a unique violation", o, 2*time.Second)
	var ie *orm.IntegrityError
	if !errors.As(o.err, &ie) || ie.Kind != "unique" {
		t.Errorf("want a unique IntegrityError; Atomic %s", o)
	}
	wantNotErrIs(t, "a unique violation", o, orm.ErrCommitOutcomeUnknown)
	if n := f.committed(t); n != 1 {
		t.Errorf("only the row created before the block may remain: %d rows", n)
	}
	f.recovers(t)
}

// deadlineBeforeCommit: the deadline expires during a statement of fn (the
// network stopped), so COMMIT is never sent: the error is the deadline's,
// not ErrCommitOutcomeUnknown, and the rows written before are rolled back.
func deadlineBeforeCommit(t *testing.T, f *fixture) {
	f.warm(t)
	commit := f.p.FreezeOnClientBytes(f.b.isCommitMsg, false) // would catch a COMMIT sent after all
	start := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(deadline))
	defer cancel()
	o := f.guard(t, start, func() error {
		return orm.Atomic(ctx, f.db, func(ctx context.Context) error {
			if err := f.db.Create(ctx, f.row("a")); err != nil {
				return err
			}
			if err := f.db.Create(ctx, f.row("b")); err != nil {
				return err
			}
			f.p.Freeze()
			_, err := f.mine().Count(ctx)
			return err
		})
	})
	select {
	case <-commit:
		t.Errorf("COMMIT was sent although fn failed")
	default:
	}
	returnsWithin(t, "Atomic whose statement outlives the 2s deadline", o, deadline+slack)
	wantErrIs(t, "Atomic whose statement outlives the deadline", o, context.DeadlineExceeded)
	wantNotErrIs(t, "a deadline before COMMIT", o, orm.ErrCommitOutcomeUnknown)
	f.p.Thaw()
	if n := f.committed(t); n != 0 {
		t.Errorf("fn failed, yet %d of its 2 rows are committed", n)
	}
	f.recovers(t)
}

// resetDuringQuery: every connection is reset while the server runs a
// query (its answer held): the query fails, without hanging or panicking,
// and the pool then recovers.
func resetDuringQuery(t *testing.T, f *fixture) {
	f.warm(t)
	// A query shape of its own, so pgx sends its text (a cached statement
	// is only bound and executed).
	qs := f.mine().Filter(orm.Q{"name__endswith": "reset"})
	fired := f.p.FreezeOnClientBytes(f.b.isCountQuery, true)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	reset := make(chan struct{})
	go func() {
		defer close(reset)
		select {
		case <-fired:
			f.p.Reset()
			f.p.Thaw()
		case <-time.After(hangBound):
		}
	}()
	o := f.guard(t, start, func() error { _, err := qs.Count(ctx); return err })
	<-reset
	select {
	case <-fired:
	default:
		t.Fatalf("the Count never reached the proxy (the trigger did not fire); Count %s", o)
	}
	returnsWithin(t, "Count on a reset connection", o, 2*time.Second)
	if o.err == nil && !o.hung {
		t.Errorf("Count whose connection was reset during the query must fail; it %s", o)
	}
	f.recovers(t)
}

// delay50ms: 50ms more on every chunk each way: everything works, and
// deadlines longer than what an operation takes hold.
func delay50ms(t *testing.T, f *fixture) {
	f.warm(t)
	const d = 50 * time.Millisecond
	f.p.SetDelay(d)
	type step struct {
		name string
		op   func(ctx context.Context) error
	}
	count := func(want int64) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			n, err := f.mine().Count(ctx)
			if err == nil && n != want {
				err = fmt.Errorf("Count = %d, want %d", n, want)
			}
			return err
		}
	}
	steps := []step{
		{"Create", func(ctx context.Context) error { return f.db.Create(ctx, f.row("a")) }},
		{"Count", count(1)},
		{"Atomic with two Creates", func(ctx context.Context) error {
			return orm.Atomic(ctx, f.db, func(ctx context.Context) error {
				if err := f.db.Create(ctx, f.row("b")); err != nil {
					return err
				}
				return f.db.Create(ctx, f.row("c"))
			})
		}},
		{"Count after the Atomic", count(3)},
		{"Get", func(ctx context.Context) error {
			_, err := f.mine().Get(ctx, orm.Q{"name": f.prefix + "b"})
			return err
		}},
	}
	for _, s := range steps {
		start := time.Now()
		ctx, cancel := context.WithDeadline(context.Background(), start.Add(deadline))
		o := f.guard(t, start, func() error { return s.op(ctx) })
		cancel()
		if !returnsWithin(t, s.name+" with 50ms per chunk and a 2s deadline", o, deadline) || o.err != nil {
			t.Errorf("%s with 50ms per chunk and a 2s deadline: %s", s.name, o)
			continue
		}
		if o.took < 2*d {
			t.Errorf("%s took %v: the proxy's delay (2×%v per round trip) is not in the path", s.name, o.took, d)
		}
	}
	if n := f.committed(t); n != 3 {
		t.Errorf("committed rows: %d, want 3", n)
	}
	f.recovers(t)
}

// cancelWhileDialling: the pool has no connection and the network is down
// when the query starts; cancelling it ends it with an error wrapping
// context.Canceled.
func cancelWhileDialling(t *testing.T, f *fixture) {
	sdb := f.db.SQLDB()
	if n := sdb.Stats().OpenConnections; n != 0 {
		sdb.SetMaxIdleConns(-1) // closes the idle ones
		sdb.SetMaxIdleConns(2)
		if n := sdb.Stats().OpenConnections; n != 0 {
			t.Fatalf("the pool still holds %d connections", n)
		}
	}
	accepted := f.p.Stats().Accepted
	f.p.Freeze()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	cancelled := make(chan time.Duration, 1)
	go func() {
		wctx, wcancel := context.WithTimeout(context.Background(), hangBound)
		defer wcancel()
		// The driver's dial has reached the proxy: the query is dialling.
		_ = f.p.Wait(wctx, func(s faultproxy.Stats) bool { return s.Accepted > accepted })
		cancel()
		cancelled <- time.Since(start)
	}()
	o := f.guard(t, start, func() error { _, err := f.mine().Count(ctx); return err })
	at := <-cancelled
	if f.p.Stats().Accepted == accepted {
		t.Fatalf("the query never dialled the proxy; Count %s", o)
	}
	if o.hung || o.panicked != nil || o.took > at+slack {
		t.Errorf("Count cancelled while dialling (cancelled at %.2fs) must return within %v of the cancel: it %s", at.Seconds(), slack, o)
	} else {
		t.Logf("Count cancelled while dialling (cancelled at %.2fs): %s", at.Seconds(), o)
	}
	wantErrIs(t, "Count cancelled while dialling", o, context.Canceled)
	f.recovers(t)
}
