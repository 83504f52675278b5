package sqlq

import (
	"fmt"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// Spec is an unresolved expression, as package orm builds it from F, Value,
// functions and aggregates. Resolving it against a Query yields an Expr.
type Spec interface {
	resolve(c *rctx) (Expr, error)
}

// CondSpec is an unresolved condition: a Pair, a Tree or an ExprCond.
type CondSpec interface {
	condSpec()
}

// Pair is one "lookup": value entry of a Q.
type Pair struct {
	Key   string
	Value any // a literal, a Spec, a []any, or a *SubquerySpec
}

// Tree is an AND / OR / XOR of conditions, possibly negated (a Q node).
// Pairs come before Children; they are kept unboxed so a Q costs one
// allocation.
type Tree struct {
	Or       bool
	Xor      bool // true when an odd number of the children are (Django 4.1's Q ^ Q)
	Negated  bool
	Pairs    []Pair
	Children []CondSpec
	pairBuf  [2]Pair
}

// NewPairs returns a Tree (AND) ready for n pairs.
func NewPairs(n int) *Tree {
	t := &Tree{}
	if n <= len(t.pairBuf) {
		t.Pairs = t.pairBuf[:0]
	} else {
		t.Pairs = make([]Pair, 0, n)
	}
	return t
}

// ExprCond uses a boolean expression (Exists, a conditional annotation) as a condition.
type ExprCond struct{ E Spec }

func (Pair) condSpec()     {}
func (*Tree) condSpec()    {}
func (ExprCond) condSpec() {}

// rctx is the context of one resolution.
type rctx struct {
	q *Query
	// reuse: aliases multi-valued joins may reuse (nil: any).
	reuse *aliasSet
	// summarize: resolving an Aggregate() over annotations, which become refs.
	summarize bool
	// aggOK: aggregates are allowed here.
	aggOK bool
	// inAgg: inside an aggregate's argument.
	inAgg bool
	// window: resolving the expression of a Window (window functions and
	// aggregates are allowed, not another Window).
	window bool
	// exactValue: resolving the value of an exact lookup.
	exactValue bool
	// ordering: resolving an OrderBy expression (an aggregate there must be
	// annotated first, as Django requires).
	ordering bool
	// sub: aggregating over a subquery; arguments become its columns.
	sub *aggSub
}

// F references a field path (or an annotation), with optional transforms.
type F struct{ Path string }

func (f *F) resolve(c *rctx) (Expr, error) {
	if c.q.valuesOuter {
		return (&OuterRefSpec{Inner: f}).resolve(c)
	}
	return c.q.resolveRef(f.Path, c)
}

// resolveRef resolves a field path or annotation name to an expression.
func (q *Query) resolveRef(name string, c *rctx) (Expr, error) {
	parts := strings.Split(name, "__")
	if a, n := q.annotationPrefix(parts); a != nil {
		var e Expr = a.E
		if c.summarize && a.Select {
			e = &Ref{Name: a.Name, Target: a.E}
		} else if c.inAgg && hasAggregate(a.E) {
			return nil, &FieldError{Model: q.Model.TypeName, Name: name, Msg: fmt.Sprintf(
				"Cannot compute an aggregate over '%s': '%s' is an aggregate", name, a.Name)}
		}
		return applyTransforms(e, parts[n:], name)
	}
	p, err := resolvePathIn(q, q.Model, parts)
	if err != nil {
		return nil, err
	}
	aliases := q.setupJoins(&p, c.reuse)
	if c.reuse != nil {
		// Later F()s of the same filter call reuse these joins, as
		// Django's resolve_ref adds them to can_reuse.
		for _, a := range aliases[1:] {
			c.reuse.add(a)
		}
	}
	col, _ := q.trimJoins(&p, aliases)
	return applyTransforms(col, p.rest, name)
}

func applyTransforms(e Expr, names []string, path string) (Expr, error) {
	for _, n := range names {
		t, err := transform(e, n)
		if err != nil {
			return nil, &FieldError{Name: n, Msg: fmt.Sprintf("Cannot resolve expression %q: %v", path, err)}
		}
		e = t
	}
	return e, nil
}

// Value is a literal value; Out may fix its kind (else it is inferred).
type Value struct {
	V   any
	Out registry.Kind
}

func (v *Value) resolve(*rctx) (Expr, error) {
	if v.V == nil {
		return &Param{V: nil, K: v.Out}, nil
	}
	k := v.Out
	if k == registry.Invalid {
		k = KindOf(v.V)
		if k == registry.Invalid {
			return nil, invalid("Cannot resolve expression type of Value(%v) (%T); set an output kind", v.V, v.V)
		}
	}
	if k == registry.JSON { // a Go value as a JSON document, as a JSON field writes it
		text, err := registry.EncodeJSON(v.V)
		if err != nil {
			return nil, invalid("Value(%v): the value cannot be encoded as JSON: %v", v.V, err)
		}
		return &Param{V: text, K: k}, nil
	}
	cv, err := registry.Convert(k, Canon(v.V))
	if err != nil {
		return nil, invalid("Value(%v): %v", v.V, err)
	}
	return &Param{V: cv, K: k}, nil
}

// Arith is an arithmetic combination of two expressions.
type ArithSpec struct {
	Op   string
	L, R Spec
	Out  registry.Kind
}

func (a *ArithSpec) resolve(c *rctx) (Expr, error) {
	l, err := a.L.resolve(c)
	if err != nil {
		return nil, err
	}
	r, err := a.R.resolve(c)
	if err != nil {
		return nil, err
	}
	if a.Op != "+" && a.Op != "-" && (l.Kind().IsTemporal() || r.Kind().IsTemporal()) {
		// A date, datetime or time only moves by a duration or measures one
		// (Django: "Invalid connector for timedelta").
		return nil, invalid("Invalid connector for a date or time: %s (only + and - combine dates, times and durations)", a.Op)
	}
	out := a.Out
	if out == registry.Invalid && mixedArith(l) == nil && mixedArith(r) == nil {
		out = combinedKind(a.Op, l.Kind(), r.Kind())
	}
	return &Arith{Op: a.Op, L: l, R: r, Out: out}, nil
}

// mixedArith finds the arithmetic in e whose operands' kinds do not
// combine (decimal with float): its kind is unknown, and so is the kind of
// every expression built on it, until an output kind is given.
func mixedArith(e Expr) *Arith {
	a, ok := e.(*Arith)
	if !ok || a.Out != registry.Invalid {
		return nil
	}
	if inner := mixedArith(a.L); inner != nil {
		return inner
	}
	if inner := mixedArith(a.R); inner != nil {
		return inner
	}
	if a.L.Kind() == registry.Invalid || a.R.Kind() == registry.Invalid {
		return nil
	}
	return a
}

// combinedKind follows Django's table of combinable types; Invalid means
// the caller must give an output kind (checked where the kind is needed).
func combinedKind(op string, l, r registry.Kind) registry.Kind {
	norm := func(k registry.Kind) registry.Kind {
		if k.IsInteger() {
			return registry.BigInt
		}
		return k
	}
	l, r = norm(l), norm(r)
	switch {
	case l == registry.Invalid:
		return r
	case r == registry.Invalid:
		return l
	case l == r && (l.IsNumeric()):
		return l
	case op == "^":
		return registry.Invalid
	case l == registry.BigInt && (r == registry.Decimal || r == registry.Float):
		return r
	case r == registry.BigInt && (l == registry.Decimal || l == registry.Float):
		return l
	}
	switch op {
	case "+":
		switch {
		case (l == registry.Date || l == registry.DateTime) && r == registry.Duration,
			l == registry.Duration && (r == registry.Date || r == registry.DateTime):
			return registry.DateTime
		case l == registry.Time && r == registry.Duration, l == registry.Duration && r == registry.Time:
			return registry.Time
		case l == registry.Duration && r == registry.Duration:
			return registry.Duration
		}
	case "-":
		switch {
		case (l == registry.Date || l == registry.DateTime) && r == registry.Duration:
			return registry.DateTime
		case l == registry.Time && r == registry.Duration:
			return registry.Time
		case l.IsTemporal() && r.IsTemporal(), l == registry.Duration && r == registry.Duration:
			return registry.Duration
		}
	}
	return registry.Invalid
}

// NegSpec negates a number.
type NegSpec struct{ E Spec }

func (n *NegSpec) resolve(c *rctx) (Expr, error) {
	e, err := n.E.resolve(c)
	if err != nil {
		return nil, err
	}
	return &Neg{E: e}, nil
}

// FuncSpec is a database function call.
type FuncSpec struct {
	Name string
	Args []Spec
	Out  registry.Kind
	// OutArg: the output kind is that of argument OutArg (when Out is Invalid).
	OutArg int
	// Numeric: Django's NumericOutputFieldMixin (decimal if any argument is
	// a decimal, else float).
	Numeric bool
	// Tmpl: a user-defined function (orm.Func); Name is its SQL name.
	Tmpl *Template
}

func (f *FuncSpec) resolve(c *rctx) (Expr, error) {
	if f.Tmpl == nil && IsWindowFunc(f.Name) {
		if !c.window {
			return nil, invalid("%s is a window function: use it inside orm.Window(...)", f.Name)
		}
		c = &rctx{q: c.q, reuse: c.reuse} // its arguments are plain expressions
	}
	args := make([]Expr, len(f.Args))
	for i, a := range f.Args {
		e, err := a.resolve(c)
		if err != nil {
			return nil, err
		}
		args[i] = e
	}
	out := f.Out
	if f.Numeric {
		out = registry.Float
		for _, a := range args {
			if a.Kind() == registry.Decimal {
				out = registry.Decimal
			}
		}
	}
	if out == registry.Invalid && f.OutArg < len(args) {
		out = args[f.OutArg].Kind()
		for _, a := range args {
			if k := a.Kind(); out == registry.Invalid {
				out = k
			}
		}
		if f.Tmpl == nil && sameKindFuncs[f.Name] {
			var err error
			if out, err = commonKind(f.Name, args); err != nil {
				return nil, err
			}
		}
	}
	return &Func{Name: f.Name, Args: args, Out: out, Tmpl: f.Tmpl}, nil
}

// sameKindFuncs return one of their arguments, so the arguments must be of
// one kind (Django's _resolve_output_field).
var sameKindFuncs = map[string]bool{"Coalesce": true, "Greatest": true, "Least": true, "NullIf": true}

// commonKind is the kind of arguments that must agree: numbers widen
// (integer < decimal < float), anything else must be the same kind; a
// mix is refused, as Django refuses it without an output field.
func commonKind(name string, args []Expr) (registry.Kind, error) {
	out := registry.Invalid
	for _, a := range args {
		k := a.Kind()
		if k.IsInteger() {
			k = registry.BigInt
		}
		switch {
		case k == registry.Invalid || k == out:
		case out == registry.Invalid:
			out = k
		case out.IsNumeric() && k.IsNumeric():
			if k == registry.Float || k == registry.Decimal && out == registry.BigInt {
				out = k
			}
		case out.IsText() && k.IsText():
		default:
			return registry.Invalid, &FieldError{Name: name, Msg: fmt.Sprintf(
				"Expression contains mixed types: %s, %s. You must set output_field (OutputField, or a Value of the other kind) for %s.",
				out, a.Kind(), name)}
		}
	}
	return out, nil
}

// AggSpec is an aggregate.
type AggSpec struct {
	Fn       string // Django name: Count, Sum, Avg, Min, Max, StdDev, Variance
	Arg      Spec   // nil: COUNT(*)
	Distinct bool
	Sample   bool
	Filter   CondSpec
	Default  Spec
	Out      registry.Kind
	// Tmpl: a user-defined aggregate (orm.AggregateFunc); Fn is its SQL
	// name and Extra its arguments after Arg.
	Tmpl  *Template
	Extra []Spec
}

var aggSQL = map[string]string{"Count": "COUNT", "Sum": "SUM", "Avg": "AVG", "Min": "MIN", "Max": "MAX"}

func (a *AggSpec) resolve(c *rctx) (Expr, error) {
	if !c.aggOK {
		if c.ordering {
			return nil, invalid("using an aggregate (%s) in OrderBy() without also including it in Annotate() is not allowed; annotate it and order by its name", a.Fn)
		}
		return nil, invalid("%s is an aggregate; it cannot be used here", a.Fn)
	}
	if c.inAgg {
		return nil, invalid("Cannot compute %s(...) inside another aggregate", a.Fn)
	}
	inner := *c
	inner.inAgg = true
	agg := &Agg{Fn: aggSQL[a.Fn], Distinct: a.Distinct, Tmpl: a.Tmpl}
	if a.Tmpl != nil {
		agg.Fn = a.Fn
	}
	switch a.Fn {
	case "StdDev":
		agg.Fn = map[bool]string{true: "STDDEV_SAMP", false: "STDDEV_POP"}[a.Sample]
	case "Variance":
		agg.Fn = map[bool]string{true: "VAR_SAMP", false: "VAR_POP"}[a.Sample]
	}
	inner.sub = nil
	if a.Arg != nil {
		e, err := a.Arg.resolve(&inner)
		if err != nil {
			return nil, err
		}
		agg.Arg = e
	}
	for _, x := range a.Extra {
		e, err := x.resolve(&inner)
		if err != nil {
			return nil, err
		}
		if c.sub != nil && !isConstant(e) {
			e = c.sub.column(e)
		}
		agg.Extra = append(agg.Extra, e)
	}
	if a.Filter != nil {
		cond, err := c.q.resolveCond(a.Filter, inner.reuse)
		if err != nil {
			return nil, err
		}
		agg.Filter = cond
	}
	agg.Out = a.Out
	if agg.Out == registry.Invalid && a.Tmpl == nil {
		agg.Out = aggKind(a.Fn, agg.Arg)
	} else if agg.Out == registry.Invalid && agg.Arg != nil {
		agg.Out = agg.Arg.Kind() // Django's Aggregate: the source's output field
	}
	if c.sub != nil {
		// Evaluate the argument (and filter) inside the subquery; aggregate its column.
		arg := agg.Arg
		if arg == nil {
			arg = &Param{V: int64(1), K: registry.BigInt}
		}
		if agg.Filter != nil {
			arg = &Case{Whens: []When{{Cond: agg.Filter, Then: arg}}, Out: arg.Kind()}
			agg.Filter = nil
		}
		if agg.Arg != nil || a.Filter != nil {
			agg.Arg = c.sub.column(arg)
		}
	}
	if a.Default != nil {
		def := a.Default
		if v, ok := def.(*Value); ok && v.Out == registry.Invalid && agg.Out != registry.Invalid && v.V != nil {
			// A literal default takes the aggregate's output field, as
			// Django's Value(default, output_field=...).
			cp := *v
			cp.Out = agg.Out
			def = &cp
		}
		d, err := def.resolve(&inner)
		if err != nil {
			return nil, err
		}
		agg.Default = d
	}
	return agg, nil
}

// aggKind is the output kind of an aggregate, as Django infers it.
func aggKind(fn string, arg Expr) registry.Kind {
	var k registry.Kind
	if arg != nil {
		k = arg.Kind()
	}
	switch fn {
	case "Count":
		return registry.BigInt
	case "Avg":
		if k == registry.Decimal || k == registry.Duration {
			return k
		}
		return registry.Float
	case "StdDev", "Variance":
		if k == registry.Decimal {
			return k
		}
		return registry.Float
	}
	if k.IsInteger() {
		return registry.BigInt
	}
	return k
}

// CaseSpec is Case(When(...)...).Default(...).
type CaseSpec struct {
	Whens []WhenSpec
	Else  Spec
	Out   registry.Kind
}

// WhenSpec is one When(cond, then).
type WhenSpec struct {
	Cond CondSpec
	Then Spec
}

func (cs *CaseSpec) resolve(c *rctx) (Expr, error) {
	out := &Case{Out: cs.Out}
	for _, wh := range cs.Whens {
		cond, err := c.q.resolveCond(wh.Cond, c.reuse)
		if err != nil {
			return nil, err
		}
		then, err := wh.Then.resolve(c)
		if err != nil {
			return nil, err
		}
		out.Whens = append(out.Whens, When{Cond: cond, Then: then})
		if out.Out == registry.Invalid {
			out.Out = then.Kind()
		}
	}
	if cs.Else != nil {
		e, err := cs.Else.resolve(c)
		if err != nil {
			return nil, err
		}
		out.Else = e
		if out.Out == registry.Invalid {
			out.Out = e.Kind()
		}
	}
	return out, nil
}

// CondValueSpec uses a condition (a Q) as a boolean value.
type CondValueSpec struct{ C CondSpec }

func (cv *CondValueSpec) resolve(c *rctx) (Expr, error) {
	cond, err := c.q.resolveCond(cv.C, c.reuse)
	if err != nil {
		return nil, err
	}
	return &CondValue{C: cond}, nil
}

// ExtractSpec extracts a date part.
type ExtractSpec struct {
	Part string
	Arg  Spec
	Zone string // an IANA time zone the datetime is read in ("": the query's)
}

func (e *ExtractSpec) resolve(c *rctx) (Expr, error) {
	arg, err := e.Arg.resolve(c)
	if err != nil {
		return nil, err
	}
	x, err := transform(arg, e.Part)
	if err != nil || e.Zone == "" {
		return x, err
	}
	return inZone(x, e.Zone)
}

// inZone reads the datetime of an Extract or Trunc in zone (Django's
// tzinfo); dates and times of day have no zone, as in Django.
func inZone(x Expr, zone string) (Expr, error) {
	switch t := x.(type) {
	case *Extract:
		if t.Arg.Kind() == registry.DateTime {
			t.Zone = zone
		}
	case *Trunc:
		if t.Arg.Kind() == registry.DateTime {
			t.Zone = zone
		}
	}
	return x, nil
}

// TruncSpec truncates a date or time.
type TruncSpec struct {
	Kind string
	Arg  Spec
	Out  registry.Kind
	Zone string // an IANA time zone the datetime is truncated in ("": the query's)
}

func (t *TruncSpec) resolve(c *rctx) (Expr, error) {
	arg, err := t.Arg.resolve(c)
	if err != nil {
		return nil, err
	}
	x, err := truncate(arg, t.Kind, t.Out)
	if err != nil || t.Zone == "" {
		return x, err
	}
	return inZone(x, t.Zone)
}

// CastSpec converts to another kind.
type CastSpec struct {
	Arg   Spec
	Field *registry.Field
}

func (cs *CastSpec) resolve(c *rctx) (Expr, error) {
	arg, err := cs.Arg.resolve(c)
	if err != nil {
		return nil, err
	}
	return &Cast{Arg: arg, Field: cs.Field}, nil
}

// WrapSpec fixes the output kind of an expression (ExpressionWrapper, OutputField).
type WrapSpec struct {
	E   Spec
	Out registry.Kind
}

func (ws *WrapSpec) resolve(c *rctx) (Expr, error) {
	e, err := ws.E.resolve(c)
	if err != nil {
		return nil, err
	}
	return &wrapped{Expr: e, out: ws.Out}, nil
}

type wrapped struct {
	Expr
	out registry.Kind
}

func (w *wrapped) Kind() registry.Kind { return w.out }

// WriteSQL implements dialects.Node. Where decimals are computed as other
// numbers (SQLite), a value declared a decimal is cast to one, so it
// compares with a decimal parameter as a number (Django's
// SQLiteNumericMixin).
func (w *wrapped) WriteSQL(wr *dialects.Writer) {
	if castDecimal(wr, w.out) && w.Expr.Kind() != registry.Decimal {
		wr.D.Cast(wr, w.Expr, registry.Decimal, decimalField)
		return
	}
	w.Expr.WriteSQL(wr)
}
func (w *wrapped) containsAggregate() bool { return hasAggregate(w.Expr) }

// RawSpec is RawSQL(sql, args...).
type RawSpec struct {
	SQL  string
	Args []any
	Out  registry.Kind
}

func (r *RawSpec) resolve(*rctx) (Expr, error) {
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		args[i] = Canon(a)
	}
	return &RawExpr{SQL: r.SQL, Args: args, Out: r.Out}, nil
}

// Star is COUNT's "*".
type StarSpec struct{}

func (StarSpec) resolve(*rctx) (Expr, error) { return Star{}, nil }

// SubquerySpec is a subquery built by package orm from a QuerySet. Build
// receives the query it is nested in, for OuterRef.
type SubquerySpec struct {
	Build  func(outer *Query) (*Query, error)
	Exists bool
	// QuerySet: a QuerySet given as a filter value (not a Subquery
	// expression): an exact lookup needs it sliced to one row, as Django's.
	QuerySet bool
}

func (s *SubquerySpec) resolve(c *rctx) (Expr, error) {
	inner, err := s.Build(c.q)
	if err != nil {
		return nil, err
	}
	if s.Exists {
		inner.prepareExists()
		return &CondValue{C: &ExistsCond{Q: inner}}, nil
	}
	if s.QuerySet && c.exactValue && !(inner.IsSliced() && inner.limit() == 1) {
		return nil, invalid("the QuerySet value for an exact lookup must be limited to one result using slicing (Slice(0, 1)); use __in for several")
	}
	cols := inner.selectedCount()
	if cols != 1 {
		return nil, invalid("a Subquery must select exactly one column, not %d; use Values(\"field\")", cols)
	}
	inner.external = true
	return &Subquery{Q: inner, Out: inner.firstKind()}, nil
}

// OuterRefSpec refers to a field of the enclosing query (nested: deeper).
type OuterRefSpec struct{ Inner Spec }

func (o *OuterRefSpec) resolve(c *rctx) (Expr, error) {
	if c.q.Outer == nil {
		return nil, invalid("OuterRef is only valid inside a subquery (Subquery, Exists, or a filter's __in)")
	}
	c.q.external = true
	outer := &rctx{q: c.q.Outer, aggOK: c.aggOK}
	return o.Inner.resolve(outer)
}

// OrderSpec is an ordering term built from an expression.
type OrderSpec struct {
	E          Spec
	Desc       bool
	NullsFirst bool
	NullsLast  bool
}

func (o *OrderSpec) resolve(c *rctx) (Expr, error) {
	return nil, invalid("Asc()/Desc() apply to OrderBy, not to values")
}
