package sqlq

import (
	"strconv"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// Count compiles SELECT COUNT(*), through a subquery when the query is
// sliced, distinct, grouped, combined or annotated (Django's get_count).
func Count(q *Query) (*Compiled, error) {
	w := q.writer()
	defer w.Release()
	if q.needsSubquery() {
		if !q.IsSliced() {
			q.ClearOrdering()
		}
		q.colAliases = true
		w.S("SELECT COUNT(*) FROM (")
		if err := writeSelect(w, q, &Compiled{}, true); err != nil {
			return nil, err
		}
		w.S(") ")
		w.Ident("subquery")
	} else {
		q.ClearOrdering()
		q.Related = nil
		q.Values = []ValuesField{{Name: "__count", E: &wrapped{Expr: &Agg{Fn: "COUNT", Out: registry.BigInt}, out: registry.BigInt}}}
		q.Lock = nil
		if err := writeSelect(w, q, &Compiled{}, true); err != nil {
			return nil, err
		}
	}
	if w.Err != nil {
		return nil, w.Err
	}
	return &Compiled{SQL: Intern(w.Buf), Args: w.Args, Cols: []OutCol{{Name: "__count", Kind: registry.BigInt, Group: -1}}}, nil
}

func (q *Query) needsSubquery() bool {
	if q.IsSliced() || q.Distinct || q.Combinator != "" || q.grouped() || q.hasQualify() {
		return true
	}
	for _, a := range q.Annotations {
		if a.Select {
			return true
		}
	}
	return false
}

// Exists compiles SELECT 1 ... LIMIT 1 (Django's exists()).
func Exists(q *Query) (*Compiled, error) {
	if q.Combinator == "" && !q.Distinct && !q.grouped() && !q.hasQualify() {
		q.SelectOne = true
		q.Related = nil
	}
	q.ClearOrdering()
	q.SetSlice(0, 1)
	q.Lock = nil
	return Select(q)
}

// Aggregate compiles aggregate() over q. Entries may refer to the names of
// earlier entries. A sliced, distinct, grouped, combined or annotated query
// is aggregated from a subquery, as Django's get_aggregation does.
func Aggregate(q *Query, entries []NamedSpec) (*Compiled, error) {
	sub := q.needsSubquery()
	if sub {
		if !q.IsSliced() {
			q.ClearOrdering()
		}
		if q.GroupAll {
			q.GroupBy = []Expr{&Col{Alias: q.BaseAlias(), Field: q.Model.PK}}
			q.GroupAll = false
		}
		if q.Values == nil && q.Combinator == "" {
			q.Values = innerColumns(q)
		}
	} else {
		q.ClearOrdering()
		q.Related = nil
		q.Values = []ValuesField{}
	}
	as := &aggSub{inner: q}
	var items []ValuesField
	for _, en := range entries {
		if err := q.CheckAlias(en.Name); err != nil {
			return nil, err
		}
		c := &rctx{q: q, summarize: true, aggOK: true}
		if sub {
			c.sub = as
		}
		e, err := en.E.resolve(c)
		if err != nil {
			return nil, err
		}
		if !hasAggregate(e) {
			return nil, invalid("%s is not an aggregate expression", en.Name)
		}
		if !sub {
			q.setAnnotation(&Annotation{Name: en.Name, E: e}) // later entries may use the name
		}
		items = append(items, ValuesField{Name: en.Name, E: &Ref{Name: en.Name, Target: e}})
	}
	if sub && q.Values != nil && len(q.Values) == 0 {
		// Count("*") over a slice reads no column: select the key, as
		// Django does, rather than "SELECT  FROM".
		pk := &Col{Alias: q.BaseAlias(), Field: q.Model.PK}
		q.Values = []ValuesField{{Name: "__col0", E: &Ref{Name: "__col0", Target: pk}}}
	}
	w := q.writer()
	defer w.Release()
	c := &Compiled{}
	if !sub {
		q.Values = items
		if err := writeSelect(w, q, c, true); err != nil {
			return nil, err
		}
	} else {
		q.colAliases = true
		w.S("SELECT ")
		for i, it := range items {
			if i > 0 {
				w.S(", ")
			}
			w.Node(it.E.(*Ref).Target)
			w.S(" AS ")
			w.Ident(it.Name)
			c.Cols = append(c.Cols, OutCol{Name: it.Name, Kind: it.E.Kind(), Group: -1})
		}
		w.S(" FROM (")
		if err := writeSelect(w, q, &Compiled{}, true); err != nil {
			return nil, err
		}
		w.S(") ")
		w.Ident("subquery")
	}
	if w.Err != nil {
		return nil, w.Err
	}
	c.SQL, c.Args = Intern(w.Buf), w.Args
	return c, nil
}

// aggSub moves aggregate arguments into the inner query of an aggregation
// over a subquery: the inner query selects each argument as __colN and the
// outer aggregate reads that column.
type aggSub struct {
	inner *Query
	n     int
	dry   bool // outside only checks: it selects nothing
}

func (s *aggSub) column(e Expr) Expr {
	if r, ok := e.(*Ref); ok && s.inner.Annotation(r.Name) != nil {
		s.ensureSelected(r.Name, r.Target)
		return &outerCol{name: r.Name, kind: r.Kind()}
	}
	if s.inner.Combinator == "" && s.inner.Values != nil {
		// Django's rewrite_cols: the expression stays outside, reading the
		// inner query's columns and annotations by alias, so an
		// annotation (a subquery) is computed once, not again inside the
		// argument's own column.
		if _, ok := (&aggSub{inner: s.inner, dry: true}).outside(e); ok {
			out, _ := s.outside(e)
			return out
		}
	}
	e = inlineRefs(e)
	name := s.selectColumn(e)
	if _, isCol := e.(*Col); !isCol && s.inner.Combinator == "" {
		// Django selects each column an outer aggregate reads on its own
		// (Query.rewrite_cols), so a DISTINCT or GROUP BY of the inner
		// query covers the columns, not only the expression built of them.
		for _, col := range leafCols(e, nil) {
			if !s.selected(col) {
				s.selectColumn(col)
			}
		}
	}
	return &outerCol{name: name, kind: e.Kind()}
}

// outside rewrites e to read the inner query's columns: an annotation by
// its alias, a column as its own inner column. ok is false when e holds
// something that cannot be read outside (a subquery, a transform, a
// window): the caller then moves the whole of e inside.
func (s *aggSub) outside(e Expr) (Expr, bool) {
	if a := s.annotationOf(e); a != nil {
		if !s.dry {
			s.ensureSelected(a.Name, a.E)
		}
		return &outerCol{name: a.Name, kind: a.E.Kind()}, true
	}
	switch x := e.(type) {
	case *Ref:
		return nil, false
	case *Col:
		if s.dry {
			return x, true
		}
		return &outerCol{name: s.columnOf(x), kind: x.Kind()}, true
	case *Param:
		return x, true
	case *Arith:
		l, okL := s.outside(x.L)
		r, okR := s.outside(x.R)
		cp := *x
		cp.L, cp.R = l, r
		return &cp, okL && okR
	case *Case:
		cp := *x
		cp.Whens = make([]When, len(x.Whens))
		for i, wh := range x.Whens {
			c, okC := s.outsideCond(wh.Cond)
			t, okT := s.outside(wh.Then)
			if !okC || !okT {
				return nil, false
			}
			cp.Whens[i] = When{Cond: c, Then: t}
		}
		if x.Else != nil {
			el, ok := s.outside(x.Else)
			if !ok {
				return nil, false
			}
			cp.Else = el
		}
		return &cp, true
	}
	return nil, false
}

// outsideCond is outside for a condition: plain lookups and trees of them.
func (s *aggSub) outsideCond(c Cond) (Cond, bool) {
	switch x := c.(type) {
	case *Where:
		cp := *x
		cp.Children = make([]Cond, len(x.Children))
		for i, ch := range x.Children {
			o, ok := s.outsideCond(ch)
			if !ok {
				return nil, false
			}
			cp.Children[i] = o
		}
		return &cp, true
	case *Lookup:
		lhs, ok := s.outside(x.LHS)
		if !ok {
			return nil, false
		}
		cp := *x
		cp.LHS = lhs
		switch r := x.RHS.(type) {
		case Expr:
			if cp.RHS, ok = s.outside(r); !ok {
				return nil, false
			}
		case []Expr:
			list := make([]Expr, len(r))
			for i, it := range r {
				if list[i], ok = s.outside(it); !ok {
					return nil, false
				}
			}
			cp.RHS = list
		case bool, string, nil:
		default:
			return nil, false
		}
		return &cp, true
	case Const:
		return x, true
	}
	return nil, false
}

// annotationOf returns the inner query's annotation e refers to (a Ref to
// it, or its very expression, as a filter on it resolves), or nil.
func (s *aggSub) annotationOf(e Expr) *Annotation {
	if r, ok := e.(*Ref); ok {
		return s.inner.Annotation(r.Name)
	}
	for _, a := range s.inner.Annotations {
		if a.E == e {
			return a
		}
	}
	return nil
}

// columnOf returns the inner alias of col among the columns the aggregates
// selected (__colN; the query's own columns are aliased colN under
// colAliases), selecting it first if needed.
func (s *aggSub) columnOf(col *Col) string {
	for _, v := range s.inner.Values {
		r, ok := v.E.(*Ref)
		if ok && strings.HasPrefix(v.Name, "__col") && sameExpr(r.Target, col) {
			return v.Name
		}
	}
	return s.selectColumn(col)
}

// inlineRefs replaces references to annotations inside e by their
// expressions: the inner select list cannot read its own aliases
// (Sum(F("salaries") + F("n")) over an annotation "salaries").
func inlineRefs(e Expr) Expr {
	switch x := e.(type) {
	case *Ref:
		return inlineRefs(x.Target)
	case *Arith:
		cp := *x
		cp.L, cp.R = inlineRefs(x.L), inlineRefs(x.R)
		return &cp
	case *Neg:
		cp := *x
		cp.E = inlineRefs(x.E)
		return &cp
	case *Func:
		cp := *x
		cp.Args = make([]Expr, len(x.Args))
		for i, a := range x.Args {
			cp.Args[i] = inlineRefs(a)
		}
		return &cp
	case *Cast:
		cp := *x
		cp.Arg = inlineRefs(x.Arg)
		return &cp
	case *wrapped:
		cp := *x
		cp.Expr = inlineRefs(x.Expr)
		return &cp
	}
	return e
}

func (s *aggSub) selectColumn(e Expr) string {
	s.n++
	name := "__col" + strconv.Itoa(s.n)
	s.inner.Values = append(s.inner.Values, ValuesField{Name: name, E: &Ref{Name: name, Target: e}})
	return name
}

func (s *aggSub) selected(col *Col) bool {
	for _, v := range s.inner.Values {
		e := v.E
		if r, ok := e.(*Ref); ok {
			e = r.Target
		}
		if sameExpr(e, col) {
			return true
		}
	}
	return false
}

// innerColumns is what the inner query of an aggregation selects before the
// aggregates' own columns, as Django's get_aggregation keeps it: every
// selected annotation, and under DISTINCT the model's columns too (the
// rows DISTINCT compares are the objects, not only the aggregated values).
func innerColumns(q *Query) []ValuesField {
	out := []ValuesField{}
	if q.Distinct {
		for _, f := range q.Model.Fields {
			out = append(out, ValuesField{Name: f.Attname, E: &Col{Alias: q.fieldAlias(q.BaseAlias(), q.Model, f), Field: f, Out: f.Kind}})
		}
	}
	for _, a := range q.Annotations {
		if a.Select {
			out = append(out, ValuesField{Name: a.Name, E: &Ref{Name: a.Name, Target: a.E}})
		}
	}
	return out
}

// leafCols appends the columns e reads outside aggregates and subqueries.
func leafCols(e any, out []*Col) []*Col {
	if c, ok := e.(*Col); ok {
		return append(out, c)
	}
	for _, o := range operands(e) {
		out = leafCols(o, out)
	}
	return out
}

func (s *aggSub) ensureSelected(name string, target Expr) {
	for _, v := range s.inner.Values {
		if v.Name == name {
			return
		}
	}
	if s.inner.Values != nil {
		s.inner.Values = append(s.inner.Values, ValuesField{Name: name, E: &Ref{Name: name, Target: target}})
	}
}

// outerCol is a column of the derived table "subquery".
type outerCol struct {
	name string
	kind registry.Kind
}

func (o *outerCol) WriteSQL(w *dialects.Writer) { w.Ident(o.name) }
func (o *outerCol) Kind() registry.Kind         { return o.kind }
