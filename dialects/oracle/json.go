package oracle

import (
	"github.com/djorm/orm/dialects"
)

// JSONKey renders JSON_QUERY (JSON) or JSON_VALUE (text) with the path as
// a quoted literal: Oracle takes no bound path.
func (d *Dialect) JSONKey(w *dialects.Writer, lhs dialects.Node, path []string, text bool) {
	if text {
		w.S("JSON_VALUE(")
	} else {
		w.S("JSON_QUERY(")
	}
	w.Node(lhs)
	w.S(", ")
	w.S(dialects.QuoteString(dialects.JSONPath(path)))
	if !text {
		w.S(" WITH CONDITIONAL WRAPPER")
	}
	w.S(")")
}

// JSONLookup renders JSON_EQUAL and JSON_EXISTS; Oracle has no JSON
// containment (Django refuses it there too).
func (d *Dialect) JSONLookup(w *dialects.Writer, lookup string, lhs dialects.Node, rhs any) {
	switch lookup {
	case "exact":
		w.S("JSON_EQUAL(")
		w.Node(lhs)
		w.S(", ")
		w.Node(rhs.(dialects.Node))
		w.S(")")
	case "has_key", "has_keys", "has_any_keys":
		dialects.KeyTests(w, lookup, rhs.([]string), func(k string) {
			w.S("JSON_EXISTS(")
			w.Node(lhs)
			w.S(", ")
			w.S(dialects.QuoteString(dialects.JSONPath([]string{k})))
			w.S(")")
		})
	default:
		w.Unsupported("the " + lookup + " lookup on JSON")
	}
}

var _ dialects.JSONOps = (*Dialect)(nil)
