package sqlq

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/djorm/orm/dialects"
)

// Template is the SQL shape of a user-defined function, aggregate, lookup
// or transform (Django's Func.template and as_<vendor> methods): text
// with placeholders, one default and optional ones per dialect name.
// Placeholders: {function}, {expressions} (every argument, comma
// separated), {distinct} ("DISTINCT " or nothing), {0}..{N} (one
// argument), {lhs} and {rhs} (a lookup's sides); {{ and }} are braces.
type Template struct {
	def    []tseg
	vendor map[string][]tseg
	// args is the number of arguments the template reads by position
	// (the highest {N} + 1); calls must pass at least that many.
	args int
	// only: the dialects it renders on (none: all); elsewhere it is refused.
	only []string
}

// Restrict limits the template to the named dialects ("mysql" covers
// MariaDB); it is refused as not supported elsewhere.
func (t *Template) Restrict(names []string) error {
	for _, n := range names {
		if !knownDialect(n) {
			return invalid("unknown dialect %q; dialect names: postgresql, mysql, mariadb, sqlite, oracle", n)
		}
	}
	t.only = names
	return nil
}

func (t *Template) rendersOn(name string) bool {
	if len(t.only) == 0 || slices.Contains(t.only, name) {
		return true
	}
	return name == "mariadb" && slices.Contains(t.only, "mysql")
}

type tseg struct {
	text string
	kind byte // 0: text, 'f' function, 'e' expressions, 'd' distinct, 'a' argument n, 'l' lhs, 'r' rhs
	n    int
}

// placeholders says which placeholders a template may use.
type placeholders struct{ function, positional, distinct, sides bool }

// FuncPlaceholders and the others are the placeholders each use allows.
var (
	FuncPlaceholders      = placeholders{function: true, positional: true}
	AggregatePlaceholders = placeholders{function: true, positional: true, distinct: true}
	LookupPlaceholders    = placeholders{sides: true}
)

// ParseTemplate parses the default template and the per-dialect ones
// (keys are dialect names: postgresql, mysql, sqlite, oracle; "mysql"
// serves MariaDB too unless a "mariadb" one is given, as Django's as_mysql).
func ParseTemplate(def string, vendor map[string]string, allowed placeholders) (*Template, error) {
	t := &Template{}
	var err error
	if t.def, err = t.parse(def, allowed); err != nil {
		return nil, err
	}
	for name, text := range vendor {
		if !knownDialect(name) {
			return nil, invalid("template for unknown dialect %q; dialect names: postgresql, mysql, mariadb, sqlite, oracle", name)
		}
		segs, err := t.parse(text, allowed)
		if err != nil {
			return nil, fmt.Errorf("%s template: %w", name, err)
		}
		if t.vendor == nil {
			t.vendor = map[string][]tseg{}
		}
		t.vendor[name] = segs
	}
	return t, nil
}

func knownDialect(name string) bool {
	switch name {
	case "postgresql", "mysql", "mariadb", "sqlite", "oracle":
		return true
	}
	return false
}

func (t *Template) parse(s string, allowed placeholders) ([]tseg, error) {
	var out []tseg
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, tseg{text: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '}' {
			if i+1 < len(s) && s[i+1] == '}' {
				text.WriteByte('}')
				i++
				continue
			}
			return nil, invalid("template %q: a lone } at %d (write }} for a brace)", s, i)
		}
		if c != '{' {
			text.WriteByte(c)
			continue
		}
		if i+1 < len(s) && s[i+1] == '{' {
			text.WriteByte('{')
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return nil, invalid("template %q: unclosed { at %d", s, i)
		}
		seg, err := t.placeholder(s[i+1:i+end], allowed)
		if err != nil {
			return nil, invalid("template %q: %v", s, err)
		}
		flush()
		out = append(out, seg)
		i += end
	}
	flush()
	return out, nil
}

func (t *Template) placeholder(name string, allowed placeholders) (tseg, error) {
	switch {
	case name == "function" && allowed.function:
		return tseg{kind: 'f'}, nil
	case name == "expressions" && allowed.function:
		return tseg{kind: 'e'}, nil
	case name == "distinct" && allowed.distinct:
		return tseg{kind: 'd'}, nil
	case name == "lhs" && allowed.sides:
		return tseg{kind: 'l'}, nil
	case name == "rhs" && allowed.sides:
		return tseg{kind: 'r'}, nil
	}
	if n, err := strconv.Atoi(name); err == nil && n >= 0 && n < 100 && allowed.positional {
		t.args = max(t.args, n+1)
		return tseg{kind: 'a', n: n}, nil
	}
	var names []string
	if allowed.function {
		names = append(names, "{function}", "{expressions}", "{0}, {1}, ...")
	}
	if allowed.distinct {
		names = append(names, "{distinct}")
	}
	if allowed.sides {
		names = append(names, "{lhs}", "{rhs}")
	}
	return tseg{}, fmt.Errorf("unknown placeholder {%s}; placeholders: %s", name, strings.Join(names, ", "))
}

// Args is the number of positional arguments the templates read.
func (t *Template) Args() int { return t.args }

// segsFor picks the template of d's dialect.
func (t *Template) segsFor(name string) []tseg {
	if v, ok := t.vendor[name]; ok {
		return v
	} else if v, ok := t.vendor["mysql"]; ok && name == "mariadb" {
		return v
	}
	return t.def
}

// ReadsDistinct reports whether some template has {distinct}.
func (t *Template) ReadsDistinct() bool {
	if hasDistinct(t.def) {
		return true
	}
	for _, segs := range t.vendor {
		if hasDistinct(segs) {
			return true
		}
	}
	return false
}

func hasDistinct(segs []tseg) bool {
	for _, s := range segs {
		if s.kind == 'd' {
			return true
		}
	}
	return false
}

// write renders the template of w's dialect with function's name, the
// arguments (or a lookup's two sides) and the DISTINCT flag.
func (t *Template) write(w *dialects.Writer, function string, args []Expr, distinct bool) {
	if !t.rendersOn(w.D.Name()) {
		w.Fail(&notSupported{feature: function, dialect: w.D.Name()})
		return
	}
	segs := t.segsFor(w.D.Name())
	if distinct && !hasDistinct(segs) {
		w.Fail(&notSupported{feature: function + " with Distinct (its template for this backend has no {distinct})", dialect: w.D.Name()})
	}
	for _, s := range segs {
		switch s.kind {
		case 0:
			w.S(s.text)
		case 'f':
			w.S(function)
		case 'e':
			for i, a := range args {
				if i > 0 {
					w.S(", ")
				}
				w.Node(a)
			}
		case 'd':
			if distinct {
				w.S("DISTINCT ")
			}
		case 'a':
			w.Node(args[s.n])
		case 'l':
			w.Node(args[0])
		case 'r':
			w.Node(args[1])
		}
	}
}
