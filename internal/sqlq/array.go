package sqlq

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// Array fields (registry.Array, Django's ArrayField): the lookups
// contains, contained_by and overlap, and the transforms len, index
// (tags__0) and slice (tags__0_2). The lookups are Lookup nodes named
// dialects.ArrayContains, ... that the dialect's Compare renders; the
// transforms are Func nodes named dialects.ArrayIndexFunc, ... that its
// Func renders. A backend without arrays refuses them.

// arrayLookups are the lookups only array fields have (contained_by is
// also a JSON lookup).
var arrayLookups = []string{"overlap"}

// arrayLookupNames maps Django's array lookup names to the dialect's.
var arrayLookupNames = map[string]string{
	"contains": dialects.ArrayContains, "contained_by": dialects.ArrayContainedBy, "overlap": dialects.ArrayOverlap,
}

// arrayLookupChoices are the lookups an array takes, for error messages.
var arrayLookupChoices = []string{"exact", "gt", "gte", "lt", "lte", "in", "isnull", "range", "contains", "contained_by", "overlap"}

// arrayTransforms name the transforms of an array, for error messages.
var arrayTransforms = []string{"len", "<index>", "<from>_<to>"}

// arrayOf describes an array expression: the field's ArrayType and how
// many of its dimensions subscripts have taken (tags__0 on a 2-D array:
// 1). ok is false for an expression not derived from an array field.
func arrayOf(e Expr) (t registry.ArrayType, depth int, ok bool) {
	switch x := e.(type) {
	case *Col:
		t, ok = x.Field.ArrayType()
		return t, 0, ok
	case *Func:
		if x.Tmpl != nil || len(x.Args) == 0 {
			return t, 0, false
		}
		switch x.Name {
		case dialects.ArraySliceFunc:
			return arrayOf(x.Args[0])
		case dialects.ArrayIndexFunc:
			t, depth, ok = arrayOf(x.Args[0])
			return t, depth + len(x.Args) - 1, ok
		}
	case *wrapped:
		return arrayOf(x.Expr)
	}
	return t, 0, false
}

// arrayTransform applies an array transform: len, a 0-based index ("0")
// or a slice ("0_2", from 0 up to 2 excluded), as Django's ArrayField
// get_transform reads the name.
func arrayTransform(e Expr, name string) (Expr, error) {
	if name == "len" {
		return &Func{Name: dialects.ArrayLenFunc, Args: []Expr{e}, Out: registry.Int}, nil
	}
	from, to, isSlice := strings.Cut(name, "_")
	lo, ok := arrayBound(from)
	if !ok {
		return nil, fmt.Errorf("no transform %q on ArrayField (transforms: len, an index such as 0, a slice such as 0_2)", name)
	}
	t, depth, known := arrayOf(e)
	if !known {
		return nil, fmt.Errorf("cannot index %q: the expression is not an array field", name)
	}
	if isSlice {
		hi, ok := arrayBound(to)
		if !ok || hi < lo {
			return nil, fmt.Errorf("no transform %q on ArrayField: a slice is <from>_<to> with 0 <= from <= to", name)
		}
		return &Func{Name: dialects.ArraySliceFunc, Args: []Expr{e, dialects.ArrayInt(lo + 1), dialects.ArrayInt(hi)},
			Out: registry.Array}, nil
	}
	out := registry.Array
	if depth+1 >= t.Dims {
		out = t.Elem
	}
	sub := dialects.ArrayInt(lo + 1)
	if f, isIndex := e.(*Func); isIndex && f.Name == dialects.ArrayIndexFunc && f.Tmpl == nil {
		// tags__0__1 on a 2-D array is x[1][2]: (x[1])[2] would subscript
		// the NULL that a partial subscript of a 2-D array is.
		args := append(append([]Expr(nil), f.Args...), sub)
		return &Func{Name: dialects.ArrayIndexFunc, Args: args, Out: out}, nil
	}
	return &Func{Name: dialects.ArrayIndexFunc, Args: []Expr{e, sub}, Out: out}, nil
}

// builtinArrayTransform reports whether name is one of the array
// transforms (len, an index, a slice), which custom transforms registered
// for arrays do not replace.
func builtinArrayTransform(name string) bool {
	return name == "len" || name != "" && name[0] >= '0' && name[0] <= '9'
}

// arrayBound reads a 0-based index of a transform name: digits only.
func arrayBound(s string) (int, bool) {
	if s == "" || len(s) > 9 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// buildArray builds the lookups of an array value that differ from a
// plain column's: contains, contained_by and overlap compare with an
// array (its text form, a postgres.Array's Value) or an array expression,
// and the text lookups are refused (they would compare the array's text).
// done is false for the lookups that apply to arrays as to any column
// (exact, gt, lt, in, isnull, range).
func (q *Query) buildArray(lhs Expr, lookup string, value any, c *rctx, key string) (Cond, bool, error) {
	if name, ok := arrayLookupNames[lookup]; ok {
		if !q.D.Features().Arrays {
			return nil, true, &notSupported{feature: "the " + lookup + " lookup on array fields (ArrayField)", dialect: q.D.Name()}
		}
		if sp, isSpec := value.(Spec); isSpec {
			rhs, err := sp.resolve(c)
			if err != nil {
				return nil, true, err
			}
			return &Lookup{Name: name, LHS: lhs, RHS: rhs}, true, nil
		}
		v, err := arrayValue(Canon(value), key)
		if err != nil {
			return nil, true, err
		}
		return &Lookup{Name: name, LHS: lhs, RHS: &Param{V: v, K: registry.Array}}, true, nil
	}
	switch lookup {
	case "exact", "gt", "gte", "lt", "lte", "in", "isnull", "range":
		return nil, false, nil
	}
	return nil, true, invalid("%s: the %s lookup does not apply to array fields (ArrayField); their lookups are "+
		"%s, and the transforms len, an index (field__0) and a slice (field__0_2)", key, lookup, strings.Join(arrayLookupChoices, ", "))
}

// arrayValue checks a value compared with an array: the text form of an
// array (what postgres.Array's Value gives).
func arrayValue(v any, key string) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case nil:
		return "", invalid("%s: cannot use nil as a query value except with exact and isnull", key)
	}
	return "", invalid("Field '%s' expected an array (a postgres.Array or postgres.Array2 value) but got %#v (%T)", key, v, v)
}
