package sqlq

import (
	"fmt"
	"slices"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/registry"
)

// Assignment is one column of an UPDATE.
type Assignment struct {
	Field *registry.Field
	Value Expr
}

// ResolveUpdateValue resolves a Set value for field f: an expression
// (without joins, as Django requires) or a literal converted to f's kind.
func (q *Query) ResolveUpdateValue(f *registry.Field, v any) (Expr, error) {
	if sp, ok := v.(Spec); ok {
		before := q.liveJoins()
		e, err := sp.resolve(&rctx{q: q})
		if err != nil {
			return nil, err
		}
		if q.liveJoins() != before { // F("author") is the local author_id: its join was trimmed
			return nil, &FieldError{Model: q.Model.TypeName, Name: f.Name,
				Msg: "Joined field references are not permitted in this query (Update value for " + f.Name + ")"}
		}
		if hasAggregate(e) {
			return nil, invalid("Aggregate functions are not allowed in this query (Update value for %s)", f.Name)
		}
		if k := e.Kind(); f.Kind.IsInteger() && (k == registry.Float || k == registry.Decimal) {
			// The database would round it, each its own way: say how.
			return nil, &FieldError{Model: q.Model.TypeName, Name: f.Name, Msg: fmt.Sprintf(
				"Expression contains mixed types: %s, %s. %s.%s holds integers: give the expression an "+
					"integer kind (functions.Cast or ExpressionWrapper with \"BigIntegerField\") to say it may be rounded",
				f.Kind, k, q.Model.TypeName, f.Name)}
		}
		return e, nil
	}
	v = Canon(v)
	if v == nil {
		if !f.Null {
			return nil, invalid("Field '%s' cannot be NULL", f.Name)
		}
		return &Param{K: f.Kind}, nil
	}
	cv, err := registry.Convert(f.Kind, v)
	if err != nil {
		return nil, invalid("Field '%s' expected a %s value but got %#v", f.Name, f.Kind, v)
	}
	return &Param{V: cv, K: f.Kind}, nil
}

// needsPKSubquery reports whether an UPDATE/DELETE must select its rows
// by primary key from a subquery (joins, slices or ordering).
func (q *Query) needsPKSubquery() bool {
	for _, j := range q.joins[1:] {
		if j.refs > 0 {
			return true
		}
	}
	return q.IsSliced() || q.hasQualify()
}

// Update compiles UPDATE table SET ... WHERE ...
func Update(q *Query, set []Assignment) (*Compiled, error) {
	if len(set) == 0 {
		return nil, invalid("Update needs at least one field")
	}
	w := q.writer()
	defer w.Release()
	w.S("UPDATE ")
	w.Ident(q.Model.Table)
	w.S(" SET ")
	for i, a := range set {
		if i > 0 {
			w.S(", ")
		}
		w.Ident(a.Field.Column)
		w.S(" = ")
		w.Node(bare(a.Value))
	}
	if err := q.writeWriteWhere(w); err != nil {
		return nil, err
	}
	if w.Err != nil {
		return nil, w.Err
	}
	return &Compiled{SQL: Intern(w.Buf), Args: w.Args}, nil
}

// Delete compiles DELETE FROM table WHERE ...
func Delete(q *Query) (*Compiled, error) {
	w := q.writer()
	defer w.Release()
	w.S("DELETE FROM ")
	w.Ident(q.Model.Table)
	if err := q.writeWriteWhere(w); err != nil {
		return nil, err
	}
	if w.Err != nil {
		return nil, w.Err
	}
	return &Compiled{SQL: Intern(w.Buf), Args: w.Args}, nil
}

// writeWriteWhere renders the WHERE of an UPDATE/DELETE. With joins or a
// slice, rows are chosen as pk IN (SELECT pk ...); where the backend cannot
// read the table it writes in a subquery (MySQL), the subquery is wrapped in
// a derived table, which MySQL materialises first.
func (q *Query) writeWriteWhere(w *dialects.Writer) error {
	if q.needsPKSubquery() {
		inner := q
		inner.Values = []ValuesField{{Name: "pk", E: &Col{Alias: q.BaseAlias(), Field: q.Model.PK}}}
		inner.Annotations, inner.Related, inner.Lock = nil, nil, nil
		if !inner.IsSliced() {
			inner.ClearOrdering()
		}
		w.S(" WHERE ")
		w.Ident(q.Model.PK.Column)
		w.S(" IN (")
		if !w.D.Features().UpdateSelfSubquery || (inner.IsSliced() && !w.D.Features().SubqueryLimitIn) {
			w.S("SELECT * FROM (")
			if err := writeSelect(w, inner, &Compiled{}, true); err != nil {
				return err
			}
			w.S(") ")
			w.Ident("subquery")
		} else if err := writeSelect(w, inner, &Compiled{}, true); err != nil {
			return err
		}
		w.B(')')
		return nil
	}
	where, having := q.splitWhere()
	if having != nil {
		return invalid("an aggregate cannot filter an update or delete")
	}
	switch k := where.(type) {
	case Const:
		if !bool(k) {
			return ErrEmpty
		}
	case nil:
	default:
		w.S(" WHERE ")
		w.Node(where)
	}
	return nil
}

// Insert describes one INSERT statement of one or more rows.
type Insert struct {
	Model *registry.Model
	// Fields are the columns given values; Values holds one value per field
	// for each row, row after row: an Expr, or a canonical value bound with
	// the field's kind. No fields and no values is one row of defaults.
	Fields []*registry.Field
	Values []any
	// Bound says every value is already in driver form (Dialect.Bind's
	// output, no Expr): Values become the statement's arguments as they are,
	// so a bulk insert neither copies nor converts them again.
	Bound     bool
	Returning []*registry.Field
	// Into holds the out parameters (sql.Out) of RETURNING ... INTO, one
	// per Returning field, for dialects with ReturningInto.
	Into     []any
	Conflict *dialects.Conflict
}

// RowCount is the number of rows ins inserts.
func (ins *Insert) RowCount() int {
	if len(ins.Fields) == 0 {
		return 1
	}
	return len(ins.Values) / len(ins.Fields)
}

// CompileInsert renders an INSERT.
func CompileInsert(d dialects.Dialect, ins *Insert) (*Compiled, error) {
	w := dialects.GetWriter(d)
	defer w.Release()
	n := len(ins.Values)
	switch {
	case ins.Bound:
		w.Args = ins.Values[:n:n] // appending (an out parameter) copies
	case n > 8:
		w.Args = make([]any, 0, n) // one allocation instead of repeated growth
	}
	if n > 8 {
		w.Buf = slices.Grow(w.Buf, n*4+64*len(ins.Fields))
		w.GrowText(ins.RowCount() * arena.TextWidth(ins.Fields))
	}
	if len(ins.Fields) == 0 {
		if n != 0 {
			return nil, invalid("an insert without columns takes no values")
		}
		d.InsertDefaults(w, ins.Model.Table)
	} else {
		if n == 0 || n%len(ins.Fields) != 0 {
			return nil, invalid("an insert of %d columns got %d values", len(ins.Fields), n)
		}
		w.S("INSERT ")
		if ins.Conflict != nil && ins.Conflict.Ignore && !d.Features().UpdateConflictsTarget && d.Features().IgnoreConflicts {
			w.S("IGNORE ")
		}
		w.S("INTO ")
		w.Ident(ins.Model.Table)
		w.S(" (")
		for i, f := range ins.Fields {
			if i > 0 {
				w.S(", ")
			}
			w.Ident(f.Column)
		}
		w.S(") VALUES ")
		insertValues(w, ins)
	}
	if ins.Conflict != nil && (d.Features().UpdateConflictsTarget || !ins.Conflict.Ignore) {
		d.OnConflict(w, *ins.Conflict)
	}
	if len(ins.Returning) > 0 {
		w.S(" RETURNING ")
		for i, f := range ins.Returning {
			if i > 0 {
				w.S(", ")
			}
			w.Ident(f.Column)
		}
		if len(ins.Into) > 0 {
			w.S(" INTO ")
			for i, out := range ins.Into {
				if i > 0 {
					w.S(", ")
				}
				w.Arg(out)
			}
		}
	}
	if w.Err != nil {
		return nil, w.Err
	}
	return &Compiled{SQL: Intern(w.Buf), Args: w.Args}, nil
}

// insertValues renders the VALUES tuples.
func insertValues(w *dialects.Writer, ins *Insert) {
	cols := len(ins.Fields)
	for i, v := range ins.Values {
		switch {
		case i == 0:
			w.B('(')
		case i%cols == 0:
			w.S("), (")
		default:
			w.S(", ")
		}
		switch e, isExpr := v.(Expr); {
		case ins.Bound:
			w.Placeholder(i) // the argument is in place already
		case isExpr:
			w.Node(bare(e))
		default:
			w.ValueBare(v, ins.Fields[i%cols].Kind)
		}
	}
	w.B(')')
}

// SimpleCase is CASE key WHEN v1 THEN r1 ... END, the form BulkUpdate uses
// (the database compares the key once per branch without a lookup each).
type SimpleCase struct {
	Key   Expr
	Whens []Expr // alternating when, then
	Out   registry.Kind
	// Field is the column the CASE is assigned to, if any: a CASE whose
	// every result is NULL has no type of its own, and PostgreSQL reads
	// it as text ("column is of type bigint but expression is of type
	// text"), so it is cast to the column's type.
	Field *registry.Field
}

// WriteSQL implements dialects.Node.
func (c *SimpleCase) WriteSQL(w *dialects.Writer) {
	if c.Field != nil && (c.allNull() || c.Out == registry.Array) {
		w.D.Cast(w, nodeFunc(c.writeCase), c.Out, c.Field)
		return
	}
	c.writeCase(w)
}

// allNull reports whether every result of the CASE is a NULL parameter.
func (c *SimpleCase) allNull() bool {
	for i := 1; i < len(c.Whens); i += 2 {
		if p, ok := c.Whens[i].(*Param); !ok || p.V != nil {
			return false
		}
	}
	return true
}

func (c *SimpleCase) writeCase(w *dialects.Writer) {
	w.S("CASE ")
	w.Node(c.Key)
	for i := 0; i+1 < len(c.Whens); i += 2 {
		w.S(" WHEN ")
		w.Node(bare(c.Whens[i]))
		w.S(" THEN ")
		w.Node(c.Whens[i+1])
	}
	w.S(" END")
}

// Kind implements Expr.
func (c *SimpleCase) Kind() registry.Kind { return c.Out }
