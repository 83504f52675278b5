package dialects

import "fmt"

// StandardNames maps the functions package's names to the SQL function
// that implements them on most backends.
var StandardNames = map[string]string{
	"Coalesce": "COALESCE", "NullIf": "NULLIF", "Greatest": "GREATEST", "Least": "LEAST",
	"Lower": "LOWER", "Upper": "UPPER", "Length": "LENGTH", "Substr": "SUBSTR",
	"Trim": "TRIM", "LTrim": "LTRIM", "RTrim": "RTRIM", "Replace": "REPLACE",
	"Left": "LEFT", "Right": "RIGHT", "StrIndex": "INSTR",
	"Abs": "ABS", "Ceil": "CEILING", "Floor": "FLOOR", "Round": "ROUND", "Mod": "MOD",
	"Power": "POWER", "Sqrt": "SQRT", "Now": "CURRENT_TIMESTAMP", "Random": "RANDOM",
	"ACos": "ACOS", "ASin": "ASIN", "ATan": "ATAN", "ATan2": "ATAN2", "Cos": "COS", "Cot": "COT",
	"Degrees": "DEGREES", "Exp": "EXP", "Ln": "LN", "Log": "LOG", "Pi": "PI", "Radians": "RADIANS",
	"Sign": "SIGN", "Sin": "SIN", "Tan": "TAN",
	"Chr": "CHR", "Ord": "ASCII", "LPad": "LPAD", "RPad": "RPAD", "Repeat": "REPEAT", "Reverse": "REVERSE", "MD5": "MD5",
	"JSONObject": "JSON_OBJECT",
}

// StandardFunc renders name(args...) with the standard names; Concat is
// rendered with || over COALESCE'd operands (NULL counts as ""), as Django does.
func StandardFunc(w *Writer, name string, args []Node) {
	RenderFunc(w, name, args, StandardNames)
}

// RenderFunc renders a function call using names, a table of SQL function
// names by Django name.
func RenderFunc(w *Writer, name string, args []Node, names map[string]string) {
	if name == "BitAnd" && len(args) == 2 {
		w.B('(')
		w.Node(args[0])
		w.S(" & ")
		w.Node(args[1])
		w.B(')')
		return
	}
	if name == "Concat" {
		for i, a := range args {
			if i > 0 {
				w.S(" || ")
			}
			w.S("COALESCE(")
			w.Node(a)
			w.S(", '')")
		}
		return
	}
	sqlName, ok := names[name]
	if !ok && IsArrayFunc(name) {
		unsupportedArray(w, arrayTransformNames[name])
		return
	}
	if !ok {
		w.Fail(fmt.Errorf("unknown function %q", name))
		return
	}
	w.S(sqlName)
	if name == "Now" && len(args) == 0 && sqlName == "CURRENT_TIMESTAMP" {
		return
	}
	w.S("(")
	w.List(args, ", ")
	w.S(")")
}

// SubstrLeftRight renders Left and Right with SUBSTR, for backends without
// LEFT/RIGHT.
func SubstrLeftRight(w *Writer, name string, args []Node) bool {
	if (name != "Left" && name != "Right") || len(args) != 2 {
		return false
	}
	w.S("SUBSTR(")
	w.Node(args[0])
	if name == "Left" {
		w.S(", 1, ")
		w.Node(args[1])
	} else {
		w.S(", -(")
		w.Node(args[1])
		w.S(")")
	}
	w.B(')')
	return true
}

// IsBitOp reports whether op is one of Expr's bitwise operators (Django's
// bitand, bitor, bitxor, bitleftshift, bitrightshift): "&", "|", "#"
// (exclusive or), "<<", ">>".
func IsBitOp(op string) bool {
	switch op {
	case "&", "|", "#", "<<", ">>":
		return true
	}
	return false
}

// WriteBitOp renders the bitwise l op r from a dialect's templates ({1},
// {2}); an operator without a template is written (l op r), one whose
// template is "" is refused on this backend. It reports false when op is
// not bitwise.
func WriteBitOp(w *Writer, templates map[string]string, op string, l, r Node) bool {
	if !IsBitOp(op) {
		return false
	}
	tpl, ok := templates[op]
	switch {
	case !ok:
		w.Template2("({1} "+op+" {2})", l, r)
	case tpl == "":
		w.Unsupported("the bitwise operator " + op)
	default:
		w.Template2(tpl, l, r)
	}
	return true
}

// NamesWith returns StandardNames with a backend's own names over them; an
// empty name removes the function (the backend renders it otherwise).
func NamesWith(own map[string]string) map[string]string {
	m := make(map[string]string, len(StandardNames)+len(own))
	for k, v := range StandardNames {
		m[k] = v
	}
	for k, v := range own {
		if v == "" {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}
