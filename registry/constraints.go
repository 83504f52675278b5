package registry

import (
	"fmt"
	"strings"
)

// Constraint is a table constraint of Meta.Constraints (Django's
// Meta.constraints): a CheckConstraint or a UniqueConstraint.
type Constraint interface {
	// ConstraintName is the constraint's name, unique in the database.
	ConstraintName() string
}

// CheckConstraint is Django's CheckConstraint: rows must satisfy Check,
// an orm.Condition (orm.Q, orm.Not, orm.Or, ...) over the model's own
// fields, written into the table as CHECK (...).
type CheckConstraint struct {
	Name  string
	Check any // an orm.Condition
	// ViolationMessage replaces Validate's default message (Django's
	// violation_error_message).
	ViolationMessage string
}

// ConstraintName implements Constraint.
func (c CheckConstraint) ConstraintName() string { return c.Name }

// Deferrable says when a deferrable unique constraint is checked.
type Deferrable uint8

// The deferrable modes (Django's models.Deferrable).
const (
	NotDeferrable Deferrable = iota
	Deferred                 // DEFERRABLE INITIALLY DEFERRED: checked at commit
	Immediate                // DEFERRABLE INITIALLY IMMEDIATE
)

// UniqueConstraint is Django's UniqueConstraint: the values of Fields (or
// of Expressions, orm.Expression values or field names) are unique among
// the rows matching Condition (all rows when nil). Where a backend lacks
// a feature the constraint uses (a condition without partial indexes,
// Include without covering indexes, expressions, Deferrable, NullsDistinct)
// the constraint is left out of that database's schema, as Django does;
// Validate still checks it.
type UniqueConstraint struct {
	Name        string
	Fields      []string
	Expressions []any // orm.Expression values (functions.Lower("name")) or field names
	Condition   any   // an orm.Condition, for a partial unique index
	// NullsDistinct false makes NULLs equal (NULLS NOT DISTINCT,
	// PostgreSQL 15+); nil keeps the backend's default (distinct).
	NullsDistinct *bool
	Include       []string // non-key columns of a covering index (PostgreSQL)
	Deferrable    Deferrable
	// ViolationMessage replaces Validate's default message.
	ViolationMessage string
}

// ConstraintName implements Constraint.
func (c UniqueConstraint) ConstraintName() string { return c.Name }

// Plain reports whether the constraint is a plain UNIQUE (columns) one,
// written inside CREATE TABLE, as Django does: no condition, expressions,
// covering columns, deferral or NULLS clause.
func (c UniqueConstraint) Plain() bool {
	return c.Condition == nil && len(c.Expressions) == 0 && len(c.Include) == 0 &&
		c.Deferrable == NotDeferrable && c.NullsDistinct == nil
}

// DBExpr is a database expression used as a column default
// (db_default=now()): the value is computed by the database when a row is
// inserted without it. Func names the function among the closed list
// DBExprFuncs.
type DBExpr struct{ Func string }

// String returns the tag spelling, "now()".
func (e DBExpr) String() string { return strings.ToLower(e.Func) + "()" }

// DBExprFuncs maps the db_default=name() names to the functions they call
// (functions package names, rendered by each dialect).
var DBExprFuncs = map[string]string{"now": "Now"}

// ParseDBExpr reads db_default=name() into a DBExpr; ok is false when s
// is not a call.
func ParseDBExpr(s string) (DBExpr, bool, error) {
	name, call := callName(s)
	if !call {
		return DBExpr{}, false, nil
	}
	fn, known := DBExprFuncs[name]
	if !known {
		return DBExpr{}, true, fmt.Errorf("db_default=%s(): unknown database function %q; valid: now()", name, name)
	}
	return DBExpr{Func: fn}, true, nil
}

// checkConstraints validates Meta.Constraints, Meta.Indexes' new options
// and Meta.TableComment against the model's fields; cond (Config.Condition)
// checks each condition's type.
func checkConstraints(m *Model, cond func(any) error) error {
	seen := map[string]bool{}
	for _, c := range m.Meta.Constraints {
		if c == nil {
			return fmt.Errorf("orm.Register: %s: Meta.Constraints holds a nil constraint", m.Label)
		}
		name := c.ConstraintName()
		if !ValidIdent(name) {
			return fmt.Errorf("orm.Register: %s: constraint name %q must match ^[A-Za-z_][A-Za-z0-9_]*$ (every constraint needs a Name)", m.Label, name)
		}
		if seen[name] {
			return fmt.Errorf("orm.Register: %s: two constraints are named %q", m.Label, name)
		}
		seen[name] = true
		if err := checkConstraint(m, c, cond); err != nil {
			return fmt.Errorf("orm.Register: %s: constraint %s: %w", m.Label, name, err)
		}
	}
	for _, ix := range m.Meta.Indexes {
		if err := checkFieldNames(m, "Include", ix.Include); err != nil {
			return fmt.Errorf("orm.Register: %s: index %s: %w", m.Label, ix.Name, err)
		}
		if (ix.Condition != nil || len(ix.Expressions) > 0 || len(ix.OpClasses) > 0) && ix.Name == "" {
			return fmt.Errorf("orm.Register: %s: an index with a Condition, Expressions or OpClasses needs a Name (as in Django)", m.Label)
		}
		if len(ix.OpClasses) > 0 && len(ix.OpClasses) != len(ix.Fields) {
			return fmt.Errorf("orm.Register: %s: index %s: OpClasses needs one operator class per field (%d fields, %d classes)", m.Label, ix.Name, len(ix.Fields), len(ix.OpClasses))
		}
		for _, oc := range ix.OpClasses {
			if !ValidIdent(oc) {
				return fmt.Errorf("orm.Register: %s: index %s: operator class %q must match ^[A-Za-z_][A-Za-z0-9_]*$", m.Label, ix.Name, oc)
			}
		}
	}
	if strings.ContainsRune(m.Meta.TableComment, 0) {
		return fmt.Errorf("orm.Register: %s: Meta.TableComment holds a NUL byte", m.Label)
	}
	return nil
}

func checkConstraint(m *Model, c Constraint, cond func(any) error) error {
	switch c := c.(type) {
	case CheckConstraint:
		if c.Check == nil {
			return fmt.Errorf("a CheckConstraint needs Check (an orm.Condition such as orm.Q{\"price__gte\": 0})")
		}
		if cond != nil {
			if err := cond(c.Check); err != nil {
				return fmt.Errorf("Check: %w", err)
			}
		}
	case *CheckConstraint:
		return fmt.Errorf("use a CheckConstraint value, not a pointer")
	case UniqueConstraint:
		if len(c.Fields) == 0 && len(c.Expressions) == 0 {
			return fmt.Errorf("a UniqueConstraint needs Fields or Expressions")
		}
		if len(c.Fields) > 0 && len(c.Expressions) > 0 {
			return fmt.Errorf("a UniqueConstraint takes Fields or Expressions, not both")
		}
		if c.Condition != nil && cond != nil {
			if err := cond(c.Condition); err != nil {
				return fmt.Errorf("Condition: %w", err)
			}
		}
		if c.Deferrable != NotDeferrable && (c.Condition != nil || len(c.Include) > 0 || len(c.Expressions) > 0) {
			return fmt.Errorf("a deferrable UniqueConstraint cannot have a Condition, Include or Expressions (as in Django)")
		}
		if c.Deferrable > Immediate {
			return fmt.Errorf("Deferrable=%d is none of NotDeferrable, Deferred, Immediate", c.Deferrable)
		}
		if err := checkFieldNames(m, "Fields", c.Fields); err != nil {
			return err
		}
		return checkFieldNames(m, "Include", c.Include)
	case *UniqueConstraint:
		return fmt.Errorf("use a UniqueConstraint value, not a pointer")
	default:
		return fmt.Errorf("unknown constraint type %T; use CheckConstraint or UniqueConstraint", c)
	}
	return nil
}

// checkFieldNames reports a name that is not a concrete field of m.
func checkFieldNames(m *Model, what string, names []string) error {
	for _, n := range names {
		if f := m.Field(n); f == nil || !f.Concrete() {
			return fmt.Errorf("%s names %q, which is not a field; choices: %s", what, n, strings.Join(concreteNames(m), ", "))
		}
	}
	return nil
}

// NewTableModel returns the metadata of a table known only by its fields
// (a migration state's model), so conditions and expressions over it can
// be compiled. The fields need Name, Attname, Column and Kind.
func NewTableModel(name, table string, fields []*Field) *Model {
	m := &Model{Name: name, TypeName: name, Label: name, Table: table, byName: map[string]*Field{}}
	for _, f := range fields {
		f.Model = m
		if f.Attname == "" {
			f.Attname = f.Name
		}
		m.byName[f.Name], m.byName[f.Attname] = f, f
		if f.PrimaryKey {
			m.PK = f
		}
	}
	m.Fields = fields
	m.ready.Store(true)
	return m
}
