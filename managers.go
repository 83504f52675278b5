package orm

import (
	"fmt"
	"reflect"
)

// RegisterDefaultQuerySet gives T a default filtering (Django's custom
// manager with get_queryset): Objects[T] starts from fn's QuerySet, and so
// do reverse related managers over T, as Django's default manager. Reading
// a foreign key's object, deleting and the on_delete collector see every
// row (BaseObjects, Django's base manager). Call it once, at program start;
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
	return nil
}
