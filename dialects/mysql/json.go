package mysql

import (
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// JSONKey renders JSON_EXTRACT(lhs, '$."a"."b"') with the path bound, and
// JSON_UNQUOTE around it for text.
func (d *Dialect) JSONKey(w *dialects.Writer, lhs dialects.Node, path []string, text bool) {
	if text {
		w.S("JSON_UNQUOTE(")
	}
	w.S("JSON_EXTRACT(")
	w.Node(lhs)
	w.S(", ")
	w.Value(dialects.JSONPath(path), registry.String)
	w.S(")")
	if text {
		w.S(")")
	}
}

// JSONLookup compares JSON values with JSON_EQUALS on MariaDB and through
// JSON_EXTRACT(..., '$') on both sides on MySQL, and renders JSON_CONTAINS
// and JSON_CONTAINS_PATH.
func (d *Dialect) JSONLookup(w *dialects.Writer, lookup string, lhs dialects.Node, rhs any) {
	switch lookup {
	case "exact":
		if d.mariaDB {
			// MariaDB compares two extracted JSON strings as unequal;
			// JSON_EQUALS (10.7) compares values. "= 1": a bare
			// JSON_EQUALS of NULL passes a WHERE on MariaDB 10.11.
			w.S("(JSON_EQUALS(")
			w.Node(lhs)
			w.S(", ")
			w.Node(rhs.(dialects.Node))
			w.S(") = 1)")
			return
		}
		w.S("JSON_EXTRACT(")
		w.Node(lhs)
		w.S(", '$') = JSON_EXTRACT(")
		w.Node(rhs.(dialects.Node))
		w.S(", '$')")
	case "contains", "contained_by":
		a, b := lhs, rhs.(dialects.Node)
		if lookup == "contained_by" {
			a, b = b, a
		}
		w.S("JSON_CONTAINS(")
		w.Node(a)
		w.S(", ")
		w.Node(b)
		w.S(")")
	case "has_key", "has_keys", "has_any_keys":
		w.S("JSON_CONTAINS_PATH(")
		w.Node(lhs)
		if lookup == "has_keys" {
			w.S(", 'all'")
		} else {
			w.S(", 'one'")
		}
		for _, k := range rhs.([]string) {
			w.S(", ")
			w.Value(dialects.JSONPath([]string{k}), registry.String)
		}
		w.S(")")
	default:
		w.Unsupported("the " + lookup + " lookup on JSON")
	}
}

var _ dialects.JSONOps = (*Dialect)(nil)
