package orm_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Window functions and aggregates over windows answer as computed in Go,
// on every backend.
func TestWindowExpressions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books, err := orm.Objects[Book](db).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Expected: per author, books by sales descending then id.
		byAuthor := map[any][]*Book{}
		for _, b := range books {
			byAuthor[b.Author.ID()] = append(byAuthor[b.Author.ID()], b)
		}
		wantRank, wantTotal, wantPrev := map[int64]int64{}, map[int64]int64{}, map[int64]any{}
		for _, list := range byAuthor {
			sort.Slice(list, func(i, j int) bool {
				if list[i].SalesCount != list[j].SalesCount {
					return list[i].SalesCount > list[j].SalesCount
				}
				return list[i].ID < list[j].ID
			})
			running := int64(0)
			for i, b := range list {
				wantRank[b.ID] = int64(i + 1)
				running += int64(b.SalesCount)
				wantTotal[b.ID] = running
				if i > 0 {
					wantPrev[b.ID] = int64(list[i-1].SalesCount)
				} else {
					wantPrev[b.ID] = nil
				}
			}
		}
		rows, err := orm.Objects[Book](db).Values("id",
			orm.As("rn", orm.Window(functions.RowNumber(), orm.PartitionBy("author"), orm.OrderBy("-sales_count", "id"))),
			orm.As("running", orm.Window(orm.Sum("sales_count"), orm.PartitionBy("author"), orm.OrderBy("-sales_count", "id"),
				orm.Rows(nil, 0))),
			orm.As("prev", orm.Window(functions.Lag("sales_count", 1, nil), orm.PartitionBy("author"), orm.OrderBy("-sales_count", "id"))),
			orm.As("total", orm.Window(orm.Count("id"))),
		).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(books) {
			t.Fatalf("%d rows for %d books", len(rows), len(books))
		}
		for _, r := range rows {
			id := r["id"].(int64)
			if r["rn"] != wantRank[id] || fmt.Sprint(r["running"]) != fmt.Sprint(wantTotal[id]) ||
				fmt.Sprint(r["prev"]) != fmt.Sprint(wantPrev[id]) || r["total"] != int64(len(books)) {
				t.Errorf("book %d: %v; want rn %d running %d prev %v total %d", id, r, wantRank[id], wantTotal[id], wantPrev[id], len(books))
			}
		}
		// Ordering by a window annotation (filters: TestWindowFilters).
		first, err := orm.Objects[Book](db).Annotate(orm.As("rk", orm.Window(functions.Rank(), orm.OrderBy("-price")))).
			OrderBy("rk", "id").ValuesList("rk").Flat().All(ctx)
		if err != nil || len(first) == 0 || first[0] != int64(1) {
			t.Errorf("ordered by a rank: %v %v", first, err)
		}
		_, err = orm.Objects[Book](db).Annotate(orm.As("rn", functions.RowNumber())).All(ctx)
		if !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("RowNumber outside a Window: %v", err)
		}
		// A decimal running sum (SQLite casts the whole window).
		sums, err := orm.Objects[Book](db).OrderBy("id").Values(orm.As("s", orm.Window(orm.Sum("price"), orm.OrderBy("id")))).All(ctx)
		total := dec("0")
		for _, b := range books {
			total = total.Add(b.Price)
		}
		if err != nil || len(sums) != len(books) || fmt.Sprint(sums[len(sums)-1]["s"]) != total.String() {
			t.Errorf("running decimal sum: last %v, want %s (%v)", sums, total, err)
		}
		// LAG with a default: MariaDB has none, and says so.
		_, err = orm.Objects[Book](db).Values(orm.As("p", orm.Window(functions.Lag("sales_count", 1, -1), orm.OrderBy("id")))).All(ctx)
		var ns *orm.NotSupportedError
		if db.Dialect().Name() == "mariadb" {
			if !errors.As(err, &ns) {
				t.Errorf("Lag with a default on MariaDB: %v, want a NotSupportedError", err)
			}
		} else if err != nil {
			t.Errorf("Lag with a default: %v", err)
		}
	})
}
