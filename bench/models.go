// Package bench compares djorm with hand-written database/sql, sqlx, GORM
// and bun on the same tables through the same *sql.DB. See README.md.
package bench

import (
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/djorm/orm"
)

// Author and Book are the djorm models; djorm creates the tables (author,
// book) and every other implementation maps the same tables.
type Author struct {
	orm.Model
	Name       string    `orm:"max_length=100"`
	JoinedDate time.Time `orm:"type=date"`
}

// Book is the benchmarked table.
type Book struct {
	orm.Model
	Title       string                 `orm:"max_length=200"`
	Author      orm.ForeignKey[Author] `orm:"on_delete=cascade,related_name=books"`
	Price       decimal.Decimal        `orm:"max_digits=6,decimal_places=2,index"`
	SalesCount  int64                  `orm:"default=0"`
	StockLevel  int64                  `orm:"default=0"`
	IsPublished bool                   `orm:"default=true"`
	PublishedAt *time.Time             `orm:"null"`
}

func init() { orm.MustRegister(&Author{}, &Book{}) }

// PlainBook is the row struct of the handwritten (database/sql) and sqlx
// implementations.
type PlainBook struct {
	ID          int64           `db:"id"`
	Title       string          `db:"title"`
	AuthorID    int64           `db:"author_id"`
	Price       decimal.Decimal `db:"price"`
	SalesCount  int64           `db:"sales_count"`
	StockLevel  int64           `db:"stock_level"`
	IsPublished bool            `db:"is_published"`
	PublishedAt *time.Time      `db:"published_at"`
}

// GormBook maps the book table for GORM.
type GormBook struct {
	ID          int64 `gorm:"primaryKey"`
	Title       string
	AuthorID    int64
	Price       decimal.Decimal
	SalesCount  int64
	StockLevel  int64
	IsPublished bool
	PublishedAt *time.Time
}

// TableName tells GORM the table.
func (GormBook) TableName() string { return "book" }

// BunBook maps the book table for bun.
type BunBook struct {
	bun.BaseModel `bun:"table:book,alias:b"`

	ID          int64           `bun:"id,pk,autoincrement"`
	Title       string          `bun:"title"`
	AuthorID    int64           `bun:"author_id"`
	Price       decimal.Decimal `bun:"price,type:numeric"`
	SalesCount  int64           `bun:"sales_count"`
	StockLevel  int64           `bun:"stock_level"`
	IsPublished bool            `bun:"is_published"`
	PublishedAt *time.Time      `bun:"published_at"`
}
