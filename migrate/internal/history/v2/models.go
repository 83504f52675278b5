// Package v2 changes v1: a field renamed, one removed, NOT NULL fields
// added (one needing a one-off value), a longer name, a new model and a
// key to it, a named index, unique together.
package v2

import (
	"github.com/djorm/orm"
	"github.com/djorm/orm/migrate/internal/history"
	"github.com/shopspring/decimal"
)

type (
	Author struct {
		orm.Model
		Name  string `orm:"max_length=200"`
		Email string `orm:"max_length=100"`
	}
	Publisher struct {
		orm.Model
		Name string `orm:"max_length=100"`
	}
	Tag struct {
		orm.Model
		Name string `orm:"max_length=30,unique"`
	}
	Book struct {
		orm.Model
		Title       string                    `orm:"max_length=100,index"`
		Subtitle    *string                   `orm:"max_length=100,null"`
		Author      orm.ForeignKey[Author]    `orm:"on_delete=cascade,related_name=books"`
		Publisher   orm.ForeignKey[Publisher] `orm:"null,on_delete=set_null,related_name=books"`
		Price       decimal.Decimal           `orm:"max_digits=6,decimal_places=2"`
		PageCount   int32
		IsPublished bool                `orm:"default=true"`
		Tags        orm.ManyToMany[Tag] `orm:"related_name=books"`
	}
)

// Meta adds a named index and unique together.
func (Book) Meta() orm.Meta {
	return orm.Meta{
		Indexes:        []orm.Index{{Name: "book_title_price_idx", Fields: []string{"title", "-price"}}},
		UniqueTogether: [][]string{{"title", "author"}},
	}
}

// Models are this version's models, in their own registry.
var Models = history.Models(&Author{}, &Publisher{}, &Tag{}, &Book{})
