package orm_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Queries made only of Filter/Exclude calls reuse a compiled shape with new
// values. These tests compare them with the full path (a QuerySet with an
// OrderBy call always takes it) and with the data itself.

func bookIDs(books []*Book) []int64 {
	ids := make([]int64, len(books))
	for i, b := range books {
		ids[i] = b.ID
	}
	slices.Sort(ids)
	return ids
}

func idsWhere(books []*Book, keep func(*Book) bool) []int64 {
	var ids []int64
	for _, b := range books {
		if keep(b) {
			ids = append(ids, b.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestCompiledShapesGiveTheFullPathsAnswers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		all, err := orm.Objects[Book](db).OrderBy("id").All(ctx)
		if err != nil || len(all) < 5 {
			t.Fatalf("books: %d, %v", len(all), err)
		}
		for round := 0; round < 2; round++ { // the first round compiles, the second reuses
			for _, want := range all {
				got, err := orm.Objects[Book](db).Get(ctx, orm.Q{"pk": want.ID})
				if err != nil || got.ID != want.ID || got.Title != want.Title || !got.Price.Equal(want.Price) {
					t.Fatalf("Get(pk=%d) = %+v, %v", want.ID, got, err)
				}
			}
			for _, a := range []int64{1, 2, 3} {
				rows, err := orm.Objects[Book](db).Filter(orm.Q{"author": a}).All(ctx)
				if want := idsWhere(all, func(b *Book) bool { return b.Author.ID() == any(a) }); err != nil || !slices.Equal(bookIDs(rows), want) {
					t.Errorf("author=%d: %v, %v; want %v", a, bookIDs(rows), err, want)
				}
				n, err := orm.Objects[Book](db).Filter(orm.Q{"author": a}).Count(ctx)
				if want := idsWhere(all, func(b *Book) bool { return b.Author.ID() == any(a) }); err != nil || n != int64(len(want)) {
					t.Errorf("Count author=%d: %d, %v; want %d", a, n, err, len(want))
				}
				rows, err = orm.Objects[Book](db).Exclude(orm.Q{"editor": a}).All(ctx)
				if want := idsWhere(all, func(b *Book) bool { return b.Editor.IsNull() || b.Editor.ID() != any(a) }); err != nil || !slices.Equal(bookIDs(rows), want) {
					t.Errorf("exclude editor=%d: %v, %v; want %v", a, bookIDs(rows), err, want)
				}
			}
			// nil and a value under the same key are different shapes.
			rows, err := orm.Objects[Book](db).Filter(orm.Q{"published_at": nil}).All(ctx)
			if want := idsWhere(all, func(b *Book) bool { return b.PublishedAt == nil }); err != nil || len(want) == 0 || !slices.Equal(bookIDs(rows), want) {
				t.Errorf("published_at=nil: %v, %v; want %v", bookIDs(rows), err, want)
			}
			for _, b := range all {
				if b.PublishedAt == nil {
					continue
				}
				at := *b.PublishedAt
				rows, err := orm.Objects[Book](db).Filter(orm.Q{"published_at__gte": at, "is_published": true}).All(ctx)
				want := idsWhere(all, func(x *Book) bool { return x.PublishedAt != nil && !x.PublishedAt.Before(at) && x.IsPublished })
				if err != nil || !slices.Equal(bookIDs(rows), want) {
					t.Errorf("published_at__gte=%v: %v, %v; want %v", at, bookIDs(rows), err, want)
				}
			}
			// A lookup whose argument is not the value itself (a LIKE
			// pattern) never reuses a shape, and stays right.
			for _, part := range []string{"a", "e", "Go"} {
				rows, err := orm.Objects[Book](db).Filter(orm.Q{"title__contains": part}).All(ctx)
				want := idsWhere(all, func(b *Book) bool { return containsText(b.Title, part) })
				if err != nil || !slices.Equal(bookIDs(rows), want) {
					t.Errorf("title__contains=%q: %v, %v; want %v", part, bookIDs(rows), err, want)
				}
			}
		}
	})
}

func containsText(s, part string) bool {
	for i := 0; i+len(part) <= len(s); i++ {
		if s[i:i+len(part)] == part {
			return true
		}
	}
	return false
}

func TestCompiledShapeSendsTheFullPathsStatement(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		q := orm.Q{"pk": int64(2), "price__lt": 1000, "is_published": true}
		full, err := orm.Objects[Book](db).OrderBy("id").Get(ctx, q) // Get drops the ordering
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			shaped, err := orm.Objects[Book](db).Get(ctx, q)
			if err != nil || shaped.ID != full.ID {
				t.Fatalf("shaped Get: %v, %v", shaped, err)
			}
		}
		// Count drops the ordering too.
		fullN, err := orm.Objects[Book](db).Filter(q).OrderBy("id").Count(ctx)
		if err != nil || fullN != 1 {
			t.Fatalf("full Count: %d, %v", fullN, err)
		}
		for i := 0; i < 2; i++ {
			if n, err := orm.Objects[Book](db).Filter(q).Count(ctx); err != nil || n != fullN {
				t.Fatalf("shaped Count: %d, %v", n, err)
			}
		}
		recs := captured.Queries()
		if len(recs) != 6 {
			t.Fatalf("%d statements", len(recs))
		}
		sameStatements(t, recs[:3])
		sameStatements(t, recs[3:])
	})
}

// sameStatements checks that the shaped statements (recs[1:]) are the full
// path's (recs[0]), text and arguments.
func sameStatements(t *testing.T, recs []orm.QueryRecord) {
	t.Helper()
	for _, r := range recs[1:] {
		if r.SQL != recs[0].SQL || !reflect.DeepEqual(r.Args, recs[0].Args) {
			t.Errorf("shaped statement differs:\n%s %v\nfull path:\n%s %v", r.SQL, r.Args, recs[0].SQL, recs[0].Args)
		}
	}
}

func TestCompiledShapeReportsBadValuesAsTheFullPath(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		_, fullErr := orm.Objects[Book](db).OrderBy("id").Get(ctx, orm.Q{"stock_level": "many"})
		if _, err := orm.Objects[Book](db).Filter(orm.Q{"stock_level": 0}).All(ctx); err != nil {
			t.Fatal(err) // compiles and keeps the shape
		}
		_, shapedErr := orm.Objects[Book](db).Get(ctx, orm.Q{"stock_level": "many"})
		_, allErr := orm.Objects[Book](db).Filter(orm.Q{"stock_level": "many"}).All(ctx)
		if fullErr == nil || shapedErr == nil || allErr == nil {
			t.Fatalf("a string for an integer must fail: %v / %v / %v", fullErr, shapedErr, allErr)
		}
		if shapedErr.Error() != fullErr.Error() || allErr.Error() != fullErr.Error() {
			t.Errorf("errors differ:\nfull:   %v\nshaped: %v\nall:    %v", fullErr, shapedErr, allErr)
		}
		if n := captured.Count(); n != 1 {
			t.Errorf("bad values must reach no database: %d statements", n)
		}
		_, err := orm.Objects[Book](db).Get(ctx, orm.Q{"pk": int64(1 << 40)})
		if !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("missing pk: %v", err)
		}
		// Get reads one row only when the primary key is required to equal
		// a value; an excluded or OR-ed key still reports several rows.
		for _, qs := range []*orm.QuerySet[*Book]{
			orm.Objects[Book](db).Exclude(orm.Q{"pk": int64(1)}),
			orm.Objects[Book](db).Filter(orm.Q{"pk": int64(1)}.Or(orm.Q{"pk": int64(2)})),
			orm.Objects[Book](db).Filter(orm.Q{"pk__gte": int64(1)}),
		} {
			if _, err := qs.Get(ctx); !errors.Is(err, orm.ErrMultipleObjectsReturned) {
				t.Errorf("Get on several rows: %v", err)
			}
		}
	})
}

func TestCompiledShapesUnderConcurrency(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		all, err := orm.Objects[Book](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 20; i++ {
					want := all[(g+i)%len(all)]
					got, err := orm.Objects[Book](db).Filter(orm.Q{"sales_count__gte": 0}).Get(ctx, orm.Q{"pk": want.ID})
					if err != nil || got.ID != want.ID {
						errs <- fmt.Errorf("goroutine %d: Get(%d) = %v, %v", g, want.ID, got, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}

func TestCompiledUpdateShapes(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		stockOf := func() map[int64]int {
			rows, err := orm.Objects[Book](db).OrderBy("id").All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]int{}
			for _, b := range rows {
				out[b.ID] = b.StockLevel
			}
			return out
		}
		// The full path: a range given as an array and a value behind a
		// pointer are not shapes; the same values as a slice and a plain
		// value are, and must send the same statement.
		five, title := 5, "Renamed"
		before := stockOf()
		captured.Reset()
		n1, err := orm.Objects[Book](db).Filter(orm.Q{"id__range": [2]int64{1, 3}}).
			Update(ctx, orm.Set{"stock_level": orm.F("stock_level").Add(&five), "title": &title})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			n, err := orm.Objects[Book](db).Filter(orm.Q{"id__range": []int64{1, 3}}).
				Update(ctx, orm.Set{"stock_level": orm.F("stock_level").Add(5), "title": title})
			if err != nil || n != n1 || n != 3 {
				t.Fatalf("shaped Update: %d rows, %v (full path: %d)", n, err, n1)
			}
		}
		recs := captured.Queries()
		if len(recs) != 3 {
			t.Fatalf("%d statements", len(recs))
		}
		sameStatements(t, recs)
		after := stockOf()
		for id, s := range before {
			want := s
			if id >= 1 && id <= 3 {
				want += 15
			}
			if after[id] != want {
				t.Errorf("book %d: stock %d, want %d", id, after[id], want)
			}
		}
		// New values in the same shape reach the right rows.
		for lo := int64(2); lo <= 4; lo++ {
			if _, err := orm.Objects[Book](db).Filter(orm.Q{"id__range": []int64{lo, lo}}).
				Update(ctx, orm.Set{"stock_level": orm.F("stock_level").Add(lo), "title": title}); err != nil {
				t.Fatal(err)
			}
		}
		final := stockOf()
		for id, s := range after {
			want := s
			if id >= 2 && id <= 4 {
				want += int(id)
			}
			if final[id] != want {
				t.Errorf("book %d: stock %d, want %d", id, final[id], want)
			}
		}
		// A value that fails validation fails the same way on both paths,
		// and writes nothing.
		long := strings.Repeat("x", 300)
		_, fullErr := orm.Objects[Book](db).Filter(orm.Q{"id__range": [2]int64{1, 3}}).
			Update(ctx, orm.Set{"stock_level": orm.F("stock_level").Add(5), "title": &long})
		_, shapedErr := orm.Objects[Book](db).Filter(orm.Q{"id__range": []int64{1, 3}}).
			Update(ctx, orm.Set{"stock_level": orm.F("stock_level").Add(5), "title": long})
		if fullErr == nil || shapedErr == nil || fullErr.Error() != shapedErr.Error() {
			t.Errorf("validation: full path %v, shaped %v", fullErr, shapedErr)
		}
		if !reflect.DeepEqual(stockOf(), final) {
			t.Error("a rejected Update changed rows")
		}
	})
}
