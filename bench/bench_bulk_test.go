package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/djorm/orm"
)

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// Rows per multi-row INSERT of a book (7 columns) and per bulk UPDATE of
// one field (2 parameters per row in the CASE, 1 in the IN list, as djorm
// counts them), under the backend's parameter limit.
func insertBatch(e *env) int { return maxParams(e.name) / 7 }
func updateBatch(e *env) int { return (maxParams(e.name) - 1) / 3 }

// dropNew deletes the books a bulk insert added (outside the timed region)
// and checks that there were want of them.
func dropNew(b *testing.B, e *env, want int) {
	res, err := e.sqldb.ExecContext(ctx, e.rq.dropNew, nBooks)
	if n := affected(b, res, err); n != int64(want) {
		b.Fatalf("found %d inserted books, want %d", n, want)
	}
}

// cleanupNew removes inserted books however the benchmark ends.
func cleanupNew(b *testing.B, e *env) {
	b.Cleanup(func() {
		if _, err := e.sqldb.ExecContext(ctx, e.rq.dropNew, nBooks); err != nil {
			b.Error(err)
		}
	})
}

// The objects a bulk insert writes, built outside the timed region.
func djormBooks(n int) []*Book {
	out := make([]*Book, n)
	for i := range out {
		title, author, price, pub := newBook(i)
		out[i] = &Book{Title: title, Author: orm.RefID[Author](author), Price: price, StockLevel: 10, IsPublished: true, PublishedAt: pub}
	}
	return out
}

func plainBooks(n int) []PlainBook {
	out := make([]PlainBook, n)
	for i := range out {
		title, author, price, pub := newBook(i)
		out[i] = PlainBook{Title: title, AuthorID: author, Price: price, StockLevel: 10, IsPublished: true, PublishedAt: pub}
	}
	return out
}

func gormBooks(n int) []GormBook {
	out := make([]GormBook, n)
	for i := range out {
		title, author, price, pub := newBook(i)
		out[i] = GormBook{Title: title, AuthorID: author, Price: price, StockLevel: 10, IsPublished: true, PublishedAt: pub}
	}
	return out
}

func bunBooks(n int) []BunBook {
	out := make([]BunBook, n)
	for i := range out {
		title, author, price, pub := newBook(i)
		out[i] = BunBook{Title: title, AuthorID: author, Price: price, StockLevel: 10, IsPublished: true, PublishedAt: pub}
	}
	return out
}

const insertCols = "title, author_id, price, sales_count, stock_level, is_published, published_at"

// hwInsertBooks is the handwritten bulk insert: multi-row INSERTs built in
// one buffer, batched under the parameter limit, in one transaction; the
// ids come back with RETURNING (PostgreSQL, SQLite) or from LastInsertId
// (MySQL/MariaDB: a multi-row INSERT gets consecutive ids).
func (e *env) hwInsertBooks(books []PlainBook) error {
	per := insertBatch(e)
	tx, err := e.sqldb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	var buf []byte
	args := make([]any, 0, 7*min(per, len(books)))
	for start := 0; start < len(books); start += per {
		chunk := books[start:min(start+per, len(books))]
		buf = append(buf[:0], "INSERT INTO book ("+insertCols+") VALUES "...)
		args = args[:0]
		n := 0
		for i := range chunk {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '(')
			for c := 0; c < 7; c++ {
				if c > 0 {
					buf = append(buf, ',')
				}
				n++
				buf = e.appendPH(buf, n)
			}
			buf = append(buf, ')')
			p := &chunk[i]
			args = append(args, p.Title, p.AuthorID, p.Price, p.SalesCount, p.StockLevel, p.IsPublished, p.PublishedAt)
		}
		if e.name == "mysql" {
			res, err := tx.ExecContext(ctx, string(buf), args...)
			if err != nil {
				return err
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			for i := range chunk {
				chunk[i].ID = id + int64(i)
			}
			continue
		}
		buf = append(buf, " RETURNING id"...)
		rows, err := tx.QueryContext(ctx, string(buf), args...)
		if err != nil {
			return err
		}
		i := 0
		for rows.Next() {
			if i >= len(chunk) {
				break
			}
			if err := rows.Scan(&chunk[i].ID); err != nil {
				_ = rows.Close()
				return err
			}
			i++
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if i != len(chunk) {
			return fmt.Errorf("INSERT returned %d ids for %d rows", i, len(chunk))
		}
	}
	return tx.Commit()
}

// sqlxInsertBooks: NamedExec / NamedQuery with a slice (sqlx repeats the
// VALUES tuple), batched and in one transaction like the handwritten one.
func (e *env) sqlxInsertBooks(books []PlainBook) error {
	per := insertBatch(e)
	tx, err := e.sx.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	const named = "INSERT INTO book (" + insertCols + ") VALUES " +
		"(:title, :author_id, :price, :sales_count, :stock_level, :is_published, :published_at)"
	for start := 0; start < len(books); start += per {
		chunk := books[start:min(start+per, len(books))]
		if e.name == "mysql" {
			res, err := sqlx.NamedExecContext(ctx, tx, named, chunk)
			if err != nil {
				return err
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			for i := range chunk {
				chunk[i].ID = id + int64(i)
			}
			continue
		}
		rows, err := sqlx.NamedQueryContext(ctx, tx, named+" RETURNING id", chunk)
		if err != nil {
			return err
		}
		i := 0
		for rows.Next() && i < len(chunk) {
			if err := rows.Scan(&chunk[i].ID); err != nil {
				_ = rows.Close()
				return err
			}
			i++
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if i != len(chunk) {
			return fmt.Errorf("INSERT returned %d ids for %d rows", i, len(chunk))
		}
	}
	return tx.Commit()
}

// bulkCreate inserts n new books per iteration; the rows are counted and
// deleted with the timer stopped.
func bulkCreate(n int) workload {
	return workload{
		djorm: func(b *testing.B, e *env) {
			cleanupNew(b, e)
			// One captured run, before the timed loop: the statements sent.
			objs := djormBooks(n)
			cctx, captured := orm.CaptureQueries(ctx)
			if err := orm.Objects[Book](e.dj).BulkCreate(cctx, objs); err != nil {
				b.Fatal(err)
			}
			stmts := captured.Count()
			if want := ceilDiv(n, insertBatch(e)); stmts != want {
				b.Fatalf("BulkCreate of %d rows sent %d statements, want ceil(%d/%d) = %d", n, stmts, n, insertBatch(e), want)
			}
			dropNew(b, e, n)
			objs = djormBooks(n)
			for b.Loop() {
				if err := orm.Objects[Book](e.dj).BulkCreate(ctx, objs); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				checkNewID(b, objs[0].ID)
				checkNewID(b, objs[n-1].ID)
				dropNew(b, e, n)
				objs = djormBooks(n)
				b.StartTimer()
			}
			b.ReportMetric(float64(stmts), "stmts/op")
		},
		handwritten: func(b *testing.B, e *env) {
			cleanupNew(b, e)
			books := plainBooks(n)
			for b.Loop() {
				if err := e.hwInsertBooks(books); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				checkNewID(b, books[0].ID)
				checkNewID(b, books[n-1].ID)
				dropNew(b, e, n)
				books = plainBooks(n)
				b.StartTimer()
			}
		},
		sqlx: func(b *testing.B, e *env) {
			cleanupNew(b, e)
			books := plainBooks(n)
			for b.Loop() {
				if err := e.sqlxInsertBooks(books); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				checkNewID(b, books[0].ID)
				checkNewID(b, books[n-1].ID)
				dropNew(b, e, n)
				books = plainBooks(n)
				b.StartTimer()
			}
		},
		gorm: func(b *testing.B, e *env) {
			cleanupNew(b, e)
			books := gormBooks(n)
			per := insertBatch(e)
			for b.Loop() {
				// SkipDefaultTransaction turns off CreateInBatches' own
				// transaction: open one, as the others do.
				if err := e.gm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
					return tx.CreateInBatches(&books, per).Error
				}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				checkNewID(b, books[0].ID)
				checkNewID(b, books[n-1].ID)
				dropNew(b, e, n)
				books = gormBooks(n)
				b.StartTimer()
			}
		},
		bun: func(b *testing.B, e *env) {
			cleanupNew(b, e)
			books := bunBooks(n)
			for b.Loop() {
				// One statement whatever n (bun formats the values into
				// the SQL text, so no parameter limit applies).
				if _, err := e.bn.NewInsert().Model(&books).Exec(ctx); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				checkNewID(b, books[0].ID)
				checkNewID(b, books[n-1].ID)
				dropNew(b, e, n)
				books = bunBooks(n)
				b.StartTimer()
			}
		},
	}
}

// BenchmarkBulkCreate1k inserts 1,000 books in one call.
func BenchmarkBulkCreate1k(b *testing.B) { run(b, bulkCreate(1000)) }

// BenchmarkBulkCreate10k inserts 10,000 books in one call.
func BenchmarkBulkCreate10k(b *testing.B) { run(b, bulkCreate(10000)) }

// updatePrices are the two price sets BulkUpdate alternates between (so
// every iteration changes every row): seed price + 1.00 and + 2.00, for
// books 1..1000.
var updatePrices = func() [2][]decimal.Decimal {
	var p [2][]decimal.Decimal
	for k := range p {
		p[k] = make([]decimal.Decimal, nBulkUpdate)
		for j := range p[k] {
			id := j + 1
			p[k][j] = decimal.New(int64(500+(id*7919)%9500+100*(k+1)), -2)
		}
	}
	return p
}()

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// updatePricesSQL writes the handwritten bulk update: UPDATE book SET
// price = CASE id WHEN ? THEN ? ... END WHERE id IN (...), one statement
// per batch. PostgreSQL needs the CASE cast: its parameters are untyped.
func (e *env) updatePricesSQL(x execer, books []PlainBook) (int64, error) {
	per := updateBatch(e)
	var buf []byte
	args := make([]any, 0, 3*min(per, len(books)))
	var total int64
	for start := 0; start < len(books); start += per {
		chunk := books[start:min(start+per, len(books))]
		buf = append(buf[:0], "UPDATE book SET price = "...)
		if e.name == "postgres" {
			buf = append(buf, "CAST("...)
		}
		buf = append(buf, "CASE id"...)
		args = args[:0]
		n := 0
		for i := range chunk {
			buf = append(buf, " WHEN "...)
			n++
			buf = e.appendPH(buf, n)
			buf = append(buf, " THEN "...)
			n++
			buf = e.appendPH(buf, n)
			args = append(args, chunk[i].ID, chunk[i].Price)
		}
		buf = append(buf, " END"...)
		if e.name == "postgres" {
			buf = append(buf, " AS numeric)"...)
		}
		buf = append(buf, " WHERE id IN ("...)
		for i := range chunk {
			if i > 0 {
				buf = append(buf, ',')
			}
			n++
			buf = e.appendPH(buf, n)
			args = append(args, chunk[i].ID)
		}
		buf = append(buf, ')')
		res, err := x.ExecContext(ctx, string(buf), args...)
		if err != nil {
			return 0, err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		total += k
	}
	return total, nil
}

// hwUpdatePrices runs updatePricesSQL in one transaction, as BulkUpdate
// runs its batches.
func (e *env) hwUpdatePrices(books []PlainBook) (int64, error) {
	tx, err := e.sqldb.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }()
	n, err := e.updatePricesSQL(tx, books)
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// restorePrices puts the seed prices back on books 1..1000 after a
// BulkUpdate run, so that Read100 keeps reading the same rows.
func restorePrices(b *testing.B, e *env) {
	b.Cleanup(func() {
		books := make([]PlainBook, nBulkUpdate)
		for j := range books {
			books[j] = PlainBook{ID: int64(j + 1), Price: seedPrice(j + 1)}
		}
		if n, err := e.hwUpdatePrices(books); err != nil || n != nBulkUpdate {
			b.Errorf("restoring prices: %d rows, %v", n, err)
		}
	})
}

func checkUpdated(b *testing.B, n int64) {
	if n != nBulkUpdate {
		b.Fatalf("updated %d rows, want %d", n, nBulkUpdate)
	}
}

func loadPlain(b *testing.B, e *env) []PlainBook {
	books, err := queryBooks(e, e.rq.loadUpdated, nBulkUpdate)
	if err != nil {
		b.Fatal(err)
	}
	checkLen(b, len(books), nBulkUpdate)
	return books
}

// bunUpdatePrices: bun's Bulk() (WITH _data AS (VALUES ...) UPDATE ...
// FROM _data) on PostgreSQL and SQLite; MariaDB has no WITH before UPDATE,
// so there bun updates row by row in a transaction.
func (e *env) bunUpdatePrices(books []BunBook) (int64, error) {
	if e.name != "mysql" {
		res, err := e.bn.NewUpdate().Model(&books).Column("price").Bulk().Exec(ctx)
		if err != nil {
			return 0, err
		}
		return res.RowsAffected()
	}
	var total int64
	err := e.bn.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for j := range books {
			res, err := tx.NewUpdate().Model(&books[j]).Column("price").WherePK().Exec(ctx)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			total += n
		}
		return nil
	})
	return total, err
}

// BenchmarkBulkUpdate1k writes a new price to 1,000 books (ids 1..1000,
// loaded once before timing); the seed prices are put back afterwards.
func BenchmarkBulkUpdate1k(b *testing.B) {
	run(b, workload{
		djorm: func(b *testing.B, e *env) {
			restorePrices(b, e)
			books, err := orm.Objects[Book](e.dj).Filter(orm.Q{"id__lte": nBulkUpdate}).OrderBy("id").All(ctx)
			if err != nil {
				b.Fatal(err)
			}
			checkLen(b, len(books), nBulkUpdate)
			// One captured run, before the timed loop: the statements sent.
			for j, bk := range books {
				bk.Price = updatePrices[1][j]
			}
			cctx, captured := orm.CaptureQueries(ctx)
			n, err := orm.Objects[Book](e.dj).BulkUpdate(cctx, books, []string{"price"})
			if err != nil {
				b.Fatal(err)
			}
			checkUpdated(b, n)
			stmts := captured.Count()
			if want := ceilDiv(nBulkUpdate, updateBatch(e)); stmts != want {
				b.Fatalf("BulkUpdate of %d rows sent %d statements, want ceil(%d/%d) = %d", nBulkUpdate, stmts, nBulkUpdate, updateBatch(e), want)
			}
			for i := 0; b.Loop(); i++ {
				prices := updatePrices[i%2]
				for j, bk := range books {
					bk.Price = prices[j]
				}
				n, err := orm.Objects[Book](e.dj).BulkUpdate(ctx, books, []string{"price"})
				if err != nil {
					b.Fatal(err)
				}
				checkUpdated(b, n)
			}
			b.ReportMetric(float64(stmts), "stmts/op")
		},
		handwritten: func(b *testing.B, e *env) {
			restorePrices(b, e)
			books := loadPlain(b, e)
			for i := 0; b.Loop(); i++ {
				prices := updatePrices[i%2]
				for j := range books {
					books[j].Price = prices[j]
				}
				n, err := e.hwUpdatePrices(books)
				if err != nil {
					b.Fatal(err)
				}
				checkUpdated(b, n)
			}
		},
		sqlx: func(b *testing.B, e *env) {
			// sqlx has no bulk update: the handwritten SQL through a sqlx.Tx.
			restorePrices(b, e)
			books := loadPlain(b, e)
			for i := 0; b.Loop(); i++ {
				prices := updatePrices[i%2]
				for j := range books {
					books[j].Price = prices[j]
				}
				tx, err := e.sx.BeginTxx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				n, err := e.updatePricesSQL(tx, books)
				if err != nil {
					_ = tx.Rollback()
					b.Fatal(err)
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
				checkUpdated(b, n)
			}
		},
		gorm: func(b *testing.B, e *env) {
			// GORM has no bulk update: one UPDATE per row in a transaction.
			restorePrices(b, e)
			var books []GormBook
			if err := e.gm.WithContext(ctx).Where("id <= ?", nBulkUpdate).Order("id").Find(&books).Error; err != nil {
				b.Fatal(err)
			}
			checkLen(b, len(books), nBulkUpdate)
			for i := 0; b.Loop(); i++ {
				prices := updatePrices[i%2]
				var n int64
				if err := e.gm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
					for j := range books {
						books[j].Price = prices[j]
						r := tx.Model(&books[j]).Update("price", books[j].Price)
						if r.Error != nil {
							return r.Error
						}
						n += r.RowsAffected
					}
					return nil
				}); err != nil {
					b.Fatal(err)
				}
				checkUpdated(b, n)
			}
		},
		bun: func(b *testing.B, e *env) {
			restorePrices(b, e)
			var books []BunBook
			if err := e.bn.NewSelect().Model(&books).Where("id <= ?", nBulkUpdate).Order("id").Scan(ctx); err != nil {
				b.Fatal(err)
			}
			checkLen(b, len(books), nBulkUpdate)
			for i := 0; b.Loop(); i++ {
				prices := updatePrices[i%2]
				for j := range books {
					books[j].Price = prices[j]
				}
				n, err := e.bunUpdatePrices(books)
				if err != nil {
					b.Fatal(err)
				}
				checkUpdated(b, n)
			}
		},
	})
}

const sqliteNoLocks = "SQLite has no row locks: djorm refuses SelectForUpdate there (NotSupportedError); skipped for every implementation"

func skipSQLite(b *testing.B, e *env) {
	if e.name == "sqlite" {
		b.Skip(sqliteNoLocks)
	}
}

func checkOne(b *testing.B, n int64) {
	if n != 1 {
		b.Fatalf("updated %d rows, want 1", n)
	}
}

// BenchmarkSelectForUpdate runs one transaction: BEGIN; SELECT one book
// FOR UPDATE; UPDATE its sales_count; COMMIT.
func BenchmarkSelectForUpdate(b *testing.B) {
	run(b, workload{
		djorm: func(b *testing.B, e *env) {
			if e.name == "sqlite" {
				err := orm.Atomic(ctx, e.dj, func(ctx context.Context) error {
					_, err := orm.Objects[Book](e.dj).SelectForUpdate().Get(ctx, orm.Q{"pk": 1})
					return err
				})
				var nse *orm.NotSupportedError
				if !errors.As(err, &nse) {
					b.Fatalf("SelectForUpdate on SQLite: got %v, want a NotSupportedError", err)
				}
				b.Skip(sqliteNoLocks)
			}
			for i := 0; b.Loop(); i++ {
				id := pkOf(i)
				if err := orm.Atomic(ctx, e.dj, func(ctx context.Context) error {
					bk, err := orm.Objects[Book](e.dj).SelectForUpdate().Get(ctx, orm.Q{"pk": id})
					if err != nil {
						return err
					}
					checkID(b, bk.ID, id)
					bk.SalesCount++
					return e.dj.Save(ctx, bk, "sales_count")
				}); err != nil {
					b.Fatal(err)
				}
			}
		},
		handwritten: func(b *testing.B, e *env) {
			skipSQLite(b, e)
			for i := 0; b.Loop(); i++ {
				id := pkOf(i)
				tx, err := e.sqldb.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				var p PlainBook
				if err := scanBook(tx.QueryRowContext(ctx, e.rq.forUpdate, id), &p); err != nil {
					b.Fatal(err)
				}
				checkID(b, p.ID, id)
				res, err := tx.ExecContext(ctx, e.rq.updateSales, p.SalesCount+1, p.ID)
				checkOne(b, affected(b, res, err))
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		},
		sqlx: func(b *testing.B, e *env) {
			skipSQLite(b, e)
			for i := 0; b.Loop(); i++ {
				id := pkOf(i)
				tx, err := e.sx.BeginTxx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				var p PlainBook
				if err := tx.GetContext(ctx, &p, e.rq.forUpdate, id); err != nil {
					b.Fatal(err)
				}
				checkID(b, p.ID, id)
				res, err := tx.ExecContext(ctx, e.rq.updateSales, p.SalesCount+1, p.ID)
				checkOne(b, affected(b, res, err))
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		},
		gorm: func(b *testing.B, e *env) {
			skipSQLite(b, e)
			for i := 0; b.Loop(); i++ {
				id := pkOf(i)
				if err := e.gm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
					var g GormBook
					if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&g, id).Error; err != nil {
						return err
					}
					checkID(b, g.ID, id)
					r := tx.Model(&g).Update("sales_count", g.SalesCount+1)
					if r.Error != nil {
						return r.Error
					}
					checkOne(b, r.RowsAffected)
					return nil
				}); err != nil {
					b.Fatal(err)
				}
			}
		},
		bun: func(b *testing.B, e *env) {
			skipSQLite(b, e)
			for i := 0; b.Loop(); i++ {
				id := pkOf(i)
				if err := e.bn.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
					var m BunBook
					if err := tx.NewSelect().Model(&m).Where("id = ?", id).For("UPDATE").Scan(ctx); err != nil {
						return err
					}
					checkID(b, m.ID, id)
					m.SalesCount++
					res, err := tx.NewUpdate().Model(&m).Column("sales_count").WherePK().Exec(ctx)
					checkOne(b, affected(b, res, err))
					return nil
				}); err != nil {
					b.Fatal(err)
				}
			}
		},
	})
}
