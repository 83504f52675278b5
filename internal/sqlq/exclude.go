package sqlq

import "strings"

// splitExclude answers a negated condition that crosses a multi-valued
// relation with a correlated NOT EXISTS, as Django's split_exclude does:
// exclude(books__title="x") keeps authors none of whose books is titled
// "x", rather than authors with some other book. k is the first
// multi-valued hop of p.
func (q *Query) splitExclude(pr Pair, p *path, k int, used *aliasSet) (Cond, []string, error) {
	inner := NewSub(q.Model, q)
	value := pr.Value
	if f, ok := value.(*F); ok {
		value = &OuterRefSpec{Inner: f} // F() in the subquery means the outer row
	}
	if err := inner.AddFilter(Pair{Key: pr.Key, Value: value}, false); err != nil {
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
	if first.Type != LeftOuter && first.Filter == nil {
		lookupJoins[k].refs--
		sel = &Col{Alias: first.Alias, Field: multi.rcol}
	} else {
		sel = &Col{Alias: lookupJoins[k].Alias, Field: multi.lcol}
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
	q.OrderBy = nil
	q.ExtraOrder = nil
	q.DefaultOrdering = false
	q.ordered = true
}
