package migrate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/djorm/orm"
	"github.com/djorm/orm/registry"
)

// ErrIrreversible is returned when migrating backwards through an
// operation that cannot be undone (RunSQL without ReverseSQL, RunGo
// without Backward).
var ErrIrreversible = fmt.Errorf("migrate: irreversible operation")

// RunSQL runs hand-written statements. ReverseSQL undoes them (nil: the
// operation is irreversible; use Noop() for "nothing to undo"). Dialects,
// when set, limits it to those backends ("postgresql", "mysql", "sqlite",
// "oracle"): elsewhere it does nothing.
type RunSQL struct {
	SQL        []orm.SQLText
	ReverseSQL []orm.SQLText
	Dialects   []string
	// StateOperations tell the state what the SQL did, when it changes
	// models (Django's state_operations).
	StateOperations []Operation
}

// Noop is the ReverseSQL of a RunSQL with nothing to undo.
func Noop() []orm.SQLText { return []orm.SQLText{} }

// Describe implements Operation.
func (o RunSQL) Describe() string { return "Raw SQL operation" }

// StateForwards applies StateOperations.
func (o RunSQL) StateForwards(s *State) error {
	for _, op := range o.StateOperations {
		if err := op.StateForwards(s); err != nil {
			return err
		}
	}
	return nil
}

// DatabaseForwards runs SQL.
func (o RunSQL) DatabaseForwards(ctx context.Context, e *Editor, _, _ *State) error {
	return o.run(ctx, e, o.SQL)
}

// DatabaseBackwards runs ReverseSQL.
func (o RunSQL) DatabaseBackwards(ctx context.Context, e *Editor, _, _ *State) error {
	if o.ReverseSQL == nil {
		return fmt.Errorf("%w: RunSQL has no ReverseSQL (give it one, or migrate.Noop())", ErrIrreversible)
	}
	return o.run(ctx, e, o.ReverseSQL)
}

func (o RunSQL) run(ctx context.Context, e *Editor, stmts []orm.SQLText) error {
	if len(o.Dialects) > 0 && !slices.Contains(o.Dialects, e.Dialect.Name()) {
		e.Comment("RunSQL for " + strings.Join(o.Dialects, ", ") + " only: skipped")
		return nil
	}
	for _, s := range stmts {
		if err := e.Exec(ctx, string(s)); err != nil {
			return err
		}
	}
	return nil
}

// RunGo runs Go code: a data migration. Forward and Backward get the
// database (queries run in the migration's transaction, which ctx carries)
// and the state of the models at that point of the history: the columns
// as they are then, which may differ from today's Go types. Backward nil
// makes the operation irreversible; NoopGo does nothing.
type RunGo struct {
	Forward     func(ctx context.Context, db *orm.DB, s *State) error
	Backward    func(ctx context.Context, db *orm.DB, s *State) error
	Description string
}

// NoopGo is a RunGo function that does nothing (a Backward with nothing to undo).
func NoopGo(context.Context, *orm.DB, *State) error { return nil }

// Describe implements Operation.
func (o RunGo) Describe() string {
	if o.Description != "" {
		return o.Description
	}
	return "Raw Go operation"
}

// StateForwards changes nothing.
func (o RunGo) StateForwards(*State) error { return nil }

// DatabaseForwards runs Forward.
func (o RunGo) DatabaseForwards(ctx context.Context, e *Editor, before, _ *State) error {
	if e.Collecting() || o.Forward == nil {
		e.Comment("RunGo: " + o.Describe() + " (Go code; no SQL to show)")
		return nil
	}
	return o.Forward(ctx, e.DB, before)
}

// DatabaseBackwards runs Backward.
func (o RunGo) DatabaseBackwards(ctx context.Context, e *Editor, before, _ *State) error {
	if o.Backward == nil {
		return fmt.Errorf("%w: RunGo %q has no Backward (give it one, or migrate.NoopGo)", ErrIrreversible, o.Describe())
	}
	if e.Collecting() {
		e.Comment("RunGo backwards: " + o.Describe())
		return nil
	}
	return o.Backward(ctx, e.DB, before)
}

func parseLiteral(k registry.Kind, s string) (any, error) { return registry.ParseLiteral(k, s) }
