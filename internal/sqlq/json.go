package sqlq

import (
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// JSONKey is the value at a key path inside a JSON value (Django's
// KeyTransform: data__owner__name); Text extracts it as text or an SQL
// scalar (KeyTextTransform), for text and number lookups. The keys are
// bound as parameters by the dialect, never written into the SQL.
type JSONKey struct {
	Arg  Expr
	Path []string
	Text bool
}

// WriteSQL implements dialects.Node.
func (k *JSONKey) WriteSQL(w *dialects.Writer) {
	ops, ok := w.D.(dialects.JSONOps)
	if !ok {
		w.Unsupported("JSON key transforms")
		return
	}
	ops.JSONKey(w, k.Arg, k.Path, k.Text)
}

// Kind implements Expr.
func (k *JSONKey) Kind() registry.Kind {
	if k.Text {
		return registry.Text
	}
	return registry.JSON
}

func (k *JSONKey) containsAggregate() bool { return hasAggregate(k.Arg) }

// jsonKey appends key to the path of e (a JSON value).
func jsonKey(e Expr, key string) Expr {
	if k, ok := e.(*JSONKey); ok && !k.Text {
		return &JSONKey{Arg: k.Arg, Path: append(append([]string(nil), k.Path...), key)}
	}
	return &JSONKey{Arg: e, Path: []string{key}}
}

// asText is a JSON key read as text, for the lookups that compare text or
// numbers (Django's KeyTextTransform): the value itself, not its JSON.
func asText(e Expr) Expr {
	if k, ok := e.(*JSONKey); ok {
		return &JSONKey{Arg: k.Arg, Path: k.Path, Text: true}
	}
	return e
}

// jsonLookups are the lookups only JSON values have.
var jsonLookups = []string{"has_key", "has_keys", "has_any_keys", "contained_by"}

// JSONLookup is a lookup on a JSON value the dialect renders whole: exact
// and contains/contained_by compare with the JSON text RHS (a *Param of
// kind JSON); the has_ forms take key names (RHS []string).
type JSONLookup struct {
	Name string
	LHS  Expr
	RHS  any
}

// WriteSQL implements dialects.Node.
func (l *JSONLookup) WriteSQL(w *dialects.Writer) {
	ops, ok := w.D.(dialects.JSONOps)
	if !ok {
		w.Unsupported("JSON lookups")
		return
	}
	ops.JSONLookup(w, l.Name, l.LHS, l.RHS)
}

func (l *JSONLookup) containsAggregate() bool { return hasAggregate(l.LHS) }

// buildJSONLookup builds a lookup whose left side is a JSON field or key.
func (q *Query) buildJSONLookup(lhs Expr, lookup string, value any, key string) (Cond, bool, error) {
	k, isKey := lhs.(*JSONKey)
	switch lookup {
	case "isnull":
		b, ok := value.(bool)
		if !ok || !isKey {
			return nil, false, nil // a field's isnull is SQL NULL
		}
		// Django 3.2's KeyTransformIsNull: the key's value IS NULL (a
		// missing key, or a NULL document); isnull=False is has_key where
		// extracting a key reads JSON null as SQL NULL.
		if b || !q.D.Features().JSONKeyHasKey {
			return &Lookup{Name: "isnull", LHS: k, RHS: b}, true, nil
		}
		var parent Expr = k.Arg
		if len(k.Path) > 1 {
			parent = &JSONKey{Arg: k.Arg, Path: k.Path[:len(k.Path)-1]}
		}
		return &JSONLookup{Name: "has_key", LHS: parent, RHS: []string{k.Path[len(k.Path)-1]}}, true, nil
	case "has_key":
		s, ok := value.(string)
		if !ok {
			return nil, true, invalid("%s: has_key takes a key name, not %T", key, value)
		}
		return &JSONLookup{Name: lookup, LHS: lhs, RHS: []string{s}}, true, nil
	case "has_keys", "has_any_keys":
		items, ok := sliceItems(value)
		if !ok || len(items) == 0 {
			return nil, true, invalid("%s: %s takes a non-empty list of key names", key, lookup)
		}
		keys := make([]string, len(items))
		for i, it := range items {
			if keys[i], ok = it.(string); !ok {
				return nil, true, invalid("%s: %s takes key names (strings), not %T", key, lookup, it)
			}
		}
		return &JSONLookup{Name: lookup, LHS: lhs, RHS: keys}, true, nil
	case "exact", "contains", "contained_by":
		if value == nil && lookup == "exact" && !isKey {
			return nil, false, nil // a field's exact None is IS NULL
		}
		text, err := registry.EncodeJSON(value)
		if err != nil {
			return nil, true, invalid("%s: the value cannot be encoded as JSON: %v", key, err)
		}
		return &JSONLookup{Name: lookup, LHS: lhs, RHS: &Param{V: text, K: registry.JSON}}, true, nil
	}
	return nil, false, nil
}

// buildJSON builds the lookups of a JSON field or key that differ from a
// plain column's; done is false where the generic lookup applies (a
// field's isnull and exact None). Text lookups read a key as text;
// comparisons compare JSON where the backend stores JSON natively
// (PostgreSQL), else the key's scalar with the plain value, as Django's
// KeyTransformNumericLookupMixin.
func (q *Query) buildJSON(lhs Expr, lookup string, value any, key string) (Cond, bool, error) {
	switch lookup {
	case "isnull", "has_key", "has_keys", "has_any_keys", "exact", "contains", "contained_by":
		return q.buildJSONLookup(lhs, lookup, value, key)
	case "gt", "gte", "lt", "lte":
		if q.D.Features().JSONNative {
			text, err := registry.EncodeJSON(value)
			if err != nil {
				return nil, true, invalid("%s: the value cannot be encoded as JSON: %v", key, err)
			}
			return &Lookup{Name: lookup, LHS: lhs, RHS: &Param{V: text, K: registry.JSON}}, true, nil
		}
		if _, isKey := lhs.(*JSONKey); !isKey {
			return nil, true, invalid("%s: a JSON field is ordered by its keys' values, not as a whole", key)
		}
		k := KindOf(value)
		if k == registry.Invalid {
			return nil, true, invalid("%s: compare a JSON key with a number or a string, not %T", key, value)
		}
		return &Lookup{Name: lookup, LHS: asText(lhs), RHS: &Param{V: value, K: k}}, true, nil
	case "iexact", "icontains", "startswith", "istartswith", "endswith", "iendswith", "regex", "iregex":
		if _, isKey := lhs.(*JSONKey); !isKey {
			return nil, true, invalid("%s: the %s lookup applies to a JSON field's keys (field__key__%s)", key, lookup, lookup)
		}
		c, err := q.buildLookup(asText(lhs), lookup, value, nil, key)
		return c, true, err
	case "in", "range":
		if !q.D.Features().JSONNative {
			return nil, true, &notSupported{feature: "the " + lookup + " lookup on JSON values", dialect: q.D.Name()}
		}
	}
	return nil, false, nil
}
