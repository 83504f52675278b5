// Package v2 is the second version of the gadget model of the constraint
// migration test: Meta constraints, indexes with options, comments and a
// db_default.
package v2

import (
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/migrate/internal/history"
)

// Gadget has every kind of constraint.
type Gadget struct {
	orm.Model
	Name  string `orm:"max_length=50,db_comment='The name'"`
	Price int
	Added time.Time `orm:"db_default=now()"`
}

// Meta implements orm's Meta provider.
func (Gadget) Meta() orm.Meta {
	return orm.Meta{TableComment: "Gadgets",
		Constraints: []orm.Constraint{
			orm.CheckConstraint{Name: "gadget_price_gte_0", Check: orm.Q{"price__gte": 0}.Or(orm.Q{"name": "free"})},
			orm.UniqueConstraint{Name: "gadget_lower_name_uniq", Expressions: []any{functions.Lower("name")}},
			orm.UniqueConstraint{Name: "gadget_cheap_name_uniq", Fields: []string{"name"}, Condition: orm.Q{"price__lt": 10}},
		},
		Indexes: []orm.Index{{Name: "gadget_dear_idx", Fields: []string{"price"}, Condition: orm.Q{"price__gt": 100}}},
	}
}

// Models are this version's models, in their own registry.
var Models = history.Models(&Gadget{})
