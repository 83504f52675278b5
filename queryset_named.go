package orm

import (
	"fmt"
	"slices"
)

// NamedRow is a row of ValuesList(...).Named(): its values in the order
// of the fields, and their names (Django's values_list(named=True) Row).
// Rows of one query share one names slice.
type NamedRow struct {
	names  []string
	Values []any
}

// Names returns the field names, in order; do not modify the slice.
func (r NamedRow) Names() []string { return r.names }

// Get returns the value of field name, and whether the row has it.
func (r NamedRow) Get(name string) (any, bool) {
	i := slices.Index(r.names, name)
	if i < 0 {
		return nil, false
	}
	return r.Values[i], true
}

// Row returns the row as a map.
func (r NamedRow) Row() Row {
	m := make(Row, len(r.names))
	for i, n := range r.names {
		m[n] = r.Values[i]
	}
	return m
}

// Named returns the rows of a ValuesList with their field names
// (Django's values_list(named=True)).
func (qs *QuerySet[E]) Named() *QuerySet[NamedRow] {
	v := reshape[E, NamedRow](qs, shapeNamed)
	v.ops = &op{prev: qs.ops, name: "named", apply: func(b *build) error {
		if b.q.Values == nil {
			return fmt.Errorf("%w: Named applies to a ValuesList", ErrInvalidQuery)
		}
		if b.flat {
			return fmt.Errorf("%w: Flat and Named cannot be used together", ErrInvalidQuery)
		}
		return nil
	}}
	return v
}
