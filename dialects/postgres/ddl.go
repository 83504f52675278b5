package postgres

import (
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// AlterColumn converts values with USING col::type, as Django's
// PostgreSQL schema editor does: ALTER TYPE alone refuses conversions
// without an implicit cast (text to integer).
func (d *Dialect) AlterColumn(table string, c dialects.ColumnChange) []string {
	return dialects.StandardAlterColumn(table, c, func(col, typ string) string {
		return "TYPE " + typ + " USING " + col + "::" + typ
	})
}

// DropColumn drops with CASCADE, so the column's constraints and the
// indexes over it go too.
func (d *Dialect) DropColumn(table, column string) string {
	return "ALTER TABLE " + table + " DROP COLUMN " + column + " CASCADE"
}

// DropColumnUnique drops the constraint PostgreSQL named for an inline
// UNIQUE: <table>_<column>_key, shortened as makeObjectName does.
func (d *Dialect) DropColumnUnique(table, _, rawTable, rawColumn string) string {
	name := objectName(rawTable, rawColumn, "key")
	return "ALTER TABLE " + table + " DROP CONSTRAINT " + string(d.AppendIdent(nil, name))
}

// RenameColumnUnique renames <table>_<column>_key after its table or
// column was renamed.
func (d *Dialect) RenameColumnUnique(table, oldTable, oldColumn, newTable, newColumn string) string {
	old, new := objectName(oldTable, oldColumn, "key"), objectName(newTable, newColumn, "key")
	if old == new {
		return ""
	}
	return "ALTER TABLE " + table + " RENAME CONSTRAINT " + string(d.AppendIdent(nil, old)) + " TO " + string(d.AppendIdent(nil, new))
}

// objectName is PostgreSQL's makeObjectName: name1_name2_label within 63
// bytes, taking characters off the longer name first.
func objectName(name1, name2, label string) string {
	avail := 63 - len(label) - 2
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	return name1[:n1] + "_" + name2[:n2] + "_" + label
}

// MigrationLock takes a session advisory lock keyed by the schema, so
// migrations of different schemas do not wait for each other.
func (d *Dialect) MigrationLock(key string) (lock, unlock string) {
	k := "hashtext(current_schema() || " + dialects.QuoteString(":"+key) + ")"
	return "SELECT pg_advisory_lock(" + k + ")", "SELECT pg_advisory_unlock(" + k + ")"
}

// ColumnsQuery implements dialects.Introspector.
func (d *Dialect) ColumnsQuery() string {
	return strings.TrimSpace(`
SELECT a.attname, format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 0 ELSE 1 END,
       pg_get_expr(ad.adbin, ad.adrelid)
FROM pg_attribute a
JOIN pg_class t ON t.oid = a.attrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE t.relname = $1 AND n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`)
}

// IndexesQuery implements dialects.Introspector.
func (d *Dialect) IndexesQuery() string {
	return strings.TrimSpace(`
SELECT i.relname, a.attname, CASE WHEN ix.indisunique THEN 1 ELSE 0 END, k.n
FROM pg_index ix
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n)
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
WHERE t.relname = $1 AND n.nspname = current_schema() AND NOT ix.indisprimary
ORDER BY i.relname, k.n`)
}

// ForeignKeysQuery implements dialects.Introspector.
func (d *Dialect) ForeignKeysQuery() string {
	return strings.TrimSpace(`
SELECT c.conname, a.attname, rt.relname, ra.attname
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_class rt ON rt.oid = c.confrelid
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
WHERE c.contype = 'f' AND t.relname = $1 AND n.nspname = current_schema()
ORDER BY c.conname`)
}

var (
	_ dialects.SchemaEditor = (*Dialect)(nil)
	_ dialects.Introspector = (*Dialect)(nil)
)

// ReadType implements dialects.TypeReader.
func (d *Dialect) ReadType(typ string) (registry.Kind, []int, bool) { return typeNames.Read(typ) }

var typeNames = dialects.TypeNames{
	"smallint": registry.SmallInt, "integer": registry.Int, "bigint": registry.BigInt, "boolean": registry.Bool,
	"character varying": registry.String, "character": registry.String, "text": registry.Text, "uuid": registry.UUID,
	"numeric": registry.Decimal, "double precision": registry.Float, "real": registry.Float, "date": registry.Date,
	"timestamp with time zone": registry.DateTime, "timestamp without time zone": registry.DateTime,
	"time without time zone": registry.Time, "interval": registry.Duration, "bytea": registry.Bytes,
	"jsonb": registry.JSON, "json": registry.JSON,
}

var _ dialects.TypeReader = (*Dialect)(nil)

// IndexSupport implements dialects.IndexSupporter: PostgreSQL has every
// feature (NULLS NOT DISTINCT from version 15).
func (d *Dialect) IndexSupport() dialects.IndexSupport {
	return dialects.IndexSupport{Partial: true, Expressions: true, Covering: true, DeferrableUnique: true,
		NullsDistinct: true, OpClasses: true}
}

// ColumnCommentClause is empty: PostgreSQL comments with COMMENT ON.
func (d *Dialect) ColumnCommentClause(string) string { return "" }

// TableCommentClause is empty: PostgreSQL comments with COMMENT ON.
func (d *Dialect) TableCommentClause(string) string { return "" }

// CommentOn renders COMMENT ON ... IS.
func (d *Dialect) CommentOn(table, column, comment string) string {
	return dialects.CommentOnStatement(table, column, comment, "NULL")
}

var (
	_ dialects.IndexSupporter = (*Dialect)(nil)
	_ dialects.Commenter      = (*Dialect)(nil)
)

// Violated implements dialects.ConstraintNamer from the error's
// constraint and table fields (lib/pq and pgx both carry them).
func (d *Dialect) Violated(err error) dialects.Violation {
	var v dialects.Violation
	for _, n := range []string{"Constraint", "ConstraintName"} {
		if s, ok := dialects.StringField(err, n); ok {
			v.Constraint = s
			break
		}
	}
	for _, n := range []string{"Table", "TableName"} {
		if s, ok := dialects.StringField(err, n); ok {
			v.Table = s
			break
		}
	}
	return v
}

var _ dialects.ConstraintNamer = (*Dialect)(nil)
