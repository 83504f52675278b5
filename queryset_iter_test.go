package orm_test

import (
	"context"
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Iter with PrefetchRelated prefetches per chunk (Django 4.1's
// iterator(chunk_size)): one query per relation per chunk, the same
// relations All loads, inside a transaction too, and breaking out early
// stops the prefetching.
func TestIterPrefetchesPerChunk(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		qs := orm.Objects[Author](db).OrderBy("id").PrefetchRelated("books")
		all, err := qs.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]string{}
		for _, a := range all {
			bs, _ := orm.Related[Book](a, "books").All(ctx)
			want[a.ID] = idsOf(bs)
		}
		check := func(ctx context.Context, name string) {
			cctx, captured := orm.CaptureQueries(ctx)
			n := 0
			for a, err := range qs.Iter(cctx, orm.ChunkSize(2)) {
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				n++
				before := captured.Count()
				bs, err := orm.Related[Book](a, "books").All(cctx)
				if err != nil || idsOf(bs) != want[a.ID] || captured.Count() != before {
					t.Errorf("%s: author %d books %s (%v, %d queries), want %s from the prefetch",
						name, a.ID, idsOf(bs), err, captured.Count()-before, want[a.ID])
				}
			}
			// 5 authors in chunks of 2: the authors, then books for 3 chunks.
			if n != len(all) || captured.Count() != 4 {
				t.Errorf("%s: %d authors in %d queries, want %d in 4", name, n, captured.Count(), len(all))
			}
			cctx, captured = orm.CaptureQueries(ctx)
			for range qs.Iter(cctx, orm.ChunkSize(2)) {
				break
			}
			if captured.Count() != 2 {
				t.Errorf("%s: breaking after the first author ran %d queries, want 2", name, captured.Count())
			}
		}
		check(ctx, "pooled")
		err = orm.Atomic(ctx, db, func(ctx context.Context) error {
			check(ctx, "in a transaction")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, err := range qs.Iter(ctx, orm.ChunkSize(0)) {
			if !errors.Is(err, orm.ErrInvalidQuery) {
				t.Errorf("ChunkSize(0): %v", err)
			}
		}
	})
}
