package sqlq

import (
	"errors"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// LookupSite is where a filter key puts its value: the expression it is
// compared with and the lookup. A plan reused with new values asks it how
// each value binds (Arg), and the answer comes from the same decisions
// buildLookup makes.
type LookupSite struct {
	key    string
	lookup string
	lhs    Expr
}

// ResolveLookup resolves a filter key ("price__gt",
// "author__joined_date__year") on model m.
func ResolveLookup(m *registry.Model, d dialects.Dialect, key string) (*LookupSite, error) {
	q := New(m, d)
	p, err := resolvePathIn(q, m, strings.Split(key, "__"))
	if err != nil {
		return nil, err
	}
	aliases := q.setupJoins(&p, nil)
	col, _ := q.trimJoins(&p, aliases)
	lookup, names, err := splitLookup(col, p.rest, key)
	if err != nil {
		return nil, err
	}
	lhs, err := applyTransforms(col, names, key)
	if err != nil {
		return nil, err
	}
	return &LookupSite{key: key, lookup: lookup, lhs: lhs}, nil
}

// Plain reports whether the lookup binds a value as it is (or as its text:
// iexact), so a plan can be reused at this site; LIKE patterns and regular
// expressions are built from the value.
func (s *LookupSite) Plain() bool {
	switch s.lookup {
	case "exact", "gt", "gte", "lt", "lte", "range", "iexact":
		return true
	}
	return false
}

// Arg returns the argument buildLookup binds for literal v at this site,
// or ErrNoParam when it builds something else for v (a constant for an
// integer outside the column's range, year bounds for a year, a LIKE
// pattern, IS NULL).
func (s *LookupSite) Arg(d dialects.Dialect, v any) (any, error) {
	v = Canon(v)
	k := s.lhs.Kind()
	if _, ok := v.(Spec); ok || v == nil || k == registry.Invalid || k == registry.JSON {
		return nil, ErrNoParam // JSON lookups bind per backend (see buildJSON)
	}
	switch s.lookup {
	case "exact", "gt", "gte", "lt", "lte":
		if _, ok := yearBounds(s.lhs, s.lookup, v, nil); ok {
			return nil, ErrNoParam
		}
		if _, ok := intOverflow(s.lookup, v, k); ok || emptyIsNull(d, s.lookup, v) {
			return nil, ErrNoParam
		}
	case "range": // one bound
		if k.IsInteger() && intOutside(v, k) != 0 {
			return nil, ErrNoParam
		}
	case "iexact":
		t, err := patternText(v, k)
		if err != nil {
			return nil, invalid("%s: %v", s.key, err)
		}
		return d.Bind(t, registry.Text)
	default:
		return nil, ErrNoParam
	}
	cv, err := prepScalar(v, k, s.key) // prepValue's conversion, without its Param
	if err != nil {
		return nil, err
	}
	return d.Bind(cv, k)
}

// ErrNoParam says the compiler does not bind a value as a parameter
// where a plan expects one.
var ErrNoParam = errors.New("sqlq: the value is not bound as a parameter there")

// ValueArg converts v as a Value of kind k is converted and binds it.
func ValueArg(d dialects.Dialect, v any, k registry.Kind) (any, error) {
	if k == registry.JSON {
		text, err := registry.EncodeJSON(v)
		if err != nil {
			return nil, invalid("Value(%v): the value cannot be encoded as JSON: %v", v, err)
		}
		return d.Bind(text, k)
	}
	cv, err := registry.Convert(k, Canon(v))
	if err != nil {
		return nil, invalid("Value(%v): %v", v, err)
	}
	return d.Bind(cv, k)
}
