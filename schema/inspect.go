package schema

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/djorm/orm/dialects"
)

// Querier runs a query: a *sql.DB, *sql.Conn or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// TableInfo is a table as the database describes it.
type TableInfo struct {
	Name        string
	Columns     []ColumnInfo
	Indexes     []IndexInfo // sorted by name
	ForeignKeys []ForeignKeyInfo
}

// ColumnInfo is a column as the database describes it.
type ColumnInfo struct {
	Name, Type string
	Null       bool
	Default    *string
}

// IndexInfo is an index (or unique constraint) and its columns in order.
type IndexInfo struct {
	Name    string
	Columns []string
	Unique  bool
}

// ForeignKeyInfo is a foreign key of one column.
type ForeignKeyInfo struct {
	Name, Column, RefTable, RefColumn string
}

// Inspect describes table as the database holds it, through the
// dialect's introspection queries.
func Inspect(ctx context.Context, q Querier, d dialects.Dialect, table string) (*TableInfo, error) {
	in, ok := d.(dialects.Introspector)
	if !ok {
		return nil, &dialects.NotSupported{Dialect: d.Name(), Feature: "introspection (the dialect does not implement dialects.Introspector)"}
	}
	t := &TableInfo{Name: table}
	err := each(ctx, q, in.ColumnsQuery(), table, func(r *sql.Rows) error {
		var c ColumnInfo
		var null int
		var def sql.NullString
		if err := r.Scan(&c.Name, &c.Type, &null, &def); err != nil {
			return err
		}
		c.Null = null == 1
		if def.Valid {
			c.Default = &def.String
		}
		t.Columns = append(t.Columns, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(t.Columns) == 0 {
		return nil, fmt.Errorf("schema.Inspect: table %q not found", table)
	}
	byName := map[string]*IndexInfo{}
	err = each(ctx, q, in.IndexesQuery(), table, func(r *sql.Rows) error {
		var name, col string
		var unique, pos int
		if err := r.Scan(&name, &col, &unique, &pos); err != nil {
			return err
		}
		ix := byName[name]
		if ix == nil {
			ix = &IndexInfo{Name: name, Unique: unique == 1}
			byName[name] = ix
		}
		ix.Columns = append(ix.Columns, col)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, ix := range byName {
		t.Indexes = append(t.Indexes, *ix)
	}
	sort.Slice(t.Indexes, func(i, j int) bool { return t.Indexes[i].Name < t.Indexes[j].Name })
	err = each(ctx, q, in.ForeignKeysQuery(), table, func(r *sql.Rows) error {
		var fk ForeignKeyInfo
		if err := r.Scan(&fk.Name, &fk.Column, &fk.RefTable, &fk.RefColumn); err != nil {
			return err
		}
		t.ForeignKeys = append(t.ForeignKeys, fk)
		return nil
	})
	return t, err
}

func each(ctx context.Context, q Querier, query, table string, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, table)
	if err != nil {
		return fmt.Errorf("schema.Inspect %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("schema.Inspect %s: %w", table, err)
		}
	}
	return rows.Err()
}

// Shape returns t without the names the database or djorm gave its
// indexes and constraints, sorted: two schemas built by different roads
// (CreateTables, a migration history) have the same shape when they hold
// the same columns (in any order: a migration adds columns last),
// types, nullability, defaults, indexes and keys.
func (t *TableInfo) Shape() string {
	var b strings.Builder
	fmt.Fprintf(&b, "table %s\n", t.Name)
	cols := append([]ColumnInfo(nil), t.Columns...)
	sort.Slice(cols, func(i, j int) bool { return cols[i].Name < cols[j].Name })
	for _, c := range cols {
		def := "-"
		if c.Default != nil {
			def = *c.Default
		}
		fmt.Fprintf(&b, "  column %s %s null=%v default=%s\n", c.Name, c.Type, c.Null, def)
	}
	var lines []string
	for _, ix := range t.Indexes {
		lines = append(lines, fmt.Sprintf("  index (%s) unique=%v", strings.Join(ix.Columns, ", "), ix.Unique))
	}
	for _, fk := range t.ForeignKeys {
		lines = append(lines, fmt.Sprintf("  foreign key %s -> %s.%s", fk.Column, fk.RefTable, fk.RefColumn))
	}
	sort.Strings(lines)
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}
