package orm

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// ModelMeta returns the metadata of a registered model (a pointer to a
// zero value, as for Register), for packages that read models without
// querying them (migrate's autodetector, manage's check).
func ModelMeta(modelPtr any) (*registry.Model, error) {
	t := reflect.TypeOf(modelPtr)
	if t == nil {
		return nil, fmt.Errorf("%w: want a pointer to a model, got nil", ErrInvalidQuery)
	}
	return metaOf(t)
}

// NewRegistry returns an empty model registry that knows orm.Model and the
// relation fields, apart from the process's own (Register): for model
// versions that share table names, such as the historical models of
// migration tests.
func NewRegistry() *registry.Registry {
	return registry.New(registry.Config{StateType: reflect.TypeOf(Model{}), IDField: "ID", Relation: relationKind, Condition: checkCondition})
}

// Exec runs one hand-written statement that returns no rows (DDL,
// maintenance) on the transaction ctx carries, or the pool. Write ? for
// each argument on every backend, as for Raw.
func (db *DB) Exec(ctx context.Context, query SQLText, args ...any) (sql.Result, error) {
	q, a := string(query), args
	if len(args) > 0 {
		w := dialects.NewWriter(db.dialect)
		(&sqlq.RawExpr{SQL: q, Args: canonArgs(args)}).WriteSQL(w)
		if w.Err != nil {
			return nil, publicError(w.Err)
		}
		q, a = string(w.Buf), w.Args
	}
	return db.exec(ctx, q, a)
}
