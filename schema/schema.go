// Package schema renders the DDL that creates and drops model tables: columns
// with their types, NOT NULL, defaults, primary and unique keys, generated
// columns, indexes (field index, Meta.Indexes, UniqueTogether) and foreign
// keys, in dependency order. It only renders; package orm runs the statements.
package schema

import (
	"fmt"
	"hash/crc32"
	"sort"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// Expand adds the automatic many-to-many join tables of models, and sorts
// the result so every table comes after the tables its foreign keys point at
// (cycles keep declaration order; their constraints are added afterwards).
func Expand(models []*registry.Model) []*registry.Model {
	var all []*registry.Model
	seen := map[*registry.Model]bool{}
	add := func(m *registry.Model) {
		if !seen[m] {
			seen[m] = true
			all = append(all, m)
		}
	}
	for _, m := range models {
		add(m)
	}
	for _, m := range models {
		for _, f := range m.ManyToMany {
			if th := f.Rel.Through(); th != nil && th.Model.Auto() {
				add(th.Model)
			}
		}
	}
	return sortByDependency(all)
}

func sortByDependency(models []*registry.Model) []*registry.Model {
	in := map[*registry.Model]bool{}
	for _, m := range models {
		in[m] = true
	}
	var out []*registry.Model
	state := map[*registry.Model]int{} // 1 visiting, 2 done
	var visit func(m *registry.Model)
	visit = func(m *registry.Model) {
		if state[m] != 0 {
			return
		}
		state[m] = 1
		for _, f := range m.Fields {
			if f.IsRelation() {
				if to := f.Rel.To(); to != nil && to != m && in[to] {
					visit(to)
				}
			}
		}
		state[m] = 2
		out = append(out, m)
	}
	for _, m := range models {
		visit(m)
	}
	return out
}

// Create returns the statements creating the tables of models that are not
// in existing: CREATE TABLE for each, then their indexes, then (where the
// dialect adds them separately) their foreign key constraints.
func Create(d dialects.Dialect, models []*registry.Model, existing map[string]bool) ([]string, error) {
	var tables, indexes, fks []string
	for _, m := range models {
		if existing[strings.ToLower(m.Table)] {
			continue
		}
		t, err := createTable(d, m)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
		indexes = append(indexes, createIndexes(d, m)...)
		if !d.Features().InlineForeignKeys {
			fks = append(fks, addForeignKeys(d, m)...)
		}
	}
	return append(append(tables, indexes...), fks...), nil
}

func quote(d dialects.Dialect, name string) string { return string(d.AppendIdent(nil, name)) }

func createTable(d dialects.Dialect, m *registry.Model) (string, error) {
	var cols []string
	for _, f := range m.Fields {
		c, err := column(d, m, f)
		if err != nil {
			return "", err
		}
		cols = append(cols, c)
	}
	for _, ut := range m.Meta.UniqueTogether {
		names := columnsOf(m, ut)
		cols = append(cols, "CONSTRAINT "+quote(d, Name(d, m.Table, names, "uniq"))+" UNIQUE ("+quoteList(d, names)+")")
	}
	create := "CREATE TABLE "
	if d.Features().CreateIfNotExists {
		create = "CREATE TABLE IF NOT EXISTS "
	}
	return create + quote(d, m.Table) + " (" + strings.Join(cols, ", ") + ")" + d.TableOptions(), nil
}

func column(d dialects.Dialect, m *registry.Model, f *registry.Field) (string, error) {
	name := quote(d, f.Column)
	if f.PrimaryKey && f.Auto {
		return name + " " + d.AutoPK(f.Kind), nil
	}
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte(' ')
	b.WriteString(d.ColumnType(f))
	if f.Generated != "" {
		feats := d.Features()
		switch {
		case f.Stored && !feats.GeneratedStored:
			return "", &dialects.NotSupported{Dialect: d.Name(), Feature: "stored generated columns (" + m.TypeName + "." + f.GoName + ")"}
		case !f.Stored && !feats.GeneratedVirtual:
			return "", &dialects.NotSupported{Dialect: d.Name(), Feature: "virtual generated columns (" + m.TypeName + "." + f.GoName + "; add the stored option)"}
		}
		b.WriteString(" GENERATED ALWAYS AS (")
		b.WriteString(f.Generated)
		b.WriteString(")")
		if f.Stored {
			b.WriteString(" STORED")
		} else {
			b.WriteString(" VIRTUAL")
		}
		return b.String(), nil
	}
	if f.HasDefault || f.HasDBDefault {
		v := f.Default
		if f.HasDBDefault {
			v = f.DBDefault
		}
		lit, err := d.Literal(v, f.Kind)
		if err != nil {
			return "", fmt.Errorf("%s.%s default: %w", m.TypeName, f.GoName, err)
		}
		b.WriteString(" DEFAULT ")
		b.WriteString(lit)
	}
	if !f.Null {
		b.WriteString(" NOT NULL")
	}
	if cc, ok := d.(dialects.ColumnChecker); ok {
		if check := cc.ColumnCheck(f, name); check != "" {
			b.WriteString(" " + check)
		}
	}
	if f.PrimaryKey {
		b.WriteString(" PRIMARY KEY")
	} else if f.Unique {
		b.WriteString(" UNIQUE")
	}
	if f.IsRelation() && d.Features().InlineForeignKeys {
		to := f.Rel.To()
		b.WriteString(" REFERENCES " + quote(d, to.Table) + " (" + quote(d, f.Rel.ToField().Column) + ")" + d.ForeignKeyTail())
	}
	return b.String(), nil
}

func createIndexes(d dialects.Dialect, m *registry.Model) []string {
	var out []string
	for _, f := range m.Fields {
		if f.DBIndex && !f.Unique && !f.PrimaryKey {
			cols := []string{f.Column}
			out = append(out, "CREATE INDEX "+quote(d, Name(d, m.Table, cols, "idx"))+" ON "+quote(d, m.Table)+" ("+quoteList(d, cols)+")")
		}
	}
	for _, ix := range m.Meta.Indexes {
		var cols, parts []string
		for _, name := range ix.Fields {
			desc := strings.HasPrefix(name, "-")
			f := m.Field(strings.TrimPrefix(name, "-"))
			cols = append(cols, f.Column)
			p := quote(d, f.Column)
			if desc {
				p += " DESC"
			}
			parts = append(parts, p)
		}
		name := ix.Name
		if name == "" {
			name = Name(d, m.Table, cols, "idx")
		}
		kw := "CREATE INDEX "
		if ix.Unique {
			kw = "CREATE UNIQUE INDEX "
		}
		out = append(out, kw+quote(d, name)+" ON "+quote(d, m.Table)+" ("+strings.Join(parts, ", ")+")")
	}
	return out
}

func addForeignKeys(d dialects.Dialect, m *registry.Model) []string {
	var out []string
	for _, f := range m.Fields {
		if !f.IsRelation() {
			continue
		}
		to := f.Rel.To()
		name := Name(d, m.Table, []string{f.Column, to.Table, f.Rel.ToField().Column}, "fk")
		out = append(out, "ALTER TABLE "+quote(d, m.Table)+" ADD CONSTRAINT "+quote(d, name)+
			" FOREIGN KEY ("+quote(d, f.Column)+") REFERENCES "+quote(d, to.Table)+" ("+quote(d, f.Rel.ToField().Column)+")"+d.ForeignKeyTail())
	}
	return out
}

// Drop returns DROP TABLE statements for models, dependents first.
func Drop(d dialects.Dialect, models []*registry.Model, existing map[string]bool) []string {
	var out []string
	for i := len(models) - 1; i >= 0; i-- {
		if existing != nil && !existing[strings.ToLower(models[i].Table)] {
			continue
		}
		out = append(out, d.DropTable(quote(d, models[i].Table)))
	}
	return out
}

func columnsOf(m *registry.Model, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = m.Field(strings.TrimPrefix(n, "-")).Column
	}
	return out
}

func quoteList(d dialects.Dialect, names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(d, n)
	}
	return strings.Join(q, ", ")
}

// Name derives a constraint or index name from a table and columns, as
// Django does: readable parts, a hash for uniqueness, within the
// backend's identifier length.
func Name(d dialects.Dialect, table string, cols []string, suffix string) string {
	h := fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(table+"|"+strings.Join(cols, "|")+"|"+suffix)))
	name := table + "_" + strings.Join(cols, "_")
	max := d.Features().MaxIdentLen
	if max <= 0 || max > 63 {
		max = 63
	}
	room := max - len(h) - len(suffix) - 2
	if len(name) > room {
		name = name[:room]
	}
	return name + "_" + h + "_" + suffix
}

// SortedTables returns the table names of models, sorted (for messages).
func SortedTables(models []*registry.Model) []string {
	var out []string
	for _, m := range models {
		out = append(out, m.Table)
	}
	sort.Strings(out)
	return out
}
