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
// Proxy models have no table of their own and are left out.
func Expand(models []*registry.Model) []*registry.Model {
	var all []*registry.Model
	seen := map[*registry.Model]bool{}
	add := func(m *registry.Model) {
		if m.ProxyOf == nil && !seen[m] {
			seen[m] = true
			all = append(all, m)
		}
	}
	for _, m := range models {
		add(m)
	}
	for _, m := range models {
		if m.ProxyOf != nil {
			continue
		}
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
		for _, f := range m.Local() {
			if f.References() {
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
	var tables, idx, fks []string
	for _, m := range models {
		if existing[strings.ToLower(m.Table)] {
			continue
		}
		t, i, f, err := CreateTable(d, TableOf(m))
		if err != nil {
			return nil, err
		}
		tables, idx, fks = append(tables, t), append(idx, i...), append(fks, f...)
	}
	return append(append(tables, idx...), fks...), nil
}

func quote(d dialects.Dialect, name string) string { return string(d.AppendIdent(nil, name)) }

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
