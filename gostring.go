package orm

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/djorm/orm/internal/sqlq"
)

// GoString returns q as Go source, keys sorted: what a migration file
// holds for a constraint's condition (Django's migrations write Q objects
// the same way), and how the migration state compares two conditions.
func (q Q) GoString() string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("orm.Q{")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(k) + ": " + goValue(q[k]))
	}
	b.WriteString("}")
	return b.String()
}

// GoString returns the expression or condition as Go source (see
// Q.GoString). The parts Go source cannot express (a subquery, raw SQL)
// are written as a <cannot write ...> marker, which a migration file
// refuses to compile.
func (e *Expr) GoString() string {
	switch {
	case e == nil:
		return "nil"
	case e.err != nil:
		return "<cannot write an invalid expression: " + e.err.Error() + ">"
	case e.c != nil:
		return goCond(e.c)
	case e.s != nil:
		return goSpec(e.s)
	}
	return "<cannot write an empty expression>"
}

// goValue writes a lookup value as given in a Q.
func goValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case fmt.GoStringer:
		return x.GoString()
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x)
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0" // stays a float64
		}
		return s
	case sqlq.Spec:
		return goSpec(x)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = goValue(rv.Index(i).Interface())
		}
		return "[]any{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("<cannot write a %T>", v)
}

// goCond writes a condition spec: a Q, or Not/Or/And/Xor of others.
func goCond(c sqlq.CondSpec) string {
	switch x := c.(type) {
	case sqlq.Pair:
		return "orm.Q{" + strconv.Quote(x.Key) + ": " + goValue(x.Value) + "}"
	case sqlq.ExprCond:
		return goSpec(x.E)
	case *sqlq.Tree:
		var parts []string
		if len(x.Pairs) > 0 {
			var q []string
			for _, p := range x.Pairs {
				q = append(q, strconv.Quote(p.Key)+": "+goValue(p.Value))
			}
			parts = append(parts, "orm.Q{"+strings.Join(q, ", ")+"}")
		}
		for _, ch := range x.Children {
			parts = append(parts, goCond(ch))
		}
		var out string
		switch {
		case x.Xor:
			out = "orm.Xor(" + strings.Join(parts, ", ") + ")"
		case x.Or:
			out = "orm.Or(" + strings.Join(parts, ", ") + ")"
		case len(parts) == 1:
			out = parts[0]
		default:
			out = "orm.And(" + strings.Join(parts, ", ") + ")"
		}
		if x.Negated {
			out = "orm.Not(" + out + ")"
		}
		return out
	}
	return fmt.Sprintf("<cannot write a %T>", c)
}

var arithMethods = map[string]string{"+": "Add", "-": "Sub", "*": "Mul", "/": "Div", "%": "Mod", "^": "Pow"}

// goSpec writes an expression spec: F, Value, arithmetic and the
// functions of package functions taking expressions.
func goSpec(s sqlq.Spec) string {
	switch x := s.(type) {
	case *sqlq.F:
		return "orm.F(" + strconv.Quote(x.Path) + ")"
	case *sqlq.Value:
		return "orm.Value(" + goValue(x.V) + ")"
	case *sqlq.CondValueSpec:
		return goCond(x.C)
	case *sqlq.ArithSpec:
		if m, ok := arithMethods[x.Op]; ok {
			if _, isF := x.L.(*sqlq.F); isF {
				return goSpec(x.L) + "." + m + "(" + goArg(x.R) + ")"
			}
		}
	case *sqlq.FuncSpec:
		if x.Tmpl == nil {
			args := make([]string, len(x.Args))
			for i, a := range x.Args {
				args[i] = goArg(a)
			}
			return "functions." + x.Name + "(" + strings.Join(args, ", ") + ")"
		}
	}
	return fmt.Sprintf("<cannot write a %T>", s)
}

// goArg writes a function argument: a field path as its name.
func goArg(s sqlq.Spec) string {
	switch x := s.(type) {
	case *sqlq.F:
		return strconv.Quote(x.Path)
	case *sqlq.Value:
		return goValue(x.V)
	}
	return goSpec(s)
}
