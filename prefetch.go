package orm

import (
	"context"
	"fmt"
	"unsafe"

	"github.com/djorm/orm/registry"
)

// PrefetchSpec is one PrefetchRelated lookup with an optional QuerySet and
// target attribute (Django's Prefetch object).
type PrefetchSpec struct {
	path   string
	qs     Queryable
	toAttr string
}

// Prefetch describes a prefetch of path, with qs (nil for all related rows)
// filtering, ordering or annotating the related rows.
func Prefetch(path string, qs Queryable) *PrefetchSpec { return &PrefetchSpec{path: path, qs: qs} }

// ToAttr puts the prefetched rows on the named attribute: a declared
// []*T (or *T) field of that name, or the instance's prefetch store.
func (p *PrefetchSpec) ToAttr(name string) *PrefetchSpec {
	cp := *p
	cp.toAttr = name
	return &cp
}

// PrefetchRelated loads related objects of the rows with one extra query
// per relation level once the rows are read (Django's prefetch_related).
// Lookups are relation paths ("books", "books__reviews") or Prefetch specs.
func (qs *QuerySet[E]) PrefetchRelated(lookups ...any) *QuerySet[E] {
	c := qs.clone()
	c.prefetch = append([]*PrefetchSpec(nil), qs.prefetch...)
	for _, l := range lookups {
		switch x := l.(type) {
		case string:
			c.prefetch = append(c.prefetch, &PrefetchSpec{path: x})
		case *PrefetchSpec:
			c.prefetch = append(c.prefetch, x)
		default:
			c.err = fmt.Errorf("%w: PrefetchRelated takes paths and Prefetch specs, not %T", ErrInvalidQuery, l)
		}
	}
	return c
}

// ClearPrefetchRelated removes every PrefetchRelated.
func (qs *QuerySet[E]) ClearPrefetchRelated() *QuerySet[E] {
	c := qs.clone()
	c.prefetch = nil
	return c
}

// prefetchInto runs the prefetch lookups for the instances objs of m.
func prefetchInto(ctx context.Context, db *DB, m *registry.Model, objs []unsafe.Pointer, specs []*PrefetchSpec) error {
	if len(objs) == 0 {
		return nil
	}
	return &NotSupportedError{Feature: "prefetch_related (coming with the relations work)"}
}

func (p *peerGroup) add(m *registry.Model, obj unsafe.Pointer) {}
