package bench

import (
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
)

// top3SQL is the report written by hand: the three best-selling books of
// each author, through ROW_NUMBER() in a subquery.
const top3SQL = "SELECT " + bookCols + " FROM (SELECT " + bookCols +
	", ROW_NUMBER() OVER (PARTITION BY author_id ORDER BY sales_count DESC, id) AS rn FROM book) t" +
	" WHERE rn <= ? ORDER BY author_id, rn"

// BenchmarkTop3PerAuthor reads the three best-selling books of each of the
// 100 authors (300 rows) with a filter on a window expression, which djorm
// turns into the same subquery (issue 15's report). GORM and bun have no
// window expressions; they are left out.
func BenchmarkTop3PerAuthor(b *testing.B) {
	run(b, workload{
		djorm: func(b *testing.B, e *env) {
			rn := orm.As("rn", orm.Window(functions.RowNumber(), orm.PartitionBy("author"), orm.OrderBy("-sales_count", "id")))
			for b.Loop() {
				books, err := orm.Objects[Book](e.dj).Alias(rn).Filter(orm.Q{"rn__lte": 3}).OrderBy("author", "rn").All(ctx)
				if err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(books), 3*nAuthors)
			}
		},
		handwritten: func(b *testing.B, e *env) {
			q := e.sx.Rebind(top3SQL)
			for b.Loop() {
				books, err := queryBooks(e, q, 3)
				if err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(books), 3*nAuthors)
			}
		},
		sqlx: func(b *testing.B, e *env) {
			q := e.sx.Rebind(top3SQL)
			for b.Loop() {
				var books []PlainBook
				if err := e.sx.SelectContext(ctx, &books, q, 3); err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(books), 3*nAuthors)
			}
		},
	})
}
