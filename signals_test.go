package orm_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// Save and delete signals run around Create, Save and Delete on the DB
// they are registered on; an error from a pre signal stops the write.
func TestSignals(t *testing.T) {
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		testkit.LoadBookstore(t, shared)
		ctx := context.Background()
		// Receivers live on a DB: this test's own, so other tests on the
		// shared one run without them.
		db := orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect())
		var log []string
		veto := errors.New("vetoed")
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(orm.OnPreSave(db, func(ctx context.Context, b *Book, created bool) error {
			log = append(log, fmt.Sprintf("pre_save %s %v", b.Title, created))
			if b.Title == "forbidden" {
				return veto
			}
			return nil
		}))
		must(orm.OnPostSave(db, func(ctx context.Context, b *Book, created bool) error {
			log = append(log, fmt.Sprintf("post_save %s %v id>0=%v", b.Title, created, b.ID > 0))
			return nil
		}))
		must(orm.OnPreDelete(db, func(ctx context.Context, b *Book) error {
			log = append(log, "pre_delete "+b.Title)
			return nil
		}))
		must(orm.OnPostDelete(db, func(ctx context.Context, b *Book) error {
			log = append(log, fmt.Sprintf("post_delete %s id>0=%v", b.Title, b.ID > 0))
			return nil
		}))
		a, _ := orm.Objects[Author](db).OrderBy("id").First(ctx)
		b := &Book{Title: "new", Author: orm.Ref(a), Price: decimal.NewFromInt(1)}
		must(db.Create(ctx, b))
		b.Title = "renamed"
		must(db.Save(ctx, b))
		must(db.Save(ctx, b, "title"))
		_, err := db.Delete(ctx, b)
		must(err)
		if err := db.Create(ctx, &Book{Title: "forbidden", Author: orm.Ref(a), Price: decimal.NewFromInt(1)}); !errors.Is(err, veto) {
			t.Errorf("a vetoing pre_save: %v", err)
		}
		// Bulk writes and QuerySet.Update send none, as in Django.
		must(orm.Objects[Book](db).BulkCreate(ctx, []*Book{{Title: "bulk", Author: orm.Ref(a), Price: decimal.NewFromInt(1)}}))
		_, err = orm.Objects[Book](db).Filter(orm.Q{"title": "bulk"}).Update(ctx, orm.Set{"title": "bulk2"})
		must(err)
		want := []string{
			"pre_save new true", "post_save new true id>0=true",
			"pre_save renamed false", "post_save renamed false id>0=true",
			"pre_save renamed false", "post_save renamed false id>0=true",
			"pre_delete renamed", "post_delete renamed id>0=true",
			"pre_save forbidden true",
		}
		if fmt.Sprint(log) != fmt.Sprint(want) {
			t.Errorf("signals:\n got %q\nwant %q", log, want)
		}
		n, _ := orm.Objects[Book](db).Filter(orm.Q{"title": "forbidden"}).Count(ctx)
		if n != 0 {
			t.Error("the vetoed book was written")
		}
		if err := orm.OnPreSave[Book](db, nil); err == nil {
			t.Error("a nil signal function: no error")
		}
		if err := orm.OnPreSave(db, func(context.Context, *struct{ X int }, bool) error { return nil }); err == nil {
			t.Error("a signal on a type that is not a model: no error")
		}
	})
}

// Receivers are registered while other goroutines save: every write sees a
// consistent set (run with -race), and once registration is done each
// Create runs every receiver exactly once.
func TestSignalRegistrationWhileWriting(t *testing.T) {
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		ownTables(t, shared, sigModels...)
		ctx := context.Background()
		db := orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect())
		var calls atomic.Int64
		const workers, each = 4, 5
		var wg sync.WaitGroup
		errs := make(chan error, workers*(each+1))
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- orm.OnPostSave(db, func(context.Context, *SigPerson, bool) error { calls.Add(1); return nil })
				for i := 0; i < each; i++ {
					errs <- db.Create(ctx, &SigPerson{FirstName: fmt.Sprint(w), LastName: fmt.Sprint(i)})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		before := calls.Load()
		if before < workers*each || before > workers*workers*each {
			t.Errorf("%d receiver calls during registration, want between %d and %d", before, workers*each, workers*workers*each)
		}
		if err := db.Create(ctx, &SigPerson{FirstName: "last"}); err != nil {
			t.Fatal(err)
		}
		if got := calls.Load() - before; got != workers {
			t.Errorf("a Create after registration ran %d receivers, want %d", got, workers)
		}
	})
}
