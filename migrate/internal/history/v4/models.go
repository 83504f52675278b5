// Package v4 changes v3: an index removed, a check constraint and a
// conditional unique constraint added, a field widened, a table comment,
// and a many-to-many through a model with a field of its own. The
// history's fifth migration is written by hand (RunSQL and RunGo, a data
// migration), so it has no model version of its own.
package v4

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
		Title       string                  `orm:"max_length=150,index"`
		Subtitle    string                  `orm:"max_length=100"`
		Author      orm.ForeignKey[Author]  `orm:"on_delete=cascade,related_name=books"`
		Publisher   orm.ForeignKey[Imprint] `orm:"null,on_delete=set_null,related_name=books"`
		Price       decimal.Decimal         `orm:"max_digits=6,decimal_places=2"`
		PageCount   int64
		IsPublished bool                   `orm:"default=true"`
		Readers     orm.ManyToMany[Author] `orm:"through=Reading,related_name=read_books"`
	}
	// Reading is the join model of Book.Readers, with a rating.
	Reading struct {
		orm.Model
		Book   orm.ForeignKey[Book]   `orm:"on_delete=cascade"`
		Author orm.ForeignKey[Author] `orm:"on_delete=cascade"`
		Rating int                    `orm:"default=0"`
	}
)

// Meta drops v3's index and adds the constraints and a comment.
func (Book) Meta() orm.Meta {
	return orm.Meta{
		Constraints: []orm.Constraint{
			orm.CheckConstraint{Name: "book_price_gte_0", Check: orm.Q{"price__gte": 0}},
			orm.UniqueConstraint{Name: "book_one_published_title", Fields: []string{"title"}, Condition: orm.Q{"is_published": true}},
		},
		TableComment: "Books of the history test",
	}
}

// Models are this version's models, in their own registry.
var Models = history.Models(&Author{}, &Imprint{}, &Book{}, &Reading{})
