package orm_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Delete signals run for every object the on_delete collector removes and
// for the rows of QuerySet.Delete, as Django's Collector sends them: all
// pre_delete before any row goes, post_delete after, inside the deleting
// transaction; without receivers a QuerySet.Delete stays one DELETE.
func TestDeleteSignalsForCascadesAndQuerySets(t *testing.T) {
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		testkit.LoadBookstore(t, shared)
		ctx := context.Background()
		// Signals live on a DB: register them on one of this test's own.
		db := orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect())
		var log []string
		record := func(what string) { log = append(log, what) }
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(orm.OnPreDelete(db, func(ctx context.Context, b *Book) error {
			n, err := orm.Objects[Book](db).Filter(orm.Q{"pk": b.ID}).Count(ctx)
			record(fmt.Sprintf("pre book %d present=%v %v", b.ID, n == 1, err))
			return nil
		}))
		must(orm.OnPostDelete(db, func(ctx context.Context, b *Book) error {
			n, err := orm.Objects[Book](db).Filter(orm.Q{"pk": b.ID}).Count(ctx)
			record(fmt.Sprintf("post book %d present=%v %v", b.ID, n == 1, err))
			return nil
		}))
		must(orm.OnPreDelete(db, func(ctx context.Context, r *Review) error {
			record(fmt.Sprintf("pre review %d of book %v", r.ID, r.Book.ID()))
			return nil
		}))
		must(orm.OnPostDelete(db, func(ctx context.Context, a *Author) error {
			record(fmt.Sprintf("post author %d", a.ID))
			return nil
		}))

		// Deleting author 2 cascades to books 2 and 5, and their reviews 3, 4, 5, 6.
		a, err := orm.Objects[Author](db).Get(ctx, orm.Q{"pk": 2})
		must(err)
		_, err = db.Delete(ctx, a)
		must(err)
		want := []string{
			"pre book 2 present=true <nil>", "pre book 5 present=true <nil>",
			"pre review 3 of book 2", "pre review 4 of book 5", "pre review 5 of book 5", "pre review 6 of book 5",
			"post book 2 present=false <nil>", "post book 5 present=false <nil>", "post author 2",
		}
		pre, post := split(log)
		wantPre, wantPost := split(want)
		if !slices.Equal(pre, wantPre) || !slices.Equal(post, wantPost) || !before(log) {
			t.Errorf("cascade signals:\n got %q\nwant %q (all pre before any post)", log, want)
		}

		// QuerySet.Delete with receivers: one pre and one post per row.
		log = nil
		_, err = orm.Objects[Book](db).Filter(orm.Q{"author": 1}).Delete(ctx)
		must(err)
		if pre, post := split(log); len(pre) != 2+2 || len(post) != 2 {
			t.Errorf("queryset delete signals: %q", log)
		}

		// A failing pre_delete rolls everything back.
		veto := fmt.Errorf("keep it")
		must(orm.OnPreDelete(db, func(ctx context.Context, r *Review) error { return veto }))
		before, _ := orm.Objects[Book](db).Count(ctx)
		if _, err := orm.Objects[Book](db).Filter(orm.Q{"pk": 8}).Delete(ctx); err != veto {
			t.Errorf("vetoed delete: %v", err)
		}
		after, _ := orm.Objects[Book](db).Count(ctx)
		if after != before {
			t.Errorf("a vetoed cascade deleted rows: %d -> %d", before, after)
		}

		// Without receivers for its models, the shared DB deletes in one statement.
		cctx, captured := orm.CaptureQueries(ctx)
		_, err = orm.Objects[Tag](shared).Filter(orm.Q{"name": "nope"}).Delete(cctx)
		must(err)
		if captured.Count() > 2 {
			t.Errorf("a delete without receivers ran %d statements", captured.Count())
		}
	})
}

// split separates pre and post entries, each sorted.
func split(log []string) (pre, post []string) {
	for _, l := range log {
		if len(l) >= 4 && l[:4] == "pre " {
			pre = append(pre, l)
		} else {
			post = append(post, l)
		}
	}
	sort.Strings(pre)
	sort.Strings(post)
	return pre, post
}

// before reports whether every pre entry comes before every post entry.
func before(log []string) bool {
	seenPost := false
	for _, l := range log {
		if l[:4] != "pre " {
			seenPost = true
		} else if seenPost {
			return false
		}
	}
	return true
}

// Deleting a lone object that nothing refers to, without receivers, is one
// DELETE, as Django's fast path; with a receiver the signals and the DELETE
// share a transaction.
func TestDeleteLoneObjectFastPath(t *testing.T) {
	signalCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		p := &SigPerson{FirstName: "A"}
		mustDo(t, db.Create(ctx, p))
		cctx, captured := orm.CaptureQueries(ctx)
		res, err := db.Delete(cctx, p)
		mustDo(t, err)
		if captured.Count() != 1 || res.Total != 1 {
			t.Errorf("a lone delete ran %d statements (%v), deleted %d; want one DELETE of one row", captured.Count(), captured.Queries(), res.Total)
		}
		var inTx []bool
		record := func(ctx context.Context, _ *SigPerson) error {
			inTx = append(inTx, orm.InTransaction(ctx, db))
			return nil
		}
		mustDo(t, orm.OnPreDelete(db, record))
		mustDo(t, orm.OnPostDelete(db, record))
		q := &SigPerson{FirstName: "B"}
		mustDo(t, db.Create(ctx, q))
		_, err = db.Delete(ctx, q)
		mustDo(t, err)
		if fmt.Sprint(inTx) != "[true true]" {
			t.Errorf("receivers in a transaction: %v, want [true true]", inTx)
		}
	})
}
