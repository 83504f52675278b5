// Package v3 changes v2: a model renamed (and its table), a model
// deleted with its many-to-many field, a type widened, a field made
// unique, another NOT NULL (a one-off value for its NULL rows), an index
// renamed, unique together dropped.
package v3

import (
	"github.com/djorm/orm"
	"github.com/djorm/orm/migrate/internal/history"
	"github.com/shopspring/decimal"
)

type (
	Author struct {
		orm.Model
		Name  string `orm:"max_length=200,index"`
		Email string `orm:"max_length=100,unique"`
	}
	Imprint struct {
		orm.Model
		Name string `orm:"max_length=100"`
	}
	Book struct {
		orm.Model
		Title       string                  `orm:"max_length=100,index"`
		Subtitle    string                  `orm:"max_length=100"`
		Author      orm.ForeignKey[Author]  `orm:"on_delete=cascade,related_name=books"`
		Publisher   orm.ForeignKey[Imprint] `orm:"null,on_delete=set_null,related_name=books"`
		Price       decimal.Decimal         `orm:"max_digits=6,decimal_places=2"`
		PageCount   int64
		IsPublished bool `orm:"default=true"`
	}
)

// Meta renames the index.
func (Book) Meta() orm.Meta {
	return orm.Meta{Indexes: []orm.Index{{Name: "book_title_price_ix", Fields: []string{"title", "-price"}}}}
}

// Models are this version's models, in their own registry.
var Models = history.Models(&Author{}, &Imprint{}, &Book{})
