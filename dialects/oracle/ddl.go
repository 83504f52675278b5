package oracle

import (
	"regexp"
	"strings"

	"github.com/djorm/orm/dialects"
)

// AddColumn renders ALTER TABLE ... ADD (Oracle has no COLUMN keyword).
func (d *Dialect) AddColumn(table, definition string) string {
	return "ALTER TABLE " + table + " ADD " + definition
}

// AlterColumn restates the changed parts with MODIFY: Oracle refuses a
// NOT NULL that is already NOT NULL (ORA-01442), so only changes are
// written.
func (d *Dialect) AlterColumn(table string, c dialects.ColumnChange) []string {
	var out []string
	if c.Fill != "" && c.NullChanged && !c.Null {
		out = append(out, "UPDATE "+table+" SET "+c.Column+" = "+c.Fill+" WHERE "+c.Column+" IS NULL")
	}
	var parts []string
	if c.TypeChanged {
		parts = append(parts, c.Type)
	}
	if c.DefaultChanged {
		def := c.Default
		if def == "" {
			def = "NULL"
		}
		parts = append(parts, "DEFAULT "+def)
	}
	if c.NullChanged {
		if c.Null {
			parts = append(parts, "NULL")
		} else {
			parts = append(parts, "NOT NULL")
		}
	}
	if len(parts) > 0 {
		out = append(out, "ALTER TABLE "+table+" MODIFY "+c.Column+" "+strings.Join(parts, " "))
	}
	return out
}

var _ dialects.SchemaEditor = (*Dialect)(nil)

// IndexSupport implements dialects.IndexSupporter: Oracle has function
// based indexes and deferrable constraints, no partial or covering
// indexes, as Django's Oracle features say.
func (d *Dialect) IndexSupport() dialects.IndexSupport {
	return dialects.IndexSupport{Expressions: true, DeferrableUnique: true}
}

// ColumnCommentClause is empty: Oracle comments with COMMENT ON.
func (d *Dialect) ColumnCommentClause(string) string { return "" }

// TableCommentClause is empty: Oracle comments with COMMENT ON.
func (d *Dialect) TableCommentClause(string) string { return "" }

// CommentOn renders COMMENT ON ... IS (” removes a comment).
func (d *Dialect) CommentOn(table, column, comment string) string {
	return dialects.CommentOnStatement(table, column, comment, "''")
}

var (
	_ dialects.IndexSupporter = (*Dialect)(nil)
	_ dialects.Commenter      = (*Dialect)(nil)
)

// oraConstraint: "ORA-00001: unique constraint (SCHEMA.NAME) violated",
// "ORA-02290: check constraint (SCHEMA.NAME) violated".
var oraConstraint = regexp.MustCompile(`ORA-(?:00001|02290): (?:unique|check) constraint \((?:[^.)]*\.)?([^)]*)\) violated`)

// Violated implements dialects.ConstraintNamer; names come back lower
// case, as the models spell them (Oracle folds them to upper case).
func (d *Dialect) Violated(err error) dialects.Violation {
	if m := oraConstraint.FindStringSubmatch(err.Error()); m != nil {
		return dialects.Violation{Constraint: strings.ToLower(m[1])}
	}
	return dialects.Violation{}
}

var _ dialects.ConstraintNamer = (*Dialect)(nil)

// DualTable implements dialects.DualTabler.
func (d *Dialect) DualTable() string { return "DUAL" }

var _ dialects.DualTabler = (*Dialect)(nil)
