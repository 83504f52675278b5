package orm

import (
	"fmt"

	"github.com/djorm/orm/internal/sqlq"
)

// WindowOption shapes a Window: PartitionBy, OrderBy, Rows or Range.
type WindowOption func(*sqlq.WindowSpec) error

// Window computes an aggregate (Sum, Avg, ...) or a window function
// (functions.RowNumber, Rank, Lag, ...) over the rows of each partition,
// row by row (Django's Window): usable in Annotate, Values and OrderBy;
// filtering on it is refused (Django 4.2 wraps the query in a subquery).
//
//	orm.Window(functions.Rank(), orm.PartitionBy("author"), orm.OrderBy("-price"))
func Window(e Expression, opts ...WindowOption) *Expr {
	s, err := e.spec()
	if err != nil {
		return &Expr{err: err}
	}
	w := &sqlq.WindowSpec{E: s}
	for _, o := range opts {
		if err := o(w); err != nil {
			return &Expr{err: err}
		}
	}
	return &Expr{s: w}
}

// PartitionBy splits a Window's rows by fields (names) or expressions.
func PartitionBy(exprs ...any) WindowOption {
	return func(w *sqlq.WindowSpec) error {
		for _, e := range exprs {
			s, err := arg(e)
			if err != nil {
				return err
			}
			w.PartitionBy = append(w.PartitionBy, s)
		}
		return nil
	}
}

// OrderBy orders a Window's rows: names ("-price") or ordered expressions.
func OrderBy(terms ...any) WindowOption {
	return func(w *sqlq.WindowSpec) error {
		for _, t := range terms {
			switch x := t.(type) {
			case string:
				w.OrderBy = append(w.OrderBy, sqlq.OrderItem{Name: x})
			case *Expr:
				o := x.order
				if o == nil {
					s, err := x.spec()
					if err != nil {
						return err
					}
					o = &sqlq.OrderSpec{E: s}
				}
				w.OrderBy = append(w.OrderBy, sqlq.OrderItem{E: o})
			default:
				return fmt.Errorf("%w: a Window's OrderBy takes field names and expressions, not %T", ErrInvalidQuery, t)
			}
		}
		return nil
	}
}

// Rows frames a Window by rows around the current one (Django's RowRange):
// nil is unbounded, 0 the current row, -n n rows before, n n rows after.
func Rows(start, end any) WindowOption { return frame(false, start, end) }

// Range frames a Window by values of its ordering (Django's ValueRange).
func Range(start, end any) WindowOption { return frame(true, start, end) }

func frame(isRange bool, start, end any) WindowOption {
	return func(w *sqlq.WindowSpec) error {
		s, err := bound(start)
		if err != nil {
			return err
		}
		e, err := bound(end)
		if err != nil {
			return err
		}
		if s != nil && e != nil && *s > *e {
			return fmt.Errorf("%w: a Window frame's start %d is after its end %d", ErrInvalidQuery, *s, *e)
		}
		w.Frame = &sqlq.Frame{Range: isRange, Start: s, End: e}
		return nil
	}
}

func bound(v any) (*int64, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case int:
		n := int64(x)
		return &n, nil
	case int64:
		return &x, nil
	}
	return nil, fmt.Errorf("%w: a Window frame bound is nil (unbounded) or an int, not %T", ErrInvalidQuery, v)
}
