package sqlq

import (
	"slices"
	"strconv"

	"github.com/djorm/orm/dialects"
)

// Filtering on a window expression (Django 4.2): SQL evaluates windows
// after WHERE, so such conditions filter the rows of a subquery instead —
// the QUALIFY clause few backends have. The subquery selects the query's
// columns plus, hidden, every expression the window conditions and the
// ordering read; the outer query filters, orders and slices on those.

// hasQualify reports whether the query filters on a window.
func (q *Query) hasQualify() bool { return q.Where != nil && containsWindow(q.Where) }

// splitQualify separates the conditions of an AND that read a window; an
// OR or NOT holding a window is filtered outside as a whole.
func splitQualify(wh *Where) (where *Where, qualify Cond) {
	if wh.Or || wh.Xor || wh.Negated {
		return nil, wh
	}
	where = &Where{}
	out := &Where{}
	for _, c := range wh.Children {
		if containsWindow(c) {
			out.Add(c)
		} else {
			where.Add(c)
		}
	}
	if len(out.Children) == 1 {
		return where, out.Children[0]
	}
	return where, out
}

// writeQualified writes SELECT * FROM (q with hidden columns) "qualify"
// WHERE <window conditions> ORDER BY ... LIMIT ...
func writeQualified(w *dialects.Writer, q *Query, c *Compiled) error {
	switch {
	case !w.D.Features().Window:
		return &notSupported{feature: "window expressions", dialect: w.D.Name()}
	case q.grouped():
		return &notSupported{feature: "filtering on a window in a query that aggregates (group in a subquery first)", dialect: w.D.Name()}
	case q.Distinct:
		return &notSupported{feature: "filtering on a window together with Distinct", dialect: w.D.Name()}
	case q.Lock != nil:
		return &notSupported{feature: "filtering on a window together with SelectForUpdate", dialect: w.D.Name()}
	}
	order, err := q.effectiveOrdering()
	if err != nil {
		return err
	}
	where, qual := splitQualify(q.Where)
	h := &hiddenCols{}
	outer, err := h.cond(qual)
	if err != nil {
		return err
	}
	outerOrder := make([]OrderTerm, len(order))
	for i, t := range order {
		if t.E != nil {
			t.E = h.col(t.E)
		}
		outerOrder[i] = t
	}
	low, high := q.Low, q.High
	q.Where = where
	q.OrderBy, q.ExtraOrder, q.DefaultOrdering, q.ordered = nil, nil, false, true
	q.Low, q.High = 0, -1
	q.colAliases = true
	q.qualify = h
	w.S("SELECT ")
	listAt := len(w.Buf)
	w.S(" FROM (")
	if err := writeSelect(w, q, c, false); err != nil {
		return err
	}
	// The outer list names the visible columns (known once the inner
	// select is built); it holds no parameters, so inserting it keeps
	// the placeholders' order.
	var list []byte
	for i, name := range q.visibleNames {
		if i > 0 {
			list = append(list, ", "...)
		}
		list = w.D.AppendIdent(list, name)
	}
	w.Buf = slices.Insert(w.Buf, listAt, list...)
	c.Cols = c.Cols[:len(c.Cols)-h.added]
	w.S(") ")
	w.Ident("qualify")
	w.S(" WHERE ")
	w.Node(outer)
	writeOrder(w, outerOrder, nil)
	q.Low, q.High = low, high
	if q.IsSliced() {
		w.D.LimitOffset(w, q.limit(), q.Low)
	}
	return nil
}

// hiddenItems adds the expressions the outer query reads to the select
// items, where they are not selected already.
func (q *Query) hiddenItems(items []selItem) []selItem {
	h := q.qualify
	for i, e := range h.exprs {
		if at := selectedIndex(items, e); at >= 0 && at < len(q.visibleNames) {
			for _, ref := range h.refs[i] {
				ref.name = q.visibleNames[at]
			}
			continue
		}
		items = append(items, selItem{e: e, alias: qualifyAlias(i), col: OutCol{Kind: e.Kind(), Group: -1, Hidden: true}})
		h.added++
	}
	return items
}

func qualifyAlias(i int) string { return "__qualify" + strconv.Itoa(i) }

// itemNames are the names items are selected under (writeItems' aliases).
func itemNames(items []selItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.alias
		if it.alias == "" {
			out[i] = "col" + strconv.Itoa(i+1)
		}
	}
	return out
}

// hiddenCols collects the expressions the outer query reads, each once,
// with the references to each (named once the select list is known).
type hiddenCols struct {
	exprs []Expr
	refs  [][]*outerCol
	added int // hidden items selected for them
}

func (h *hiddenCols) col(e Expr) Expr {
	if isConstant(e) {
		return e
	}
	if r, ok := e.(*Ref); ok {
		e = r.Target // an ORDER BY alias means nothing inside the select list
	}
	i := slices.IndexFunc(h.exprs, func(x Expr) bool { return sameExpr(x, e) })
	if i < 0 {
		i = len(h.exprs)
		h.exprs = append(h.exprs, e)
		h.refs = append(h.refs, nil)
	}
	ref := &outerCol{name: qualifyAlias(i), kind: e.Kind()}
	h.refs[i] = append(h.refs[i], ref)
	return ref
}

// cond rewrites a condition to read the hidden columns.
func (h *hiddenCols) cond(c Cond) (Cond, error) {
	switch x := c.(type) {
	case Const:
		return x, nil
	case *Where:
		cp := *x
		cp.Children = make([]Cond, len(x.Children))
		for i, ch := range x.Children {
			r, err := h.cond(ch)
			if err != nil {
				return nil, err
			}
			cp.Children[i] = r
		}
		return &cp, nil
	case *Lookup:
		cp := *x
		cp.LHS = h.col(x.LHS)
		switch r := x.RHS.(type) {
		case Expr:
			cp.RHS = h.col(r)
		case []Expr:
			list := make([]Expr, len(r))
			for i, e := range r {
				list[i] = h.col(e)
			}
			cp.RHS = list
		case *Query:
			return nil, &notSupported{feature: "a window filter combined with an in-subquery lookup"}
		}
		return &cp, nil
	case *CustomCond:
		return &CustomCond{Name: x.Name, Tmpl: x.Tmpl, LHS: h.col(x.LHS), RHS: h.col(x.RHS)}, nil
	case *BoolCond:
		return &BoolCond{E: h.col(x.E)}, nil
	}
	return nil, &notSupported{feature: "this condition together with a filter on a window"}
}
