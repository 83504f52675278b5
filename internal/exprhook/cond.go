package exprhook

import "github.com/djorm/orm/internal/sqlq"

// Cond turns an orm.Condition (Meta.Constraints' Check and Condition,
// Meta.Indexes' Condition) into its spec, for package schema, which
// renders them into DDL. Package orm fills it in its init.
var Cond func(v any) (sqlq.CondSpec, error)
