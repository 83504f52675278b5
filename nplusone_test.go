package orm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// The classic N+1: a loop over books touching each book's author. The
// report names the relation, the line and the fix; SelectRelated makes it
// go away.
func TestNPlusOneForeignKey(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, det := orm.DetectNPlusOne(context.Background())
		books, err := orm.Objects[Book](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var at string
		for _, b := range books {
			_, err := b.Author.Get(ctx)
			at = lineAbove()
			if err != nil {
				t.Fatal(err)
			}
		}
		reports := det.Reports()
		if len(reports) != 1 {
			t.Fatalf("one repeated statement, got %d: %v", len(reports), reports)
		}
		r := reports[0]
		if r.Lazy == nil || r.Lazy.String() != "Book.author" || r.Lazy.Many {
			t.Fatalf("the report names the relation Book.author: %+v", r.Lazy)
		}
		if r.Count != len(books) || r.Distinct != 4 || r.Caller != at || len(r.Args) != 3 {
			t.Errorf("count %d (want %d), distinct %d (want 4 authors), caller %q (want %q), %d args kept",
				r.Count, len(books), r.Distinct, r.Caller, at, len(r.Args))
		}
		if !strings.Contains(r.Fix(), `SelectRelated("author")`) || !strings.Contains(r.String(), at) {
			t.Errorf("fix %q; report %q", r.Fix(), r)
		}
		err = det.Err()
		var ne *orm.NPlusOneError
		if !errors.As(err, &ne) || !errors.Is(err, orm.ErrNPlusOne) || errors.Is(err, orm.ErrFetchBlocked) || len(ne.Reports) != 1 {
			t.Errorf("Err: %v", err)
		}

		ctx, det = orm.DetectNPlusOne(context.Background())
		books, err = orm.Objects[Book](db).SelectRelated("author").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range books {
			if _, err := b.Author.Get(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if det.Err() != nil {
			t.Errorf("with SelectRelated: %v", det.Err())
		}
	})
}

// Related managers in a loop (a reverse foreign key, a many-to-many
// field) are fixed by PrefetchRelated.
func TestNPlusOneRelatedManagers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, det := orm.DetectNPlusOne(context.Background())
		authors, err := orm.Objects[Author](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range authors {
			if _, err := orm.Related[Book](a, "books").All(ctx); err != nil {
				t.Fatal(err)
			}
		}
		books, err := orm.Objects[Book](db).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range books {
			if _, err := orm.Related[Tag](b, "tags").All(ctx); err != nil {
				t.Fatal(err)
			}
		}
		reports := det.Reports()
		if len(reports) != 2 {
			t.Fatalf("two repeated statements, got %v", reports)
		}
		for i, want := range []string{`PrefetchRelated("books")`, `PrefetchRelated("tags")`} {
			if r := reports[i]; r.Lazy == nil || !r.Lazy.Many || !strings.HasPrefix(r.Fix(), want) {
				t.Errorf("report %d: %v; want the fix %s", i, r, want)
			}
		}

		ctx, det = orm.DetectNPlusOne(context.Background())
		authors, err = orm.Objects[Author](db).PrefetchRelated("books").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range authors {
			if _, err := orm.Related[Book](a, "books").All(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if det.Err() != nil {
			t.Errorf("with PrefetchRelated: %v", det.Err())
		}
	})
}

// Below the threshold, from different lines, or writes: no report. The
// same query from one line is reported once, when it reaches the
// threshold, with the final count kept in the detector.
func TestNPlusOneThresholdAndCallSites(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		var called []orm.NPlusOneReport
		ctx, det := orm.DetectNPlusOne(context.Background(), orm.NPlusOneThreshold(4),
			orm.OnNPlusOne(func(_ context.Context, r orm.NPlusOneReport) { called = append(called, r) }))
		count := func(author int) {
			if _, err := orm.Objects[Book](db).Filter(orm.Q{"author": author}).Count(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for a := 1; a <= 3; a++ {
			count(a) // three runs from this line: under the threshold
		}
		for a := 1; a <= 3; a++ {
			if _, err := orm.Objects[Book](db).Filter(orm.Q{"author": a}).Count(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < 5; i++ {
			if err := db.Save(ctx, &Tag{Name: "t"}); err != nil {
				t.Fatal(err)
			}
		}
		if det.Err() != nil || len(called) != 0 {
			t.Fatalf("three runs from each of two lines, and writes: %v", det.Err())
		}
		count(4)
		count(4)
		if len(called) != 1 || called[0].Count != 4 || called[0].Lazy != nil {
			t.Fatalf("reported once at the threshold: %v", called)
		}
		if r := det.Reports(); len(r) != 1 || r[0].Count != 5 || r[0].Distinct != 4 {
			t.Errorf("the detector keeps the final count (5, 4 distinct): %v", r)
		}
		if !strings.Contains(called[0].Fix(), "__in") {
			t.Errorf("fix of a repeated query: %q", called[0].Fix())
		}
		det.Reset()
		if det.Err() != nil {
			t.Errorf("after Reset: %v", det.Err())
		}
	})
}

// RaiseNPlusOne refuses the lazy load that reaches the threshold, as
// FetchMode(Raise) refuses every lazy load; the loads before it ran.
func TestNPlusOneRaise(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, det := orm.DetectNPlusOne(context.Background(), orm.RaiseNPlusOne())
		books, err := orm.Objects[Book](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cctx, captured := orm.CaptureQueries(ctx)
		var loaded int
		for _, b := range books {
			if _, err = b.Author.Get(cctx); err != nil {
				break
			}
			loaded++
		}
		if loaded != 2 || captured.Count() != 2 {
			t.Fatalf("two loads ran (%d, %d statements), the third is refused", loaded, captured.Count())
		}
		if !errors.Is(err, orm.ErrNPlusOne) || !errors.Is(err, orm.ErrFetchBlocked) || !strings.Contains(err.Error(), `SelectRelated("author")`) {
			t.Errorf("refusal: %v", err)
		}
		if r := det.Reports(); len(r) != 1 || r[0].Count != 3 {
			t.Errorf("the refused load is reported: %v", r)
		}
	})
}

// WithNPlusOneDetection: each cancellable context's lifetime is a unit of
// work on that database; a context never cancelled is none.
func TestNPlusOneDatabaseOption(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		var reports []orm.NPlusOneReport
		ndb := withOptions(t, db, orm.WithNPlusOneDetection(orm.OnNPlusOne(func(_ context.Context, r orm.NPlusOneReport) {
			reports = append(reports, r)
		})))
		loop := func(ctx context.Context) {
			books, err := orm.Objects[Book](ndb).OrderBy("id").All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range books {
				if _, err := b.Author.Get(ctx); err != nil {
					t.Fatal(err)
				}
			}
		}
		loop(context.Background())
		if len(reports) != 0 {
			t.Fatalf("context.Background() is no unit of work: %v", reports)
		}
		for i := 0; i < 2; i++ {
			ctx, cancel := context.WithCancel(context.Background())
			loop(ctx)
			cancel()
			if len(reports) != i+1 || reports[i].Lazy == nil || reports[i].Lazy.String() != "Book.author" {
				t.Fatalf("unit %d: %v", i, reports)
			}
		}
		// A DetectNPlusOne scope takes over on its context.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		sctx, det := orm.DetectNPlusOne(ctx)
		loop(sctx)
		if len(reports) != 2 || det.Err() == nil {
			t.Errorf("a DetectNPlusOne scope reports to its own detector: %d database reports, scope: %v", len(reports), det.Err())
		}
	})
}

// ExampleDetectNPlusOne finds the lazy loads of a loop and names the fix.
func ExampleDetectNPlusOne() {
	db := exampleDB()
	defer db.Close()
	ctx, det := orm.DetectNPlusOne(context.Background(), orm.NPlusOneThreshold(2))
	books, _ := orm.Objects[ExBook](db).All(ctx)
	for _, b := range books {
		_, _ = b.Author.Get(ctx) // one query per book
	}
	for _, r := range det.Reports() {
		fmt.Println(r.Lazy, r.Count, r.Fix())
	}
	// Output:
	// ExBook.author 3 SelectRelated("author") on the query that loads the ExBook objects
}
