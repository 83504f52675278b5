package sqlq

import (
	"github.com/djorm/orm/dialects"
)

// Cond is a resolved condition: a node of the WHERE / HAVING tree.
type Cond interface {
	dialects.Node
}

// Where is an AND / OR of conditions, possibly negated.
type Where struct {
	Or       bool
	Xor      bool // an odd number of children are true
	Negated  bool
	Children []Cond
}

// Add appends c (flattening an un-negated tree with the same connector).
func (wh *Where) Add(c Cond) {
	if c == nil {
		return
	}
	if sub, ok := c.(*Where); ok && !sub.Negated && sub.Or == wh.Or && sub.Xor == wh.Xor && len(sub.Children) > 0 {
		wh.Children = append(wh.Children, sub.Children...)
		return
	}
	wh.Children = append(wh.Children, c)
}

// WriteSQL renders the tree; fold it first so constant children are gone.
func (wh *Where) WriteSQL(w *dialects.Writer) {
	if wh.Negated {
		w.S("NOT ")
	}
	if wh.Xor && len(wh.Children) > 1 && !w.D.Features().LogicalXOR {
		wh.writeParity(w)
		return
	}
	paren := wh.Negated || len(wh.Children) > 1
	if paren {
		w.B('(')
	}
	sep := " AND "
	switch {
	case wh.Xor:
		sep = " XOR "
	case wh.Or:
		sep = " OR "
	}
	for i, c := range wh.Children {
		if i > 0 {
			w.S(sep)
		}
		w.Node(c)
	}
	if paren {
		w.B(')')
	}
}

// writeParity writes a XOR b XOR ... where the backend has no XOR, as
// Django 5 does: (a OR b OR ...) AND the number of true children is odd,
// counted with CASE WHEN (a NULL child counts as false).
func (wh *Where) writeParity(w *dialects.Writer) {
	w.S("((")
	for i, c := range wh.Children {
		if i > 0 {
			w.S(" OR ")
		}
		w.Node(c)
	}
	w.S(") AND ")
	count := nodeFunc(func(w *dialects.Writer) {
		w.B('(')
		for i, c := range wh.Children {
			if i > 0 {
				w.S(" + ")
			}
			w.S("CASE WHEN ")
			w.Node(c)
			w.S(" THEN 1 ELSE 0 END")
		}
		w.B(')')
	})
	if len(wh.Children) == 2 {
		w.Node(count)
	} else {
		w.D.Func(w, "Mod", []dialects.Node{count, nodeFunc(func(w *dialects.Writer) { w.S("2") })})
	}
	w.S(" = 1)")
}

func (wh *Where) containsAggregate() bool {
	for _, c := range wh.Children {
		if hasAggregate(c) {
			return true
		}
	}
	return false
}

// Const is a condition known without the database: Django's
// EmptyResultSet (false) and the "matches everything" result (true).
type Const bool

// WriteSQL renders the constant; fold removes constants before rendering, so
// this only appears inside expressions such as Case.
func (c Const) WriteSQL(w *dialects.Writer) {
	if c {
		w.S("1 = 1")
	} else {
		w.S("1 = 0")
	}
}

// fold evaluates constant parts of a condition tree, as Django's
// WhereNode.as_sql does with EmptyResultSet: it returns the simplified
// condition, or a Const when the whole tree is constant.
func fold(c Cond) Cond {
	wh, ok := c.(*Where)
	if !ok {
		return c
	}
	if !hasConst(wh) && len(wh.Children) > 0 {
		return wh
	}
	if wh.Xor {
		return foldXor(wh)
	}
	out := &Where{Or: wh.Or, Negated: wh.Negated}
	for _, child := range wh.Children {
		child = fold(child)
		if k, isConst := child.(Const); isConst {
			if bool(k) == wh.Or { // AND with false, OR with true decides the node
				return Const(bool(k) != wh.Negated)
			}
			continue // AND with true, OR with false: drop the child
		}
		out.Children = append(out.Children, child)
	}
	if len(out.Children) == 0 {
		return Const(!wh.Or != wh.Negated) // empty AND is true, empty OR false
	}
	return out
}

// foldXor folds a XOR tree: a false child drops out, a true one flips the
// parity of the rest.
func foldXor(wh *Where) Cond {
	out := &Where{Xor: true, Negated: wh.Negated}
	for _, child := range wh.Children {
		child = fold(child)
		if k, isConst := child.(Const); isConst {
			if k {
				out.Negated = !out.Negated
			}
			continue
		}
		out.Children = append(out.Children, child)
	}
	if len(out.Children) == 0 {
		return Const(out.Negated) // XOR of nothing is false
	}
	return out
}

// Lookup is a field lookup: lhs <op> rhs.
type Lookup struct {
	Name string
	LHS  Expr
	// RHS is an Expr, []Expr (in, range), *Query (in a subquery), string (a
	// pattern lookup's literal text) or bool (isnull).
	RHS any
}

// WriteSQL renders the lookup through the dialect.
func (l *Lookup) WriteSQL(w *dialects.Writer) {
	d := w.D
	switch l.Name {
	case "isnull":
		w.Node(l.LHS)
		if l.RHS.(bool) {
			w.S(" IS NULL")
		} else {
			w.S(" IS NOT NULL")
		}
	case "in":
		l.writeIn(w)
	case "range":
		bounds := l.RHS.([]Expr)
		w.Node(l.LHS)
		w.S(" BETWEEN ")
		w.Node(bounds[0])
		w.S(" AND ")
		w.Node(bounds[1])
	case "regex", "iregex":
		d.Regex(w, l.Name == "iregex", l.LHS, l.RHS.(Expr))
	case "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith":
		if s, ok := l.RHS.(string); ok {
			d.Pattern(w, l.Name, l.LHS, s)
		} else {
			d.PatternExpr(w, l.Name, l.LHS, l.RHS.(Expr))
		}
	case "exact":
		if b, ok := l.RHS.(*Param); ok && isConditional(l.LHS) {
			if v, isBool := b.V.(bool); isBool { // Django: filter(exists_annotation=True)
				if !v {
					w.S("NOT ")
				}
				w.Node(conditionOf(l.LHS))
				return
			}
		}
		d.Compare(w, l.Name, l.LHS, l.comparand())
	default:
		d.Compare(w, l.Name, l.LHS, l.comparand())
	}
}

// comparand is the right-hand side of a comparison; a value compared with
// a column needs no cast.
func (l *Lookup) comparand() dialects.Node {
	rhs := l.RHS.(Expr)
	if _, isCol := l.LHS.(*Col); isCol {
		return bare(rhs)
	}
	return rhs
}

func (l *Lookup) writeIn(w *dialects.Writer) {
	if q, ok := l.RHS.(*Query); ok {
		w.Node(l.LHS)
		w.S(" IN (")
		if q.IsSliced() && !w.D.Features().SubqueryLimitIn {
			// MySQL refuses LIMIT in an IN subquery but not in a derived
			// table: the same rows, one level down.
			w.S("SELECT * FROM (")
			compileSelectInto(w, q)
			w.S(") ")
			w.Ident("djorm_in")
		} else {
			compileSelectInto(w, q)
		}
		w.B(')')
		return
	}
	items := l.RHS.([]Expr)
	max := w.D.Features().MaxInList
	if max <= 0 || len(items) <= max {
		w.Node(l.LHS)
		w.S(" IN (")
		_, isCol := l.LHS.(*Col)
		for i, it := range items {
			if i > 0 {
				w.S(", ")
			}
			if isCol {
				w.Node(bare(it))
			} else {
				w.Node(it)
			}
		}
		w.B(')')
		return
	}
	w.B('(')
	for start := 0; start < len(items); start += max {
		if start > 0 {
			w.S(" OR ")
		}
		end := min(start+max, len(items))
		(&Lookup{Name: "in", LHS: l.LHS, RHS: items[start:end]}).writeIn(w)
	}
	w.B(')')
}

func (l *Lookup) containsAggregate() bool {
	if hasAggregate(l.LHS) {
		return true
	}
	switch r := l.RHS.(type) {
	case Expr:
		return hasAggregate(r)
	case []Expr:
		for _, e := range r {
			if hasAggregate(e) {
				return true
			}
		}
	}
	return false
}

func isConditional(e Expr) bool {
	switch x := e.(type) {
	case *CondValue:
		return true
	case *Ref:
		return isConditional(x.Target)
	}
	return false
}

func conditionOf(e Expr) Cond {
	switch x := e.(type) {
	case *CondValue:
		return x.C
	case *Ref:
		return conditionOf(x.Target)
	}
	return nil
}

// ExistsCond is EXISTS (subquery).
type ExistsCond struct{ Q *Query }

// WriteSQL implements dialects.Node.
func (e *ExistsCond) WriteSQL(w *dialects.Writer) {
	w.S("EXISTS(")
	compileSelectInto(w, e.Q)
	w.B(')')
}

// BoolCond uses a boolean-valued expression as a condition.
type BoolCond struct{ E Expr }

// WriteSQL implements dialects.Node.
func (b *BoolCond) WriteSQL(w *dialects.Writer) {
	if c := conditionOf(b.E); c != nil {
		w.Node(c)
		return
	}
	w.D.BoolCondition(w, b.E)
}

func (b *BoolCond) containsAggregate() bool { return hasAggregate(b.E) }

// RawCond is a WHERE fragment from Extra, with its arguments.
type RawCond struct {
	SQL  string
	Args []any
}

// WriteSQL implements dialects.Node.
func (r *RawCond) WriteSQL(w *dialects.Writer) {
	w.B('(')
	writeRaw(w, r.SQL, r.Args)
	w.B(')')
}

// hasConst reports whether a constant sits anywhere in the tree.
func hasConst(wh *Where) bool {
	for _, c := range wh.Children {
		switch x := c.(type) {
		case Const:
			return true
		case *Where:
			if len(x.Children) == 0 || hasConst(x) {
				return true
			}
		}
	}
	return false
}
