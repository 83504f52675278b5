package sqlq

import (
	"errors"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// SlotArg converts filter value v the way a Pair's parameter is built and
// bound, for a statement whose shape was compiled before (Compiled.Slots).
// key names the filter in errors.
func SlotArg(d dialects.Dialect, v any, k registry.Kind, key string) (any, error) {
	v = Canon(v)
	if _, ok := v.(Spec); ok || k == registry.Invalid {
		return nil, invalid("%s: not a plain value", key)
	}
	if k.IsInteger() && intOutside(v, k) != 0 {
		return nil, ErrUnshaped // the full path answers it without a parameter
	}
	cv, err := prepScalar(v, k, key)
	if err != nil {
		return nil, err
	}
	return d.Bind(nil, cv, k)
}

// ErrUnshaped says a value cannot be bound into a compiled shape: the full
// path treats it differently (an integer outside its column's range).
var ErrUnshaped = errors.New("sqlq: the value needs the full path")

// UniqueRow reports whether q can match at most one row: it reads one
// table and its WHERE requires the primary key to equal a value. Get then
// need not look for a second row. (Unique columns are left out: a table
// djorm did not create may lack the constraint, and Get must then report
// the duplicates.)
func (q *Query) UniqueRow() bool {
	if len(q.joins) != 1 || q.Combinator != "" || q.Partition != nil {
		return false
	}
	return q.uniqueWhere(q.Where)
}

// uniqueWhere looks for a unique-column equality among the conditions
// an AND requires.
func (q *Query) uniqueWhere(w *Where) bool {
	if w.Or || w.Negated {
		return false
	}
	for _, c := range w.Children {
		switch x := c.(type) {
		case *Where:
			if q.uniqueWhere(x) {
				return true
			}
		case *Lookup:
			if x.Name != "exact" {
				continue
			}
			col, ok := x.LHS.(*Col)
			if !ok || col.Alias != q.joins[0].Alias || !col.Field.PrimaryKey {
				continue
			}
			if p, ok := x.RHS.(*Param); ok && p.V != nil {
				return true
			}
		}
	}
	return false
}
