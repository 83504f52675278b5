// Package v1 is the first version of the gadget model of the constraint
// migration test: no constraints.
package v1

import (
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/migrate/internal/history"
)

// Gadget is plain.
type Gadget struct {
	orm.Model
	Name  string `orm:"max_length=50"`
	Price int
	Added time.Time
}

// Models are this version's models, in their own registry.
var Models = history.Models(&Gadget{})
