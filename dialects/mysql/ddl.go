package mysql

import (
	"regexp"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// AlterColumn fills NULL rows first, then restates the column with MODIFY:
// MySQL changes type, nullability and default in one clause.
func (d *Dialect) AlterColumn(table string, c dialects.ColumnChange) []string {
	var out []string
	if c.Fill != "" && c.NullChanged && !c.Null {
		out = append(out, "UPDATE "+table+" SET "+c.Column+" = "+c.Fill+" WHERE "+c.Column+" IS NULL")
	}
	if c.DefinitionChanged {
		out = append(out, "ALTER TABLE "+table+" MODIFY "+c.Column+" "+c.Definition)
	}
	return out
}

// DropColumnUnique drops the unique index MySQL named after the column.
func (d *Dialect) DropColumnUnique(table, _, _, rawColumn string) string {
	return "ALTER TABLE " + table + " DROP INDEX " + string(d.AppendIdent(nil, rawColumn))
}

// RenameColumnUnique renames the unique index named after a renamed column.
func (d *Dialect) RenameColumnUnique(table, _, oldColumn, _, newColumn string) string {
	if oldColumn == newColumn {
		return ""
	}
	return "ALTER TABLE " + table + " RENAME INDEX " + string(d.AppendIdent(nil, oldColumn)) + " TO " + string(d.AppendIdent(nil, newColumn))
}

// DropConstraint drops a unique constraint as the index it is, and a
// foreign key with DROP FOREIGN KEY.
func (d *Dialect) DropConstraint(table, name string, kind dialects.ConstraintKind) string {
	switch kind {
	case dialects.UniqueConstraint:
		return "ALTER TABLE " + table + " DROP INDEX " + name
	case dialects.ForeignKeyConstraint:
		return "ALTER TABLE " + table + " DROP FOREIGN KEY " + name
	}
	return "ALTER TABLE " + table + " DROP CONSTRAINT " + name
}

// DropIndex renders DROP INDEX ... ON table.
func (d *Dialect) DropIndex(table, name string) string { return "DROP INDEX " + name + " ON " + table }

// RenameIndex renders ALTER TABLE ... RENAME INDEX.
func (d *Dialect) RenameIndex(table, old, new string) string {
	return "ALTER TABLE " + table + " RENAME INDEX " + old + " TO " + new
}

// MigrationLock takes a named lock (GET_LOCK) keyed by the database, so
// migrations of different databases do not wait for each other. The
// timeout is a year: MariaDB has no infinite one.
func (d *Dialect) MigrationLock(key string) (lock, unlock string) {
	k := "LEFT(CONCAT(" + dialects.QuoteString(key+":") + ", DATABASE()), 64)"
	return "SELECT GET_LOCK(" + k + ", 31536000)", "SELECT RELEASE_LOCK(" + k + ")"
}

// ColumnsQuery implements dialects.Introspector.
func (d *Dialect) ColumnsQuery() string {
	return strings.TrimSpace(`
SELECT column_name, column_type, CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END, column_default
FROM information_schema.columns
WHERE table_schema = DATABASE() AND table_name = ?
ORDER BY ordinal_position`)
}

// IndexesQuery implements dialects.Introspector.
func (d *Dialect) IndexesQuery() string {
	return strings.TrimSpace(`
SELECT index_name, column_name, CASE WHEN non_unique = 0 THEN 1 ELSE 0 END, seq_in_index
FROM information_schema.statistics
WHERE table_schema = DATABASE() AND table_name = ? AND index_name <> 'PRIMARY'
ORDER BY index_name, seq_in_index`)
}

// ForeignKeysQuery implements dialects.Introspector.
func (d *Dialect) ForeignKeysQuery() string {
	return strings.TrimSpace(`
SELECT constraint_name, column_name, referenced_table_name, referenced_column_name
FROM information_schema.key_column_usage
WHERE table_schema = DATABASE() AND table_name = ? AND referenced_table_name IS NOT NULL
ORDER BY constraint_name`)
}

var (
	_ dialects.SchemaEditor = (*Dialect)(nil)
	_ dialects.Introspector = (*Dialect)(nil)
)

// ReadType implements dialects.TypeReader: tinyint(1) is a boolean, a
// display width is no size.
func (d *Dialect) ReadType(typ string) (registry.Kind, []int, bool) {
	k, sizes, ok := typeNames.Read(typ)
	switch {
	case k == registry.SmallInt && strings.HasPrefix(strings.ToLower(typ), "tinyint(1)"):
		return registry.Bool, nil, true
	case k.IsInteger() || k == registry.DateTime || k == registry.Time:
		sizes = nil
	case k == registry.String && strings.HasPrefix(strings.ToLower(typ), "char(36)"):
		return registry.UUID, nil, true
	}
	return k, sizes, ok
}

var typeNames = dialects.TypeNames{
	"tinyint": registry.SmallInt, "smallint": registry.SmallInt, "int": registry.Int, "integer": registry.Int,
	"mediumint": registry.Int, "bigint": registry.BigInt, "bool": registry.Bool, "varchar": registry.String,
	"char": registry.String, "longtext": registry.Text, "text": registry.Text, "mediumtext": registry.Text,
	"decimal": registry.Decimal, "numeric": registry.Decimal, "double": registry.Float, "float": registry.Float,
	"date": registry.Date, "datetime": registry.DateTime, "timestamp": registry.DateTime, "time": registry.Time,
	"longblob": registry.Bytes, "blob": registry.Bytes, "json": registry.JSON,
}

var _ dialects.TypeReader = (*Dialect)(nil)

// IndexSupport implements dialects.IndexSupporter: MySQL 8.0.13+ has
// functional key parts (djorm assumes 8.0.13 or later); MariaDB and older MySQL have none of the features.
func (d *Dialect) IndexSupport() dialects.IndexSupport {
	return dialects.IndexSupport{Expressions: !d.mariaDB && d.major >= 8}
}

// ColumnCommentClause renders the column's COMMENT.
func (d *Dialect) ColumnCommentClause(comment string) string {
	if comment == "" {
		return ""
	}
	return " COMMENT " + d.quoteComment(comment)
}

// TableCommentClause renders the table's COMMENT option.
func (d *Dialect) TableCommentClause(comment string) string {
	if comment == "" {
		return ""
	}
	return " COMMENT=" + d.quoteComment(comment)
}

// CommentOn renders ALTER TABLE ... COMMENT for a table; a column's
// comment is part of its definition (MODIFY restates it).
func (d *Dialect) CommentOn(table, column, comment string) string {
	if column != "" {
		return ""
	}
	return "ALTER TABLE " + table + " COMMENT=" + d.quoteComment(comment)
}

// quoteComment quotes a comment; backslashes are doubled, since MySQL
// reads them as escapes in string literals.
func (d *Dialect) quoteComment(s string) string {
	return dialects.QuoteString(strings.ReplaceAll(s, `\`, `\\`))
}

var (
	_ dialects.IndexSupporter = (*Dialect)(nil)
	_ dialects.Commenter      = (*Dialect)(nil)
)

var (
	// duplicateKey: "Duplicate entry 'x' for key 'name'" (MySQL 8 writes
	// 'table.name').
	duplicateKey = regexp.MustCompile(`for key '(?:[^'.]*\.)?([^']*)'$`)
	// checkFailed: MariaDB's "CONSTRAINT `name` failed for `db`.`table`"
	// and MySQL's "Check constraint 'name' is violated."
	checkFailed = regexp.MustCompile("CONSTRAINT `([^`]*)` failed|[Cc]heck constraint '([^']*)' is violated")
)

// Violated implements dialects.ConstraintNamer from the server's message.
func (d *Dialect) Violated(err error) dialects.Violation {
	msg := err.Error()
	if m := duplicateKey.FindStringSubmatch(msg); m != nil {
		return dialects.Violation{Constraint: m[1]}
	}
	if m := checkFailed.FindStringSubmatch(msg); m != nil {
		return dialects.Violation{Constraint: m[1] + m[2]}
	}
	return dialects.Violation{}
}

var _ dialects.ConstraintNamer = (*Dialect)(nil)
