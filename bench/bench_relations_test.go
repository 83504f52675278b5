package bench

import (
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/djorm/orm"
)

func checkAuthor(b *testing.B, bookAuthorID, authorID int64, name string) {
	if authorID != bookAuthorID || authorID < 1 || authorID > nAuthors || name != authorNames[authorID] {
		b.Fatalf("book of author %d has author %d %q", bookAuthorID, authorID, name)
	}
}

// BenchmarkSelectRelated1k reads 1,000 books with their authors in one
// query (book INNER/LEFT JOIN author ... LIMIT 1000).
func BenchmarkSelectRelated1k(b *testing.B) {
	run(b, workload{
		djorm: func(b *testing.B, e *env) {
			for b.Loop() {
				books, err := orm.Objects[Book](e.dj).SelectRelated("author").Limit(nSelectRelated).All(ctx)
				if err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(books), nSelectRelated)
				for _, bk := range books {
					a := bk.Author.Cached()
					if a == nil {
						b.Fatalf("book %d: author not loaded", bk.ID)
					}
					id, _ := bk.Author.ID().(int64)
					checkAuthor(b, id, a.ID, a.Name)
				}
			}
		},
		handwritten: func(b *testing.B, e *env) {
			for b.Loop() {
				rows, err := e.sqldb.QueryContext(ctx, e.rq.selectRelated)
				if err != nil {
					b.Fatal(err)
				}
				var books []BookAuthor
				for rows.Next() {
					var bk BookAuthor
					a := &PlainAuthor{}
					p := &bk.PlainBook
					if err := rows.Scan(&p.ID, &p.Title, &p.AuthorID, &p.Price, &p.SalesCount, &p.StockLevel,
						&p.IsPublished, &p.PublishedAt, &a.ID, &a.Name, &a.JoinedDate); err != nil {
						b.Fatal(err)
					}
					bk.Author = a
					books = append(books, bk)
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				_ = rows.Close()
				checkLen(b, len(books), nSelectRelated)
				for i := range books {
					checkAuthor(b, books[i].AuthorID, books[i].Author.ID, books[i].Author.Name)
				}
			}
		},
		sqlx: func(b *testing.B, e *env) {
			for b.Loop() {
				var books []BookAuthor
				if err := e.sx.SelectContext(ctx, &books, e.rq.selectRelatedSqlx); err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(books), nSelectRelated)
				for i := range books {
					checkAuthor(b, books[i].AuthorID, books[i].Author.ID, books[i].Author.Name)
				}
			}
		},
		gorm: func(b *testing.B, e *env) {
			for b.Loop() {
				var books []GormBookAuthor
				if err := e.gm.WithContext(ctx).Joins("Author").Limit(nSelectRelated).Find(&books).Error; err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(books), nSelectRelated)
				for i := range books {
					checkAuthor(b, books[i].AuthorID, books[i].Author.ID, books[i].Author.Name)
				}
			}
		},
		bun: func(b *testing.B, e *env) {
			for b.Loop() {
				var books []BunBookAuthor
				if err := e.bn.NewSelect().Model(&books).Relation("Author").Limit(nSelectRelated).Scan(ctx); err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(books), nSelectRelated)
				for i := range books {
					if books[i].Author == nil {
						b.Fatalf("book %d: no author", books[i].ID)
					}
					checkAuthor(b, books[i].AuthorID, books[i].Author.ID, books[i].Author.Name)
				}
			}
		},
	})
}

func checkNovels(b *testing.B, writerID int64, n int) {
	if n != novelsPerWriter {
		b.Fatalf("writer %d has %d novels, want %d", writerID, n, novelsPerWriter)
	}
}

func checkWriter(b *testing.B, writerID, got int64) {
	if got != writerID {
		b.Fatalf("writer %d got a novel of writer %d", writerID, got)
	}
}

// novelsIn is the handwritten second query: the novels of the writers
// read, WHERE writer_id IN (...) built for the ids at hand.
func (e *env) novelsIn(ids []int64) (string, []any) {
	buf := make([]byte, 0, 128+4*len(ids))
	buf = append(buf, "SELECT "+novelCols+" FROM novel WHERE writer_id IN ("...)
	args := make([]any, len(ids))
	for i, id := range ids {
		if i > 0 {
			buf = append(buf, ", "...)
		}
		buf = e.appendPH(buf, i+1)
		args[i] = id
	}
	buf = append(buf, ')')
	return string(buf), args
}

// BenchmarkPrefetch100x10 reads the 100 writers and their 10 novels each
// with two queries (writers, then novels WHERE writer_id IN (...)).
func BenchmarkPrefetch100x10(b *testing.B) {
	run(b, workload{
		djorm: func(b *testing.B, e *env) {
			for b.Loop() {
				writers, err := orm.Objects[Writer](e.dj).PrefetchRelated("books").All(ctx)
				if err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(writers), nWriters)
				for _, w := range writers {
					novels, err := orm.Related[Novel](w, "books").All(ctx)
					if err != nil {
						b.Fatal(err)
					}
					checkNovels(b, w.ID, len(novels))
					for _, n := range novels {
						id, _ := n.Writer.ID().(int64)
						checkWriter(b, w.ID, id)
					}
				}
			}
		},
		handwritten: func(b *testing.B, e *env) {
			for b.Loop() {
				rows, err := e.sqldb.QueryContext(ctx, e.rq.writers)
				if err != nil {
					b.Fatal(err)
				}
				var writers []PlainWriter
				for rows.Next() {
					var w PlainWriter
					if err := rows.Scan(&w.ID, &w.Name, &w.JoinedDate); err != nil {
						b.Fatal(err)
					}
					writers = append(writers, w)
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				_ = rows.Close()
				byID := make(map[int64]*PlainWriter, len(writers))
				ids := make([]int64, len(writers))
				for i := range writers {
					byID[writers[i].ID] = &writers[i]
					ids[i] = writers[i].ID
				}
				query, args := e.novelsIn(ids)
				rows, err = e.sqldb.QueryContext(ctx, query, args...)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
					var n PlainNovel
					if err := rows.Scan(&n.ID, &n.Title, &n.WriterID, &n.Price, &n.SalesCount, &n.StockLevel,
						&n.IsPublished, &n.PublishedAt); err != nil {
						b.Fatal(err)
					}
					w := byID[n.WriterID]
					w.Books = append(w.Books, n)
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				_ = rows.Close()
				checkLen(b, len(writers), nWriters)
				for i := range writers {
					w := &writers[i]
					checkNovels(b, w.ID, len(w.Books))
					for j := range w.Books {
						checkWriter(b, w.ID, w.Books[j].WriterID)
					}
				}
			}
		},
		sqlx: func(b *testing.B, e *env) {
			for b.Loop() {
				var writers []PlainWriter
				if err := e.sx.SelectContext(ctx, &writers, e.rq.writers); err != nil {
					b.Fatal(err)
				}
				ids := make([]int64, len(writers))
				byID := make(map[int64]*PlainWriter, len(writers))
				for i := range writers {
					ids[i] = writers[i].ID
					byID[writers[i].ID] = &writers[i]
				}
				query, args, err := sqlx.In("SELECT "+novelCols+" FROM novel WHERE writer_id IN (?)", ids)
				if err != nil {
					b.Fatal(err)
				}
				var novels []PlainNovel
				if err := e.sx.SelectContext(ctx, &novels, e.sx.Rebind(query), args...); err != nil {
					b.Fatal(err)
				}
				for _, n := range novels {
					w := byID[n.WriterID]
					w.Books = append(w.Books, n)
				}
				checkLen(b, len(writers), nWriters)
				for i := range writers {
					w := &writers[i]
					checkNovels(b, w.ID, len(w.Books))
					for j := range w.Books {
						checkWriter(b, w.ID, w.Books[j].WriterID)
					}
				}
			}
		},
		gorm: func(b *testing.B, e *env) {
			for b.Loop() {
				var writers []GormWriter
				if err := e.gm.WithContext(ctx).Preload("Books").Find(&writers).Error; err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(writers), nWriters)
				for i := range writers {
					w := &writers[i]
					checkNovels(b, w.ID, len(w.Books))
					for j := range w.Books {
						checkWriter(b, w.ID, w.Books[j].WriterID)
					}
				}
			}
		},
		bun: func(b *testing.B, e *env) {
			for b.Loop() {
				var writers []BunWriter
				if err := e.bn.NewSelect().Model(&writers).Relation("Books").Scan(ctx); err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(writers), nWriters)
				for i := range writers {
					w := &writers[i]
					checkNovels(b, w.ID, len(w.Books))
					for j := range w.Books {
						checkWriter(b, w.ID, w.Books[j].WriterID)
					}
				}
			}
		},
	})
}
