package sqlq

import (
	"strconv"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// windowFuncs are the functions that exist only over a window (Django's
// window functions), with their SQL names.
var windowFuncs = map[string]string{
	"RowNumber": "ROW_NUMBER", "Rank": "RANK", "DenseRank": "DENSE_RANK", "PercentRank": "PERCENT_RANK",
	"CumeDist": "CUME_DIST", "NTile": "NTILE", "Lag": "LAG", "Lead": "LEAD",
	"FirstValue": "FIRST_VALUE", "LastValue": "LAST_VALUE", "NthValue": "NTH_VALUE",
}

// IsWindowFunc reports whether name is a window-only function.
func IsWindowFunc(name string) bool { _, ok := windowFuncs[name]; return ok }

// Frame bounds a window (Django's RowRange and ValueRange): a nil bound is
// UNBOUNDED, 0 the current row, -n n PRECEDING, n n FOLLOWING.
type Frame struct {
	Range      bool // RANGE instead of ROWS
	Start, End *int64
}

// WindowSpec is an aggregate or a window function computed over the rows
// of a partition (Django's Window expression).
type WindowSpec struct {
	E           Spec
	PartitionBy []Spec
	OrderBy     []OrderItem
	Frame       *Frame
}

func (s *WindowSpec) resolve(c *rctx) (Expr, error) {
	if c.window || c.inAgg {
		return nil, invalid("a Window cannot hold another Window or sit inside an aggregate")
	}
	inner := &rctx{q: c.q, reuse: c.reuse, aggOK: true, window: true}
	e, err := s.E.resolve(inner)
	if err != nil {
		return nil, err
	}
	if _, isAgg := e.(*Agg); !isAgg && !isWindowFunc(e) {
		return nil, invalid("Window takes an aggregate or a window function (RowNumber, Rank, Lag, ...), not %T", e)
	}
	win := &Window{E: e, Frame: s.Frame}
	for _, p := range s.PartitionBy {
		pe, err := p.resolve(&rctx{q: c.q, reuse: c.reuse})
		if err != nil {
			return nil, err
		}
		win.Partition = append(win.Partition, pe)
	}
	for _, it := range s.OrderBy {
		terms, err := c.q.orderTerms(it)
		if err != nil {
			return nil, err
		}
		win.Order = append(win.Order, terms...)
	}
	return win, nil
}

func isWindowFunc(e Expr) bool {
	f, ok := e.(*Func)
	return ok && IsWindowFunc(f.Name)
}

// Window renders expr OVER (PARTITION BY ... ORDER BY ... frame).
type Window struct {
	E         Expr
	Partition []Expr
	Order     []OrderTerm
	Frame     *Frame
}

// WriteSQL implements dialects.Node. A decimal aggregate that the backend
// casts (SQLite) is cast around the whole window: CAST(SUM(x) OVER (...)).
func (win *Window) WriteSQL(w *dialects.Writer) {
	if !w.D.Features().Window {
		w.Unsupported("window expressions")
		return
	}
	if a, ok := win.E.(*Agg); ok && castDecimal(w, a.Out) {
		w.D.Cast(w, nodeFunc(win.write), registry.Decimal, decimalField)
		return
	}
	win.write(w)
}

func (win *Window) write(w *dialects.Writer) {
	if a, ok := win.E.(*Agg); ok {
		a.writeSQL(w)
	} else if f, ok := win.E.(*Func); ok && IsWindowFunc(f.Name) {
		if (f.Name == "Lag" || f.Name == "Lead") && len(f.Args) == 3 && w.D.Features().NoLagDefault {
			w.Unsupported(f.Name + " with a default")
			return
		}
		w.S(windowFuncs[f.Name])
		w.B('(')
		w.List(exprNodes(f.Args), ", ")
		w.B(')')
	} else {
		w.Node(win.E)
	}
	w.S(" OVER (")
	if len(win.Partition) > 0 {
		w.S("PARTITION BY ")
		w.List(exprNodes(win.Partition), ", ")
	}
	if len(win.Order) > 0 {
		at := len(w.Buf)
		writeOrder(w, win.Order, nil)
		if len(win.Partition) == 0 { // writeOrder opens with a space: "OVER (ORDER BY"
			w.Buf = append(w.Buf[:at], w.Buf[at+1:]...)
		}
	}
	if win.Frame != nil {
		writeFrame(w, win.Frame)
	}
	w.B(')')
}

func writeFrame(w *dialects.Writer, f *Frame) {
	if f.Range {
		w.S(" RANGE BETWEEN ")
	} else {
		w.S(" ROWS BETWEEN ")
	}
	writeBound(w, f.Start, "PRECEDING")
	w.S(" AND ")
	writeBound(w, f.End, "FOLLOWING")
}

func writeBound(w *dialects.Writer, b *int64, unbounded string) {
	switch {
	case b == nil:
		w.S("UNBOUNDED " + unbounded)
	case *b == 0:
		w.S("CURRENT ROW")
	case *b < 0:
		w.S(strconv.FormatInt(-*b, 10) + " PRECEDING")
	default:
		w.S(strconv.FormatInt(*b, 10) + " FOLLOWING")
	}
}

// Kind implements Expr.
func (win *Window) Kind() registry.Kind { return win.E.Kind() }

// A window's aggregate does not group the query.
func (win *Window) containsAggregate() bool { return false }

// containsWindow reports whether e computes a window (a filter on it
// needs a subquery, which djorm does not build yet).
func containsWindow(e any) bool {
	if _, ok := e.(*Window); ok {
		return true
	}
	if r, ok := e.(*Ref); ok {
		return containsWindow(r.Target)
	}
	return eachOperand(e, containsWindow)
}

// exprNodes views expressions as the nodes a Writer lists.
func exprNodes(es []Expr) []dialects.Node {
	out := make([]dialects.Node, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
