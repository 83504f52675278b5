package migrate

import (
	"reflect"
	"slices"
	"strings"
)

// Optimize shortens a list of operations as Django's MigrationOptimizer
// does for squashmigrations: each operation is compared with those after
// it, and a pair that folds into fewer operations is replaced, when every
// operation between them may move past one of the two:
//
//   - CreateModel absorbs the field, index, constraint, unique-together
//     and table operations of its model and a RenameModel of it;
//     CreateModel then DeleteModel vanish;
//   - AddField absorbs an AlterField or RenameField of its field and
//     vanishes with a RemoveField of it; AlterField then RemoveField is
//     the RemoveField; RenameModel and RenameField chains collapse.
//
// Two operations may pass each other when they touch different models,
// or different fields of one model; DeleteModel, RunSQL, RunGo and any
// operation this package does not know touch everything. The result
// replays to the same state as ops (Squash checks that).
func Optimize(ops []Operation) []Operation {
	for range 10 * (len(ops) + 1) { // each round shortens or reorders once; a bound against a cycle
		next, changed := optimizeOnce(ops)
		if !changed {
			return next
		}
		ops = next
	}
	return ops
}

// optimizeOnce performs the first reduction it finds (Django's
// optimize_inner).
func optimizeOnce(ops []Operation) ([]Operation, bool) {
	for i, op := range ops {
		right := true
		for j := i + 1; j < len(ops); j++ {
			other := ops[j]
			if result, ok := reduce(op, other); ok {
				between := ops[i+1 : j]
				out := slices.Clone(ops[:i])
				switch {
				case right:
					out = append(append(out, between...), result...)
				case allPass(between, other):
					out = append(append(out, result...), between...)
				default:
					continue
				}
				return append(out, ops[j+1:]...), true
			}
			if !pass(op, other) {
				right = false
			}
		}
	}
	return ops, false
}

func allPass(ops []Operation, other Operation) bool {
	for _, op := range ops {
		if !pass(op, other) {
			return false
		}
	}
	return true
}

// reduce folds a followed by b into the operations returned, when one of
// the rules of Optimize applies.
func reduce(a, b Operation) ([]Operation, bool) {
	switch a := a.(type) {
	case CreateModel:
		return reduceCreate(a, b)
	case AddField:
		switch b := b.(type) {
		case AlterField:
			if sameField(a.Model, a.Field.Name, b.Model, b.Field.Name) {
				one := b.OneOffDefault
				if one == nil && !b.Field.Null && b.Field.Default == nil {
					one = a.OneOffDefault
				}
				return []Operation{AddField{Model: a.Model, Field: b.Field, OneOffDefault: one}}, true
			}
		case RemoveField:
			if sameField(a.Model, a.Field.Name, b.Model, b.Name) {
				return []Operation{}, true
			}
		case RenameField:
			if sameField(a.Model, a.Field.Name, b.Model, b.OldName) {
				f := a.Field
				f.Name = b.NewName
				return []Operation{AddField{Model: a.Model, Field: f, OneOffDefault: a.OneOffDefault}}, true
			}
		}
	case AlterField:
		switch b := b.(type) {
		case AlterField:
			if sameField(a.Model, a.Field.Name, b.Model, b.Field.Name) {
				one := b.OneOffDefault
				if one == nil {
					one = a.OneOffDefault
				}
				return []Operation{AlterField{Model: b.Model, Field: b.Field, OneOffDefault: one}}, true
			}
		case RemoveField:
			if sameField(a.Model, a.Field.Name, b.Model, b.Name) {
				return []Operation{b}, true
			}
		}
	case RenameField:
		if b, ok := b.(RenameField); ok && sameField(a.Model, a.NewName, b.Model, b.OldName) {
			if a.OldName == b.NewName {
				return []Operation{}, true
			}
			return []Operation{RenameField{Model: a.Model, OldName: a.OldName, NewName: b.NewName}}, true
		}
	case RenameModel:
		if b, ok := b.(RenameModel); ok && strings.EqualFold(a.NewName, b.OldName) {
			if strings.EqualFold(a.OldName, b.NewName) {
				return []Operation{}, true
			}
			return []Operation{RenameModel{OldName: a.OldName, NewName: b.NewName}}, true
		}
	}
	return nil, false
}

// reduceCreate folds an operation on a model just created into its
// CreateModel, by replaying both on a state that holds only that model:
// the result is what StateForwards makes of the pair, whatever it is.
func reduceCreate(a CreateModel, b Operation) ([]Operation, bool) {
	switch b := b.(type) {
	case DeleteModel:
		if strings.EqualFold(a.Name, b.Name) {
			return []Operation{}, true
		}
		return nil, false
	case RenameModel:
		if !strings.EqualFold(a.Name, b.OldName) {
			return nil, false
		}
		c := a
		c.Name = strings.ToLower(b.NewName)
		return []Operation{c}, true
	case AddField, AlterField, RemoveField, RenameField, AlterUniqueTogether, AlterModelTable,
		AddIndex, RemoveIndex, RenameIndex, AddConstraint, RemoveConstraint:
		if !strings.EqualFold(modelOf(b), a.Name) {
			return nil, false
		}
	default:
		return nil, false
	}
	st := NewState()
	if a.StateForwards(st) != nil || b.StateForwards(st) != nil {
		return nil, false
	}
	m := st.Model(a.Name)
	return []Operation{CreateModel{Name: a.Name, Table: m.Table, Fields: m.Fields, Indexes: nilIfEmpty(m.Indexes),
		Constraints: nilIfEmpty(m.Constraints), UniqueTogether: nilIfEmpty(m.UniqueTogether), TableComment: m.TableComment}}, true
}

// nilIfEmpty keeps an empty list out of a written CreateModel.
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func sameField(m1, f1, m2, f2 string) bool { return strings.EqualFold(m1, m2) && f1 == f2 }

// touch is what an operation reads or changes: whole models, some
// fields of models, and models it only refers to (the target of a
// relation must exist, with its key or to_field: "" stands for the
// primary key); all means everything (a barrier).
type touch struct {
	all    bool
	whole  map[string]bool
	fields map[string][]string
	refs   map[string][]string
}

// touches describes what op reads or changes.
func touches(op Operation) touch {
	t := touch{whole: map[string]bool{}, fields: map[string][]string{}, refs: map[string][]string{}}
	ref := func(f Field) {
		if f.To != "" {
			t.refs[strings.ToLower(f.To)] = append(t.refs[strings.ToLower(f.To)], f.ToField)
		}
		if f.Through != "" {
			t.whole[strings.ToLower(f.Through)] = true
		}
	}
	field := func(model string, names ...string) {
		t.fields[strings.ToLower(model)] = append(t.fields[strings.ToLower(model)], names...)
	}
	switch o := op.(type) {
	case CreateModel:
		t.whole[strings.ToLower(o.Name)] = true
		for _, f := range o.Fields {
			ref(f)
		}
	case RenameModel:
		t.whole[strings.ToLower(o.OldName)], t.whole[strings.ToLower(o.NewName)] = true, true
	case AddField:
		field(o.Model, o.Field.Name)
		ref(o.Field)
	case AlterField:
		field(o.Model, o.Field.Name)
		ref(o.Field)
	case RemoveField:
		field(o.Model, o.Name)
	case RenameField:
		field(o.Model, o.OldName, o.NewName)
	case AlterModelTable, AddIndex, RemoveIndex, RenameIndex, AddConstraint, RemoveConstraint, AlterUniqueTogether:
		t.whole[strings.ToLower(modelOf(op))] = true
	default: // DeleteModel (its model may be the target of any relation), RunSQL, RunGo, unknown
		t.all = true
	}
	return t
}

// modelOf returns the Model (or Name) field of an operation on one model.
func modelOf(op Operation) string {
	v := reflect.ValueOf(op)
	for _, name := range []string{"Model", "Name"} {
		if f := v.FieldByName(name); f.IsValid() && f.Kind() == reflect.String {
			return f.String()
		}
	}
	return ""
}

// pass reports whether a and b may change places: neither touches a
// model the other changes as a whole, they change different fields, and
// neither changes the key or to_field a relation of the other refers to.
func pass(a, b Operation) bool {
	ta, tb := touches(a), touches(b)
	return !ta.all && !tb.all && !ta.meets(tb) && !tb.meets(ta)
}

// meets reports whether what t changes touches what u reads or changes.
func (t touch) meets(u touch) bool {
	for m := range t.whole {
		if u.whole[m] || u.fields[m] != nil || u.refs[m] != nil {
			return true
		}
	}
	for m, fs := range t.fields {
		for _, f := range fs {
			if slices.Contains(u.fields[m], f) || slices.Contains(u.refs[m], f) || f == "id" && slices.Contains(u.refs[m], "") {
				return true
			}
		}
	}
	return false
}
