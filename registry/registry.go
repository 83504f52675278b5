package registry

import (
	"errors"
	"fmt"
	"path"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
)

// Config tells a Registry how to recognise the orm package's own types,
// which this package cannot import.
type Config struct {
	// StateType is the struct every model embeds (orm.Model); its IDField is
	// the implicit primary key.
	StateType reflect.Type
	IDField   string
	// Relation classifies relation field types (orm.ForeignKey[T] and friends),
	// returning the relation kind and the target's Go type.
	Relation func(t reflect.Type) (RelKind, reflect.Type, bool)
	// Condition checks that a constraint's Check or Condition is a
	// condition (an orm.Condition, not a bare F or a string); nil: any.
	Condition func(v any) error
}

// Registry holds the metadata of registered models. Reads are lock-free; a
// registration publishes a new snapshot.
type Registry struct {
	cfg     Config
	mu      sync.Mutex // serialises registrations
	byType  atomic.Pointer[map[reflect.Type]*Model]
	byTable map[string]*Model
	pending []*Relation
	// defaults are the functions default=name() calls (RegisterDefault).
	defaults map[string]func() any
	// validators are the checks validators=name runs (RegisterValidator).
	validators map[string]validatorFunc
}

// New returns an empty registry.
func New(cfg Config) *Registry {
	r := &Registry{cfg: cfg, byTable: map[string]*Model{}}
	r.byType.Store(&map[reflect.Type]*Model{})
	return r
}

// Lookup returns the metadata of the registered struct type t.
func (r *Registry) Lookup(t reflect.Type) (*Model, bool) {
	m, ok := (*r.byType.Load())[t]
	return m, ok
}

// Models returns every registered model, automatic join tables included.
func (r *Registry) Models() []*Model {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Model, 0, len(r.byTable))
	for _, m := range r.byTable {
		out = append(out, m)
	}
	return out
}

// Register reads the struct tags of each model (a pointer to a struct, or a
// struct value) once. Registering a type again is a no-op. Relations to
// models not registered yet stay pending until their target is registered.
func (r *Registry) Register(models ...any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	next := cloneMap(*r.byType.Load())
	var added []*Model
	for _, v := range models {
		t := reflect.TypeOf(v)
		for t != nil && t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t == nil || t.Kind() != reflect.Struct {
			return fmt.Errorf("orm.Register: want a pointer to a model struct, got %T", v)
		}
		if _, ok := next[t]; ok {
			continue
		}
		m, err := r.build(t, next)
		if err != nil {
			return err
		}
		if m.Meta.Proxy {
			if err := linkProxy(m, next); err != nil {
				return err
			}
			next[t] = m
			added = append(added, m)
			continue
		}
		other := r.byTable[m.Table]
		for _, a := range added {
			if a.Table == m.Table {
				other = a
			}
		}
		if other != nil {
			return fmt.Errorf("orm.Register: %s and %s both use table %q; set Meta().Table on one of them",
				other.Label, m.Label, m.Table)
		}
		next[t] = m
		added = append(added, m)
	}
	for _, m := range added {
		if m.ProxyOf == nil {
			r.byTable[m.Table] = m
		}
		if err := publishParentLink(m); err != nil {
			return err
		}
		for _, f := range m.Local() {
			if f.Rel != nil && !f.ParentLink {
				r.pending = append(r.pending, f.Rel)
			}
		}
		if m.ProxyOf != nil {
			continue // its many-to-many relations are the concrete model's
		}
		for _, f := range m.ManyToMany {
			if f.Model == m {
				r.pending = append(r.pending, f.Rel)
			}
		}
	}
	err := r.resolve(next)
	r.byType.Store(&next)
	return err
}

func cloneMap(m map[reflect.Type]*Model) map[reflect.Type]*Model {
	out := make(map[reflect.Type]*Model, len(m)+4)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// resolve wires every pending relation whose target is now known, then marks
// the models whose relations are all wired as ready.
func (r *Registry) resolve(types map[reflect.Type]*Model) error {
	var firstErr error
	for progress := true; progress; {
		progress = false
		remaining := r.pending[:0:0]
		for _, rel := range r.pending {
			target := types[rel.TargetType]
			if target == nil {
				remaining = append(remaining, rel)
				continue
			}
			err := r.wire(rel, target, types)
			switch {
			case err == errPending:
				remaining = append(remaining, rel)
			case err != nil && firstErr == nil:
				firstErr = err
			case err == nil:
				progress = true
			}
		}
		r.pending = remaining
	}
	for _, m := range types {
		if !m.ready.Load() && allResolved(m) {
			m.ready.Store(true)
		}
	}
	return firstErr
}

// errPending says a relation waits for another model (its through model).
var errPending = errors.New("pending")

func allResolved(m *Model) bool {
	for _, f := range m.Fields {
		if f.Rel != nil && !f.Rel.Resolved() {
			return false
		}
	}
	for _, f := range m.ManyToMany {
		if !f.Rel.Resolved() {
			return false
		}
	}
	return true
}

// Unresolved returns a description of the first pending relation of m, or "".
func (m *Model) Unresolved() string {
	for _, f := range append(append([]*Field(nil), m.Fields...), m.ManyToMany...) {
		if f.Rel != nil && !f.Rel.Resolved() {
			return fmt.Sprintf("%s.%s points to %s, which is not registered; call orm.Register(&%s{})",
				m.TypeName, f.GoName, f.Rel.TargetType, f.Rel.TargetType.Name())
		}
	}
	return ""
}

func (r *Registry) wire(rel *Relation, target *Model, types map[reflect.Type]*Model) error {
	f := rel.Field
	where := rel.From.TypeName + "." + f.GoName
	to := target.PK
	if rel.toFieldName != "" {
		to = target.Field(rel.toFieldName)
		if to == nil || to.Rel != nil || !(to.Unique || to.PrimaryKey) {
			return fmt.Errorf("orm.Register: %s: to_field=%s must name a unique field of %s; choices: %s",
				where, rel.toFieldName, target.TypeName, strings.Join(uniqueFieldNames(target), ", "))
		}
	}
	if rel.Kind == ManyToMany {
		th, err := r.through(rel, target, types)
		if err != nil {
			return err
		}
		rel.through = th
	} else {
		f.Kind, f.MaxLength, f.MaxDigits, f.DecimalPlaces = to.Kind, to.MaxLength, to.MaxDigits, to.DecimalPlaces
		f.codec = refCodec(to.Kind)
	}
	rel.to, rel.toField = target, to
	// A key to a proxy is a relation of its concrete model too (Django
	// files it under the concrete model): deleting rows of the table
	// through either model must find it.
	if err := addReverse(target.Concrete(), rel); err != nil {
		return err
	}
	rel.resolved.Store(true)
	return nil
}

func uniqueFieldNames(m *Model) []string {
	var out []string
	for _, f := range m.Fields {
		if (f.Unique || f.PrimaryKey) && f.Rel == nil {
			out = append(out, f.Name)
		}
	}
	return out
}

// addReverse publishes rel on its target, refusing a reverse name that
// clashes with a field or another reverse relation (Django's E302-E305).
func addReverse(target *Model, rel *Relation) error {
	old := target.Reverse()
	var own []*Relation
	if p := target.reverse.Load(); p != nil {
		own = *p
	}
	if rel.RelatedName != "+" {
		where := rel.From.TypeName + "." + rel.Field.GoName
		if f := target.Field(rel.RelatedQueryName); f != nil || target.ManyToManyField(rel.RelatedQueryName) != nil {
			return fmt.Errorf("orm.Register: %s: reverse query name %q clashes with field %s.%s; set related_name= on %s",
				where, rel.RelatedQueryName, target.TypeName, rel.RelatedQueryName, where)
		}
		for _, o := range old {
			if o.RelatedName != "+" && (o.RelatedQueryName == rel.RelatedQueryName || o.RelatedName == rel.RelatedName) {
				return fmt.Errorf("orm.Register: %s: reverse name %q clashes with %s.%s; set related_name= on one of them",
					where, rel.RelatedName, o.From.TypeName, o.Field.GoName)
			}
		}
	}
	next := append(append([]*Relation(nil), own...), rel)
	target.reverse.Store(&next)
	return nil
}

// through finds or creates the join table of a many-to-many relation.
func (r *Registry) through(rel *Relation, target *Model, types map[reflect.Type]*Model) (*Through, error) {
	from := rel.From
	if rel.throughName != "" {
		var tm *Model
		for t, m := range types {
			if t.Name() == rel.throughName && t.PkgPath() == from.Type.PkgPath() {
				tm = m
			}
		}
		if tm == nil {
			return nil, errPending
		}
		for _, f := range tm.Fields {
			if f.Rel != nil && !f.Rel.Resolved() {
				return nil, errPending
			}
		}
		rel.ThroughType = tm.Type
		th := &Through{Model: tm}
		for _, f := range tm.Fields {
			if f.Rel == nil {
				continue
			}
			switch {
			case f.Rel.TargetType == from.Type && th.From == nil:
				th.From = f
			case f.Rel.TargetType == target.Type && th.To == nil:
				th.To = f
			}
		}
		if th.From == nil || th.To == nil {
			return nil, fmt.Errorf("orm.Register: %s.%s: through model %s needs a ForeignKey to %s and one to %s",
				from.TypeName, rel.Field.GoName, tm.TypeName, from.TypeName, target.TypeName)
		}
		return th, nil
	}
	fromCol, toCol := from.Name+"_id", target.Name+"_id"
	if from == target {
		fromCol, toCol = "from_"+from.Name+"_id", "to_"+target.Name+"_id"
	}
	tm := &Model{
		Name: from.Name + "_" + rel.Field.Name, TypeName: from.TypeName + "_" + rel.Field.Name,
		Table: from.Table + "_" + rel.Field.Name, auto: true, byName: map[string]*Field{},
	}
	tm.Label = strings.SplitN(from.Label, ".", 2)[0] + "." + tm.TypeName
	id := &Field{Model: tm, Name: "id", GoName: "ID", Attname: "id", Column: "id", Kind: BigInt,
		PrimaryKey: true, Auto: true, codec: codecFor(shapeOf(reflect.TypeOf(int64(0))), BigInt, 0)}
	mk := func(name, col string, to *Model) *Field {
		f := &Field{Model: tm, Name: strings.TrimSuffix(col, "_id"), Attname: col, Column: col,
			Kind: to.PK.Kind, DBIndex: true, codec: refCodec(to.PK.Kind)}
		f.GoName = name
		f.Rel = &Relation{Kind: ForeignKey, Field: f, From: tm, TargetType: to.Type, RelatedName: "+",
			RelatedQueryName: "+", OnDelete: Cascade, to: to, toField: to.PK}
		f.Rel.resolved.Store(true)
		return f
	}
	th := &Through{Model: tm, From: mk(from.TypeName, fromCol, from), To: mk(target.TypeName, toCol, target)}
	tm.Fields = []*Field{id, th.From, th.To}
	tm.PK = id
	for _, f := range tm.Fields {
		tm.byName[f.Name], tm.byName[f.Attname] = f, f
	}
	tm.Meta.UniqueTogether = [][]string{{th.From.Name, th.To.Name}}
	if other := r.byTable[tm.Table]; other != nil {
		return nil, fmt.Errorf("orm.Register: join table %q of %s.%s clashes with %s", tm.Table, from.TypeName, rel.Field.GoName, other.Label)
	}
	r.byTable[tm.Table] = tm
	for _, f := range []*Field{th.From, th.To} {
		if err := addReverse(f.Rel.to, f.Rel); err != nil {
			return nil, err
		}
	}
	tm.ready.Store(true)
	return th, nil
}

func pkgName(t reflect.Type) string {
	if p := t.PkgPath(); p != "" {
		return path.Base(p)
	}
	return "main"
}

// linkProxy makes m a proxy of the model struct it embeds first: that
// model's table, its many-to-many relations, and no reverse relations of
// its own keys (the concrete model's serve, as in Django).
func linkProxy(m *Model, types map[reflect.Type]*Model) error {
	if m.Meta.Table != "" {
		return fmt.Errorf("orm.Register: %s is a proxy: it uses its concrete model's table; remove Meta.Table", m.Label)
	}
	var concrete *Model
	for i := 0; i < m.Type.NumField() && concrete == nil; i++ {
		sf := m.Type.Field(i)
		if sf.Anonymous {
			concrete = types[sf.Type]
		}
	}
	if concrete == nil {
		return fmt.Errorf("orm.Register: %s is a proxy: it must embed a registered model struct (register that model first, or in the same call before it)", m.Label)
	}
	if concrete.Concrete().Parent != nil {
		return fmt.Errorf("orm.Register: %s is a proxy of %s, a multi-table child: djorm does not support that yet; make it a proxy of a model without a parent", m.Label, concrete.Label)
	}
	m.ProxyOf = concrete.Concrete()
	m.Table = m.ProxyOf.Table
	for _, f := range m.Fields {
		if f.Rel != nil {
			f.Rel.RelatedName, f.Rel.RelatedQueryName = "+", "+"
		}
	}
	for i, f := range m.ManyToMany {
		cf := m.ProxyOf.ManyToManyField(f.Name)
		if cf == nil {
			return fmt.Errorf("orm.Register: %s is a proxy: many-to-many field %s is not its concrete model's; proxies add no fields", m.Label, f.Name)
		}
		m.ManyToMany[i] = cf
		m.byName[f.Name] = cf
	}
	if len(m.Fields) != len(m.ProxyOf.Fields) {
		return fmt.Errorf("orm.Register: %s is a proxy: it has %d fields, %s %d; proxies add no fields", m.Label, len(m.Fields), m.ProxyOf.TypeName, len(m.ProxyOf.Fields))
	}
	return nil
}

// publishParentLink makes the parent link of a multi-table child a reverse
// one-to-one relation of its parent (place.restaurant), so deleting the
// parent cascades to the child and the parent can filter on the child.
func publishParentLink(m *Model) error {
	if m.Parent == nil || m.ProxyOf != nil {
		return nil
	}
	rel := m.Parent.Rel
	if err := addReverse(rel.to, rel); err != nil {
		return err
	}
	rel.resolved.Store(true)
	return nil
}
