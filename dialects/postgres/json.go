package postgres

import (
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// JSONKey renders (lhs -> $1 -> $2), the last hop ->> for text; an array
// index is bound as an integer, a key as text.
func (d *Dialect) JSONKey(w *dialects.Writer, lhs dialects.Node, path []string, text bool) {
	w.S("(")
	w.Node(lhs)
	for i, k := range path {
		if text && i == len(path)-1 {
			w.S(" ->> ")
		} else {
			w.S(" -> ")
		}
		if n, ok := dialects.ArrayIndex(k); ok {
			w.Value(int64(n), registry.Int)
		} else {
			w.Value(k, registry.Text)
		}
	}
	w.S(")")
}

// JSONLookup renders jsonb's operators: =, @>, <@, ?, ?& and ?|.
func (d *Dialect) JSONLookup(w *dialects.Writer, lookup string, lhs dialects.Node, rhs any) {
	w.Node(lhs)
	switch lookup {
	case "exact":
		w.S(" = ")
	case "contains":
		w.S(" @> ")
	case "contained_by":
		w.S(" <@ ")
	case "has_key", "has_keys", "has_any_keys":
		keys := rhs.([]string)
		if lookup == "has_key" {
			w.S(" ? ")
			w.Value(keys[0], registry.Text)
			return
		}
		w.S(map[string]string{"has_keys": " ?& ARRAY[", "has_any_keys": " ?| ARRAY["}[lookup])
		for i, k := range keys {
			if i > 0 {
				w.S(", ")
			}
			w.Value(k, registry.Text)
		}
		w.S("]")
		return
	default:
		w.Unsupported("the " + lookup + " lookup on JSON")
		return
	}
	w.Node(rhs.(dialects.Node))
}

var _ dialects.JSONOps = (*Dialect)(nil)
