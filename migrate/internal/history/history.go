// Package history holds the model versions and the generated migrations
// of the migration history test (v1 -> v2 -> v3 -> v4, then the hand-written
// data migration 0005). Each version registers
// its models in a registry of its own: they share table names.
package history

import (
	"reflect"

	"github.com/djorm/orm"
	"github.com/djorm/orm/registry"
)

// Models registers modelPtrs in a new registry and returns their metadata
// (join tables included, as schema.Expand would add them).
func Models(modelPtrs ...any) []*registry.Model {
	r := orm.NewRegistry()
	if err := r.Register(modelPtrs...); err != nil {
		panic(err) // test models: a mistake here is the test's own
	}
	var out []*registry.Model
	for _, p := range modelPtrs {
		m, _ := r.Lookup(reflect.TypeOf(p).Elem())
		out = append(out, m)
	}
	return out
}
