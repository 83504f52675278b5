package orm

import (
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	"github.com/djorm/orm/registry"
)

// RegisterDefaultQuerySet gives T a default filtering (Django's custom
// manager with get_queryset): Objects[T] starts from fn's QuerySet, and so
// do reverse and many-to-many related managers over T (their queries,
// prefetches, Remove and Clear), as Django's default manager. Reading a
// foreign key's object (lazily, by SelectRelated or by PrefetchRelated) or
// a reverse one-to-one, saving, refreshing, deleting and the on_delete
// collector see every row
// (BaseObjects, Django's base manager). Call it once, at program start;
// a second call replaces the first.
//
// Named QuerySet constructors, Django's extra manager methods, are plain Go
// functions: func Published(db *orm.DB) *orm.QuerySet[*Book] { ... }.
func RegisterDefaultQuerySet[T any](fn func(qs *QuerySet[*T]) *QuerySet[*T]) error {
	if fn == nil {
		return fmt.Errorf("%w: RegisterDefaultQuerySet needs a function", ErrInvalidQuery)
	}
	m, err := metaOf(reflect.TypeOf((*T)(nil)).Elem())
	if err != nil {
		return err
	}
	m.DefaultQuerySet.Store(fn)
	untypedDefaults.Store(m, func(qs *QuerySet[unsafe.Pointer]) *QuerySet[unsafe.Pointer] {
		return reshape[*T, unsafe.Pointer](fn(reshape[unsafe.Pointer, *T](qs, shapeModels)), shapeModels)
	})
	return nil
}

// untypedDefaults holds each default QuerySet as a function over untyped
// QuerySets (*registry.Model -> func), for djorm's own reads that know the
// model but not its Go type (prefetching a reverse relation).
var untypedDefaults sync.Map

// defaultObjectsOf is objectsOf through m's default QuerySet, as Django's
// default manager: what a reverse or many-to-many prefetch reads.
func defaultObjectsOf(db *DB, m *registry.Model) *QuerySet[unsafe.Pointer] {
	qs := objectsOf(db, m)
	fn, ok := untypedDefaults.Load(m)
	if !ok && m.ProxyOf != nil {
		fn, ok = untypedDefaults.Load(m.ProxyOf) // a proxy inherits its concrete model's
	}
	if ok {
		return fn.(func(*QuerySet[unsafe.Pointer]) *QuerySet[unsafe.Pointer])(qs)
	}
	return qs
}
