package orm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Stock is a row goroutines fight over.
type Stock struct {
	orm.Model
	Name string `orm:"max_length=30,unique"`
	Qty  int
}

func init() { orm.MustRegister(&Stock{}) }

func freshStock(t *testing.T, db *orm.DB) { freshTables(t, db, &Stock{}) }

// freshTables drops and creates the tables of models.
func freshTables(t *testing.T, db *orm.DB, models ...any) {
	t.Helper()
	ctx := context.Background()
	if err := db.DropTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
}

func stockNames(t *testing.T, db *orm.DB) string {
	t.Helper()
	names, err := orm.Objects[Stock](db).OrderBy("name").ValuesList("name").Flat().All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(names)
}

func TestAtomicSavepointsPanicsAndOnCommit(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx := context.Background()
		var ran []string
		err := orm.Atomic(ctx, db, func(ctx context.Context) error {
			orm.OnCommit(ctx, db, func() { ran = append(ran, "outer") })
			if err := db.Create(ctx, &Stock{Name: "a"}); err != nil {
				return err
			}
			err := orm.Atomic(ctx, db, func(ctx context.Context) error {
				orm.OnCommit(ctx, db, func() { ran = append(ran, "rolled back inner") })
				if err := db.Create(ctx, &Stock{Name: "b"}); err != nil {
					return err
				}
				return errors.New("inner fails")
			})
			if err == nil || err.Error() != "inner fails" {
				return fmt.Errorf("inner error: %v", err)
			}
			func() {
				defer func() {
					if p := recover(); p != "boom" {
						t.Errorf("the panic must be re-raised, got %v", p)
					}
				}()
				_ = orm.Atomic(ctx, db, func(ctx context.Context) error {
					if err := db.Create(ctx, &Stock{Name: "c"}); err != nil {
						return err
					}
					panic("boom")
				})
			}()
			if err := orm.Atomic(ctx, db, func(ctx context.Context) error { return nil }, orm.Durable()); !errors.Is(err, orm.ErrDurableNested) {
				return fmt.Errorf("durable nested: %v", err)
			}
			if len(ran) != 0 {
				return fmt.Errorf("OnCommit ran before the commit: %v", ran)
			}
			return db.Create(ctx, &Stock{Name: "d"})
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := stockNames(t, db); got != "[a d]" {
			t.Errorf("exactly the inner work is gone: %s", got)
		}
		if fmt.Sprint(ran) != "[outer]" {
			t.Errorf("OnCommit hooks: %v", ran)
		}
		ran = nil
		_ = orm.Atomic(ctx, db, func(ctx context.Context) error {
			orm.OnCommit(ctx, db, func() { ran = append(ran, "x") })
			return errors.New("rollback")
		})
		if len(ran) != 0 || stockNames(t, db) != "[a d]" {
			t.Errorf("a rolled-back block runs no hooks: %v", ran)
		}
		// Outside a transaction OnCommit runs at once.
		orm.OnCommit(ctx, db, func() { ran = append(ran, "now") })
		if fmt.Sprint(ran) != "[now]" {
			t.Errorf("OnCommit outside a transaction: %v", ran)
		}
	})
}

func TestBrokenTransaction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx := context.Background()
		if err := db.Create(ctx, &Stock{Name: "dup"}); err != nil {
			t.Fatal(err)
		}
		err := orm.Atomic(ctx, db, func(ctx context.Context) error {
			if err := db.Create(ctx, &Stock{Name: "new"}); err != nil {
				return err
			}
			_ = db.Create(ctx, &Stock{Name: "dup"}) // fails; the caller ignores it
			_, err := orm.Objects[Stock](db).Count(ctx)
			var ie *orm.IntegrityError
			if !errors.Is(err, orm.ErrTxBroken) || !errors.As(err, &ie) {
				return fmt.Errorf("after an unabsorbed error every statement fails with ErrTxBroken: %v", err)
			}
			return nil
		})
		if !errors.Is(err, orm.ErrTxBroken) {
			t.Fatalf("Atomic must roll back a broken transaction and say so: %v", err)
		}
		if got := stockNames(t, db); got != "[dup]" {
			t.Errorf("the broken transaction rolled back: %s", got)
		}
		// A savepoint absorbs the failure.
		err = orm.Atomic(ctx, db, func(ctx context.Context) error {
			if err := db.Create(ctx, &Stock{Name: "new"}); err != nil {
				return err
			}
			inner := orm.Atomic(ctx, db, func(ctx context.Context) error { return db.Create(ctx, &Stock{Name: "dup"}) })
			var ie *orm.IntegrityError
			if !errors.As(inner, &ie) {
				return fmt.Errorf("inner: %v", inner)
			}
			return db.Create(ctx, &Stock{Name: "after"})
		})
		if err != nil || stockNames(t, db) != "[after dup new]" {
			t.Errorf("a savepoint absorbs the error: %v %s", err, stockNames(t, db))
		}
	})
}

func TestCancelAndRetry(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		err := orm.Atomic(ctx, db, func(ctx context.Context) error {
			if err := db.Create(ctx, &Stock{Name: "x"}); err != nil {
				return err
			}
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) || stockNames(t, db) != "[]" {
			t.Errorf("a cancelled context rolls back and returns its error: %v %s", err, stockNames(t, db))
		}
		calls := 0
		err = orm.Atomic(context.Background(), db, func(ctx context.Context) error {
			calls++
			if err := db.Create(ctx, &Stock{Name: fmt.Sprint("try", calls)}); err != nil {
				return err
			}
			if calls < 3 {
				return fmt.Errorf("simulated: %w", orm.ErrRetryable)
			}
			return nil
		}, orm.Retry(3))
		if err != nil || calls != 3 || stockNames(t, db) != "[try3]" {
			t.Errorf("Retry re-runs the block: calls=%d err=%v rows=%s", calls, err, stockNames(t, db))
		}
		err = orm.Atomic(context.Background(), db, func(ctx context.Context) error {
			return fmt.Errorf("always: %w", orm.ErrRetryable)
		}, orm.Retry(1))
		if !errors.Is(err, orm.ErrRetryable) {
			t.Errorf("Retry gives up after n retries: %v", err)
		}
	})
}

func TestBulkWritesAreAllOrNothing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx := context.Background()
		objs := make([]*Stock, 1000)
		for i := range objs {
			objs[i] = &Stock{Name: fmt.Sprintf("s%04d", i), Qty: i}
		}
		objs[650].Name = "s0001" // a duplicate in batch 7
		cctx, captured := orm.CaptureQueries(ctx)
		err := orm.Objects[Stock](db).BulkCreate(cctx, objs, orm.BatchSize(100))
		var ie *orm.IntegrityError
		if !errors.As(err, &ie) {
			t.Fatalf("want an IntegrityError, got %v", err)
		}
		if n, _ := orm.Objects[Stock](db).Count(ctx); n != 0 {
			t.Fatalf("a failing batch leaves none written: %d rows", n)
		}
		if captured.Count() != 7 {
			t.Errorf("batches sent before the failure: %d, want 7", captured.Count())
		}
		objs[650].Name = "s0650"
		captured.Reset()
		if err := orm.Objects[Stock](db).BulkCreate(cctx, objs, orm.BatchSize(100)); err != nil {
			t.Fatal(err)
		}
		if captured.Count() != 10 {
			t.Errorf("1000 rows in batches of 100: %d statements", captured.Count())
		}
		for _, o := range objs {
			o.Qty = -o.Qty
		}
		captured.Reset()
		n, err := orm.Objects[Stock](db).BulkUpdate(cctx, objs, []string{"qty"}, orm.BatchSize(300))
		if err != nil || n != 1000 || captured.Count() != 4 {
			t.Errorf("BulkUpdate: %d rows in %d statements, %v", n, captured.Count(), err)
		}
		sum, _ := orm.Objects[Stock](db).Aggregate(ctx, orm.Sum("qty"))
		if sum["qty__sum"] != int64(-499500) {
			t.Errorf("after BulkUpdate the sum is %v", sum["qty__sum"])
		}
		// Conflicts.
		dupes := []*Stock{{Name: "s0001", Qty: 7}, {Name: "zzz", Qty: 1}}
		if err := orm.Objects[Stock](db).BulkCreate(ctx, dupes, orm.IgnoreConflicts()); err != nil {
			t.Fatal(err)
		}
		if n, _ := orm.Objects[Stock](db).Count(ctx); n != 1001 {
			t.Errorf("IgnoreConflicts inserts the others: %d", n)
		}
		up := []*Stock{{Name: "s0002", Qty: 99}}
		if err := orm.Objects[Stock](db).BulkCreate(ctx, up, orm.UpdateConflicts([]string{"name"}, []string{"qty"})); err != nil {
			t.Fatal(err)
		}
		if s, _ := orm.Objects[Stock](db).Get(ctx, orm.Q{"name": "s0002"}); s.Qty != 99 {
			t.Errorf("UpdateConflicts updates: %d", s.Qty)
		}
	})
}

func TestTooManyParameters(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ids := make([]int, 70000)
		for i := range ids {
			ids[i] = i + 1
		}
		ctx, captured := orm.CaptureQueries(context.Background())
		_, err := orm.Objects[Stock](db).Filter(orm.Q{"pk__in": ids}).Count(ctx)
		var tm *orm.TooManyParametersError
		if !errors.As(err, &tm) || tm.Got != 70000 || captured.Count() != 0 {
			t.Errorf("want TooManyParametersError before sending: %v (%d sent)", err, captured.Count())
		}
		// InBulk splits what it can.
		m, err := orm.Objects[Stock](db).InBulk(ctx, anySlice(ids)...)
		if err != nil || len(m) != 0 {
			t.Errorf("InBulk of many ids is split into batches: %v", err)
		}
	})
}

func anySlice(ids []int) []any {
	out := make([]any, len(ids))
	for i, v := range ids {
		out[i] = v
	}
	return out
}

func TestSelectForUpdateRules(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx := context.Background()
		if err := db.Create(ctx, &Stock{Name: "a", Qty: 1}); err != nil {
			t.Fatal(err)
		}
		_, err := orm.Objects[Stock](db).SelectForUpdate().All(ctx)
		if !errors.Is(err, orm.ErrTransactionManagement) {
			t.Errorf("outside a transaction: %v", err)
		}
		err = orm.Atomic(ctx, db, func(ctx context.Context) error {
			_, err := orm.Objects[Stock](db).SelectForUpdate().Get(ctx, orm.Q{"name": "a"})
			return err
		})
		var ns *orm.NotSupportedError
		if strings.HasSuffix(t.Name(), "sqlite") {
			if !errors.As(err, &ns) {
				t.Errorf("SQLite has no row locks and says so: %v", err)
			}
			return
		}
		if err != nil {
			t.Errorf("SelectForUpdate in a transaction: %v", err)
		}
	})
}

// lockDB returns the database for the row-lock tests, which need two
// connections and real row locks: PostgreSQL and MariaDB.
func lockDB(t *testing.T, db *orm.DB) bool {
	if strings.HasSuffix(t.Name(), "sqlite") {
		t.Log("SQLite has no row locks (TestSelectForUpdateRules checks it refuses clearly)")
		return false
	}
	return true
}

func TestRowLocksAcrossConnections(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if !lockDB(t, db) {
			return
		}
		freshStock(t, db)
		ctx := context.Background()
		for _, n := range []string{"a", "b", "c"} {
			if err := db.Create(ctx, &Stock{Name: n, Qty: 10}); err != nil {
				t.Fatal(err)
			}
		}
		locked := make(chan struct{})
		release := make(chan struct{})
		holder := make(chan error, 1)
		go func() {
			holder <- orm.Atomic(ctx, db, func(ctx context.Context) error {
				if _, err := orm.Objects[Stock](db).SelectForUpdate().Get(ctx, orm.Q{"name": "a"}); err != nil {
					return err
				}
				close(locked)
				<-release
				_, err := orm.Objects[Stock](db).Filter(orm.Q{"name": "a"}).Update(ctx, orm.Set{"qty": 9})
				return err
			})
		}()
		<-locked
		err := orm.Atomic(ctx, db, func(ctx context.Context) error {
			_, err := orm.Objects[Stock](db).SelectForUpdate(orm.NoWait()).Get(ctx, orm.Q{"name": "a"})
			return err
		})
		if !errors.Is(err, orm.ErrLockNotAvailable) {
			t.Errorf("NoWait on a locked row: %v", err)
		}
		err = orm.Atomic(ctx, db, func(ctx context.Context) error {
			rows, err := orm.Objects[Stock](db).SelectForUpdate(orm.SkipLocked()).OrderBy("name").ValuesList("name").Flat().All(ctx)
			if err == nil && fmt.Sprint(rows) != "[b c]" {
				err = fmt.Errorf("SkipLocked got %v", rows)
			}
			return err
		})
		if err != nil {
			t.Error(err)
		}
		// A plain SelectForUpdate waits for the holder's commit and then
		// sees its write.
		waited := make(chan int, 1)
		var started atomic.Bool
		go func() {
			_ = orm.Atomic(ctx, db, func(ctx context.Context) error {
				started.Store(true)
				s, err := orm.Objects[Stock](db).SelectForUpdate().Get(ctx, orm.Q{"name": "a"})
				if err != nil {
					waited <- -1
					return err
				}
				waited <- s.Qty
				return nil
			})
		}()
		if !testkit.WaitForLockWait(t, db) {
			t.Fatal("the second SelectForUpdate never started waiting for the lock")
		}
		select {
		case q := <-waited:
			t.Fatalf("the second SelectForUpdate returned (%d) while the row was locked", q)
		default:
		}
		close(release)
		if err := <-holder; err != nil {
			t.Fatal(err)
		}
		if q := <-waited; q != 9 {
			t.Errorf("after the commit the waiter sees qty %d, want 9", q)
		}
	})
}

func TestNoLostUpdatesAndGetOrCreateRaces(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if !lockDB(t, db) {
			return
		}
		freshStock(t, db)
		ctx := context.Background()
		if err := db.Create(ctx, &Stock{Name: "widget", Qty: 50}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- orm.Atomic(ctx, db, func(ctx context.Context) error {
					s, err := orm.Objects[Stock](db).SelectForUpdate().Get(ctx, orm.Q{"name": "widget"})
					if err != nil {
						return err
					}
					s.Qty--
					return db.Save(ctx, s, "qty")
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if s, _ := orm.Objects[Stock](db).Get(ctx, orm.Q{"name": "widget"}); s.Qty != 0 {
			t.Errorf("50 decrements under SelectForUpdate: qty %d, want 0", s.Qty)
		}
		ids := make(chan int64, 20)
		created := make(chan bool, 20)
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, made, err := orm.Objects[Stock](db).GetOrCreate(ctx, orm.Q{"name": "gadget"}, orm.Set{"qty": 5})
				if err != nil {
					t.Error(err)
					ids <- 0
					return
				}
				ids <- s.ID
				created <- made
			}()
		}
		wg.Wait()
		close(ids)
		close(created)
		var first int64
		for id := range ids {
			if first == 0 {
				first = id
			}
			if id == 0 || id != first {
				t.Errorf("every caller gets the same row: %d vs %d", id, first)
			}
		}
		n := 0
		for c := range created {
			if c {
				n++
			}
		}
		count, _ := orm.Objects[Stock](db).Filter(orm.Q{"name": "gadget"}).Count(ctx)
		if n != 1 || count != 1 {
			t.Errorf("20 racing GetOrCreate: %d created, %d rows", n, count)
		}
	})
}

func TestCancelledQueryStopsOnServer(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if !lockDB(t, db) {
			return
		}
		freshStock(t, db)
		ctx := context.Background()
		if err := db.Create(ctx, &Stock{Name: "a", Qty: 1}); err != nil {
			t.Fatal(err)
		}
		locked, release := make(chan struct{}), make(chan struct{})
		holder := make(chan error, 1)
		go func() {
			holder <- orm.Atomic(ctx, db, func(ctx context.Context) error {
				if _, err := orm.Objects[Stock](db).SelectForUpdate().All(ctx); err != nil {
					return err
				}
				close(locked)
				<-release
				return nil
			})
		}()
		<-locked
		wctx, cancel := context.WithCancel(ctx)
		waiter := make(chan error, 1)
		go func() {
			waiter <- orm.Atomic(wctx, db, func(ctx context.Context) error {
				_, err := orm.Objects[Stock](db).SelectForUpdate().All(ctx)
				return err
			})
		}()
		if !testkit.WaitForLockWait(t, db) {
			t.Fatal("the waiter never blocked")
		}
		cancel()
		if err := <-waiter; !errors.Is(err, context.Canceled) {
			t.Errorf("a cancelled statement's error wraps ctx.Err(): %v", err)
		}
		if !testkit.WaitNoLockWait(t, db) {
			t.Error("the cancelled statement is still waiting on the server")
		}
		close(release)
		if err := <-holder; err != nil {
			t.Fatal(err)
		}
	})
}

// A nested block without a savepoint that fails breaks the transaction
// even when its error is swallowed (Django's needs_rollback): the outer
// block rolls everything back and reports ErrTxBroken; a savepoint around
// it absorbs the failure, rolling back to the savepoint.
func TestNoSavepointFailureRollsBackTheOuterBlock(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx := context.Background()
		errOops := errors.New("oops")
		merged := func(ctx context.Context) error {
			return orm.Atomic(ctx, db, func(ctx context.Context) error {
				if err := db.Create(ctx, &Stock{Name: "b"}); err != nil {
					return err
				}
				return errOops
			}, orm.NoSavepoint())
		}
		err := orm.Atomic(ctx, db, func(ctx context.Context) error {
			if err := db.Create(ctx, &Stock{Name: "a"}); err != nil {
				return err
			}
			if err := merged(ctx); !errors.Is(err, errOops) {
				t.Errorf("merged block: %v, want oops", err)
			}
			if err := db.Create(ctx, &Stock{Name: "c"}); !errors.Is(err, orm.ErrTxBroken) {
				t.Errorf("statement after the failure: %v, want ErrTxBroken", err)
			}
			return nil // the failure is swallowed
		})
		if !errors.Is(err, orm.ErrTxBroken) || !errors.Is(err, errOops) {
			t.Errorf("outer block: %v, want ErrTxBroken wrapping oops", err)
		}
		if got := stockNames(t, db); got != "[]" {
			t.Errorf("rows %s survived the rollback", got)
		}
		err = orm.Atomic(ctx, db, func(ctx context.Context) error {
			if err := db.Create(ctx, &Stock{Name: "a"}); err != nil {
				return err
			}
			err := orm.Atomic(ctx, db, func(ctx context.Context) error { _ = merged(ctx); return nil })
			if !errors.Is(err, orm.ErrTxBroken) {
				t.Errorf("savepoint block around the failure: %v, want ErrTxBroken", err)
			}
			return db.Create(ctx, &Stock{Name: "c"})
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := stockNames(t, db); got != "[a c]" {
			t.Errorf("rows %s, want [a c]", got)
		}
	})
}
