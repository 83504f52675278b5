package orm

import (
	"context"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/djorm/orm/registry"
)

// signals are the lifecycle functions registered on one DB (Django's
// pre_save, post_save, pre_delete, post_delete), per model. A DB holds
// them behind an atomic pointer and registration replaces the whole set,
// so a write reads them without a lock.
type signals struct {
	preSave, postSave     map[*registry.Model][]saveFn
	preDelete, postDelete map[*registry.Model][]deleteFn
	m2m                   map[*registry.Relation][]m2mFn // m2m_changed, per many-to-many field
}

type (
	saveFn   = func(context.Context, unsafe.Pointer, bool) error
	deleteFn = func(context.Context, unsafe.Pointer) error
)

// OnPreSave registers fn to run before each Create and Save of a T on db
// (Django's pre_save; created: the object has no key yet). An error from
// fn stops the write and is returned. BulkCreate, BulkUpdate and
// QuerySet.Update send no signals, as in Django.
func OnPreSave[T any](db *DB, fn func(ctx context.Context, obj *T, created bool) error) error {
	return connectSave[T](db, fn, true)
}

// OnPostSave registers fn to run after each Create and Save of a T on db
// (Django's post_save). The row is written when it runs: inside Atomic,
// an error from fn rolls the write back with the rest.
func OnPostSave[T any](db *DB, fn func(ctx context.Context, obj *T, created bool) error) error {
	return connectSave[T](db, fn, false)
}

// OnPreDelete registers fn to run before a T is deleted (Django's
// pre_delete): by DB.Delete, by an on_delete cascade or by QuerySet.Delete,
// which then load the doomed rows. An error stops the delete and rolls
// back what it had done.
func OnPreDelete[T any](db *DB, fn func(ctx context.Context, obj *T) error) error {
	return connectDelete[T](db, fn, true)
}

// OnPostDelete registers fn to run after a T is deleted (Django's
// post_delete), by DB.Delete, a cascade or QuerySet.Delete; for the
// latter two it runs inside the deleting transaction, after every row went.
func OnPostDelete[T any](db *DB, fn func(ctx context.Context, obj *T) error) error {
	return connectDelete[T](db, fn, false)
}

func signalModel[T any](fn any) (*registry.Model, error) {
	if fn == nil || reflect.ValueOf(fn).IsNil() {
		return nil, fmt.Errorf("%w: a signal needs a function", ErrInvalidQuery)
	}
	return metaOf(reflect.TypeFor[T]())
}

func connectSave[T any](db *DB, fn func(context.Context, *T, bool) error, pre bool) error {
	m, err := signalModel[T](fn)
	if err != nil {
		return err
	}
	call := func(ctx context.Context, p unsafe.Pointer, created bool) error { return fn(ctx, (*T)(p), created) }
	db.updateSignals(func(s *signals) {
		if pre {
			s.preSave[m] = append(s.preSave[m], call)
		} else {
			s.postSave[m] = append(s.postSave[m], call)
		}
	})
	return nil
}

func connectDelete[T any](db *DB, fn func(context.Context, *T) error, pre bool) error {
	m, err := signalModel[T](fn)
	if err != nil {
		return err
	}
	call := func(ctx context.Context, p unsafe.Pointer) error { return fn(ctx, (*T)(p)) }
	db.updateSignals(func(s *signals) {
		if pre {
			s.preDelete[m] = append(s.preDelete[m], call)
		} else {
			s.postDelete[m] = append(s.postDelete[m], call)
		}
	})
	return nil
}

// updateSignals applies change to a copy of the DB's signals and publishes
// it (registrations are rare; writes read the set on every save).
func (db *DB) updateSignals(change func(*signals)) {
	db.mu.Lock()
	defer db.mu.Unlock()
	old := db.sig.Load()
	if old == nil {
		old = &signals{}
	}
	next := &signals{preSave: cloneFns(old.preSave), postSave: cloneFns(old.postSave),
		preDelete: cloneFns(old.preDelete), postDelete: cloneFns(old.postDelete), m2m: cloneFns(old.m2m)}
	change(next)
	db.sig.Store(next)
}

func cloneFns[K comparable, F any](m map[K][]F) map[K][]F {
	out := make(map[K][]F, len(m))
	for k, v := range m {
		out[k] = append([]F(nil), v...)
	}
	return out
}

// sendSave runs the save signals of m (pre or post) for the object at p.
func (db *DB) sendSave(ctx context.Context, m *registry.Model, p unsafe.Pointer, created, pre bool) error {
	s := db.sig.Load()
	if s == nil {
		return nil
	}
	fns := s.postSave[m]
	if pre {
		fns = s.preSave[m]
	}
	for _, fn := range fns {
		if err := fn(ctx, p, created); err != nil {
			return err
		}
	}
	return nil
}

// hasDeleteSignals reports whether deleting a row of m runs signals.
func (db *DB) hasDeleteSignals(m *registry.Model) bool {
	s := db.sig.Load()
	return s != nil && (len(s.preDelete[m]) > 0 || len(s.postDelete[m]) > 0)
}

// sendDelete runs the delete signals of m for the object at p.
func (db *DB) sendDelete(ctx context.Context, m *registry.Model, p unsafe.Pointer, pre bool) error {
	s := db.sig.Load()
	if s == nil {
		return nil
	}
	fns := s.postDelete[m]
	if pre {
		fns = s.preDelete[m]
	}
	for _, fn := range fns {
		if err := fn(ctx, p); err != nil {
			return err
		}
	}
	return nil
}
