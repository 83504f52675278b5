package sqlq

import "strings"

// splitExclude answers a negated condition that crosses a multi-valued
// relation with a correlated NOT EXISTS, as Django's split_exclude does:
// exclude(books__title="x") keeps authors none of whose books is titled
// "x", rather than authors with some other book. k is the first
// multi-valued hop of p.
func (q *Query) splitExclude(pr Pair, p *path, k int, used *aliasSet) (Cond, []string, error) {
	inner := NewSub(q.Model, q)
	inner.valuesOuter = true // F() in the value means the outer row, as Django's OuterRef
	err := inner.AddFilter(Pair{Key: pr.Key, Value: pr.Value}, false)
	inner.valuesOuter = false
	if err != nil {
		return nil, nil, err
	}
	inner.ClearOrdering()
	// inner.joins[0] is the model's table; joins[1..] follow p's hops.
	lookupJoins := inner.joins[:len(p.steps)+1]
	containsLouter := false
	for i := 0; i < k; i++ {
		if lookupJoins[i+1].Type == LeftOuter {
			containsLouter = true
		}
		lookupJoins[i].refs--
	}
	multi := p.steps[k]
	first := lookupJoins[k+1]
	var sel *Col
	selJoin := k
	if first.Type != LeftOuter && first.Filter == nil {
		lookupJoins[k].refs--
		sel = &Col{Alias: first.Alias, Field: multi.rcol}
		selJoin = k + 1
	} else {
		sel = &Col{Alias: lookupJoins[k].Alias, Field: multi.lcol}
	}
	if outer := q.sameCallJoin(inner, selJoin, used); outer != "" {
		// The filter call joined this relation already: the excluded
		// rows are the ones of that same related object (Django's
		// split_exclude, "alias in can_reuse").
		pk := inner.joins[selJoin].Model.PK
		inner.Where.Add(&Lookup{Name: "exact", LHS: &Col{Alias: inner.joins[selJoin].Alias, Field: pk}, RHS: &Col{Alias: outer, Field: pk}})
	}
	parts := strings.Split(pr.Key, "__")
	prefix := append(append([]string(nil), parts[:multi.part]...), multi.lcol.Name)
	prefixKey := strings.Join(prefix, "__")
	outerCol, err := q.resolveRef(prefixKey, &rctx{q: q, reuse: used})
	if err != nil {
		return nil, nil, err
	}
	inner.Where.Add(&Lookup{Name: "exact", LHS: sel, RHS: outerCol})
	inner.external = true
	inner.prepareExists()
	var cond Cond = &ExistsCond{Q: inner}
	if containsLouter {
		isnull, _, err := q.buildFilter(Pair{Key: prefixKey + "__isnull", Value: true}, used, true, true, true)
		if err != nil {
			return nil, nil, err
		}
		cond = &Where{Or: true, Children: []Cond{cond, isnull}}
	}
	return cond, nil, nil
}

// sameCallJoin returns the alias of this query's join that the subquery's
// join i stands for when the current filter call made it (used): Django
// names the subquery's joins as a fresh query's and looks the name up in
// the call's reusable aliases, so the join must be the first of its table
// in both.
func (q *Query) sameCallJoin(inner *Query, i int, used *aliasSet) string {
	if used == nil {
		return ""
	}
	table := inner.joins[i].Table
	for _, j := range inner.joins[:i] {
		if j.Table == table {
			return ""
		}
	}
	if !used.has(table) {
		return ""
	}
	// A join the call trimmed away (employee__reports compares
	// sale.employee_id, not an employee row) is no row to tie to.
	if j := q.alias(table); j != nil && j.Table == table && j.Type != NoJoin && j.refs > 0 {
		return table
	}
	return ""
}

// prepareExists turns q into the body of EXISTS(...): no columns worth
// fetching, no ordering.
func (q *Query) prepareExists() {
	q.SelectOne = true
	q.ClearOrdering()
	q.Values = nil
	q.ValuesAll = false
}

// ClearOrderingIfFree drops the ordering unless the rows depend on it (a
// slice, DISTINCT ON, a row lock), as Django's clear_ordering(force=False):
// the top two rows by price are not any two rows.
func (q *Query) ClearOrderingIfFree() {
	if q.IsSliced() || len(q.DistinctFields) > 0 || q.Lock != nil {
		return
	}
	q.ClearOrdering()
}

// ClearOrdering drops explicit and default ordering (Django's clear_ordering(force=True)).
func (q *Query) ClearOrdering() {
	q.releaseOrderJoins()
	q.OrderBy = nil
	q.ExtraOrder = nil
	q.DefaultOrdering = false
	q.ordered = true
}
