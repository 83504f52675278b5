package sqlite

import (
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// RebuildsTables is true: SQLite's ALTER TABLE renames and adds columns
// only, so other changes copy the table (see package schema).
func (d *Dialect) RebuildsTables() bool { return true }

// RenameIndex is empty: SQLite cannot rename an index.
func (d *Dialect) RenameIndex(_, _, _ string) string { return "" }

// ColumnsQuery implements dialects.Introspector.
func (d *Dialect) ColumnsQuery() string {
	return `SELECT name, type, CASE WHEN "notnull" = 0 AND pk = 0 THEN 1 ELSE 0 END, dflt_value FROM pragma_table_info(?) ORDER BY cid`
}

// IndexesQuery implements dialects.Introspector: UNIQUE constraints
// appear as their automatic indexes.
func (d *Dialect) IndexesQuery() string {
	return strings.TrimSpace(`
SELECT il.name, COALESCE(ii.name, '(expression)'), il."unique", ii.seqno + 1
FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii
WHERE il.origin <> 'pk'
ORDER BY il.name, ii.seqno`)
}

// ForeignKeysQuery implements dialects.Introspector. SQLite's foreign
// keys have no names: the id it numbers them by stands in.
func (d *Dialect) ForeignKeysQuery() string {
	return `SELECT CAST(id AS TEXT), "from", "table", "to" FROM pragma_foreign_key_list(?) ORDER BY id`
}

var (
	_ dialects.SchemaEditor = (*Dialect)(nil)
	_ dialects.Introspector = (*Dialect)(nil)
)

// ForeignKeys implements dialects.ForeignKeySwitch.
func (d *Dialect) ForeignKeys(on bool) string {
	if on {
		return "PRAGMA foreign_keys = ON"
	}
	return "PRAGMA foreign_keys = OFF"
}

// ForeignKeyCheck implements dialects.ForeignKeySwitch.
func (d *Dialect) ForeignKeyCheck() string {
	return `SELECT 0 AS id, "table" AS tbl, parent FROM pragma_foreign_key_check`
}

var _ dialects.ForeignKeySwitch = (*Dialect)(nil)

// ReadType implements dialects.TypeReader. SQLite keeps no digits for a
// decimal: the caller guesses them.
func (d *Dialect) ReadType(typ string) (registry.Kind, []int, bool) {
	k, sizes, ok := typeNames.Read(typ)
	if k == registry.String && strings.HasPrefix(strings.ToLower(typ), "char(36)") {
		return registry.UUID, nil, true
	}
	return k, sizes, ok
}

var typeNames = dialects.TypeNames{
	"smallint": registry.SmallInt, "integer": registry.Int, "int": registry.Int, "bigint": registry.BigInt,
	"bool": registry.Bool, "boolean": registry.Bool, "varchar": registry.String, "char": registry.String,
	"text": registry.Text, "real": registry.Float, "decimal": registry.Decimal, "numeric": registry.Decimal,
	"date": registry.Date, "datetime": registry.DateTime, "time": registry.Time, "blob": registry.Bytes,
}

var _ dialects.TypeReader = (*Dialect)(nil)

// IndexSupport implements dialects.IndexSupporter: SQLite has partial
// and expression indexes.
func (d *Dialect) IndexSupport() dialects.IndexSupport {
	return dialects.IndexSupport{Partial: true, Expressions: true}
}

var _ dialects.IndexSupporter = (*Dialect)(nil)

// ForDDL implements dialects.DDLRenderer: the dialect without djorm's
// registered functions (UPPER, not djorm_upper), so the schema works in
// any client of the file.
func (d *Dialect) ForDDL() dialects.Dialect {
	c := *d
	c.Functions = false
	return &c
}

var _ dialects.DDLRenderer = (*Dialect)(nil)

// Violated implements dialects.ConstraintNamer from SQLite's messages:
// "CHECK constraint failed: name", "UNIQUE constraint failed: index
// 'name'", or for a UNIQUE over columns "UNIQUE constraint failed: t.a,
// t.b", which names the table and columns only.
func (d *Dialect) Violated(err error) dialects.Violation {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "CHECK constraint failed: "); ok && registry.ValidIdent(rest) && !rangeCheck(err) {
		return dialects.Violation{Constraint: rest}
	}
	rest, ok := strings.CutPrefix(msg, "UNIQUE constraint failed: ")
	if !ok {
		return dialects.Violation{}
	}
	if name, ok := strings.CutPrefix(rest, "index '"); ok {
		return dialects.Violation{Constraint: strings.TrimSuffix(name, "'")}
	}
	var v dialects.Violation
	for _, part := range strings.Split(rest, ", ") {
		table, col, ok := strings.Cut(part, ".")
		if !ok {
			return dialects.Violation{}
		}
		v.Table, v.Columns = table, append(v.Columns, col)
	}
	return v
}

var _ dialects.ConstraintNamer = (*Dialect)(nil)
