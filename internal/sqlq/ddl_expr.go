package sqlq

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// DDLCondition renders c, a condition over m's own columns, as a bare SQL
// boolean expression for DDL (a CHECK constraint, a partial index's
// WHERE): columns unqualified and values written as literals, since DDL
// takes no bind parameters. It is Django's CheckConstraint._get_check_sql
// (alias_cols=False, params quoted by the schema editor). A condition that
// needs a join is refused, as Django refuses joined field references.
func DDLCondition(d dialects.Dialect, m *registry.Model, c CondSpec) (string, error) {
	dd := &ddlDialect{Dialect: dialects.ForDDL(d)}
	q := New(m, dd)
	if err := q.AddFilter(c, false); err != nil {
		return "", err
	}
	if q.liveJoins() > 1 {
		return "", invalid("a constraint or index condition on %s can only refer to its own fields (no joins)", m.TypeName)
	}
	w := dialects.NewWriter(dd)
	w.Node(fold(q.Where))
	return dd.finish(w, q)
}

// DDLExpr renders s, an expression over m's own columns, for a functional
// index or unique constraint, as DDLCondition renders conditions.
func DDLExpr(d dialects.Dialect, m *registry.Model, s Spec) (string, error) {
	dd := &ddlDialect{Dialect: dialects.ForDDL(d)}
	q := New(m, dd)
	e, err := s.resolve(&rctx{q: q})
	if err != nil {
		return "", err
	}
	if q.liveJoins() > 1 {
		return "", invalid("an index expression on %s can only refer to its own fields (no joins)", m.TypeName)
	}
	if hasAggregate(e) {
		return "", invalid("an index expression on %s cannot hold an aggregate", m.TypeName)
	}
	w := dialects.NewWriter(dd)
	w.Node(e)
	return dd.finish(w, q)
}

// ddlDialect is the dialect with its parameters captured: Bind records
// each value and AppendPlaceholder writes a marker, so finish can put the
// value's literal where its placeholder was.
type ddlDialect struct {
	dialects.Dialect
	vals []ddlVal
}

type ddlVal struct {
	v any
	k registry.Kind
}

// ddlArg is the bound form of a captured value: its index.
type ddlArg int

// Bind implements dialects.Dialect: the value is kept for finish.
func (d *ddlDialect) Bind(v any, k registry.Kind) (any, error) {
	d.vals = append(d.vals, ddlVal{v, k})
	return ddlArg(len(d.vals) - 1), nil
}

// AppendPlaceholder implements dialects.Dialect: a marker NUL n NUL, which
// no identifier or literal contains.
func (d *ddlDialect) AppendPlaceholder(b []byte, n int) []byte {
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, 0)
}

// finish drops the base table's alias from column references and writes
// each parameter as a literal.
func (d *ddlDialect) finish(w *dialects.Writer, q *Query) (string, error) {
	if w.Err != nil {
		return "", w.Err
	}
	prefix := append(d.Dialect.AppendIdent(nil, q.BaseAlias()), '.')
	sql := bytes.ReplaceAll(w.Buf, prefix, nil)
	var out []byte
	for {
		i := bytes.IndexByte(sql, 0)
		if i < 0 {
			return string(append(out, sql...)), nil
		}
		j := bytes.IndexByte(sql[i+1:], 0)
		n, _ := strconv.Atoi(string(sql[i+1 : i+1+j]))
		lit, err := d.literal(w.Args, n)
		if err != nil {
			return "", err
		}
		out = append(append(out, sql[:i]...), lit...)
		sql = sql[i+2+j:]
	}
}

// literal renders the n-th (1-based) argument of the statement.
func (d *ddlDialect) literal(args []any, n int) (string, error) {
	if n < 1 || n > len(args) {
		return "", fmt.Errorf("internal: DDL parameter %d of %d", n, len(args))
	}
	a, ok := args[n-1].(ddlArg)
	if !ok {
		// A value the dialect bound itself (a LIKE pattern, a JSON key):
		// already in driver form, which for these is text or a number.
		switch x := args[n-1].(type) {
		case string:
			return d.Dialect.Literal(x, registry.Text)
		case int64:
			return d.Dialect.Literal(x, registry.BigInt)
		}
		return "", &dialects.NotSupported{Dialect: d.Name(), Feature: fmt.Sprintf("this lookup in a constraint or index condition (its %T value cannot be written as a literal)", args[n-1])}
	}
	v := d.vals[a]
	if v.v == nil {
		return "NULL", nil
	}
	return d.Dialect.Literal(v.v, v.k)
}

// InstanceCondition renders a query returning a row when one object's
// values satisfy c (or, with negate, when they violate it: NOT c, so an
// unknown result violates nothing, as a CHECK constraint passes NULL and
// Django's Q.check coalesces it to true). The object is a derived table of
// one row, values[i] being the value of m.Fields[i] (nil: NULL), so the
// condition is compiled as any filter of m.
func InstanceCondition(d dialects.Dialect, m *registry.Model, c CondSpec, values []any, negate bool) (string, []any, error) {
	q := New(m, d)
	if err := q.AddFilter(c, false); err != nil {
		return "", nil, err
	}
	if q.liveJoins() > 1 {
		return "", nil, invalid("a constraint's condition on %s can only refer to its own fields (no joins)", m.TypeName)
	}
	w := dialects.NewWriter(d)
	w.S("SELECT 1 FROM ")
	writeInstance(w, q, values)
	w.S(" WHERE ")
	if negate {
		w.S("NOT ")
	}
	w.B('(')
	w.Node(fold(q.Where))
	w.B(')')
	if w.Err != nil {
		return "", nil, w.Err
	}
	return string(w.Buf), w.Args, nil
}

// InstanceExprs renders a query returning, in one row, the values of
// exprs (over m's own fields) for one object, given as InstanceCondition
// takes it: Django's replace_expressions of UniqueConstraint.validate.
func InstanceExprs(d dialects.Dialect, m *registry.Model, exprs []Spec, values []any) (string, []any, error) {
	q := New(m, d)
	var resolved []Expr
	for _, s := range exprs {
		e, err := s.resolve(&rctx{q: q})
		if err != nil {
			return "", nil, err
		}
		resolved = append(resolved, e)
	}
	if q.liveJoins() > 1 {
		return "", nil, invalid("a constraint's expressions on %s can only refer to its own fields (no joins)", m.TypeName)
	}
	w := dialects.NewWriter(d)
	w.S("SELECT ")
	for i, e := range resolved {
		if i > 0 {
			w.S(", ")
		}
		w.Node(e)
	}
	w.S(" FROM ")
	writeInstance(w, q, values)
	if w.Err != nil {
		return "", nil, w.Err
	}
	return string(w.Buf), w.Args, nil
}

// writeInstance writes the derived table of one row holding values (one
// per field of q's model) under the alias of q's base table.
func writeInstance(w *dialects.Writer, q *Query, values []any) {
	d := w.D
	w.S("(SELECT ")
	for i, f := range q.Model.Fields {
		if i > 0 {
			w.S(", ")
		}
		if values[i] == nil {
			d.Cast(w, rawNode("NULL"), f.Kind, f)
		} else {
			w.Value(values[i], f.Kind)
		}
		w.S(" AS ")
		w.Ident(f.Column)
	}
	if dt, ok := d.(dialects.DualTabler); ok {
		w.S(" FROM " + dt.DualTable())
	}
	w.S(") ")
	w.Ident(q.BaseAlias())
}

// rawNode renders fixed SQL text.
type rawNode string

// WriteSQL implements dialects.Node.
func (r rawNode) WriteSQL(w *dialects.Writer) { w.S(string(r)) }
