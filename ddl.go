package orm

import (
	"context"
	"strings"

	"github.com/djorm/orm/registry"
	"github.com/djorm/orm/schema"
)

// CreateTables creates the tables of models (pointers to zero values, as
// for Register) and their automatic many-to-many tables, in dependency
// order, with indexes and foreign keys. Tables that exist are left alone,
// so running it twice is harmless.
func (db *DB) CreateTables(ctx context.Context, modelPtrs ...any) error {
	ms, existing, err := db.schemaState(ctx, modelPtrs)
	if err != nil {
		return err
	}
	stmts, err := schema.Create(db.dialect, ms, existing)
	if err != nil {
		return publicError(err)
	}
	for _, s := range stmts {
		if _, err := db.exec(ctx, s, nil); err != nil {
			return err
		}
	}
	return nil
}

// DropTables drops the tables of models (and their automatic many-to-many
// tables) that exist, dependents first.
func (db *DB) DropTables(ctx context.Context, modelPtrs ...any) error {
	ms, existing, err := db.schemaState(ctx, modelPtrs)
	if err != nil {
		return err
	}
	for _, s := range schema.Drop(db.dialect, ms, existing) {
		if _, err := db.exec(ctx, s, nil); err != nil {
			return err
		}
	}
	return nil
}

// CreateTablesSQL returns the DDL CreateTables would run on an empty database.
func (db *DB) CreateTablesSQL(modelPtrs ...any) ([]string, error) {
	ms, err := metasOf(modelPtrs)
	if err != nil {
		return nil, err
	}
	stmts, err := schema.Create(db.dialect, schema.Expand(ms), nil)
	return stmts, publicError(err)
}

// schemaState returns the models (with their join tables, in dependency
// order) and the tables that exist.
func (db *DB) schemaState(ctx context.Context, ptrs []any) ([]*registry.Model, map[string]bool, error) {
	ms, err := metasOf(ptrs)
	if err != nil {
		return nil, nil, err
	}
	existing, err := db.tables(ctx)
	return schema.Expand(ms), existing, err
}

func metasOf(ptrs []any) ([]*registry.Model, error) {
	var out []*registry.Model
	for _, p := range ptrs {
		m, _, err := modelOf(p)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func (db *DB) tables(ctx context.Context) (map[string]bool, error) {
	rows, err := db.sql.QueryContext(ctx, db.dialect.TablesQuery())
	if err != nil {
		return nil, db.driverError(ctx, err)
	}
	out := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			_ = rows.Close()
			return nil, err
		}
		out[strings.ToLower(name)] = true
	}
	if err := rows.Err(); err != nil {
		_ = rows.Close()
		return nil, err
	}
	return out, rows.Close()
}

// ResetSequences moves the auto primary key sequences of models past their
// largest keys, after rows were written with explicit keys (Django's
// sqlsequencereset). Backends whose auto-increment follows by itself need nothing.
func (db *DB) ResetSequences(ctx context.Context, modelPtrs ...any) error {
	ms, err := metasOf(modelPtrs)
	if err != nil {
		return err
	}
	for _, m := range schema.Expand(ms) {
		if !m.PK.Auto {
			continue
		}
		if s := db.dialect.ResetSequence(m.Table, m.PK.Column); s != "" {
			if _, err := db.exec(ctx, s, nil); err != nil {
				return err
			}
		}
	}
	return nil
}
