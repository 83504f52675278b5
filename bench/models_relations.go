package bench

import (
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/djorm/orm"
)

// Models of the relation workloads (SelectRelated1k, Prefetch100x10).
//
// SelectRelated1k joins the existing book and author tables. Prefetch100x10
// needs exactly 10 books per author, which the book table (100 per author)
// does not have, so it reads a second pair of tables with the same columns:
// writer (100 rows) and novel (1,000 rows, 10 per writer). Writer's
// reverse relation is called "books", as Author's is.

// Writer is the parent model of the prefetch workload (same columns as Author).
type Writer struct {
	orm.Model
	Name       string    `orm:"max_length=100"`
	JoinedDate time.Time `orm:"type=date"`
}

// Novel is the child model of the prefetch workload (same columns as Book).
type Novel struct {
	orm.Model
	Title       string                 `orm:"max_length=200"`
	Writer      orm.ForeignKey[Writer] `orm:"on_delete=cascade,related_name=books"`
	Price       decimal.Decimal        `orm:"max_digits=6,decimal_places=2"`
	SalesCount  int64                  `orm:"default=0"`
	StockLevel  int64                  `orm:"default=0"`
	IsPublished bool                   `orm:"default=true"`
	PublishedAt *time.Time             `orm:"null"`
}

func init() { orm.MustRegister(&Writer{}, &Novel{}) }

// PlainAuthor is the author row of the handwritten and sqlx implementations.
type PlainAuthor struct {
	ID         int64     `db:"id"`
	Name       string    `db:"name"`
	JoinedDate time.Time `db:"joined_date"`
}

// BookAuthor is a book linked to its author (handwritten and sqlx
// select-related). sqlx fills Author from the columns "author.id", ...
type BookAuthor struct {
	PlainBook
	Author *PlainAuthor `db:"author"`
}

// PlainWriter is a writer with its novels (handwritten and sqlx prefetch).
type PlainWriter struct {
	ID         int64        `db:"id"`
	Name       string       `db:"name"`
	JoinedDate time.Time    `db:"joined_date"`
	Books      []PlainNovel `db:"-"`
}

// PlainNovel is the novel row of the handwritten and sqlx implementations.
type PlainNovel struct {
	ID          int64           `db:"id"`
	Title       string          `db:"title"`
	WriterID    int64           `db:"writer_id"`
	Price       decimal.Decimal `db:"price"`
	SalesCount  int64           `db:"sales_count"`
	StockLevel  int64           `db:"stock_level"`
	IsPublished bool            `db:"is_published"`
	PublishedAt *time.Time      `db:"published_at"`
}

// GormAuthor maps the author table for GORM.
type GormAuthor struct {
	ID         int64 `gorm:"primaryKey"`
	Name       string
	JoinedDate time.Time
}

// TableName tells GORM the table.
func (GormAuthor) TableName() string { return "author" }

// GormBookAuthor is a book with its author (belongs-to) for GORM.
type GormBookAuthor struct {
	ID          int64 `gorm:"primaryKey"`
	Title       string
	AuthorID    int64
	Author      GormAuthor
	Price       decimal.Decimal
	SalesCount  int64
	StockLevel  int64
	IsPublished bool
	PublishedAt *time.Time
}

// TableName tells GORM the table.
func (GormBookAuthor) TableName() string { return "book" }

// GormWriter is a writer with its novels (has-many) for GORM.
type GormWriter struct {
	ID         int64 `gorm:"primaryKey"`
	Name       string
	JoinedDate time.Time
	Books      []GormNovel `gorm:"foreignKey:WriterID"`
}

// TableName tells GORM the table.
func (GormWriter) TableName() string { return "writer" }

// GormNovel maps the novel table for GORM.
type GormNovel struct {
	ID          int64 `gorm:"primaryKey"`
	Title       string
	WriterID    int64
	Price       decimal.Decimal
	SalesCount  int64
	StockLevel  int64
	IsPublished bool
	PublishedAt *time.Time
}

// TableName tells GORM the table.
func (GormNovel) TableName() string { return "novel" }

// BunAuthor maps the author table for bun.
type BunAuthor struct {
	bun.BaseModel `bun:"table:author,alias:a"`

	ID         int64     `bun:"id,pk,autoincrement"`
	Name       string    `bun:"name"`
	JoinedDate time.Time `bun:"joined_date"`
}

// BunBookAuthor is a book with its author (belongs-to) for bun.
type BunBookAuthor struct {
	bun.BaseModel `bun:"table:book,alias:b"`

	ID          int64           `bun:"id,pk,autoincrement"`
	Title       string          `bun:"title"`
	AuthorID    int64           `bun:"author_id"`
	Author      *BunAuthor      `bun:"rel:belongs-to,join:author_id=id"`
	Price       decimal.Decimal `bun:"price,type:numeric"`
	SalesCount  int64           `bun:"sales_count"`
	StockLevel  int64           `bun:"stock_level"`
	IsPublished bool            `bun:"is_published"`
	PublishedAt *time.Time      `bun:"published_at"`
}

// BunWriter is a writer with its novels (has-many) for bun.
type BunWriter struct {
	bun.BaseModel `bun:"table:writer,alias:w"`

	ID         int64       `bun:"id,pk,autoincrement"`
	Name       string      `bun:"name"`
	JoinedDate time.Time   `bun:"joined_date"`
	Books      []*BunNovel `bun:"rel:has-many,join:id=writer_id"`
}

// BunNovel maps the novel table for bun.
type BunNovel struct {
	bun.BaseModel `bun:"table:novel,alias:n"`

	ID          int64           `bun:"id,pk,autoincrement"`
	Title       string          `bun:"title"`
	WriterID    int64           `bun:"writer_id"`
	Price       decimal.Decimal `bun:"price,type:numeric"`
	SalesCount  int64           `bun:"sales_count"`
	StockLevel  int64           `bun:"stock_level"`
	IsPublished bool            `bun:"is_published"`
	PublishedAt *time.Time      `bun:"published_at"`
}
