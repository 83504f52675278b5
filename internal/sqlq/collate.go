package sqlq

import (
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// CollateSpec gives an expression a collation (functions.Collate).
type CollateSpec struct {
	E         Spec
	Collation string // checked by the caller: letters, digits, _ and -
}

func (c *CollateSpec) resolve(r *rctx) (Expr, error) {
	e, err := c.E.resolve(r)
	if err != nil {
		return nil, err
	}
	return &Collate{Arg: e, Collation: c.Collation}, nil
}

// Collate is expr COLLATE "name".
type Collate struct {
	Arg       Expr
	Collation string
}

// WriteSQL implements dialects.Node.
func (c *Collate) WriteSQL(w *dialects.Writer) {
	w.Node(c.Arg)
	w.S(" COLLATE ")
	w.Ident(c.Collation)
}

// Kind implements Expr.
func (c *Collate) Kind() registry.Kind { return c.Arg.Kind() }
