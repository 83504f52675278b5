package orm

import (
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/schema"

	"github.com/djorm/orm/internal/exprhook"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// Constraint is an entry of Meta.Constraints: a CheckConstraint or a
// UniqueConstraint (Django's Meta.constraints). CreateTables, the
// migration autodetector and Validate read them; a violation is an
// *IntegrityError whose Constraint names it.
type Constraint = registry.Constraint

// CheckConstraint is Django's CheckConstraint: rows must satisfy Check, a
// Condition over the model's own fields, e.g.
//
//	orm.CheckConstraint{Name: "price_gte_0", Check: orm.Q{"price__gte": 0}}
type CheckConstraint = registry.CheckConstraint

// UniqueConstraint is Django's UniqueConstraint: Fields (or Expressions)
// unique among the rows matching Condition, with NullsDistinct, Include
// and Deferrable, e.g.
//
//	orm.UniqueConstraint{Name: "one_live_title", Fields: []string{"title"},
//		Condition: orm.Q{"is_published": true}}
//
// A constraint using a feature its backend lacks (a Condition on MySQL,
// MariaDB and Oracle; Include but on PostgreSQL; Expressions on MariaDB;
// Deferrable on SQLite, MySQL and MariaDB; NullsDistinct but on
// PostgreSQL 15+) is left out of that database, as Django leaves it out;
// Validate still checks it.
type UniqueConstraint = registry.UniqueConstraint

// Deferrable says when a deferrable unique constraint is checked
// (Django's models.Deferrable).
type Deferrable = registry.Deferrable

// The deferrable modes.
const (
	NotDeferrable = registry.NotDeferrable
	Deferred      = registry.Deferred
	Immediate     = registry.Immediate
)

// condArg turns an orm.Condition held as any (Meta.Constraints, indexes)
// into its spec.
func condArg(v any) (sqlq.CondSpec, error) {
	c, ok := v.(Condition)
	if !ok {
		return nil, fmt.Errorf("%w: a constraint or index condition must be an orm.Condition (orm.Q, orm.Not, ...), not %T", ErrInvalidQuery, v)
	}
	return c.cond()
}

func init() { exprhook.Cond = condArg }

// integrityError builds the IntegrityError of a violation, naming the
// constraint as the dialect reads it from the driver's error; a unique
// violation reported by table and columns (SQLite) is matched with the
// model's named unique constraints.
func (db *DB) integrityError(kind string, err error) *IntegrityError {
	ie := &IntegrityError{Kind: kind, Err: err}
	cn, ok := db.dialect.(dialects.ConstraintNamer)
	if !ok {
		return ie
	}
	v := cn.Violated(err)
	ie.Constraint = v.Constraint
	if ie.Constraint == "" && v.Table != "" && len(v.Columns) > 0 {
		ie.Constraint = uniqueByColumns(db, v.Table, v.Columns)
	}
	return ie
}

// uniqueByColumns finds the name of the unique constraint (a
// Meta.Constraints entry or a UniqueTogether set) of table over exactly
// columns, or "".
func uniqueByColumns(db *DB, table string, columns []string) string {
	for _, m := range models.Models() {
		if !strings.EqualFold(m.Table, table) {
			continue
		}
		if name := schema.TableOf(m).UniqueNamed(db.dialect, columns); name != "" {
			return name
		}
	}
	return ""
}

// dbDefaultsOmitted returns the fields of the new object at p an INSERT
// leaves to their database default: db_default fields holding their zero
// value (Go has no unset value; Django's is DatabaseDefault), one bit per
// position in m.Fields.
func dbDefaultsOmitted(m *registry.Model, p unsafe.Pointer) uint64 {
	if !m.HasDBDefaults() {
		return 0
	}
	var omit uint64
	for i, f := range m.Fields {
		if i < 64 && f.HasDBDefault && reflect.NewAt(f.Type, f.Ptr(p)).Elem().IsZero() {
			omit |= 1 << i
		}
	}
	return omit
}

// omittedFields lists the fields whose bit is set in omit, which the
// INSERT reads back.
func omittedFields(m *registry.Model, omit uint64) []*registry.Field {
	var out []*registry.Field
	for i, f := range m.Fields {
		if i < 64 && omit&(1<<i) != 0 {
			out = append(out, f)
		}
	}
	return out
}
