package migrate

import (
	"context"
	"fmt"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/schema"
)

// Editor runs the statements of operations: on a database (DB set), or
// collecting them for sqlmigrate (DB nil).
type Editor struct {
	Dialect dialects.Dialect
	DB      *orm.DB // nil: statements are collected, not run
	sql     []string
}

// Collecting reports whether the editor only collects statements.
func (e *Editor) Collecting() bool { return e.DB == nil }

// Exec runs (or collects) statements in order, on the transaction ctx
// carries.
func (e *Editor) Exec(ctx context.Context, stmts ...string) error {
	for _, s := range stmts {
		if e.DB == nil {
			e.sql = append(e.sql, s)
			continue
		}
		if _, err := e.DB.Exec(ctx, orm.SQLText(s)); err != nil {
			return fmt.Errorf("%w\n\tstatement: %s", err, s)
		}
	}
	return nil
}

// Comment records a line for sqlmigrate where an operation has no SQL.
func (e *Editor) Comment(text string) {
	if e.DB == nil {
		e.sql = append(e.sql, "-- "+text)
	}
}

// Collected returns the statements collected so far.
func (e *Editor) Collected() []string { return append([]string(nil), e.sql...) }

// change runs the schema difference between two states: the tables of the
// models that differ, with the hints an operation knows.
func (e *Editor) change(ctx context.Context, from, to *State, h schema.Hints) error {
	keys := changedModels(from, to)
	if len(keys) == 0 {
		return nil
	}
	ft, err := from.tables(keys)
	if err != nil {
		return err
	}
	tt, err := to.tables(keys)
	if err != nil {
		return err
	}
	stmts, err := schema.Diff(e.Dialect, ft, tt, h)
	if err != nil {
		return err
	}
	return e.Exec(ctx, stmts...)
}

// changedModels names the models that two states do not share. A model
// pointing at a changed model is included too: its key's column follows
// the target (a renamed table, a key of another type).
func changedModels(from, to *State) map[string]bool {
	keys := map[string]bool{}
	for name, m := range from.models {
		if to.models[name] != m {
			keys[name] = true
		}
	}
	for name, m := range to.models {
		if from.models[name] != m {
			keys[name] = true
		}
	}
	changed := make([]string, 0, len(keys))
	for k := range keys {
		changed = append(changed, k)
	}
	for _, st := range []*State{from, to} {
		for name, m := range st.models {
			if !keys[name] && pointsAt(m, changed) && from.models[name] != nil && to.models[name] != nil {
				keys[name] = true
			}
		}
	}
	return keys
}

func pointsAt(m *ModelState, names []string) bool {
	for _, f := range m.Fields {
		for _, n := range names {
			if f.To == n && (f.IsRelation() || f.IsManyToMany()) {
				return true
			}
		}
	}
	return false
}
