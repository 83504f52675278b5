// Package v1 is the first version of the models of the migration history
// test: authors, books, tags.
package v1

import (
	"github.com/djorm/orm"
	"github.com/djorm/orm/migrate/internal/history"
	"github.com/shopspring/decimal"
)

type (
	Author struct {
		orm.Model
		Name string  `orm:"max_length=100"`
		Bio  *string `orm:"type=text,null"`
	}
	Tag struct {
		orm.Model
		Name string `orm:"max_length=30,unique"`
	}
	Book struct {
		orm.Model
		Title  string                 `orm:"max_length=100,index"`
		Author orm.ForeignKey[Author] `orm:"on_delete=cascade,related_name=books"`
		Price  decimal.Decimal        `orm:"max_digits=6,decimal_places=2"`
		Pages  int32
		Tags   orm.ManyToMany[Tag] `orm:"related_name=books"`
	}
)

// Models are this version's models, in their own registry.
var Models = history.Models(&Author{}, &Tag{}, &Book{})
