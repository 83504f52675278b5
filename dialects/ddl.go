package dialects

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/djorm/orm/registry"
)

// SchemaEditor is implemented by dialects that change existing tables, for
// migrations (package schema renders the changes, package migrate runs
// them). Names reaching these methods are quoted already, unless a method
// says otherwise. Base implements it with standard SQL (PostgreSQL's
// spelling); backends override what they spell differently.
type SchemaEditor interface {
	// RebuildsTables reports that the backend cannot change columns,
	// constraints or foreign keys in place (SQLite): such changes copy the
	// table into a new one, as Django's SQLite schema editor does.
	RebuildsTables() bool
	// RenameTable renames table old to new.
	RenameTable(old, new string) string
	// AddColumn adds a column given its whole definition (name first).
	AddColumn(table, definition string) string
	// DropColumn drops a column.
	DropColumn(table, column string) string
	// RenameColumn renames a column.
	RenameColumn(table, old, new string) string
	// AlterColumn changes a column's type, nullability and default.
	AlterColumn(table string, c ColumnChange) []string
	// AddColumnUnique makes one column unique the way CREATE TABLE's
	// inline UNIQUE does (the backend names the constraint);
	// DropColumnUnique drops that constraint, naming it as the backend
	// did. rawTable and rawColumn are the names unquoted.
	AddColumnUnique(table, column string) string
	DropColumnUnique(table, column, rawTable, rawColumn string) string
	// RenameColumnUnique keeps the name of a column's unnamed unique
	// constraint what the backend would give it after its table or
	// column was renamed (raw names), or returns "" where the name does
	// not follow them.
	RenameColumnUnique(table, oldTable, oldColumn, newTable, newColumn string) string
	// DropConstraint drops the named constraint of a kind.
	DropConstraint(table, name string, kind ConstraintKind) string
	// DropIndex drops an index of table.
	DropIndex(table, name string) string
	// RenameIndex renames an index, or returns "" where the backend cannot
	// (the index is then dropped and created again).
	RenameIndex(table, old, new string) string
	// MigrationLock returns the statements taking and releasing a lock
	// held by one session while it migrates (each a SELECT of one value),
	// or "" where a migration's own transaction is the lock (SQLite).
	MigrationLock(key string) (lock, unlock string)
}

// ConstraintKind tells apart the named constraints a migration drops.
type ConstraintKind uint8

// The constraint kinds.
const (
	UniqueConstraint ConstraintKind = iota + 1
	CheckConstraint
	ForeignKeyConstraint
)

// ColumnChange describes a change of one column for AlterColumn. Types,
// defaults and fills are rendered DDL; "" means none.
type ColumnChange struct {
	Column            string // quoted
	OldType, Type     string
	OldNull, Null     bool
	OldDefault        string // DEFAULT literal before the change
	Default           string // DEFAULT literal after it
	Fill              string // the value NULL rows take when the column becomes NOT NULL
	Definition        string // the new type, DEFAULT and NULL / NOT NULL, as CREATE TABLE writes them
	OldDefinition     string
	TypeChanged       bool
	NullChanged       bool
	DefaultChanged    bool
	DefinitionChanged bool
}

// RebuildsTables is false: standard SQL alters tables in place.
func (Base) RebuildsTables() bool { return false }

// RenameTable renders ALTER TABLE ... RENAME TO.
func (Base) RenameTable(old, new string) string { return "ALTER TABLE " + old + " RENAME TO " + new }

// AddColumn renders ALTER TABLE ... ADD COLUMN.
func (Base) AddColumn(table, definition string) string {
	return "ALTER TABLE " + table + " ADD COLUMN " + definition
}

// DropColumn renders ALTER TABLE ... DROP COLUMN.
func (Base) DropColumn(table, column string) string {
	return "ALTER TABLE " + table + " DROP COLUMN " + column
}

// RenameColumn renders ALTER TABLE ... RENAME COLUMN.
func (Base) RenameColumn(table, old, new string) string {
	return "ALTER TABLE " + table + " RENAME COLUMN " + old + " TO " + new
}

// AlterColumn renders standard ALTER COLUMN clauses (see StandardAlterColumn).
func (Base) AlterColumn(table string, c ColumnChange) []string {
	return StandardAlterColumn(table, c, func(col, typ string) string { return "SET DATA TYPE " + typ })
}

// StandardAlterColumn renders a column change as ALTER COLUMN statements,
// in Django's order: the old default goes before a type change (it may not
// convert), NULL rows get the fill before NOT NULL, the new default last.
// typeClause renders the clause after ALTER COLUMN c that changes the type.
func StandardAlterColumn(table string, c ColumnChange, typeClause func(col, typ string) string) []string {
	alter := "ALTER TABLE " + table + " ALTER COLUMN " + c.Column + " "
	var out []string
	dropFirst := c.TypeChanged && c.OldDefault != ""
	if dropFirst {
		out = append(out, alter+"DROP DEFAULT")
	}
	if c.TypeChanged {
		out = append(out, alter+typeClause(c.Column, c.Type))
	}
	if c.Fill != "" && c.NullChanged && !c.Null {
		out = append(out, "UPDATE "+table+" SET "+c.Column+" = "+c.Fill+" WHERE "+c.Column+" IS NULL")
	}
	if c.NullChanged {
		if c.Null {
			out = append(out, alter+"DROP NOT NULL")
		} else {
			out = append(out, alter+"SET NOT NULL")
		}
	}
	if c.DefaultChanged || dropFirst {
		switch {
		case c.Default != "":
			out = append(out, alter+"SET DEFAULT "+c.Default)
		case !dropFirst:
			out = append(out, alter+"DROP DEFAULT")
		}
	}
	return out
}

// AddColumnUnique renders ADD UNIQUE (column), unnamed as CREATE TABLE's.
func (Base) AddColumnUnique(table, column string) string {
	return "ALTER TABLE " + table + " ADD UNIQUE (" + column + ")"
}

// DropColumnUnique renders DROP UNIQUE (column), standard SQL that finds
// an unnamed constraint by its columns (Oracle understands it).
func (Base) DropColumnUnique(table, column, _, _ string) string {
	return "ALTER TABLE " + table + " DROP UNIQUE (" + column + ")"
}

// RenameColumnUnique is empty: standard SQL drops an unnamed unique
// constraint by its columns.
func (Base) RenameColumnUnique(_, _, _, _, _ string) string { return "" }

// DropConstraint renders DROP CONSTRAINT.
func (Base) DropConstraint(table, name string, _ ConstraintKind) string {
	return "ALTER TABLE " + table + " DROP CONSTRAINT " + name
}

// DropIndex renders DROP INDEX name.
func (Base) DropIndex(_, name string) string { return "DROP INDEX " + name }

// RenameIndex renders ALTER INDEX ... RENAME TO.
func (Base) RenameIndex(_, old, new string) string { return "ALTER INDEX " + old + " RENAME TO " + new }

// MigrationLock is empty: the backend has no session lock djorm uses.
func (Base) MigrationLock(string) (string, string) { return "", "" }

// Introspector is implemented by dialects that describe existing tables
// (migration tests compare them with what CreateTables builds; inspectdb).
// Each query takes the table name as its one parameter and reads the
// current schema.
type Introspector interface {
	// ColumnsQuery lists columns in order: name, type (as the server
	// spells it, with sizes), nullable (1 or 0), default (text or NULL).
	ColumnsQuery() string
	// IndexesQuery lists the columns of every index and unique constraint
	// but the primary key: index name, column, unique (1 or 0), position.
	IndexesQuery() string
	// ForeignKeysQuery lists foreign keys: constraint name, column,
	// referenced table, referenced column.
	ForeignKeysQuery() string
}

// ForeignKeySwitch is implemented by dialects whose table rebuilds need
// foreign key enforcement off on the connection that migrates (SQLite:
// dropping the old copy of a table others point at would fail them, and
// PRAGMA foreign_keys cannot change inside a transaction). The migration
// checks the keys itself before it commits.
type ForeignKeySwitch interface {
	// ForeignKeys turns enforcement on or off for the connection.
	ForeignKeys(on bool) string
	// ForeignKeyCheck is a query returning a row per violation, with the
	// columns id (0), tbl (the table holding the row) and parent.
	ForeignKeyCheck() string
}

// Shell is implemented by backends that open the database's own client
// (manage dbshell): the program and its arguments for a DSN.
type Shell interface {
	ShellCommand(dsn string) (program string, args []string, err error)
}

// TypeReader is implemented by dialects that map a column type, as their
// introspection spells it, back to a field kind and its sizes (inspectdb).
type TypeReader interface {
	// ReadType returns the kind of a column of type typ; sizes holds
	// max_length, or max_digits and decimal_places, as typ gives them.
	// ok is false for a type djorm has no field for.
	ReadType(typ string) (k registry.Kind, sizes []int, ok bool)
}

// ParseType splits a column type such as "numeric(6,2)" or
// "character varying(100)" into its lower-cased name and its numbers.
func ParseType(typ string) (name string, sizes []int) {
	typ = strings.ToLower(strings.TrimSpace(typ))
	open := strings.IndexByte(typ, '(')
	if open < 0 {
		return typ, nil
	}
	name = strings.TrimSpace(typ[:open])
	inner, rest, _ := strings.Cut(typ[open+1:], ")")
	for _, p := range strings.Split(inner, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			sizes = append(sizes, n)
		}
	}
	if rest = strings.TrimSpace(rest); rest != "" {
		name += " " + rest // "time(6) without time zone"
	}
	return name, sizes
}

// TypeNames maps lower-cased column type names to field kinds, for
// ReadType.
type TypeNames map[string]registry.Kind

// Read looks typ up.
func (t TypeNames) Read(typ string) (registry.Kind, []int, bool) {
	name, sizes := ParseType(typ)
	k, ok := t[name]
	return k, sizes, ok
}

// IndexSupport lists what a backend's indexes and unique constraints can
// do beyond plain columns (Django's supports_partial_indexes,
// supports_expression_indexes, supports_covering_indexes,
// supports_deferrable_unique_constraints,
// supports_nulls_distinct_unique_constraints). Package schema leaves out,
// as Django does, a unique constraint using a feature its backend lacks,
// and an index's condition or covering columns (an expression index
// whole).
type IndexSupport struct {
	Partial          bool // CREATE INDEX ... WHERE
	Expressions      bool // indexes over expressions
	Covering         bool // INCLUDE (...)
	DeferrableUnique bool // UNIQUE ... DEFERRABLE
	NullsDistinct    bool // UNIQUE NULLS [NOT] DISTINCT
	OpClasses        bool // operator classes per indexed column
}

// IndexSupporter is implemented by dialects with any of IndexSupport's
// features; a dialect without it has none.
type IndexSupporter interface {
	IndexSupport() IndexSupport
}

// SupportOf returns what d's indexes can do.
func SupportOf(d Dialect) IndexSupport {
	if s, ok := d.(IndexSupporter); ok {
		return s.IndexSupport()
	}
	return IndexSupport{}
}

// Commenter is implemented by dialects that keep comments on tables and
// columns (Django's db_table_comment and db_comment); elsewhere (SQLite)
// comments are ignored, as Django does. Names are quoted already.
type Commenter interface {
	// ColumnCommentClause is appended to a column's definition, or ""
	// where comments are set by statements.
	ColumnCommentClause(comment string) string
	// TableCommentClause is appended to CREATE TABLE (...), or "".
	TableCommentClause(comment string) string
	// CommentOn renders the statement setting (or, for "", removing) the
	// comment of an existing table (column "") or column, or "" where
	// the column's definition carries it (an ALTER of the column does).
	CommentOn(table, column, comment string) string
}

// CommentOnStatement renders standard COMMENT ON TABLE / COLUMN (an
// empty comment removes it: PostgreSQL takes NULL, Oracle ”).
func CommentOnStatement(table, column, comment, empty string) string {
	lit := empty
	if comment != "" {
		lit = QuoteString(comment)
	}
	if column == "" {
		return "COMMENT ON TABLE " + table + " IS " + lit
	}
	return "COMMENT ON COLUMN " + table + "." + column + " IS " + lit
}

// DDLRenderer is implemented by dialects whose expressions in DDL (CHECK
// conditions, index expressions, defaults) must be rendered differently
// from queries: ForDDL returns the dialect to render them with. SQLite's
// stays off the Go functions djorm registers on its own connections, which
// other clients of the file would lack.
type DDLRenderer interface {
	ForDDL() Dialect
}

// ForDDL returns the dialect DDL expressions are rendered with.
func ForDDL(d Dialect) Dialect {
	if r, ok := d.(DDLRenderer); ok {
		return r.ForDDL()
	}
	return d
}

// Violation names what a constraint violation hit, as far as the driver's
// error tells: the constraint's name, or (SQLite's unique constraints over
// columns) the table and columns.
type Violation struct {
	Constraint string
	Table      string
	Columns    []string
}

// ConstraintNamer is implemented by dialects that read, from a driver's
// constraint violation error, which constraint it was.
type ConstraintNamer interface {
	Violated(err error) Violation
}

// StringField finds, in err's chain, a struct (or pointer to one) with a
// non-empty string field called name, and returns it (lib/pq's
// Error.Constraint, pgx's PgError.ConstraintName).
func StringField(err error, name string) (string, bool) {
	var s string
	found := errorField(err, name, func(f reflect.Value) bool {
		if f.Kind() != reflect.String || f.String() == "" {
			return false
		}
		s = f.String()
		return true
	})
	return s, found
}

// DualTabler is implemented by dialects whose SELECT needs a FROM clause
// even without a table (Oracle's DUAL).
type DualTabler interface {
	DualTable() string
}
