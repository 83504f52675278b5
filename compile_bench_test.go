package orm_test

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/internal/testkit"
)

// BenchmarkBuildAndCompile measures the fixed cost of building and
// compiling one query, from Objects to the SQL text and its arguments
// (target: under 2 KB and 20 allocations). The conditions are the
// caller's values, built once.
func BenchmarkBuildAndCompile(b *testing.B) {
	db := testkit.Recorder("postgres", postgres.New())
	byPK := orm.Q{"pk": 5}
	published := orm.Q{"is_published": true}
	b.Run("get_by_pk", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, _, err := orm.Objects[Book](db).Filter(byPK).SQL(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("filter_order_limit", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, _, err := orm.Objects[Book](db).Filter(published).OrderBy("price").Limit(100).SQL(); err != nil {
				b.Fatal(err)
			}
		}
	})
	// A QuerySet of Filter calls is compiled once per shape: this runs
	// the whole query (on a driver that returns no rows) with the SQL
	// reused and only the value bound anew.
	b.Run("shaped_filter_run", func(b *testing.B) {
		ctx := context.Background()
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := orm.Objects[Book](db).Filter(byPK).All(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkShapedCount runs a Count from its compiled shape on a driver
// that answers one row.
func BenchmarkShapedCount(b *testing.B) {
	db := testkit.Recorder("postgres", postgres.New())
	published := orm.Q{"is_published": true}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := orm.Objects[Book](db).Filter(published).Count(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
