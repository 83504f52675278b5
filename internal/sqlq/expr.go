package sqlq

import (
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/sqltext"
	"github.com/djorm/orm/registry"
)

// Expr is a resolved expression: it renders itself and knows its output kind.
type Expr interface {
	dialects.Node
	Kind() registry.Kind
}

// aggregator is implemented by expressions that are or contain aggregates.
type aggregator interface{ containsAggregate() bool }

func hasAggregate(e any) bool {
	a, ok := e.(aggregator)
	return ok && a.containsAggregate()
}

// Col is a column of a table alias.
type Col struct {
	Alias string
	Field *registry.Field
	// Out overrides the kind (a relation's attname column keeps the target kind).
	Out registry.Kind
}

// WriteSQL implements dialects.Node.
func (c *Col) WriteSQL(w *dialects.Writer) { w.Col(c.Alias, c.Field.Column) }

// Kind implements Expr.
func (c *Col) Kind() registry.Kind {
	if c.Out != registry.Invalid {
		return c.Out
	}
	return c.Field.Kind
}

// Param is a bound value of a kind.
type Param struct {
	V any
	K registry.Kind
}

// WriteSQL implements dialects.Node.
func (p *Param) WriteSQL(w *dialects.Writer) {
	w.Value(p.V, p.K)
}

// Kind implements Expr.
func (p *Param) Kind() registry.Kind { return p.K }

// bare renders a Param without a type cast where the context gives its
// type (see Writer.ValueBare); other expressions render as themselves.
func bare(e Expr) dialects.Node {
	if p, ok := e.(*Param); ok {
		return bareParam{p}
	}
	return e
}

type bareParam struct{ p *Param }

func (b bareParam) WriteSQL(w *dialects.Writer) {
	w.ValueBare(b.p.V, b.p.K)
}

// Arith is a binary arithmetic expression.
type Arith struct {
	Op   string // "+", "-", "*", "/", "%", "^", and bitwise "&", "|", "#" (xor), "<<", ">>"
	L, R Expr
	Out  registry.Kind
}

// WriteSQL implements dialects.Node.
func (a *Arith) WriteSQL(w *dialects.Writer) {
	if castDecimal(w, a.Out) {
		w.D.Cast(w, nodeFunc(a.writeSQL), registry.Decimal, decimalField)
		return
	}
	a.writeSQL(w)
}

func (a *Arith) writeSQL(w *dialects.Writer) {
	switch a.Op {
	case "%":
		w.D.Func(w, "Mod", []dialects.Node{a.L, a.R})
		return
	case "^":
		w.D.Func(w, "Power", []dialects.Node{a.L, a.R})
		return
	case "+", "-", "*", "/", "&", "|", "#", "<<", ">>":
		if w.D.Arith(w, a.Op, a.L, a.R, a.L.Kind(), a.R.Kind(), a.Out) {
			return
		}
	}
	w.B('(')
	w.Node(a.L)
	w.B(' ')
	w.S(a.Op)
	w.B(' ')
	w.Node(a.R)
	w.B(')')
}

// Kind implements Expr.
func (a *Arith) Kind() registry.Kind { return a.Out }

func (a *Arith) containsAggregate() bool { return hasAggregate(a.L) || hasAggregate(a.R) }

// Neg negates a number.
type Neg struct{ E Expr }

// WriteSQL implements dialects.Node.
func (n *Neg) WriteSQL(w *dialects.Writer) {
	w.S("-(")
	w.Node(n.E)
	w.B(')')
}

// Kind implements Expr.
func (n *Neg) Kind() registry.Kind { return n.E.Kind() }

func (n *Neg) containsAggregate() bool { return hasAggregate(n.E) }

// Func is a database function of the functions package.
type Func struct {
	Name string
	Args []Expr
	Out  registry.Kind
	Tmpl *Template // a user-defined function: rendered from its template
}

// WriteSQL implements dialects.Node.
func (f *Func) WriteSQL(w *dialects.Writer) {
	if castDecimal(w, f.Out) {
		w.D.Cast(w, nodeFunc(f.writeSQL), registry.Decimal, decimalField)
		return
	}
	f.writeSQL(w)
}

func (f *Func) writeSQL(w *dialects.Writer) {
	if f.Tmpl != nil {
		f.Tmpl.write(w, f.Name, f.Args, false)
		return
	}
	w.D.Func(w, f.Name, exprNodes(f.Args))
}

// Kind implements Expr.
func (f *Func) Kind() registry.Kind { return f.Out }

func (f *Func) containsAggregate() bool {
	for _, a := range f.Args {
		if hasAggregate(a) {
			return true
		}
	}
	return false
}

// Extract is a date part of a temporal value, as an integer.
type Extract struct {
	Part string
	Arg  Expr
	Zone string // read the datetime's wall time in this zone
}

// WriteSQL implements dialects.Node.
func (e *Extract) WriteSQL(w *dialects.Writer) {
	w.D.Extract(w, e.Part, zoned(w, e.Arg, zoneFor(w, e.Zone, e.Arg), false), e.Arg.Kind())
}

// zoneFor is the zone a datetime date part or truncation reads its
// argument in: its own, else the statement's (the DB's location). Dates and
// times of day have no zone, as in Django.
func zoneFor(w *dialects.Writer, own string, arg Expr) string {
	if own != "" || arg.Kind() != registry.DateTime {
		return own
	}
	return w.Zone
}

// zoned converts a UTC datetime to its wall time in zone (back: a wall
// time in zone to UTC) through the dialect; "" and UTC leave it as it is.
func zoned(w *dialects.Writer, n dialects.Node, zone string, back bool) dialects.Node {
	if zone == "" || zone == "UTC" {
		return n
	}
	if !ValidZone(zone) {
		w.Fail(invalid("the time zone %q has no IANA name the database knows: open the DB WithLocation(time.LoadLocation(\"Europe/Oslo\")), or name the zone with functions.TruncIn/ExtractIn", strings.TrimPrefix(zone, unnamedZone)))
		return n
	}
	z, ok := w.D.(dialects.Zoner)
	if !ok {
		w.Unsupported("time zones in Trunc and Extract")
		return n
	}
	return nodeFunc(func(w *dialects.Writer) {
		if back {
			z.FromZone(w, n, zone)
		} else {
			z.ToZone(w, n, zone)
		}
	})
}

// Kind implements Expr.
func (e *Extract) Kind() registry.Kind { return registry.Int }

func (e *Extract) containsAggregate() bool { return hasAggregate(e.Arg) }

// Trunc truncates a temporal value.
type Trunc struct {
	To   string
	Arg  Expr
	Out  registry.Kind
	Zone string // truncate the datetime's wall time in this zone
}

// WriteSQL implements dialects.Node. In a zone, a datetime result is the
// UTC instant of the truncated wall time (midnight in Oslo is 23:00 or
// 22:00 UTC), as Django's aware result.
func (t *Trunc) WriteSQL(w *dialects.Writer) {
	zone := zoneFor(w, t.Zone, t.Arg)
	if zone == "" || zone == "UTC" {
		w.D.Trunc(w, t.To, t.Arg, t.Arg.Kind(), t.Out)
		return
	}
	local := zoned(w, t.Arg, zone, false)
	trunc := nodeFunc(func(w *dialects.Writer) { w.D.Trunc(w, t.To, local, t.Arg.Kind(), t.Out) })
	if t.Out != registry.DateTime {
		w.Node(trunc)
		return
	}
	w.Node(zoned(w, trunc, zone, true))
}

// unnamedZone prefixes the zone of a location without an IANA name (a
// time.FixedZone): the name fails ValidZone, so the compiler refuses to
// render it, naming the location.
const unnamedZone = "?"

// UnnamedZone is the zone a query carries for the location named name,
// which has no IANA name.
func UnnamedZone(name string) string { return unnamedZone + name }

// ValidZone reports whether name can be an IANA time zone name: letters,
// digits, _ + - in /-separated parts, starting with a letter. Zone names
// reach SQL text as literals, so nothing else may.
func ValidZone(name string) bool {
	if name == "" || !isLetter(name[0]) || name[len(name)-1] == '/' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case isLetter(c), c >= '0' && c <= '9', c == '_', c == '+', c == '-':
		case c == '/' && name[i-1] != '/':
		default:
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Kind implements Expr.
func (t *Trunc) Kind() registry.Kind { return t.Out }

func (t *Trunc) containsAggregate() bool { return hasAggregate(t.Arg) }

// Cast converts a value to another kind.
type Cast struct {
	Arg   Expr
	Field *registry.Field // carries the kind and its size (max_length, digits)
}

// WriteSQL implements dialects.Node.
func (c *Cast) WriteSQL(w *dialects.Writer) { w.D.Cast(w, c.Arg, c.Field.Kind, c.Field) }

// Kind implements Expr.
func (c *Cast) Kind() registry.Kind { return c.Field.Kind }

func (c *Cast) containsAggregate() bool { return hasAggregate(c.Arg) }

// Agg is an aggregate function call.
type Agg struct {
	Fn       string // COUNT, SUM, AVG, MIN, MAX, STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP
	Arg      Expr   // nil for COUNT(*)
	Distinct bool
	Filter   Cond
	Default  Expr
	Out      registry.Kind
	Tmpl     *Template // a user-defined aggregate; Fn is its SQL name
	Extra    []Expr    // its arguments after Arg
}

// WriteSQL renders the aggregate; a filter becomes FILTER (WHERE ...) where
// the backend has it and CASE WHEN ... THEN x END elsewhere, as Django does.
func (a *Agg) WriteSQL(w *dialects.Writer) {
	if castDecimal(w, a.Out) {
		w.D.Cast(w, nodeFunc(a.writeSQL), registry.Decimal, decimalField)
		return
	}
	a.writeSQL(w)
}

func (a *Agg) writeSQL(w *dialects.Writer) {
	if a.Default != nil {
		w.S("COALESCE(")
	}
	if a.Tmpl != nil {
		a.writeTemplate(w)
	} else {
		a.writeCall(w)
	}
	if a.Default != nil {
		w.S(", ")
		w.Node(a.Default)
		w.B(')')
	}
}

// writeTemplate renders a user-defined aggregate; a filter is FILTER
// (WHERE ...) or wraps the first argument in CASE WHEN, as Django does.
func (a *Agg) writeTemplate(w *dialects.Writer) {
	native := a.Filter != nil && w.D.Features().AggregateFilter
	args := make([]Expr, 0, 1+len(a.Extra))
	switch {
	case a.Arg == nil:
	case a.Filter != nil && !native:
		args = append(args, &Case{Whens: []When{{Cond: a.Filter, Then: a.Arg}}, Out: a.Arg.Kind()})
	default:
		args = append(args, a.Arg)
	}
	args = append(args, a.Extra...)
	a.Tmpl.write(w, a.Fn, args, a.Distinct)
	if native {
		w.S(" FILTER (WHERE ")
		w.Node(a.Filter)
		w.B(')')
	}
}

func (a *Agg) writeCall(w *dialects.Writer) {
	w.S(a.Fn)
	w.B('(')
	if a.Distinct {
		w.S("DISTINCT ")
	}
	native := a.Filter != nil && w.D.Features().AggregateFilter
	switch {
	case a.Filter != nil && !native:
		w.S("CASE WHEN ")
		w.Node(a.Filter)
		w.S(" THEN ")
		if a.Arg == nil {
			w.B('1')
		} else {
			w.Node(a.Arg)
		}
		w.S(" ELSE NULL END")
	case a.Arg == nil:
		w.B('*')
	case a.Out == registry.Float && a.Arg.Kind().IsInteger() && a.Fn != "SUM" && a.Fn != "MIN" && a.Fn != "MAX" &&
		w.D.Features().IntAvgIsDecimal:
		w.D.Cast(w, a.Arg, registry.Float, floatField)
	default:
		w.Node(a.Arg)
	}
	w.B(')')
	if native {
		w.S(" FILTER (WHERE ")
		w.Node(a.Filter)
		w.B(')')
	}
}

// Kind implements Expr.
func (a *Agg) Kind() registry.Kind { return a.Out }

var (
	floatField   = &registry.Field{Kind: registry.Float}
	decimalField = &registry.Field{Kind: registry.Decimal}
)

// castDecimal reports whether a computed decimal is cast to the decimal
// type: SQLite compares a value without type affinity (an expression) with
// a decimal parameter, which is text, as text (HAVING MAX(price) > '50' is
// false), as Django's SQLiteNumericMixin knows.
func castDecimal(w *dialects.Writer, out registry.Kind) bool {
	return out == registry.Decimal && w.D.Features().CastDecimalResults
}

// nodeFunc writes SQL by a function (an expression's own rendering, to be
// wrapped by the dialect).
type nodeFunc func(w *dialects.Writer)

func (f nodeFunc) WriteSQL(w *dialects.Writer) { f(w) }

func (a *Agg) containsAggregate() bool { return true }

// Case is CASE WHEN ... THEN ... ELSE ... END.
type Case struct {
	Whens []When
	Else  Expr
	Out   registry.Kind
}

// When is one branch of a Case.
type When struct {
	Cond Cond
	Then Expr
}

// WriteSQL implements dialects.Node.
func (c *Case) WriteSQL(w *dialects.Writer) {
	w.S("CASE")
	for _, wh := range c.Whens {
		w.S(" WHEN ")
		w.Node(wh.Cond)
		w.S(" THEN ")
		w.Node(wh.Then)
	}
	if c.Else != nil {
		w.S(" ELSE ")
		w.Node(c.Else)
	}
	w.S(" END")
}

// Kind implements Expr.
func (c *Case) Kind() registry.Kind { return c.Out }

func (c *Case) containsAggregate() bool {
	for _, wh := range c.Whens {
		if hasAggregate(wh.Cond) || hasAggregate(wh.Then) {
			return true
		}
	}
	return hasAggregate(c.Else)
}

// CondValue uses a condition as a boolean value (an annotation).
type CondValue struct{ C Cond }

// WriteSQL implements dialects.Node.
// A condition used as a value is parenthesised: compared with a value
// ("(a > 3) = true") it must not read as a chain of comparisons.
func (c *CondValue) WriteSQL(w *dialects.Writer) {
	w.B('(')
	w.D.BoolExpr(w, c.C)
	w.B(')')
}

// Kind implements Expr.
func (c *CondValue) Kind() registry.Kind { return registry.Bool }

func (c *CondValue) containsAggregate() bool { return hasAggregate(c.C) }

// Ref refers to a selected annotation by its alias (ORDER BY, GROUP BY).
type Ref struct {
	Name   string
	Target Expr
}

// WriteSQL implements dialects.Node.
func (r *Ref) WriteSQL(w *dialects.Writer) { w.Ident(r.Name) }

// Kind implements Expr.
func (r *Ref) Kind() registry.Kind { return r.Target.Kind() }

func (r *Ref) containsAggregate() bool { return hasAggregate(r.Target) }

// RawExpr is SQL text from a raw entry point, with its arguments.
type RawExpr struct {
	SQL  string
	Args []any
	Out  registry.Kind
}

// WriteSQL renders the text, replacing each ? with the dialect's placeholder.
func (r *RawExpr) WriteSQL(w *dialects.Writer) { writeRaw(w, r.SQL, r.Args) }

// Kind implements Expr.
func (r *RawExpr) Kind() registry.Kind { return r.Out }

// writeRaw copies raw SQL, turning each ? outside literals and comments
// into a bind placeholder for the next argument. A raw text is one
// statement: a ; followed by more SQL is refused (a trailing ; is dropped).
func writeRaw(w *dialects.Writer, sql string, args []any) {
	at, multiple, end := sqltext.Placeholders(sql)
	switch {
	case multiple:
		w.Fail(invalid("raw SQL must be one statement; a ';' is followed by more SQL: %s", sql))
		return
	case len(at) != len(args):
		w.Fail(invalid("raw SQL has %d ? placeholders but %d arguments: %s", len(at), len(args), sql))
		return
	}
	last := 0
	for n, i := range at {
		w.S(sql[last:i])
		w.Value(args[n], registry.Invalid)
		last = i + 1
	}
	w.S(sql[last:end])
}

// Subquery is a scalar subquery (one column).
type Subquery struct {
	Q   *Query
	Out registry.Kind
}

// WriteSQL implements dialects.Node.
func (s *Subquery) WriteSQL(w *dialects.Writer) {
	w.B('(')
	compileSelectInto(w, s.Q)
	w.B(')')
}

// Kind implements Expr.
func (s *Subquery) Kind() registry.Kind { return s.Out }

// Star is the * of COUNT(*) in an expression position.
type Star struct{}

// WriteSQL implements dialects.Node.
func (Star) WriteSQL(w *dialects.Writer) { w.B('*') }

// Kind implements Expr.
func (Star) Kind() registry.Kind { return registry.Invalid }

// OrderTerm is one ORDER BY item.
type OrderTerm struct {
	E          Expr
	Desc       bool
	NullsFirst bool
	NullsLast  bool
	Random     bool
}
