// Package exprhook lets package functions build orm expressions from query
// tree specs without orm exporting its internals. Package orm fills the
// two functions in its init; they never change afterwards.
package exprhook

import "github.com/djorm/orm/internal/sqlq"

var (
	// Wrap turns a spec into an *orm.Expr (returned as any).
	Wrap func(s sqlq.Spec) any
	// Arg turns an expression argument into a spec: a string is a field
	// path, an orm.Expression itself, anything else a Value.
	Arg func(v any) (sqlq.Spec, error)
	// Fail returns an *orm.Expr carrying an ErrInvalidQuery error.
	Fail func(msg string) any
)
