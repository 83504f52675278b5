package orm

import (
	"context"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// ForeignKey is a many-to-one relation to T. It always holds the raw key
// (the column <field>_id); the related object is there after SelectRelated,
// a prefetch, Set, or a first Get.
type ForeignKey[T any] struct {
	ref    registry.Ref // must stay first: the registry reads the key here
	obj    *T
	loaded bool
	owner  *Model // the instance holding this field, for lazy loading
}

// OneToOne is a one-to-one relation to T: a unique ForeignKey whose reverse
// side yields one object.
type OneToOne[T any] struct {
	ForeignKey[T]
}

// ManyToMany is a many-to-many relation to T, through an automatic join
// table (or the model named by the through= tag). Read and change it with
// Related[T](obj, "field").
type ManyToMany[T any] struct{}

// relationField is implemented by the relation types; the registry asks it
// what a field points at.
type relationField interface {
	relation() (registry.RelKind, reflect.Type)
}

func (*ForeignKey[T]) relation() (registry.RelKind, reflect.Type) {
	return registry.ForeignKey, reflect.TypeOf((*T)(nil)).Elem()
}

func (*OneToOne[T]) relation() (registry.RelKind, reflect.Type) {
	return registry.OneToOne, reflect.TypeOf((*T)(nil)).Elem()
}

func (*ManyToMany[T]) relation() (registry.RelKind, reflect.Type) {
	return registry.ManyToMany, reflect.TypeOf((*T)(nil)).Elem()
}

var relationIface = reflect.TypeOf((*relationField)(nil)).Elem()

func relationKind(t reflect.Type) (registry.RelKind, reflect.Type, bool) {
	if !reflect.PointerTo(t).Implements(relationIface) {
		return 0, nil, false
	}
	k, target := reflect.New(t).Interface().(relationField).relation()
	return k, target, true
}

// fkLayout is where ForeignKey's fields sit, the same for every T.
var fkLayout = struct{ obj, loaded, owner uintptr }{
	obj:    unsafe.Offsetof(ForeignKey[struct{}]{}.obj),
	loaded: unsafe.Offsetof(ForeignKey[struct{}]{}.loaded),
	owner:  unsafe.Offsetof(ForeignKey[struct{}]{}.owner),
}

// prepareRelated takes, for each relation of the model value at p that
// holds an object (Set, Ref), that object's key as it is now, as Django's
// _prepare_related_fields_for_save does: an author created after
// Ref(author) was taken is no longer a NULL key. An object still without a
// key is refused: saving would lose the relation.
func prepareRelated(m *registry.Model, p unsafe.Pointer) error {
	if !m.HasRelations() {
		return nil
	}
	for _, f := range m.Fields {
		if !f.IsRelation() {
			continue
		}
		fk := unsafe.Add(p, f.Offset)
		obj := *(*unsafe.Pointer)(unsafe.Add(fk, fkLayout.obj))
		if obj == nil || !*(*bool)(unsafe.Add(fk, fkLayout.loaded)) {
			continue
		}
		to := f.Rel.To()
		if to == nil {
			continue
		}
		key := f.Rel.ToField().Get(objptr.Of(obj))
		if key == nil || isZeroKey(key) && to.PK.Auto && f.Rel.ToField() == to.PK {
			return fmt.Errorf("%w: save() prohibited to prevent data loss due to unsaved related object '%s'", ErrInvalidQuery, f.Name)
		}
		if err := f.Set(objptr.Of(p), key); err != nil {
			return err
		}
	}
	return nil
}

// setCached stores obj (a *T, possibly nil) as the loaded object of the
// relation field at fk.
func setCached(fk unsafe.Pointer, obj unsafe.Pointer) {
	*(*unsafe.Pointer)(unsafe.Add(fk, fkLayout.obj)) = obj
	*(*bool)(unsafe.Add(fk, fkLayout.loaded)) = true
}

func setOwner(fk unsafe.Pointer, owner *Model) {
	*(**Model)(unsafe.Add(fk, fkLayout.owner)) = owner
}

// ID returns the raw key, or nil when the relation is NULL.
func (fk *ForeignKey[T]) ID() any { return fk.ref.Value() }

// IsNull reports whether the relation holds no key.
func (fk *ForeignKey[T]) IsNull() bool { return !fk.ref.Valid }

// SetID points the relation at the object with key id (nil clears a
// nullable relation). A cached object is forgotten.
func (fk *ForeignKey[T]) SetID(id any) {
	fk.obj, fk.loaded = nil, false
	id = canonKey(id)
	switch v := id.(type) {
	case nil:
		fk.ref = registry.Ref{}
	case int64:
		fk.ref = registry.Ref{Int: v, Valid: true}
	default:
		fk.ref = registry.Ref{Other: v, Valid: true}
	}
}

// Set points the relation at obj (nil clears it) and caches obj.
func (fk *ForeignKey[T]) Set(obj *T) {
	if obj == nil {
		fk.ref, fk.obj, fk.loaded = registry.Ref{}, nil, true
		return
	}
	m, err := metaOf(reflect.TypeOf(obj))
	if err == nil {
		fk.SetID(pkValue(m, unsafe.Pointer(obj)))
	}
	fk.obj, fk.loaded = obj, true
}

// Loaded reports whether the related object is cached (Get costs no query).
func (fk *ForeignKey[T]) Loaded() bool { return fk.loaded }

// Cached returns the related object if it is loaded, else nil.
func (fk *ForeignKey[T]) Cached() *T { return fk.obj }

// Get returns the related object, loading it with one query (from the
// database the instance came from) unless it is cached. A NULL relation
// yields (nil, nil); a key whose row a prefetch or a join did not find is
// ErrDoesNotExist, as in Django.
func (fk *ForeignKey[T]) Get(ctx context.Context) (*T, error) {
	if fk.loaded {
		if fk.obj == nil && fk.ref.Valid {
			return nil, fmt.Errorf("%w: %T with key %v (the relation was loaded and no row has it)", ErrDoesNotExist, fk.obj, fk.ID())
		}
		return fk.obj, nil
	}
	if !fk.ref.Valid {
		return nil, nil
	}
	m, err := metaOf(reflect.TypeOf((*T)(nil)).Elem())
	if err != nil {
		return nil, err
	}
	db := fk.owner.db()
	if db != nil && fk.owner.st.mode == FetchPeers && fk.owner.st.peers != nil {
		if err := fk.loadPeers(ctx, db); err != nil {
			return nil, err
		}
		if fk.loaded {
			return fk.obj, nil
		}
	}
	if db == nil {
		return nil, fmt.Errorf("%w: the %s is not loaded and the instance holding it has no database; load it with SelectRelated or Get it from an instance read through djorm", ErrInvalidQuery, m.TypeName)
	}
	if fk.owner != nil && fk.owner.st.mode == Raise {
		return nil, &FieldError{Model: m.TypeName, Field: "", msg: fmt.Sprintf(
			"orm: fetching %s (key %v) is blocked by FetchMode(Raise); use SelectRelated or PrefetchRelated", m.TypeName, fk.ID()),
			err: ErrFetchBlocked}
	}
	if ctx, err = db.lazyFK(ctx, fk.owner, unsafe.Pointer(fk), m); err != nil {
		return nil, err // RaiseNPlusOne refused it
	}
	obj, err := BaseObjects[T](db).Get(ctx, Q{"pk": fk.ID()})
	if err != nil {
		return nil, err
	}
	fk.obj, fk.loaded = obj, true
	return obj, nil
}

// loadPeers loads this relation for every instance of the QuerySet the
// owner came from (FetchPeers).
func (fk *ForeignKey[T]) loadPeers(ctx context.Context, db *DB) error {
	peers := fk.owner.st.peers
	m := peers.m
	objStart := uintptr(unsafe.Pointer(fk.owner)) - m.StateOffset
	f := fieldAt(m, uintptr(unsafe.Pointer(fk))-objStart)
	if f == nil {
		return nil
	}
	return peers.load(ctx, db, f.Name)
}

func (m *Model) db() *DB {
	if m == nil {
		return nil
	}
	return m.st.db
}

// Ref returns a ForeignKey pointing at obj.
func Ref[T any](obj *T) ForeignKey[T] {
	var fk ForeignKey[T]
	fk.Set(obj)
	return fk
}

// RefID returns a ForeignKey holding the key id.
func RefID[T any](id any) ForeignKey[T] {
	var fk ForeignKey[T]
	fk.SetID(id)
	return fk
}

func canonKey(v any) any { return sqlq.Canon(v) }

// FetchModeKind selects what touching an unloaded relation does.
type FetchModeKind uint8

// Fetch modes (Django 6.1).
const (
	// FetchOne loads the one relation touched, with one query (the default).
	FetchOne FetchModeKind = iota
	// FetchPeers loads the relation for every instance of the same QuerySet
	// at once, on first touch.
	FetchPeers
	// Raise makes touching an unloaded relation an error (ErrFetchBlocked).
	Raise
)
