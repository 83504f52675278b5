package orm

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/djorm/orm/internal/exprhook"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// Expression is a value the database computes: F, Value, functions,
// aggregates, Case, Subquery, RawSQL, and Q used as a boolean.
type Expression interface {
	spec() (sqlq.Spec, error)
}

// Condition filters rows: a Q, or an *Expr built from conditions (Not, Or,
// And, Exists) or a boolean expression.
type Condition interface {
	cond() (sqlq.CondSpec, error)
}

// Q is an AND of lookups: Q{"title__icontains": "orm", "price__lt": 20}.
// Its entries are applied in key order, so the SQL is deterministic.
type Q map[string]any

// Set lists field values for Update, GetOrCreate and UpdateOrCreate.
type Set map[string]any

// Row is one result row of a Values query, by column name.
type Row map[string]any

// SQLText is SQL text for the raw entry points (Extra, RawSQL, Raw). A
// constant converts implicitly; a runtime string needs an explicit
// SQLText(s) at the call site, which is where injection is reviewed.
type SQLText string

func (q Q) cond() (sqlq.CondSpec, error) {
	t := sqlq.NewPairs(len(q))
	for k, v := range q {
		v, err := lookupValue(v)
		if err != nil {
			return nil, fmt.Errorf("%w (in %q)", err, k)
		}
		t.Pairs = append(t.Pairs, sqlq.Pair{Key: k, Value: v})
	}
	if len(t.Pairs) > 1 {
		slices.SortFunc(t.Pairs, func(a, b sqlq.Pair) int { return strings.Compare(a.Key, b.Key) })
	}
	return t, nil
}

func (q Q) spec() (sqlq.Spec, error) {
	c, err := q.cond()
	if err != nil {
		return nil, err
	}
	return &sqlq.CondValueSpec{C: c}, nil
}

// Or returns q OR each of others.
func (q Q) Or(others ...Condition) *Expr { return Or(append([]Condition{q}, others...)...) }

// And returns q AND each of others.
func (q Q) And(others ...Condition) *Expr { return And(append([]Condition{q}, others...)...) }

// Not returns the negation of q.
func (q Q) Not() *Expr { return Not(q) }

// Xor returns q XOR each of others (Django's Q ^ Q).
func (q Q) Xor(others ...Condition) *Expr { return Xor(append([]Condition{q}, others...)...) }

// Expr is an expression or condition built by F, Value, Not, Or, Case,
// aggregates, functions and the rest; its methods combine it further. An
// *Expr is both an Expression and a Condition.
type Expr struct {
	s     sqlq.Spec     // as an expression
	c     sqlq.CondSpec // as a condition (set for Q combinations)
	alias string        // As(alias, ...)
	agg   *sqlq.AggSpec // set for aggregates, so Distinct/Filter/Default apply
	fn    string        // aggregate name, for the default alias
	path  string        // F path, for default aliases
	order *sqlq.OrderSpec
	outer bool // OuterRef
	when  *sqlq.WhenSpec
	// filtered is set by FilteredRelation (an Annotate-only value).
	filtered *sqlq.Filtered
	err      error
}

func (e *Expr) spec() (sqlq.Spec, error) {
	switch {
	case e == nil:
		return nil, fmt.Errorf("%w: nil expression", ErrInvalidQuery)
	case e.err != nil:
		return nil, e.err
	case e.order != nil:
		return nil, fmt.Errorf("%w: Asc/Desc/NullsFirst/NullsLast belong in OrderBy", ErrInvalidQuery)
	case e.s != nil:
		return e.s, nil
	case e.c != nil:
		return &sqlq.CondValueSpec{C: e.c}, nil
	case e.when != nil:
		return nil, fmt.Errorf("%w: When(...) belongs inside Case(...)", ErrInvalidQuery)
	case e.filtered != nil:
		return nil, fmt.Errorf("%w: FilteredRelation belongs in Annotate or Alias", ErrInvalidQuery)
	}
	return nil, fmt.Errorf("%w: empty expression", ErrInvalidQuery)
}

func (e *Expr) cond() (sqlq.CondSpec, error) {
	switch {
	case e == nil:
		return nil, fmt.Errorf("%w: nil condition", ErrInvalidQuery)
	case e.err != nil:
		return nil, e.err
	case e.c != nil:
		return e.c, nil
	case e.s != nil:
		return sqlq.ExprCond{E: e.s}, nil
	}
	return nil, fmt.Errorf("%w: empty condition", ErrInvalidQuery)
}

func errExpr(format string, args ...any) *Expr {
	return &Expr{err: fmt.Errorf("%w: %s", ErrInvalidQuery, fmt.Sprintf(format, args...))}
}

// F refers to a field (related paths allowed: "author__name"), an
// annotation, or a transform of either ("joined_date__year").
func F(path string) *Expr { return &Expr{s: &sqlq.F{Path: path}, path: path} }

// Value is a literal value; its kind is inferred from the Go type (use
// OutputField to fix it).
func Value(v any) *Expr { return &Expr{s: &sqlq.Value{V: v}} }

// As names an expression: the annotation, Values key or Aggregate key.
func As(alias string, e Expression) *Expr {
	x, ok := e.(*Expr)
	if !ok {
		s, err := e.spec()
		x = &Expr{s: s, err: err}
	}
	cp := *x
	cp.alias = alias
	if alias == "" && cp.err == nil {
		cp.err = fmt.Errorf("%w: As() needs a non-empty alias", ErrInvalidQuery)
	}
	return &cp
}

// RawSQL is an expression of SQL text with ? placeholders for args.
func RawSQL(sql SQLText, args ...any) *Expr {
	return &Expr{s: &sqlq.RawSpec{SQL: string(sql), Args: args}}
}

// ExpressionWrapper fixes the output kind of e (a Django field class name:
// "DecimalField", "IntegerField", ...).
func ExpressionWrapper(e Expression, kind string) *Expr {
	s, err := e.spec()
	if err != nil {
		return &Expr{err: err}
	}
	k, ok := registry.KindByName(kind)
	if !ok {
		return errExpr("unknown output kind %q; choices: %s", kind, strings.Join(registry.KindNames(), ", "))
	}
	return &Expr{s: &sqlq.WrapSpec{E: s, Out: k}}
}

// OutputField fixes the output kind of e (Django's output_field). A Value
// is bound as a value of that kind (Value(t).OutputField("TimeField") is a
// time of day, Value(s).OutputField("UUIDField") a uuid), as Django's
// Value(v, output_field=...).
func (e *Expr) OutputField(kind string) *Expr {
	if v, ok := e.s.(*sqlq.Value); ok && e.err == nil && v.Out == registry.Invalid {
		k, known := registry.KindByName(kind)
		if known {
			return &Expr{s: &sqlq.Value{V: v.V, Out: k}, alias: e.alias}
		}
	}
	x := ExpressionWrapper(e, kind)
	x.alias = e.alias
	return x
}

// arg turns an argument of an expression into a Spec: a string is a field
// path, an Expression is itself, anything else a Value.
func arg(v any) (sqlq.Spec, error) {
	switch x := v.(type) {
	case string:
		return &sqlq.F{Path: x}, nil
	case Expression:
		return x.spec()
	}
	return &sqlq.Value{V: v}, nil
}

func (e *Expr) arith(op string, other any) *Expr {
	l, err := e.spec()
	if err != nil {
		return &Expr{err: err}
	}
	var r sqlq.Spec
	if o, ok := other.(Expression); ok {
		r, err = o.spec()
	} else {
		r = &sqlq.Value{V: other}
	}
	if err != nil {
		return &Expr{err: err}
	}
	return &Expr{s: &sqlq.ArithSpec{Op: op, L: l, R: r}}
}

// Add returns e + other (an expression or a literal).
func (e *Expr) Add(other any) *Expr { return e.arith("+", other) }

// Sub returns e - other.
func (e *Expr) Sub(other any) *Expr { return e.arith("-", other) }

// Mul returns e * other.
func (e *Expr) Mul(other any) *Expr { return e.arith("*", other) }

// Div returns e / other.
func (e *Expr) Div(other any) *Expr { return e.arith("/", other) }

// Mod returns e % other.
func (e *Expr) Mod(other any) *Expr { return e.arith("%", other) }

// Pow returns e raised to other.
func (e *Expr) Pow(other any) *Expr { return e.arith("^", other) }

// BitAnd returns e & other (Django's bitand).
func (e *Expr) BitAnd(other any) *Expr { return e.arith("&", other) }

// BitOr returns e | other (Django's bitor).
func (e *Expr) BitOr(other any) *Expr { return e.arith("|", other) }

// BitXor returns e exclusive-or other (Django's bitxor; not on SQLite or
// Oracle, as in Django).
func (e *Expr) BitXor(other any) *Expr { return e.arith("#", other) }

// BitLeftShift returns e << other (Django's bitleftshift).
func (e *Expr) BitLeftShift(other any) *Expr { return e.arith("<<", other) }

// BitRightShift returns e >> other (Django's bitrightshift).
func (e *Expr) BitRightShift(other any) *Expr { return e.arith(">>", other) }

// Neg returns -e.
func (e *Expr) Neg() *Expr {
	s, err := e.spec()
	if err != nil {
		return &Expr{err: err}
	}
	return &Expr{s: &sqlq.NegSpec{E: s}}
}

func (e *Expr) ordered(desc, nullsFirst, nullsLast bool) *Expr {
	s, err := e.spec()
	if err != nil && e.order == nil {
		return &Expr{err: err}
	}
	o := &sqlq.OrderSpec{E: s, Desc: desc}
	if e.order != nil {
		cp := *e.order
		o = &cp
		if desc {
			o.Desc = true
		}
	}
	o.NullsFirst = o.NullsFirst || nullsFirst
	o.NullsLast = o.NullsLast || nullsLast
	return &Expr{order: o}
}

// Asc orders by e ascending (for OrderBy).
func (e *Expr) Asc() *Expr { return e.ordered(false, false, false) }

// Desc orders by e descending.
func (e *Expr) Desc() *Expr { return e.ordered(true, false, false) }

// NullsFirst puts NULLs first in the ordering by e.
func (e *Expr) NullsFirst() *Expr { return e.ordered(false, true, false) }

// NullsLast puts NULLs last in the ordering by e.
func (e *Expr) NullsLast() *Expr { return e.ordered(false, false, true) }

// Not returns the negation of the condition e.
func (e *Expr) Not() *Expr { return Not(e) }

// Or returns e OR each of others.
func (e *Expr) Or(others ...Condition) *Expr { return Or(append([]Condition{e}, others...)...) }

// And returns e AND each of others.
func (e *Expr) And(others ...Condition) *Expr { return And(append([]Condition{e}, others...)...) }

// Xor returns e XOR each of others (see Xor).
func (e *Expr) Xor(others ...Condition) *Expr { return Xor(append([]Condition{e}, others...)...) }

func combine(or, negate bool, conds []Condition) *Expr {
	return combineTree(&sqlq.Tree{Or: or, Negated: negate}, conds)
}

func combineTree(t *sqlq.Tree, conds []Condition) *Expr {
	for _, c := range conds {
		if c == nil {
			return errExpr("nil condition")
		}
		if q, isQ := c.(Q); isQ && len(q) == 0 {
			continue // an empty Q is no condition: Q() | x is x, as in Django
		}
		cs, err := c.cond()
		if err != nil {
			return &Expr{err: err}
		}
		if e, isTree := cs.(*sqlq.Tree); isTree && len(e.Pairs) == 0 && len(e.Children) == 0 {
			continue // an empty combination is no condition either
		}
		t.Children = append(t.Children, cs)
	}
	if len(t.Children) == 0 {
		// Nothing left: no condition at all, negated or not (Django:
		// filter(~Q()) and filter(Q() | Q()) keep every row).
		return &Expr{c: &sqlq.Tree{}}
	}
	return &Expr{c: t}
}

// Not negates a condition (Django's ~Q).
func Not(c Condition) *Expr { return combine(false, true, []Condition{c}) }

// Or is true when any of conds is (Django's Q | Q).
func Or(conds ...Condition) *Expr { return combine(true, false, conds) }

// And is true when all of conds are (Django's Q & Q).
func And(conds ...Condition) *Expr { return combine(false, false, conds) }

// Xor is true when an odd number of conds are (Django's Q ^ Q, with the
// parity meaning of Django 5). MySQL and MariaDB use their XOR operator, where
// a NULL operand makes the result NULL; elsewhere it is written as
// (a OR b ...) AND an odd count of CASE WHEN a THEN 1 ELSE 0 END, where a
// NULL operand counts as false.
func Xor(conds ...Condition) *Expr {
	return combineTree(&sqlq.Tree{Xor: true}, conds)
}

// OuterRef refers to a field of the query a subquery is nested in: a path,
// or another OuterRef for a deeper level.
func OuterRef(ref any) *Expr {
	var inner sqlq.Spec
	switch x := ref.(type) {
	case string:
		inner = &sqlq.F{Path: x}
	case *Expr:
		if !x.outer {
			return errExpr("OuterRef takes a field path or another OuterRef")
		}
		inner = x.s
	default:
		return errExpr("OuterRef takes a field path or another OuterRef, not %T", ref)
	}
	return &Expr{s: &sqlq.OuterRefSpec{Inner: inner}, outer: true}
}

// FilteredRelation names a relation joined with an extra condition, for
// Annotate: Annotate(As("published", FilteredRelation("books",
// Q{"books__is_published": true}))) lets later calls use "published__title"
// as a path over only the published books (Django's FilteredRelation).
func FilteredRelation(relation string, condition Condition) *Expr {
	if condition == nil {
		return errExpr("FilteredRelation(%q) needs a condition", relation)
	}
	c, err := condition.cond()
	if err != nil {
		return &Expr{err: err}
	}
	return &Expr{filtered: &sqlq.Filtered{Relation: relation, Condition: c}}
}

// Queryable is a QuerySet of any element type, used as a subquery.
type Queryable interface {
	subquery(exists bool) *sqlq.SubquerySpec
	topQuery(db *DB) (*sqlq.Query, error)
	modelQuerySet() (*QuerySet[unsafe.Pointer], error)
}

// Subquery uses a one-column QuerySet (Values("x") or ValuesList) as a value.
func Subquery(qs Queryable) *Expr {
	if qs == nil {
		return errExpr("Subquery of a nil QuerySet")
	}
	return &Expr{s: qs.subquery(false)}
}

// Exists is true when qs has a row; usable in Filter and Annotate.
func Exists(qs Queryable) *Expr {
	if qs == nil {
		return errExpr("Exists of a nil QuerySet")
	}
	return &Expr{s: qs.subquery(true)}
}

// Case picks the first When whose condition holds; Default gives the
// value otherwise (NULL if unset).
func Case(whens ...*Expr) *Expr {
	cs := &sqlq.CaseSpec{}
	for _, w := range whens {
		if w == nil || w.err != nil {
			if w != nil {
				return &Expr{err: w.err}
			}
			return errExpr("nil When in Case")
		}
		if w.when == nil {
			return errExpr("Case takes When(...) arguments")
		}
		cs.Whens = append(cs.Whens, *w.when)
	}
	return &Expr{s: cs}
}

// When is one branch of Case: then (a value, expression or field path
// string) when c holds.
func When(c Condition, then any) *Expr {
	if c == nil {
		return errExpr("When needs a condition")
	}
	cs, err := c.cond()
	if err != nil {
		return &Expr{err: err}
	}
	t, err := thenArg(then)
	if err != nil {
		return &Expr{err: err}
	}
	return &Expr{when: &sqlq.WhenSpec{Cond: cs, Then: t}, err: nil}
}

// thenArg treats a string as a field path, like other expression arguments.
func thenArg(v any) (sqlq.Spec, error) { return arg(v) }

// Default sets the value of a Case when no When holds (a string is a field
// path there, as Django's Case default), or the value an aggregate returns
// over no rows (a string is a value there, as Django's Aggregate default).
func (e *Expr) Default(v any) *Expr {
	if e.err != nil {
		return e
	}
	if s, isText := v.(string); isText && e.agg != nil {
		v = Value(s)
	}
	d, err := arg(v)
	if err != nil {
		return &Expr{err: err}
	}
	switch s := e.s.(type) {
	case *sqlq.CaseSpec:
		cp := *s
		cp.Else = d
		return &Expr{s: &cp, alias: e.alias}
	}
	if e.agg != nil {
		return e.withAgg(func(a *sqlq.AggSpec) { a.Default = d })
	}
	return errExpr("Default applies to Case and aggregates")
}

// lookupValue prepares a Q value: expressions become specs, QuerySets
// subqueries, model instances their primary keys.
// lookupItems resolves the items of a list value (an in lookup's) as
// Django resolves each one: expressions and model instances may sit
// among literals.
func lookupItems(items []any) (any, error) {
	out := make([]any, len(items))
	for i, it := range items {
		v, err := lookupValue(it)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func lookupValue(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case Expression:
		return x.spec()
	case Queryable:
		sq := x.subquery(false)
		sq.QuerySet = true
		return sq, nil
	case string, int, int64, bool, float64:
		return v, nil
	case []any:
		return lookupItems(x)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Elem().Kind() == reflect.Struct {
		if m, ok := models.Lookup(rv.Elem().Type()); ok {
			return pkValue(m, rv.UnsafePointer()), nil
		}
	}
	if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Pointer {
		if m, ok := models.Lookup(rv.Type().Elem().Elem()); ok {
			out := make([]any, rv.Len())
			for i := range out {
				if p := rv.Index(i); !p.IsNil() {
					out[i] = pkValue(m, unsafe.Pointer(p.Pointer()))
				}
			}
			return out, nil
		}
	}
	return v, nil
}

func init() {
	exprhook.Wrap = func(s sqlq.Spec) any { return &Expr{s: s} }
	exprhook.Arg = arg
	exprhook.Fail = func(msg string) any { return errExpr("%s", msg) }
}
