package sqlq

// operands returns the direct operands of an expression or condition (a
// Case's conditions, results and default; a lookup's sides), for the walks
// that look for the columns an expression reads. Aggregates and subqueries
// have none here: what they read is not the enclosing query's row.
func operands(e any) []any {
	switch x := e.(type) {
	case *Arith:
		return []any{x.L, x.R}
	case *Neg:
		return []any{x.E}
	case *Func:
		out := make([]any, len(x.Args))
		for i, a := range x.Args {
			out[i] = a
		}
		return out
	case *Extract:
		return []any{x.Arg}
	case *Trunc:
		return []any{x.Arg}
	case *Cast:
		return []any{x.Arg}
	case *Collate:
		return []any{x.Arg}
	case *wrapped:
		return []any{x.Expr}
	case *JSONKey:
		return []any{x.Arg}
	case *Case:
		out := make([]any, 0, 2*len(x.Whens)+1)
		for _, wh := range x.Whens {
			out = append(out, wh.Cond, wh.Then)
		}
		return append(out, x.Else)
	case *SimpleCase:
		out := []any{x.Key}
		for _, w := range x.Whens {
			out = append(out, w)
		}
		return out
	case *CondValue:
		return []any{x.C}
	case *Where:
		out := make([]any, len(x.Children))
		for i, c := range x.Children {
			out[i] = c
		}
		return out
	case *Lookup:
		out := []any{x.LHS}
		if list, ok := x.RHS.([]Expr); ok {
			for _, r := range list {
				out = append(out, r)
			}
		} else if r, ok := x.RHS.(Expr); ok {
			out = append(out, r)
		}
		return out
	case *JSONLookup:
		out := []any{x.LHS}
		if r, ok := x.RHS.(Expr); ok {
			out = append(out, r)
		}
		return out
	case *BoolCond:
		return []any{x.E}
	case *CustomCond:
		return []any{x.LHS, x.RHS}
	}
	return nil
}
