package bench

import (
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

const (
	nWriters        = 100
	novelsPerWriter = 10
	nNovels         = nWriters * novelsPerWriter
)

// authorNames[i] is the seeded name of author i (seed: "Author %d").
var authorNames = func() []string {
	s := make([]string, nAuthors+1)
	for i := 1; i <= nAuthors; i++ {
		s[i] = fmt.Sprintf("Author %d", i)
	}
	return s
}()

// maxParams is the largest number of bind parameters one statement may
// carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766 in go-sqlite3's
// amalgamation), PostgreSQL's and MySQL's 16-bit parameter count. The
// handwritten bulk statements batch under it, as djorm does.
func maxParams(backend string) int {
	if backend == "sqlite" {
		return 32766
	}
	return 65535
}

// seedPrice is the price seed gives book (or novel) i.
func seedPrice(i int) decimal.Decimal { return decimal.New(int64(500+(i*7919)%9500), -2) }

// appendPH appends the n-th (1-based) placeholder of the backend.
func (e *env) appendPH(buf []byte, n int) []byte {
	if e.name == "postgres" {
		return strconv.AppendInt(append(buf, '$'), int64(n), 10)
	}
	return append(buf, '?')
}

// seedRelations creates writer and novel and gives each of the 100 writers
// exactly 10 novels (novel i belongs to writer 1 + (i-1)/10).
func seedRelations(e *env) error {
	if err := e.dj.CreateTables(ctx, &Writer{}, &Novel{}); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	tx, err := e.sqldb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	ins := e.sx.Rebind("INSERT INTO writer (id, name, joined_date) VALUES (?, ?, ?)")
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= nWriters; i++ {
		if _, err := tx.ExecContext(ctx, ins, i, fmt.Sprintf("Writer %d", i), base.AddDate(0, 0, 13*i)); err != nil {
			return fmt.Errorf("seed writers: %w", err)
		}
	}
	stmt, err := tx.PrepareContext(ctx, e.sx.Rebind("INSERT INTO novel (id, "+novelCols[4:]+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
	if err != nil {
		return err
	}
	for i := 1; i <= nNovels; i++ {
		var pub *time.Time
		if i%4 != 0 {
			t := base.Add(time.Duration(i) * 41 * time.Minute)
			pub = &t
		}
		if _, err := stmt.ExecContext(ctx, i, fmt.Sprintf("Novel %04d", i), 1+(i-1)/novelsPerWriter, seedPrice(i),
			int64((i*31)%5000), int64(i%200), pub != nil, pub); err != nil {
			return fmt.Errorf("seed novels: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if e.name == "postgres" {
		for _, t := range []string{"writer", "novel"} {
			if _, err := e.sqldb.ExecContext(ctx, fmt.Sprintf(
				"SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %s))", t, t)); err != nil {
				return err
			}
		}
	}
	for _, t := range []string{"author", "writer", "novel"} {
		s := "ANALYZE " + t
		if e.name == "mysql" {
			s = "ANALYZE TABLE " + t
		}
		if _, err := e.sqldb.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	var n int64
	if err := e.sqldb.QueryRowContext(ctx,
		"SELECT COUNT(*) FROM (SELECT writer_id FROM novel GROUP BY writer_id HAVING COUNT(*) = 10) t").Scan(&n); err != nil {
		return err
	}
	if n != nWriters {
		return fmt.Errorf("seed: %d writers with 10 novels, want %d", n, nWriters)
	}
	return nil
}

const novelCols = "id, title, writer_id, price, sales_count, stock_level, is_published, published_at"

// relQueries are the handwritten statements of the new workloads.
type relQueries struct {
	selectRelated     string // book JOIN author, 1,000 rows
	selectRelatedSqlx string // the same with "author.x" column names for sqlx
	writers           string
	forUpdate         string // one book by pk, FOR UPDATE
	updateSales       string // SET sales_count = ? WHERE id = ?
	dropNew           string // DELETE the books BulkCreate added
	loadUpdated       string // the books BulkUpdate writes (id <= 1000)
}

const (
	nSelectRelated = 1000
	nBulkUpdate    = 1000
)

func newRelQueries(e *env) relQueries {
	q := `"`
	if e.name == "mysql" {
		q = "`"
	}
	cols := "book.id, book.title, book.author_id, book.price, book.sales_count, book.stock_level, book.is_published, book.published_at"
	from := " FROM book INNER JOIN author ON book.author_id = author.id LIMIT " + strconv.Itoa(nSelectRelated)
	return relQueries{
		selectRelated: "SELECT " + cols + ", author.id, author.name, author.joined_date" + from,
		selectRelatedSqlx: "SELECT " + cols + ", author.id AS " + q + "author.id" + q + ", author.name AS " + q + "author.name" + q +
			", author.joined_date AS " + q + "author.joined_date" + q + from,
		writers:     "SELECT id, name, joined_date FROM writer",
		forUpdate:   e.sx.Rebind("SELECT " + bookCols + " FROM book WHERE id = ? FOR UPDATE"),
		updateSales: e.sx.Rebind("UPDATE book SET sales_count = ? WHERE id = ?"),
		dropNew:     e.sx.Rebind("DELETE FROM book WHERE id > ?"),
		loadUpdated: e.sx.Rebind("SELECT " + bookCols + " FROM book WHERE id <= ? ORDER BY id"),
	}
}
