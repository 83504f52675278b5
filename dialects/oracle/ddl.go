package oracle

import (
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
