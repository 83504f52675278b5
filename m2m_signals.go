package orm

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/djorm/orm/registry"
)

// M2MEvent describes a change of a many-to-many relation (Django's
// m2m_changed arguments).
type M2MEvent struct {
	// Action is pre_add, post_add, pre_remove, post_remove, pre_clear or
	// post_clear.
	Action string
	// Instance is the object whose relation changes: the owner of the
	// manager used (a *T of either side).
	Instance any
	// Reverse is true when the change went through the related side's
	// manager (tag.books rather than book.tags).
	Reverse bool
	// Model is the name of the model PKs belong to (the other side).
	Model string
	// PKs are the keys added (only those not related yet, as Django's
	// pk_set) or asked to be removed (all of them, related or not); empty
	// when an Add finds every object related already, nil for the clear
	// actions.
	PKs []any
}

type m2mFn = func(context.Context, M2MEvent) error

// OnM2MChanged registers fn to run around changes of T's many-to-many
// field named field on db (Django's m2m_changed for that through model):
// Add, Remove, Clear and Set (as removes and adds) through either side's
// manager. An error from a pre_ action stops the change; every action runs
// inside the change's transaction.
func OnM2MChanged[T any](db *DB, field string, fn func(ctx context.Context, ev M2MEvent) error) error {
	m, err := signalModel[T](fn)
	if err != nil {
		return err
	}
	f := m.ManyToManyField(field)
	if f == nil {
		var names []string
		for _, x := range m.ManyToMany {
			names = append(names, x.Name)
		}
		return unknownField("OnM2MChanged", m, field, names)
	}
	db.updateSignals(func(s *signals) {
		if s.m2m == nil {
			s.m2m = map[*registry.Relation][]m2mFn{}
		}
		s.m2m[f.Rel] = append(s.m2m[f.Rel], fn)
	})
	return nil
}

// hasM2MSignals reports whether changes of rel run signals.
func (db *DB) hasM2MSignals(rel *registry.Relation) bool {
	s := db.sig.Load()
	return s != nil && len(s.m2m[rel]) > 0
}

// sendM2M runs the m2m_changed functions of the manager's relation.
func (rm *RelatedManager[T]) sendM2M(ctx context.Context, action string, pks []any) error {
	s := rm.db.sig.Load()
	if s == nil || len(s.m2m[rm.rel]) == 0 {
		return nil
	}
	other := rm.rel.To()
	if !rm.forward {
		other = rm.rel.From
	}
	ev := M2MEvent{Action: action, Instance: reflect.NewAt(rm.ownerModel.Type, rm.owner).Interface(),
		Reverse: !rm.forward, Model: other.Name}
	if pks != nil || !strings.HasSuffix(action, "_clear") {
		ev.PKs = append(make([]any, 0, len(pks)), pks...) // empty, not nil, when nothing is added
	}
	for _, fn := range s.m2m[rm.rel] {
		if err := fn(ctx, ev); err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
	}
	return nil
}
