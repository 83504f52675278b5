package orm

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/schema"

	"github.com/djorm/orm/internal/exprhook"
	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// Constraint is an entry of Meta.Constraints: a CheckConstraint or a
// UniqueConstraint (Django's Meta.constraints). CreateTables, the
// migration autodetector and Validate read them; a violation is an
// *IntegrityError whose Constraint names it.
type Constraint = registry.Constraint

// CheckConstraint is Django's CheckConstraint: rows must satisfy Check, a
// Condition over the model's own fields, e.g.
//
//	orm.CheckConstraint{Name: "price_gte_0", Check: orm.Q{"price__gte": 0}}
type CheckConstraint = registry.CheckConstraint

// UniqueConstraint is Django's UniqueConstraint: Fields (or Expressions)
// unique among the rows matching Condition, with NullsDistinct, Include
// and Deferrable, e.g.
//
//	orm.UniqueConstraint{Name: "one_live_title", Fields: []string{"title"},
//		Condition: orm.Q{"is_published": true}}
//
// A constraint using a feature its backend lacks (a Condition on MySQL,
// MariaDB and Oracle; Include but on PostgreSQL; Expressions on MariaDB;
// Deferrable on SQLite, MySQL and MariaDB; NullsDistinct but on
// PostgreSQL 15+) is left out of that database, as Django leaves it out;
// Validate still checks it.
type UniqueConstraint = registry.UniqueConstraint

// Deferrable says when a deferrable unique constraint is checked
// (Django's models.Deferrable).
type Deferrable = registry.Deferrable

// The deferrable modes.
const (
	NotDeferrable = registry.NotDeferrable
	Deferred      = registry.Deferred
	Immediate     = registry.Immediate
)

// condArg turns an orm.Condition held as any (Meta.Constraints, indexes)
// into its spec.
func condArg(v any) (sqlq.CondSpec, error) {
	c, ok := v.(Condition)
	if !ok {
		return nil, fmt.Errorf("%w: a constraint or index condition must be an orm.Condition (orm.Q, orm.Not, ...), not %T", ErrInvalidQuery, v)
	}
	return c.cond()
}

func init() { exprhook.Cond = condArg }

// integrityError builds the IntegrityError of a violation, naming the
// constraint as the dialect reads it from the driver's error; a unique
// violation reported by table and columns (SQLite) is matched with the
// model's named unique constraints.
func (db *DB) integrityError(kind string, err error) *IntegrityError {
	ie := &IntegrityError{Kind: kind, Err: err}
	cn, ok := db.dialect.(dialects.ConstraintNamer)
	if !ok {
		return ie
	}
	v := cn.Violated(err)
	ie.Constraint = v.Constraint
	if ie.Constraint == "" && v.Table != "" && len(v.Columns) > 0 {
		ie.Constraint = uniqueByColumns(db, v.Table, v.Columns)
	}
	return ie
}

// uniqueByColumns finds the name of the unique constraint (a
// Meta.Constraints entry or a UniqueTogether set) of table over exactly
// columns, or "".
func uniqueByColumns(db *DB, table string, columns []string) string {
	for _, m := range models.Models() {
		if !strings.EqualFold(m.Table, table) {
			continue
		}
		if name := schema.TableOf(m).UniqueNamed(db.dialect, columns); name != "" {
			return name
		}
	}
	return ""
}

// dbDefaultsOmitted returns the fields of the new object at p an INSERT
// leaves to their database default: db_default fields holding their zero
// value (Go has no unset value; Django's is DatabaseDefault), one bit per
// position in m.Fields.
func dbDefaultsOmitted(m *registry.Model, p unsafe.Pointer) uint64 {
	if !m.HasDBDefaults() {
		return 0
	}
	var omit uint64
	for i, f := range m.Local() {
		if i < 64 && f.HasDBDefault && reflect.NewAt(f.Type, unsafe.Add(p, f.Offset)).Elem().IsZero() {
			omit |= 1 << i
		}
	}
	return omit
}

// leftToDatabase reports whether a new object's field holds its zero
// value and has a db_default, so an insert leaves it to the database
// (Django's DatabaseDefault, which full_clean does not check).
func leftToDatabase(m *registry.Model, f *registry.Field, p unsafe.Pointer) bool {
	return f.HasDBDefault && pkValue(m, p) == nil && reflect.NewAt(f.Type, unsafe.Add(p, f.Offset)).Elem().IsZero()
}

// dbDefaultValue is the value a db_default gives, for checking
// constraints before the insert: the literal, or NULL for a database
// function (a condition over it is unknown, so it passes, as in Django).
func dbDefaultValue(f *registry.Field) any {
	if _, ok := f.DBDefault.(registry.DBExpr); ok {
		return nil
	}
	return f.DBDefault
}

// omittedFields lists the fields whose bit is set in omit, which the
// INSERT reads back.
func omittedFields(m *registry.Model, omit uint64) []*registry.Field {
	var out []*registry.Field
	for i, f := range m.Local() {
		if i < 64 && omit&(1<<i) != 0 {
			out = append(out, f)
		}
	}
	return out
}

// validateConstraints checks obj against Meta.Constraints as Django's
// validate_constraints does (4.1+): a CheckConstraint by evaluating its
// condition over obj's values in the database, a UniqueConstraint by
// looking for another row with the same values (among the rows matching
// its Condition, when obj matches it). A constraint over an excluded
// field is skipped. Errors go under "__all__", or a unique constraint of
// one field under that field, as Django keys them; each names its
// constraint.
func (db *DB) validateConstraints(ctx context.Context, m *registry.Model, p unsafe.Pointer, skip map[string]bool, errs ValidationErrors) error {
	var values []any
	for _, c := range m.Meta.Constraints {
		if values == nil {
			values = make([]any, len(m.Fields))
			for i, f := range m.Fields {
				values[i] = f.Get(objptr.Of(p))
				if leftToDatabase(m, f, p) {
					values[i] = dbDefaultValue(f)
				}
			}
		}
		var err error
		switch c := c.(type) {
		case CheckConstraint:
			err = db.validateCheck(ctx, m, c, values, skip, errs)
		case UniqueConstraint:
			err = db.validateUniqueConstraint(ctx, m, p, c, values, skip, errs)
		}
		if err != nil {
			return publicError(err)
		}
	}
	return nil
}

func (db *DB) validateCheck(ctx context.Context, m *registry.Model, c CheckConstraint, values []any, skip map[string]bool, errs ValidationErrors) error {
	spec, err := condArg(c.Check)
	if err != nil || refersTo(m, spec, skip) {
		return err
	}
	failed, err := db.instanceRow(ctx, m, spec, values, true)
	if err != nil || !failed {
		return err
	}
	addConstraintError(m, errs, "__all__", "constraint", c.Name, c.ViolationMessage)
	return nil
}

func (db *DB) validateUniqueConstraint(ctx context.Context, m *registry.Model, p unsafe.Pointer, c UniqueConstraint, values []any, skip map[string]bool, errs ValidationErrors) error {
	for _, n := range append(slices.Clone(c.Fields), c.Include...) {
		if skip[n] || skip[m.Field(n).Name] {
			return nil
		}
	}
	for _, e := range c.Expressions {
		if s, err := arg(e); err == nil && specRefersTo(m, s, skip) {
			return nil
		}
	}
	qs := objectsOf(db, m)
	nullsEqual := c.NullsDistinct != nil && !*c.NullsDistinct
	q := Q{}
	for _, n := range c.Fields {
		f := m.Field(n)
		v := f.Get(objptr.Of(p))
		switch {
		case v == nil && !nullsEqual:
			return nil // NULLs are distinct: no row can conflict
		case v == nil:
			q[f.Attname+"__isnull"] = true
		default:
			q[f.Attname] = v
		}
	}
	if len(c.Expressions) > 0 {
		var err error
		if qs, err = db.sameExpressions(ctx, m, qs, c, values, nullsEqual, skip); err != nil || qs == nil {
			return err
		}
	}
	qs = qs.Filter(q)
	if pk := pkValue(m, p); pk != nil {
		qs = qs.Exclude(Q{"pk": pk})
	}
	if c.Condition != nil {
		spec, err := condArg(c.Condition)
		if err != nil || refersTo(m, spec, skip) {
			return err
		}
		if matches, err := db.instanceRow(ctx, m, spec, values, false); err != nil || !matches {
			return err
		}
		qs = qs.Filter(c.Condition.(Condition))
	}
	taken, err := qs.Exists(ctx)
	if err != nil || !taken {
		return err
	}
	if len(c.Expressions) > 0 || c.Condition != nil {
		addConstraintError(m, errs, "__all__", "constraint", c.Name, c.ViolationMessage)
		return nil
	}
	key, code, what := c.Fields[0], "unique", m.Field(c.Fields[0]).Name
	if len(c.Fields) > 1 {
		key, code, what = "__all__", "unique_together", fieldList(m, c.Fields)
	}
	msg := fmt.Sprintf("orm: %s with this %s already exists.", m.TypeName, what)
	if c.ViolationMessage != "" {
		msg = "orm: " + c.ViolationMessage
	}
	errs[key] = append(errs[key], &ValidationError{Model: m.TypeName, Field: key, Code: code, Constraint: c.Name, msg: msg})
	return nil
}

// sameExpressions filters qs to the rows whose constraint expressions
// equal obj's, computed by the database over obj's values; nil when an
// expression is NULL for obj (NULLs are distinct).
func (db *DB) sameExpressions(ctx context.Context, m *registry.Model, qs *QuerySet[unsafe.Pointer], c UniqueConstraint, values []any, nullsEqual bool, skip map[string]bool) (*QuerySet[unsafe.Pointer], error) {
	specs := make([]sqlq.Spec, len(c.Expressions))
	for i, e := range c.Expressions {
		s, err := arg(e)
		if err != nil {
			return nil, err
		}
		specs[i] = s
	}
	query, args, err := sqlq.InstanceExprs(db.dialect, m, specs, values)
	if err != nil {
		return nil, err
	}
	got := make([]any, len(specs))
	dests := make([]any, len(specs))
	for i := range got {
		dests[i] = &got[i]
	}
	rows, done, err := db.query(ctx, query, args)
	if err != nil {
		return nil, err
	}
	if rows.Next() {
		err = rows.Scan(dests...)
	}
	if err = done.close(rows, 1, err); err != nil {
		return nil, err
	}
	q := Q{}
	for i, e := range c.Expressions {
		alias := fmt.Sprintf("djorm_unique_%d", i)
		expr, ok := e.(Expression)
		if !ok {
			expr = F(fmt.Sprint(e))
		}
		qs = qs.Alias(As(alias, expr))
		switch v := got[i].(type) {
		case nil:
			if !nullsEqual {
				return nil, nil
			}
			q[alias+"__isnull"] = true
		case []byte:
			q[alias] = string(v)
		default:
			q[alias] = v
		}
	}
	return qs.Filter(q), nil
}

// instanceRow reports whether the row InstanceCondition renders exists:
// obj's values satisfy (or, negated, violate) the condition.
func (db *DB) instanceRow(ctx context.Context, m *registry.Model, spec sqlq.CondSpec, values []any, negate bool) (bool, error) {
	query, args, err := sqlq.InstanceCondition(db.dialect, m, spec, values, negate)
	if err != nil {
		return false, err
	}
	rows, done, err := db.query(ctx, query, args)
	if err != nil {
		return false, err
	}
	found := rows.Next()
	n := int64(0)
	if found {
		n = 1
	}
	return found, done.close(rows, n, nil)
}

// refersTo reports whether a condition names one of the skipped fields
// (Django skips a constraint over an excluded field).
func refersTo(m *registry.Model, c sqlq.CondSpec, skip map[string]bool) bool {
	if len(skip) == 0 {
		return false
	}
	named := func(path string) bool {
		name, _, _ := strings.Cut(path, "__")
		f := m.Field(name)
		return skip[name] || (f != nil && skip[f.Name])
	}
	switch c := c.(type) {
	case sqlq.Pair:
		if f, ok := c.Value.(*sqlq.F); ok && named(f.Path) {
			return true
		}
		return named(c.Key)
	case *sqlq.Tree:
		for _, p := range c.Pairs {
			if refersTo(m, p, skip) {
				return true
			}
		}
		for _, ch := range c.Children {
			if refersTo(m, ch, skip) {
				return true
			}
		}
	}
	return false
}

// specRefersTo reports whether an expression names one of the skipped
// fields.
func specRefersTo(m *registry.Model, s sqlq.Spec, skip map[string]bool) bool {
	if len(skip) == 0 {
		return false
	}
	switch x := s.(type) {
	case *sqlq.F:
		return refersTo(m, sqlq.Pair{Key: x.Path}, skip)
	case *sqlq.FuncSpec:
		for _, a := range x.Args {
			if specRefersTo(m, a, skip) {
				return true
			}
		}
	case *sqlq.ArithSpec:
		return specRefersTo(m, x.L, skip) || specRefersTo(m, x.R, skip)
	}
	return false
}

// addConstraintError records a violated constraint under key, with
// Django's default message unless the constraint has its own.
func addConstraintError(m *registry.Model, errs ValidationErrors, key, code, name, custom string) {
	msg := fmt.Sprintf("orm: Constraint “%s” is violated.", name)
	if custom != "" {
		msg = "orm: " + custom
	}
	errs[key] = append(errs[key], &ValidationError{Model: m.TypeName, Field: key, Code: code, Constraint: name, msg: msg})
}

// fieldList joins field names with " and ", as Django's
// unique_error_message does.
func fieldList(m *registry.Model, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = m.Field(n).Name
	}
	return strings.Join(out, " and ")
}
