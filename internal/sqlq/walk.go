package sqlq

// operands returns the direct operands of an expression or condition (a
// Case's conditions, results and default; a lookup's sides), for the walks
// that look for the columns an expression reads. Aggregates and subqueries
// have none here: what they read is not the enclosing query's row.
func operands(e any) []any {
	var out []any
	eachOperand(e, func(o any) bool {
		out = append(out, o)
		return false
	})
	return out
}

// eachOperand calls fn on each direct operand of e (see operands) until fn
// returns true, and reports whether it did. It allocates nothing, so walks
// on every compile (containsWindow) cost no garbage.
func eachOperand(e any, fn func(any) bool) bool {
	switch x := e.(type) {
	case *Arith:
		return fn(x.L) || fn(x.R)
	case *Neg:
		return fn(x.E)
	case *Func:
		for _, a := range x.Args {
			if fn(a) {
				return true
			}
		}
	case *Extract:
		return fn(x.Arg)
	case *Trunc:
		return fn(x.Arg)
	case *Cast:
		return fn(x.Arg)
	case *Collate:
		return fn(x.Arg)
	case *wrapped:
		return fn(x.Expr)
	case *JSONKey:
		return fn(x.Arg)
	case *Case:
		for _, wh := range x.Whens {
			if fn(wh.Cond) || fn(wh.Then) {
				return true
			}
		}
		return fn(x.Else)
	case *SimpleCase:
		if fn(x.Key) {
			return true
		}
		for _, w := range x.Whens {
			if fn(w) {
				return true
			}
		}
	case *CondValue:
		return fn(x.C)
	case *Where:
		for _, c := range x.Children {
			if fn(c) {
				return true
			}
		}
	case *Lookup:
		if fn(x.LHS) {
			return true
		}
		if list, ok := x.RHS.([]Expr); ok {
			for _, r := range list {
				if fn(r) {
					return true
				}
			}
		} else if r, ok := x.RHS.(Expr); ok {
			return fn(r)
		}
	case *JSONLookup:
		if fn(x.LHS) {
			return true
		}
		if r, ok := x.RHS.(Expr); ok {
			return fn(r)
		}
	case *BoolCond:
		return fn(x.E)
	case *CustomCond:
		return fn(x.LHS) || fn(x.RHS)
	}
	return false
}
