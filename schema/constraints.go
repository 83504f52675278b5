package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/exprhook"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// inlineConstraint reports whether c is written inside CREATE TABLE (a
// CHECK, or UNIQUE over columns), rather than created as a unique index
// (a condition, expressions or covering columns), as Django's
// _unique_sql and _create_unique_sql split them.
func inlineConstraint(c Constraint) bool {
	return c.Check != "" || c.CheckCond != nil ||
		(c.Condition == nil && len(c.Expressions) == 0 && len(c.Include) == 0)
}

// isCheck reports whether c is a check constraint.
func (c Constraint) isCheck() bool { return c.Check != "" || c.CheckCond != nil }

// constraintBody renders an inline constraint after its name: CHECK
// (...) or UNIQUE (...) with its NULLS and DEFERRABLE clauses. It is ""
// when the backend lacks a feature the constraint uses: Django leaves
// such a constraint out of the schema.
func constraintBody(d dialects.Dialect, t *Table, c Constraint) (string, error) {
	if c.isCheck() {
		check := c.Check
		if c.CheckCond != nil {
			var err error
			if check, err = t.condition(d, c.CheckCond, "constraint "+c.Name); err != nil {
				return "", err
			}
		}
		return "CHECK (" + check + ")", nil
	}
	sup := dialects.SupportOf(d)
	if (c.Deferrable != registry.NotDeferrable && !sup.DeferrableUnique) || (c.NullsDistinct != nil && !sup.NullsDistinct) {
		return "", nil
	}
	return "UNIQUE" + nullsClause(c.NullsDistinct) + " (" + quoteList(d, c.Columns) + ")" + deferrableClause(c.Deferrable), nil
}

func nullsClause(distinct *bool) string {
	switch {
	case distinct == nil:
		return ""
	case *distinct:
		return " NULLS DISTINCT"
	}
	return " NULLS NOT DISTINCT"
}

func deferrableClause(d registry.Deferrable) string {
	switch d {
	case registry.Deferred:
		return " DEFERRABLE INITIALLY DEFERRED"
	case registry.Immediate:
		return " DEFERRABLE INITIALLY IMMEDIATE"
	}
	return ""
}

// metaIndex renders an index of Meta.Indexes. Where the backend lacks a
// feature, Django's schema editor decides: an expression index is left
// out, a condition or covering columns are dropped from the index.
func metaIndex(d dialects.Dialect, t *Table, ix Index) (namedIndex, bool, error) {
	sup := dialects.SupportOf(d)
	if len(ix.Expressions) > 0 && !sup.Expressions {
		return namedIndex{}, false, nil
	}
	name := ix.Name
	if name == "" {
		name = Name(d, t.Name, ix.Columns, "idx")
	}
	var parts []string
	for i, col := range ix.Columns {
		p := quote(d, col)
		if sup.OpClasses && i < len(ix.OpClasses) {
			p += " " + ix.OpClasses[i]
		}
		if i < len(ix.Desc) && ix.Desc[i] {
			p += " DESC"
		}
		parts = append(parts, p)
	}
	exprs, err := t.expressions(d, ix.Expressions, "index "+name)
	if err != nil {
		return namedIndex{}, false, err
	}
	parts = append(parts, exprs...)
	tail, err := indexTail(d, t, ix.Include, nil, ix.Condition, "index "+name)
	if err != nil {
		return namedIndex{}, false, err
	}
	kw := "CREATE INDEX "
	if ix.Unique {
		kw = "CREATE UNIQUE INDEX "
	}
	def := "(" + strings.Join(parts, ", ") + ")" + tail
	return namedIndex{name: name, def: kw + def, stmt: kw + quote(d, name) + " ON " + quote(d, t.Name) + " " + def}, true, nil
}

// uniqueIndex renders a unique constraint that is a unique index (see
// inlineConstraint); ok is false when the backend lacks a feature it
// uses, as Django's _create_unique_sql returns None.
func uniqueIndex(d dialects.Dialect, t *Table, c Constraint) (namedIndex, bool, error) {
	sup := dialects.SupportOf(d)
	if (c.Condition != nil && !sup.Partial) || (len(c.Include) > 0 && !sup.Covering) ||
		(len(c.Expressions) > 0 && !sup.Expressions) || (c.NullsDistinct != nil && !sup.NullsDistinct) {
		return namedIndex{}, false, nil
	}
	parts := []string{}
	if len(c.Columns) > 0 {
		parts = append(parts, quoteList(d, c.Columns))
	}
	exprs, err := t.expressions(d, c.Expressions, "constraint "+c.Name)
	if err != nil {
		return namedIndex{}, false, err
	}
	parts = append(parts, exprs...)
	tail, err := indexTail(d, t, c.Include, c.NullsDistinct, c.Condition, "constraint "+c.Name)
	if err != nil {
		return namedIndex{}, false, err
	}
	def := "CREATE UNIQUE INDEX (" + strings.Join(parts, ", ") + ")" + tail
	stmt := "CREATE UNIQUE INDEX " + quote(d, c.Name) + " ON " + quote(d, t.Name) + " (" + strings.Join(parts, ", ") + ")" + tail
	return namedIndex{name: c.Name, def: def, stmt: stmt}, true, nil
}

// indexTail renders what follows an index's columns, in PostgreSQL's
// order: INCLUDE, NULLS [NOT] DISTINCT, WHERE; each only where the
// backend has it.
func indexTail(d dialects.Dialect, t *Table, include []string, nulls *bool, cond any, what string) (string, error) {
	sup := dialects.SupportOf(d)
	var b strings.Builder
	if len(include) > 0 && sup.Covering {
		b.WriteString(" INCLUDE (" + quoteList(d, include) + ")")
	}
	if nulls != nil && sup.NullsDistinct {
		b.WriteString(nullsClause(nulls))
	}
	if cond != nil && sup.Partial {
		where, err := t.condition(d, cond, what)
		if err != nil {
			return "", err
		}
		b.WriteString(" WHERE " + where)
	}
	return b.String(), nil
}

// condition renders an orm.Condition over t's fields.
func (t *Table) condition(d dialects.Dialect, cond any, what string) (string, error) {
	if exprhook.Cond == nil {
		return "", fmt.Errorf("%s: %s: conditions need package orm", t.Owner, what)
	}
	spec, err := exprhook.Cond(cond)
	if err != nil {
		return "", fmt.Errorf("%s: %s: %w", t.Owner, what, err)
	}
	sql, err := sqlq.DDLCondition(d, t.condModel(), spec)
	if err != nil {
		return "", fmt.Errorf("%s: %s: %w", t.Owner, what, err)
	}
	return sql, nil
}

// expressions renders index expressions (orm.Expression values or field
// names), each in parentheses as MySQL's functional key parts need.
func (t *Table) expressions(d dialects.Dialect, exprs []any, what string) ([]string, error) {
	var out []string
	for _, e := range exprs {
		if exprhook.Arg == nil {
			return nil, fmt.Errorf("%s: %s: expressions need package orm", t.Owner, what)
		}
		spec, err := exprhook.Arg(e)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", t.Owner, what, err)
		}
		sql, err := sqlq.DDLExpr(d, t.condModel(), spec)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", t.Owner, what, err)
		}
		if t.isColumn(d, sql) {
			out = append(out, sql) // Django wraps expressions, not column references
		} else {
			out = append(out, "("+sql+")")
		}
	}
	return out, nil
}

// isColumn reports whether sql is one of t's quoted column names.
func (t *Table) isColumn(d dialects.Dialect, sql string) bool {
	for _, c := range t.Columns {
		if quote(d, c.Name) == sql {
			return true
		}
	}
	return false
}

// condModel is the model conditions and expressions of t resolve
// against: the registered one, or one made of the columns (a migration
// state's table), whose fields answer to their field names.
func (t *Table) condModel() *registry.Model {
	if t.model != nil {
		return t.model
	}
	var fields []*registry.Field
	for _, c := range t.Columns {
		f := *c.RegistryField()
		f.Rel = nil
		if c.Field != "" {
			f.Name, f.GoName = c.Field, c.Field
		}
		f.Attname = c.Name
		fields = append(fields, &f)
	}
	t.model = registry.NewTableModel(t.Key, t.Name, fields)
	return t.model
}

// defaultSQL renders a column's DEFAULT: a literal, or the database
// function of db_default=now() in parentheses (SQLite takes an
// expression default only so), or "" when none.
func defaultSQL(d dialects.Dialect, t *Table, c *Column) (string, error) {
	if c.DefaultExpr != "" {
		dd := dialects.ForDDL(d)
		w := dialects.NewWriter(dd)
		dd.Func(w, c.DefaultExpr, nil)
		if w.Err != nil {
			return "", fmt.Errorf("%s db_default: %w", t.where(c), w.Err)
		}
		return "(" + w.String() + ")", nil
	}
	if !c.HasDefault {
		return "", nil
	}
	lit, err := d.Literal(c.Default, c.Kind)
	if err != nil {
		return "", fmt.Errorf("%s default: %w", t.where(c), err)
	}
	return lit, nil
}

// comments renders the COMMENT ON statements of t where the backend
// comments with statements.
func comments(d dialects.Dialect, t *Table) []string {
	cm, ok := d.(dialects.Commenter)
	if !ok {
		return nil
	}
	var out []string
	qt := quote(d, t.Name)
	if t.Comment != "" && cm.TableCommentClause(t.Comment) == "" {
		out = append(out, cm.CommentOn(qt, "", t.Comment))
	}
	for _, c := range t.Columns {
		if c.Comment != "" && cm.ColumnCommentClause(c.Comment) == "" {
			out = append(out, cm.CommentOn(qt, quote(d, c.Name), c.Comment))
		}
	}
	return out
}

// UniqueNamed returns the name of t's unique constraint over exactly
// columns (in any order): a named constraint or a UniqueTogether set, as
// d names it; "" when none.
func (t *Table) UniqueNamed(d dialects.Dialect, columns []string) string {
	same := func(cols []string) bool {
		if len(cols) != len(columns) {
			return false
		}
		for _, c := range cols {
			if !slices.Contains(columns, c) {
				return false
			}
		}
		return true
	}
	for _, c := range t.Constraints {
		if !c.isCheck() && len(c.Expressions) == 0 && same(c.Columns) {
			return c.Name
		}
	}
	for _, cols := range t.UniqueTogether {
		if same(cols) {
			return Name(d, t.Name, cols, "uniq")
		}
	}
	return ""
}
