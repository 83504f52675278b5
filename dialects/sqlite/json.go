package sqlite

import (
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// JSONKey renders (lhs -> '$."a"') (JSON text) or (lhs ->> '$."a"') (an SQL
// value), the path bound.
func (d *Dialect) JSONKey(w *dialects.Writer, lhs dialects.Node, path []string, text bool) {
	w.S("(")
	w.Node(lhs)
	if text {
		w.S(" ->> ")
	} else {
		w.S(" -> ")
	}
	w.Value(dialects.JSONPath(path), registry.String)
	w.S(")")
}

// JSONLookup compares JSON texts minified by JSON() and tests keys with
// JSON_TYPE; SQLite has no JSON containment (Django refuses it there too).
func (d *Dialect) JSONLookup(w *dialects.Writer, lookup string, lhs dialects.Node, rhs any) {
	switch lookup {
	case "exact":
		w.S("JSON(")
		w.Node(lhs)
		w.S(") = JSON(")
		w.Node(rhs.(dialects.Node))
		w.S(")")
	case "has_key", "has_keys", "has_any_keys":
		dialects.KeyTests(w, lookup, rhs.([]string), func(k string) {
			w.S("JSON_TYPE(")
			w.Node(lhs)
			w.S(", ")
			w.Value(dialects.JSONPath([]string{k}), registry.String)
			w.S(") IS NOT NULL")
		})
	default:
		w.Unsupported("the " + lookup + " lookup on JSON")
	}
}

var _ dialects.JSONOps = (*Dialect)(nil)
