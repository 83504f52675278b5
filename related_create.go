package orm

import (
	"context"
	"unsafe"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/registry"
)

// Create creates obj related to the owner (Django's related manager
// create): a reverse relation's foreign key is set to the owner first; a
// many-to-many object is created and linked in one transaction.
func (rm *RelatedManager[T]) Create(ctx context.Context, obj *T) error {
	if rm.err != nil {
		return rm.err
	}
	rm.forgetPrefetched()
	if rm.rel.Kind != registry.ManyToMany {
		rm.pointAtOwner(obj)
		return rm.db.Create(ctx, obj)
	}
	return Atomic(ctx, rm.db, func(ctx context.Context) error {
		if err := rm.db.Create(ctx, obj); err != nil {
			return err
		}
		return rm.Add(ctx, obj)
	})
}

// GetOrCreate gets the related object matching lookup, or creates one
// related to the owner (Django's related manager get_or_create).
func (rm *RelatedManager[T]) GetOrCreate(ctx context.Context, lookup Q, defaults Set) (*T, bool, error) {
	return rm.orCreate(ctx, lookup, defaults, rm.QuerySet.GetOrCreate)
}

// UpdateOrCreate updates the related object matching lookup with
// defaults, or creates one related to the owner.
func (rm *RelatedManager[T]) UpdateOrCreate(ctx context.Context, lookup Q, defaults Set) (*T, bool, error) {
	return rm.orCreate(ctx, lookup, defaults, rm.QuerySet.UpdateOrCreate)
}

func (rm *RelatedManager[T]) orCreate(ctx context.Context, lookup Q, defaults Set,
	run func(context.Context, Q, Set) (*T, bool, error)) (*T, bool, error) {
	if rm.err != nil {
		return nil, false, rm.err
	}
	rm.forgetPrefetched()
	if rm.rel.Kind != registry.ManyToMany {
		q := Q{rm.rel.Field.Name: rm.ownerKey()} // the new object's foreign key
		for k, v := range lookup {
			q[k] = v
		}
		return run(ctx, q, defaults)
	}
	var obj *T
	var created bool
	err := Atomic(ctx, rm.db, func(ctx context.Context) error {
		var err error
		if obj, created, err = run(ctx, lookup, defaults); err != nil || !created {
			return err
		}
		return rm.Add(ctx, obj)
	})
	return obj, created, err
}

// pointAtOwner sets obj's foreign key of a reverse relation to the owner.
func (rm *RelatedManager[T]) pointAtOwner(obj *T) {
	o := objptr.Of(unsafe.Pointer(obj))
	_ = rm.rel.Field.Set(o, rm.ownerKey())
	fk := o.Add(rm.rel.Field.Offset)
	*(*bool)(unsafe.Add(fk, fkLayout.loaded)) = false
}
