package orm_test

import (
	"context"
	"errors"
	"sort"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Filters on window expressions (Django 4.2) filter the rows of a
// subquery: alone, with plain conditions beside them or in an OR, in
// Exclude, through Alias, with ordering and slices, counted, tested for
// existence, and as the rows an Update changes.
func TestWindowFilters(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		books := loadBooks(t, db)
		ctx := context.Background()
		// rank of each book among its author's, by sales descending then id.
		rank := map[int64]int{}
		byAuthor := map[any][]*Book{}
		for _, b := range books {
			byAuthor[b.Author.ID()] = append(byAuthor[b.Author.ID()], b)
		}
		for _, list := range byAuthor {
			sort.Slice(list, func(i, j int) bool {
				if list[i].SalesCount != list[j].SalesCount {
					return list[i].SalesCount > list[j].SalesCount
				}
				return list[i].ID < list[j].ID
			})
			for i, b := range list {
				rank[b.ID] = i + 1
			}
		}
		price := func(b *Book) float64 { f, _ := b.Price.Float64(); return f }
		want := func(keep func(b *Book) bool) []int64 { return idsWhere(books, keep) }
		rn := orm.As("rn", orm.Window(functions.RowNumber(), orm.PartitionBy("author"), orm.OrderBy("-sales_count", "id")))
		ranked := orm.Objects[Book](db).Annotate(rn)
		cases := []struct {
			name string
			qs   *orm.QuerySet[*Book]
			want []int64
		}{
			{"top one per author", ranked.Filter(orm.Q{"rn": 1}), want(func(b *Book) bool { return rank[b.ID] == 1 })},
			{"window and plain", ranked.Filter(orm.Q{"rn__lte": 2, "price__gt": 15}),
				want(func(b *Book) bool { return rank[b.ID] <= 2 && price(b) > 15 })},
			{"window or plain", ranked.Filter(orm.Or(orm.Q{"rn": 2}, orm.Q{"price__lt": 13})),
				want(func(b *Book) bool { return rank[b.ID] == 2 || price(b) < 13 })},
			{"exclude", ranked.Exclude(orm.Q{"rn": 1}), want(func(b *Book) bool { return rank[b.ID] != 1 })},
			{"through Alias", orm.Objects[Book](db).Alias(rn).Filter(orm.Q{"rn__gte": 2}),
				want(func(b *Book) bool { return rank[b.ID] >= 2 })},
			{"window compared with a field", ranked.Filter(orm.Q{"rn__lt": orm.F("stock_level")}),
				want(func(b *Book) bool { return rank[b.ID] < b.StockLevel })},
		}
		for _, c := range cases {
			if len(c.want) == 0 || len(c.want) == len(books) {
				t.Fatalf("%s: the case selects %d of %d rows; it would not test the filter", c.name, len(c.want), len(books))
			}
			got, err := c.qs.OrderBy("id").All(ctx)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var ids []int64
			for _, b := range got {
				ids = append(ids, b.ID)
				if c.name != "through Alias" && b.Annotation("rn") != int64(rank[b.ID]) {
					t.Errorf("%s: book %d has rn %v, want %d", c.name, b.ID, b.Annotation("rn"), rank[b.ID])
				}
			}
			if !equalIDs(ids, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, ids, c.want)
			}
			n, err := c.qs.Count(ctx)
			if err != nil || n != int64(len(c.want)) {
				t.Errorf("%s: Count %d, %v; want %d", c.name, n, err, len(c.want))
			}
			ok, err := c.qs.Exists(ctx)
			if err != nil || !ok {
				t.Errorf("%s: Exists %v, %v", c.name, ok, err)
			}
		}

		// Ordered by the window, sliced, as Values rows.
		rows, err := ranked.Filter(orm.Q{"rn__lte": 2}).OrderBy("-rn", "-price").Slice(1, 4).Values("id", "rn").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		top2 := []*Book{}
		for _, b := range books {
			if rank[b.ID] <= 2 {
				top2 = append(top2, b)
			}
		}
		sort.Slice(top2, func(i, j int) bool {
			if rank[top2[i].ID] != rank[top2[j].ID] {
				return rank[top2[i].ID] > rank[top2[j].ID]
			}
			return top2[i].Price.GreaterThan(top2[j].Price)
		})
		if len(rows) != 3 {
			t.Fatalf("sliced values: %v", rows)
		}
		for i, r := range rows {
			if b := top2[i+1]; r["id"] != b.ID || r["rn"] != int64(rank[b.ID]) {
				t.Errorf("sliced values [%d]: %v, want id %d rn %d", i, r, b.ID, rank[b.ID])
			}
		}
		// As an IN subquery: one column, the hidden ones stay inside.
		inner := orm.Objects[Book](db).Alias(rn).Filter(orm.Q{"rn": 1}).ValuesList("id")
		n, err := orm.Objects[Book](db).Filter(orm.Q{"id__in": inner}).Count(ctx)
		if err != nil || n != int64(len(want(func(b *Book) bool { return rank[b.ID] == 1 }))) {
			t.Errorf("in a window-filtered subquery: %d, %v", n, err)
		}
		// Aggregated, prefetched and combined.
		tops := want(func(b *Book) bool { return rank[b.ID] == 1 })
		sum := int64(0)
		for _, b := range books {
			if rank[b.ID] == 1 {
				sum += int64(b.SalesCount)
			}
		}
		agg, err := orm.Objects[Book](db).Alias(rn).Filter(orm.Q{"rn": 1}).Aggregate(ctx, orm.Sum("sales_count"), orm.Count("id"))
		if err != nil || agg["sales_count__sum"] != sum || agg["id__count"] != int64(len(tops)) {
			t.Errorf("aggregate over a window filter: %v, %v; want sum %d of %d", agg, err, sum, len(tops))
		}
		authors, err := orm.Objects[testkit.Author](db).OrderBy("id").
			PrefetchRelated(orm.Prefetch("books", orm.Objects[Book](db).Alias(rn).Filter(orm.Q{"rn": 1}))).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		prefetched := 0
		for _, a := range authors {
			bs, _ := orm.Related[Book](a, "books").All(ctx)
			for _, b := range bs {
				if rank[b.ID] != 1 {
					t.Errorf("prefetched book %d of author %d has rank %d", b.ID, a.ID, rank[b.ID])
				}
			}
			prefetched += len(bs)
		}
		if prefetched != len(tops) {
			t.Errorf("prefetched %d top books, want %d", prefetched, len(tops))
		}
		u, err := orm.Objects[Book](db).Alias(rn).Filter(orm.Q{"rn": 1}).
			Union(orm.Objects[Book](db).Filter(orm.Q{"rn": 2}).Alias(rn)).Count(ctx)
		if err == nil {
			t.Errorf("union member filtering before its Alias: %d, want an error", u)
		}
		u, err = orm.Objects[Book](db).Alias(rn).Filter(orm.Q{"rn": 1}).Union(orm.Objects[Book](db).Alias(rn).Filter(orm.Q{"rn": 2})).Count(ctx)
		if err != nil || u != int64(len(want(func(b *Book) bool { return rank[b.ID] <= 2 }))) {
			t.Errorf("union of window-filtered querysets: %d, %v", u, err)
		}
		// Update the rows a window filter selects.
		updated, err := ranked.Filter(orm.Q{"rn": 1}).Update(ctx, orm.Set{"stock_level": 77})
		if err != nil {
			t.Fatal(err)
		}
		changed, err := orm.Objects[Book](db).Filter(orm.Q{"stock_level": 77}).OrderBy("id").ValuesList("id").Flat().All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if wantTop := want(func(b *Book) bool { return rank[b.ID] == 1 }); updated != int64(len(wantTop)) || !equalIDs(int64s(t, changed), wantTop) {
			t.Errorf("update of the top books: %d rows, %v; want %v", updated, changed, wantTop)
		}
		// Refused where the subquery would change the answer.
		_, err = orm.Objects[Book](db).Values("author").Annotate(orm.As("n", orm.Count("id"))).
			Annotate(orm.As("r", orm.Window(functions.Rank(), orm.OrderBy("-n")))).Filter(orm.Q{"r": 1}).All(ctx)
		var ns *orm.NotSupportedError
		if !errors.As(err, &ns) {
			t.Errorf("a window filter in an aggregating query: %v, want NotSupportedError", err)
		}
	})
}
