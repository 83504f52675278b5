package schema

import (
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// Table is what DDL needs to know of one table. Package schema renders it
// whether it comes from registered models (TableOf) or from the state a
// migration history replays to (package migrate builds those), so both
// roads write the same DDL.
type Table struct {
	// Key identifies the table across versions of a schema (a model's
	// name, "book.tags" for a join table); Diff matches tables by it.
	Key   string
	Name  string
	Owner string // the model's Go type name, for messages
	// Columns in declaration order, the primary key first.
	Columns []*Column
	// Indexes are the explicit (Meta) indexes; a column's own index is
	// Column.Index.
	Indexes []Index
	// UniqueTogether lists column sets unique together.
	UniqueTogether [][]string
	// Constraints are named unique and check constraints.
	Constraints []Constraint
	// Comment is the table's comment (Meta.TableComment).
	Comment string
	// model is the registered model the table was read from (TableOf):
	// conditions and expressions resolve against it. Tables of a migration
	// state resolve against a model made of their columns (condModel).
	model *registry.Model
}

// Column is one column of a Table.
type Column struct {
	Name  string
	Field string // Go field name, for messages
	Kind  registry.Kind
	// MaxLength, MaxDigits and DecimalPlaces size the column's type.
	MaxLength, MaxDigits, DecimalPlaces   int
	PrimaryKey, Auto, Null, Unique, Index bool
	// Default is the literal default written into the DDL (a canonical Go
	// value, see registry.ParseLiteral), when HasDefault.
	Default    any
	HasDefault bool
	// DefaultExpr names the database function of a db_default=now()
	// default ("Now"), rendered by the dialect.
	DefaultExpr string
	Generated   string // SQL expression of a generated column
	Stored      bool
	Comment     string // db_comment
	Ref         *Ref   // the foreign key's target, for a relation
	// source is the registry field the column was read from: the dialect
	// sees it whole when it picks the column's type.
	source *registry.Field
}

// Ref is the target of a foreign key.
type Ref struct{ Table, Column string }

// Index is an explicit index over columns.
type Index struct {
	Name    string // "" derives one from the table and columns
	Columns []string
	Desc    []bool // per column; nil: all ascending
	Unique  bool
	// Expressions are indexed instead of Columns: orm.Expression values
	// or field names (a functional index).
	Expressions []any
	Condition   any      // an orm.Condition: a partial index
	Include     []string // covering columns
	OpClasses   []string // per column (PostgreSQL)
}

// Constraint is a named table constraint: unique over Columns (or
// Expressions), or a CHECK of the SQL expression Check or of the
// orm.Condition CheckCond.
type Constraint struct {
	Name      string
	Columns   []string
	Check     string
	CheckCond any // an orm.Condition, for a check constraint
	// Expressions, Condition (an orm.Condition), Include, NullsDistinct
	// and Deferrable are a unique constraint's options, as
	// registry.UniqueConstraint's.
	Expressions   []any
	Condition     any
	Include       []string
	NullsDistinct *bool
	Deferrable    registry.Deferrable
}

// TableOf describes the table of a registered model.
func TableOf(m *registry.Model) *Table {
	t := &Table{Key: m.Name, Name: m.Table, Owner: m.TypeName, Comment: m.Meta.TableComment, model: m}
	if m.Auto() {
		t.Key = strings.Replace(m.Name, "_", ".", 1)
	}
	for _, f := range m.Local() {
		t.Columns = append(t.Columns, columnOf(f))
	}
	for _, ix := range m.Meta.Indexes {
		out := Index{Name: ix.Name, Unique: ix.Unique, Expressions: ix.Expressions, Condition: ix.Condition,
			Include: columnsOf(m, ix.Include), OpClasses: ix.OpClasses}
		for _, name := range ix.Fields {
			out.Desc = append(out.Desc, strings.HasPrefix(name, "-"))
			out.Columns = append(out.Columns, m.Field(strings.TrimPrefix(name, "-")).Column)
		}
		t.Indexes = append(t.Indexes, out)
	}
	for _, ut := range m.Meta.UniqueTogether {
		t.UniqueTogether = append(t.UniqueTogether, columnsOf(m, ut))
	}
	for _, c := range m.Meta.Constraints {
		t.Constraints = append(t.Constraints, constraintOf(m, c))
	}
	return t
}

// constraintOf describes a registered constraint.
func constraintOf(m *registry.Model, c registry.Constraint) Constraint {
	switch c := c.(type) {
	case registry.CheckConstraint:
		return Constraint{Name: c.Name, CheckCond: c.Check}
	case registry.UniqueConstraint:
		return Constraint{Name: c.Name, Columns: columnsOf(m, c.Fields), Expressions: c.Expressions,
			Condition: c.Condition, Include: columnsOf(m, c.Include), NullsDistinct: c.NullsDistinct, Deferrable: c.Deferrable}
	}
	return Constraint{Name: c.ConstraintName()}
}

func columnOf(f *registry.Field) *Column {
	c := &Column{Name: f.Column, Field: f.GoName, Kind: f.Kind, MaxLength: f.MaxLength, MaxDigits: f.MaxDigits,
		DecimalPlaces: f.DecimalPlaces, PrimaryKey: f.PrimaryKey, Auto: f.Auto, Null: f.Null, Unique: f.Unique,
		Index: f.DBIndex, Generated: f.Generated, Stored: f.Stored, Comment: f.Comment, source: f}
	if f.HasDefault || f.HasDBDefault {
		c.Default, c.HasDefault = f.Default, true
		if f.HasDBDefault {
			c.Default = f.DBDefault
		}
		if e, ok := f.DBDefault.(registry.DBExpr); ok {
			c.Default, c.HasDefault, c.DefaultExpr = nil, false, e.Func
		}
	}
	if f.References() {
		c.Ref = &Ref{Table: f.Rel.To().Table, Column: f.Rel.ToField().Column}
	}
	return c
}

// RegistryField returns the registry field the dialect reads the column's type
// from: the model's own, or one made of the column's attributes.
func (c *Column) RegistryField() *registry.Field {
	if c.source != nil {
		return c.source
	}
	f := &registry.Field{Name: c.Name, GoName: c.Field, Attname: c.Name, Column: c.Name, Kind: c.Kind,
		MaxLength: c.MaxLength, MaxDigits: c.MaxDigits, DecimalPlaces: c.DecimalPlaces,
		PrimaryKey: c.PrimaryKey, Auto: c.Auto, Null: c.Null, Unique: c.Unique, DBIndex: c.Index,
		Generated: c.Generated, Stored: c.Stored}
	if c.Ref != nil {
		f.Rel = &registry.Relation{Kind: registry.ForeignKey, Field: f}
	}
	return f
}

// Column returns the column called name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func (t *Table) where(c *Column) string {
	if c.Field != "" {
		return t.Owner + "." + c.Field
	}
	return t.Name + "." + c.Name
}

// createTable renders CREATE TABLE for t.
func createTable(d dialects.Dialect, t *Table) (string, error) {
	var cols []string
	for _, c := range t.Columns {
		def, err := columnDef(d, t, c, colOpts{})
		if err != nil {
			return "", err
		}
		cols = append(cols, def)
	}
	cons, err := tableConstraints(d, t)
	if err != nil {
		return "", err
	}
	cols = append(cols, cons...)
	create := "CREATE TABLE "
	if d.Features().CreateIfNotExists {
		create = "CREATE TABLE IF NOT EXISTS "
	}
	tail := d.TableOptions()
	if cm, ok := d.(dialects.Commenter); ok && t.Comment != "" {
		tail += cm.TableCommentClause(t.Comment)
	}
	return create + quote(d, t.Name) + " (" + strings.Join(cols, ", ") + ")" + tail, nil
}

// tableConstraints renders the named constraints written inside CREATE
// TABLE: unique together, then Constraints (those the backend has and
// that are not unique indexes, see inlineConstraint).
func tableConstraints(d dialects.Dialect, t *Table) ([]string, error) {
	var out []string
	for _, cols := range t.UniqueTogether {
		out = append(out, "CONSTRAINT "+quote(d, Name(d, t.Name, cols, "uniq"))+" UNIQUE ("+quoteList(d, cols)+")")
	}
	for _, c := range t.Constraints {
		if !inlineConstraint(c) {
			continue
		}
		body, err := constraintBody(d, t, c)
		if err != nil {
			return nil, err
		}
		if body != "" {
			out = append(out, "CONSTRAINT "+quote(d, c.Name)+" "+body)
		}
	}
	return out, nil
}

// colOpts change how columnDef renders a column.
type colOpts struct {
	bodyOnly   bool // type, generation, default, NULL and check: no key, unique or reference
	noDefault  bool // leave the default out
	defaultLit string
}

// columnDef renders a column's definition, its quoted name first.
func columnDef(d dialects.Dialect, t *Table, c *Column, o colOpts) (string, error) {
	name := quote(d, c.Name)
	f := c.RegistryField()
	if c.PrimaryKey && c.Auto {
		return name + " " + d.AutoPK(c.Kind), nil
	}
	if err := dialects.CheckColumn(d, f); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte(' ')
	b.WriteString(d.ColumnType(f))
	if c.Generated != "" {
		feats := d.Features()
		switch {
		case c.Stored && !feats.GeneratedStored:
			return "", &dialects.NotSupported{Dialect: d.Name(), Feature: "stored generated columns (" + t.where(c) + ")"}
		case !c.Stored && !feats.GeneratedVirtual:
			return "", &dialects.NotSupported{Dialect: d.Name(), Feature: "virtual generated columns (" + t.where(c) + "; add the stored option)"}
		}
		b.WriteString(" GENERATED ALWAYS AS (")
		b.WriteString(c.Generated)
		b.WriteString(")")
		if c.Stored {
			b.WriteString(" STORED")
		} else {
			b.WriteString(" VIRTUAL")
		}
		return b.String(), nil
	}
	lit := o.defaultLit
	if lit == "" && !o.noDefault {
		var err error
		if lit, err = defaultSQL(d, t, c); err != nil {
			return "", err
		}
	}
	if lit != "" {
		b.WriteString(" DEFAULT ")
		b.WriteString(lit)
	}
	if !c.Null {
		b.WriteString(" NOT NULL")
	}
	if cc, ok := d.(dialects.ColumnChecker); ok {
		if check := cc.ColumnCheck(f, name); check != "" {
			b.WriteString(" " + check)
		}
	}
	if cm, ok := d.(dialects.Commenter); ok && c.Comment != "" {
		b.WriteString(cm.ColumnCommentClause(c.Comment))
	}
	if o.bodyOnly {
		return b.String(), nil
	}
	if c.PrimaryKey {
		b.WriteString(" PRIMARY KEY")
	} else if c.Unique {
		b.WriteString(" UNIQUE")
	}
	if c.Ref != nil && d.Features().InlineForeignKeys {
		b.WriteString(" REFERENCES " + quote(d, c.Ref.Table) + " (" + quote(d, c.Ref.Column) + ")" + d.ForeignKeyTail())
	}
	return b.String(), nil
}

// namedIndex is an index as Diff compares it: its name and definition.
type namedIndex struct {
	name, def string
	stmt      string // CREATE INDEX
}

// indexes lists t's indexes, a column's own index first, as CREATE
// TABLE's companions.
func indexes(d dialects.Dialect, t *Table) ([]namedIndex, error) {
	var out []namedIndex
	for _, c := range t.Columns {
		if c.Index && !c.Unique && !c.PrimaryKey {
			cols := []string{c.Name}
			name := Name(d, t.Name, cols, "idx")
			out = append(out, namedIndex{name: name, def: "(" + quoteList(d, cols) + ")",
				stmt: "CREATE INDEX " + quote(d, name) + " ON " + quote(d, t.Name) + " (" + quoteList(d, cols) + ")"})
		}
	}
	for _, ix := range t.Indexes {
		n, ok, err := metaIndex(d, t, ix)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, n)
		}
	}
	for _, c := range t.Constraints {
		if inlineConstraint(c) {
			continue
		}
		n, ok, err := uniqueIndex(d, t, c)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, n)
		}
	}
	return out, nil
}

// foreignKey is a foreign key constraint as Diff compares it.
type foreignKey struct {
	name, def, stmt string
}

// foreignKeys lists the constraints ALTER TABLE adds where the dialect
// does not declare them inline. The definition holds the column's body:
// MySQL refuses to change a column under a foreign key, so any change of
// the column drops and adds the constraint again, as Django does.
func foreignKeys(d dialects.Dialect, t *Table) []foreignKey {
	var out []foreignKey
	for _, c := range t.Columns {
		if c.Ref == nil {
			continue
		}
		name := Name(d, t.Name, []string{c.Name, c.Ref.Table, c.Ref.Column}, "fk")
		body, _ := columnDef(d, t, c, colOpts{bodyOnly: true})
		ref := " FOREIGN KEY (" + quote(d, c.Name) + ") REFERENCES " + quote(d, c.Ref.Table) + " (" + quote(d, c.Ref.Column) + ")" + d.ForeignKeyTail()
		out = append(out, foreignKey{name: name, def: ref + "|" + body,
			stmt: "ALTER TABLE " + quote(d, t.Name) + " ADD CONSTRAINT " + quote(d, name) + ref})
	}
	return out
}

// dependsOn reports whether t has a foreign key to a table of other.
func dependsOn(t, other *Table) bool {
	for _, c := range t.Columns {
		if c.Ref != nil && c.Ref.Table == other.Name && t != other {
			return true
		}
	}
	return false
}

// SortTables orders tables so each comes after the tables its foreign
// keys point at (cycles keep their order).
func SortTables(tables []*Table) []*Table {
	var out []*Table
	state := map[*Table]int{}
	var visit func(t *Table)
	visit = func(t *Table) {
		if state[t] != 0 {
			return
		}
		state[t] = 1
		for _, o := range tables {
			if dependsOn(t, o) {
				visit(o)
			}
		}
		state[t] = 2
		out = append(out, t)
	}
	for _, t := range tables {
		visit(t)
	}
	return out
}

// CreateTable returns the statements creating t: CREATE TABLE, its
// indexes, and (where the dialect adds them separately) its foreign keys.
func CreateTable(d dialects.Dialect, t *Table) (table string, idx, fks []string, err error) {
	if table, err = createTable(d, t); err != nil {
		return "", nil, nil, err
	}
	ixs, err := indexes(d, t)
	if err != nil {
		return "", nil, nil, err
	}
	for _, ix := range ixs {
		idx = append(idx, ix.stmt)
	}
	idx = append(idx, comments(d, t)...)
	if !d.Features().InlineForeignKeys {
		for _, fk := range foreignKeys(d, t) {
			fks = append(fks, fk.stmt)
		}
	}
	return table, idx, fks, nil
}
