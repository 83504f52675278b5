package sqlq

import (
	"regexp"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// CustomLookup is a lookup registered by the program (Django's
// Field.register_lookup with a Lookup subclass): "price__ne" renders
// Tmpl with {lhs} and {rhs}.
type CustomLookup struct {
	Name  string
	Kinds []registry.Kind // the kinds it applies to; none: every kind
	Tmpl  *Template
	// RHS is the kind the value is converted to (Invalid: the left side's).
	RHS registry.Kind
}

// CustomTransform is a transform registered by the program (Django's
// register_lookup with a Transform subclass): "name__unaccent__exact"
// wraps the column in Function through Tmpl.
type CustomTransform struct {
	Name     string
	Kinds    []registry.Kind
	Function string
	Tmpl     *Template
	Out      registry.Kind // Invalid: the kind of what it transforms
}

type customSet struct {
	lookups    map[string][]CustomLookup
	transforms map[string][]CustomTransform
}

// customs is read on every compile without a lock and replaced whole on
// registration, which happens at program start.
var (
	customs  atomic.Pointer[customSet]
	customMu sync.Mutex
)

var lookupName = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// RegisterLookup adds a lookup. Its name must be a lower-case identifier
// without "__" and not a built-in lookup or transform; a second lookup of
// the same name must apply to other kinds.
func RegisterLookup(l CustomLookup) error {
	if err := checkCustomName(l.Name, l.Kinds); err != nil {
		return err
	}
	return updateCustoms(func(s *customSet) error {
		if clash(l.Kinds, kindsOfLookups(s.lookups[l.Name])) || len(s.transforms[l.Name]) > 0 {
			return invalid("a lookup or transform %q is already registered for these kinds", l.Name)
		}
		s.lookups[l.Name] = append(s.lookups[l.Name], l)
		return nil
	})
}

// RegisterTransform adds a transform, under the rules of RegisterLookup.
func RegisterTransform(t CustomTransform) error {
	if err := checkCustomName(t.Name, t.Kinds); err != nil {
		return err
	}
	return updateCustoms(func(s *customSet) error {
		if clash(t.Kinds, kindsOfTransforms(s.transforms[t.Name])) || len(s.lookups[t.Name]) > 0 {
			return invalid("a lookup or transform %q is already registered for these kinds", t.Name)
		}
		s.transforms[t.Name] = append(s.transforms[t.Name], t)
		return nil
	})
}

func checkCustomName(name string, kinds []registry.Kind) error {
	if !lookupName.MatchString(name) {
		return invalid("lookup name %q: use lower-case letters, digits and single underscores", name)
	}
	builtin := slices.Contains(lookups, name) || slices.Contains(jsonLookups, name) || slices.Contains(arrayLookups, name) ||
		slices.Contains(dateParts, name) || slices.Contains(clockParts, name) || name == "date" || name == "time"
	if builtin {
		return invalid("lookup name %q is built in; choose another name", name)
	}
	for _, k := range kinds {
		if k == registry.Invalid || k == registry.JSON {
			return invalid("lookup %q: custom lookups apply to field kinds other than JSON", name)
		}
	}
	return nil
}

func updateCustoms(change func(*customSet) error) error {
	customMu.Lock()
	defer customMu.Unlock()
	next := &customSet{lookups: map[string][]CustomLookup{}, transforms: map[string][]CustomTransform{}}
	if cur := customs.Load(); cur != nil {
		for k, v := range cur.lookups {
			next.lookups[k] = slices.Clone(v)
		}
		for k, v := range cur.transforms {
			next.transforms[k] = slices.Clone(v)
		}
	}
	if err := change(next); err != nil {
		return err
	}
	customs.Store(next)
	return nil
}

func kindsOfLookups(ls []CustomLookup) [][]registry.Kind {
	out := make([][]registry.Kind, len(ls))
	for i, l := range ls {
		out[i] = l.Kinds
	}
	return out
}

func kindsOfTransforms(ts []CustomTransform) [][]registry.Kind {
	out := make([][]registry.Kind, len(ts))
	for i, t := range ts {
		out[i] = t.Kinds
	}
	return out
}

// clash reports whether kinds overlaps any of the registered kind sets
// (an empty set is every kind).
func clash(kinds []registry.Kind, registered [][]registry.Kind) bool {
	for _, r := range registered {
		if len(r) == 0 || len(kinds) == 0 {
			return true
		}
		for _, k := range kinds {
			if slices.Contains(r, k) {
				return true
			}
		}
	}
	return false
}

func appliesTo(kinds []registry.Kind, k registry.Kind) bool {
	return len(kinds) == 0 || slices.Contains(kinds, k)
}

func customLookup(name string, k registry.Kind) *CustomLookup {
	s := customs.Load()
	if s == nil {
		return nil
	}
	for i, l := range s.lookups[name] {
		if appliesTo(l.Kinds, k) {
			return &s.lookups[name][i]
		}
	}
	return nil
}

func isCustomLookup(name string) bool {
	s := customs.Load()
	return s != nil && len(s.lookups[name]) > 0
}

func customTransform(name string, k registry.Kind) *CustomTransform {
	s := customs.Load()
	if s == nil {
		return nil
	}
	for i, t := range s.transforms[name] {
		if appliesTo(t.Kinds, k) {
			return &s.transforms[name][i]
		}
	}
	return nil
}

// customNames lists the custom lookups and transforms that apply to k,
// for error messages.
func customNames(k registry.Kind) []string {
	s := customs.Load()
	if s == nil {
		return nil
	}
	var out []string
	for name, ls := range s.lookups {
		if slices.ContainsFunc(ls, func(l CustomLookup) bool { return appliesTo(l.Kinds, k) }) {
			out = append(out, name)
		}
	}
	for name, ts := range s.transforms {
		if slices.ContainsFunc(ts, func(t CustomTransform) bool { return appliesTo(t.Kinds, k) }) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// apply wraps e in the transform.
func (t *CustomTransform) apply(e Expr) Expr {
	out := t.Out
	if out == registry.Invalid {
		out = e.Kind()
	}
	return &Func{Name: t.Function, Args: []Expr{e}, Out: out, Tmpl: t.Tmpl}
}

// buildCustom builds lhs <custom lookup> value.
func (q *Query) buildCustom(l *CustomLookup, lhs Expr, value any, used *aliasSet, key string) (Cond, error) {
	var rhs Expr
	if sp, ok := value.(Spec); ok {
		e, err := sp.resolve(&rctx{q: q, reuse: used, aggOK: true})
		if err != nil {
			return nil, err
		}
		rhs = e
	} else {
		if value == nil {
			return nil, invalid("%s: cannot use nil as a query value except with exact and isnull", key)
		}
		k := l.RHS
		if k == registry.Invalid {
			k = lhs.Kind()
		}
		p, err := prepValue(value, k, key)
		if err != nil {
			return nil, err
		}
		rhs = p
	}
	return &CustomCond{Name: l.Name, Tmpl: l.Tmpl, LHS: lhs, RHS: rhs}, nil
}

// CustomCond is a custom lookup's condition.
type CustomCond struct {
	Name     string
	Tmpl     *Template
	LHS, RHS Expr
}

// WriteSQL renders the lookup's template.
func (c *CustomCond) WriteSQL(w *dialects.Writer) {
	w.B('(')
	c.Tmpl.write(w, "the "+c.Name+" lookup", []Expr{c.LHS, c.RHS}, false)
	w.B(')')
}

func (c *CustomCond) containsAggregate() bool { return hasAggregate(c.LHS) || hasAggregate(c.RHS) }
