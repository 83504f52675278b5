package orm_test

import (
	"context"
	"sort"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// Xor answers "an odd number of these are true" on every backend (MySQL's
// operator, the OR-and-parity form elsewhere), negated, excluded, with
// constant children folded, and across a nullable relation's join.
func TestXor(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		books := loadBooks(t, db)
		ctx := context.Background()
		cheap := func(b *Book) bool { return b.Price.LessThan(decimal.NewFromInt(20)) }
		selling := func(b *Book) bool { return b.SalesCount > 1000 }
		published := func(b *Book) bool { return b.IsPublished }
		odd := func(bs ...bool) bool {
			n := 0
			for _, v := range bs {
				if v {
					n++
				}
			}
			return n%2 == 1
		}
		want := func(keep func(b *Book) bool) []int64 { return idsWhere(books, keep) }
		two := orm.Xor(orm.Q{"price__lt": 20}, orm.Q{"sales_count__gt": 1000})
		three := orm.Q{"price__lt": 20}.Xor(orm.Q{"sales_count__gt": 1000}, orm.Q{"is_published": true})
		cases := []struct {
			name string
			qs   *orm.QuerySet[*Book]
			want []int64
		}{
			{"two", orm.Objects[Book](db).Filter(two), want(func(b *Book) bool { return cheap(b) != selling(b) })},
			{"three", orm.Objects[Book](db).Filter(three), want(func(b *Book) bool { return odd(cheap(b), selling(b), published(b)) })},
			{"not", orm.Objects[Book](db).Filter(orm.Not(three)), want(func(b *Book) bool { return !odd(cheap(b), selling(b), published(b)) })},
			{"exclude", orm.Objects[Book](db).Exclude(two), want(func(b *Book) bool { return cheap(b) == selling(b) })},
			{"false child drops", orm.Objects[Book](db).Filter(orm.Xor(orm.Q{"pk__in": []int64{}}, orm.Q{"price__lt": 20})), want(cheap)},
			{"true child flips", orm.Objects[Book](db).Filter(orm.Xor(orm.Not(orm.Q{"pk__in": []int64{}}), orm.Q{"price__lt": 20})), want(func(b *Book) bool { return !cheap(b) })},
			{"expr method", orm.Objects[Book](db).Filter(orm.Q{"price__lt": 20}.Not().Xor(orm.Q{"is_published": false})), want(func(b *Book) bool { return !cheap(b) != !published(b) })},
		}
		for _, c := range cases {
			got, err := c.qs.OrderBy("id").ValuesList("id").Flat().All(ctx)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if ids := int64s(t, got); !equalIDs(ids, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, ids, c.want)
			}
		}

		// Across a nullable foreign key: authors without a publisher must
		// stay (the join is LEFT OUTER, as for OR).
		authors, err := orm.Objects[testkit.Author](db).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var wantAuthors []int64
		for _, a := range authors {
			if (a.Publisher.ID() == nil) != (a.Rating == nil) {
				wantAuthors = append(wantAuthors, a.ID)
			}
		}
		got, err := orm.Objects[testkit.Author](db).
			Filter(orm.Xor(orm.Q{"publisher__name__isnull": true}, orm.Q{"rating__isnull": true})).
			OrderBy("id").ValuesList("id").Flat().All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ids := int64s(t, got); !equalIDs(ids, wantAuthors) || len(ids) == 0 {
			t.Errorf("authors: got %v, want %v (non-empty)", ids, wantAuthors)
		}
	})
}

func int64s(t *testing.T, vals []any) []int64 {
	t.Helper()
	out := make([]int64, len(vals))
	for i, v := range vals {
		n, ok := v.(int64)
		if !ok {
			t.Fatalf("id %v is %T", v, v)
		}
		out[i] = n
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
