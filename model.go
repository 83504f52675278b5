package orm

import (
	"fmt"
	"reflect"
	"sort"
	"time"
	"unsafe"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Model is embedded in every model struct. It gives the implicit primary
// key ID (a BIGINT the database assigns) unless another field is tagged pk,
// and carries the instance's state: the database it came from, whether it
// is saved, its annotations, deferred fields and prefetched relations.
type Model struct {
	ID int64
	st state
}

// state is Django's Model._state plus the per-instance caches.
type state struct {
	db       *DB
	saved    bool
	deferred []string       // shared by every instance of one query
	ann      map[string]any // annotations and Extra select values
	exprs    map[string]Expression
	cache    map[string]any // prefetched and reverse one-to-one objects
	peers    *peerGroup     // FetchPeers
	mode     FetchModeKind
}

// loadedAsKey keys, in a multi-table child's cache, the model it was read
// or created as: its embedded parents then answer their reverse parent
// link with it, without a query. (In the cache rather than a field of its
// own, so instances of other models stay as small as they were.)
const loadedAsKey = "\x00as"

// loadedAs returns the multi-table child the instance was read or created
// as, or nil.
func (st *Model) loadedAs() *registry.Model {
	m, _ := st.st.cache[loadedAsKey].(*registry.Model)
	return m
}

// Annotation returns the value of an annotation (or Extra select column)
// the instance was loaded with, or nil.
func (m *Model) Annotation(name string) any { return m.st.ann[name] }

// Annotations returns the names of the instance's annotations, sorted.
func (m *Model) Annotations() []string {
	names := make([]string, 0, len(m.st.ann))
	for k := range m.st.ann {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// DeferredFields lists the fields Only/Defer left unloaded (Django's
// get_deferred_fields()).
func (m *Model) DeferredFields() []string { return append([]string(nil), m.st.deferred...) }

// SetExpr makes the next Create or Save write the database-evaluated
// expression e into field (Django's obj.field = F(...) + 1), after which the
// field is refreshed from the database.
func (m *Model) SetExpr(field string, e Expression) {
	if m.st.exprs == nil {
		m.st.exprs = map[string]Expression{}
	}
	m.st.exprs[field] = e
}

// Saved reports whether the instance is known to exist in the database
// (loaded from it, or created or saved through djorm).
func (m *Model) Saved() bool { return m.st.saved }

// models is the process's model registry: the only global state users
// change (the bounded caches doc.go lists depend only on their keys).
var models = registry.New(registry.Config{
	StateType: reflect.TypeOf(Model{}),
	IDField:   "ID",
	Relation:  relationKind,
	Condition: checkCondition,
})

// checkCondition accepts what a constraint's Check or Condition may be: an
// orm.Condition other than a bare F() (Django: "must be a Q instance or
// boolean expression").
func checkCondition(v any) error {
	c, ok := v.(Condition)
	if !ok {
		return fmt.Errorf("%w: must be an orm.Condition (orm.Q, orm.Not, orm.Or, a boolean expression), not %T", ErrInvalidQuery, v)
	}
	if e, ok := c.(*Expr); ok {
		if _, bare := e.s.(*sqlq.F); bare {
			return fmt.Errorf("%w: must be an orm.Condition (orm.Q, orm.Not, orm.Or, a boolean expression), not F(%q)", ErrInvalidQuery, e.path)
		}
	}
	return nil
}

// Register reads the struct tags of each model once. Call it at init for
// every model (a pointer to a zero value: orm.Register(&Author{}, &Book{})).
// Relations to models not yet registered resolve when those are.
func Register(modelPtrs ...any) error { return models.Register(modelPtrs...) }

// MustRegister is Register that panics on error, for package init.
func MustRegister(modelPtrs ...any) {
	if err := Register(modelPtrs...); err != nil {
		panic(err)
	}
}

// Meta is the optional configuration a model returns from a method
// `Meta() orm.Meta` (Django's class Meta).
type Meta = registry.Meta

// Index describes an extra index in Meta.Indexes.
type Index = registry.Index

// metaOf returns the metadata of T, which must be registered and resolved.
func metaOf(t reflect.Type) (*registry.Model, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	m, ok := models.Lookup(t)
	if !ok {
		return nil, fmt.Errorf("%w: %s is not a registered model; call orm.Register(&%s{})", ErrInvalidQuery, t, t.Name())
	}
	if !m.Ready() {
		return nil, fmt.Errorf("%w: %s", ErrInvalidQuery, m.Unresolved())
	}
	return m, nil
}

// modelOf returns the metadata of the model obj points to, and the pointer.
func modelOf(obj any) (*registry.Model, unsafe.Pointer, error) {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, nil, fmt.Errorf("%w: want a non-nil pointer to a model, got %T", ErrInvalidQuery, obj)
	}
	m, err := metaOf(v.Type().Elem())
	if err != nil {
		return nil, nil, err
	}
	return m, v.UnsafePointer(), nil
}

// stateOf returns the embedded Model of a model value.
func stateOf(m *registry.Model, p unsafe.Pointer) *Model {
	return (*Model)(unsafe.Add(p, m.StateOffset))
}

// NewObject returns a new T with every field's default= value set, as
// Django's model constructor does. A zero T is a valid model too; NewObject
// only applies the declared defaults.
func NewObject[T any]() *T {
	obj := new(T)
	if m, err := metaOf(reflect.TypeOf(obj).Elem()); err == nil {
		applyDefaults(m, unsafe.Pointer(obj))
	}
	return obj
}

func applyDefaults(m *registry.Model, p unsafe.Pointer) {
	for _, f := range m.Fields {
		switch {
		case f.HasDefault:
			_ = f.Set(objptr.Of(p), f.Default)
		case f.DefaultFunc != nil:
			_ = f.Set(objptr.Of(p), f.DefaultFunc())
		}
	}
}

// callDefaults gives the fields whose default is a function and that hold
// their zero value that function's value, as a new object would have had
// from Django's constructor (Create of a zero value).
func callDefaults(m *registry.Model, p unsafe.Pointer) error {
	if !m.HasDefaultFuncs() {
		return nil
	}
	for _, f := range m.Fields {
		if f.DefaultFunc == nil || !isZeroValue(f.Get(objptr.Of(p))) {
			continue
		}
		if err := f.Set(objptr.Of(p), f.DefaultFunc()); err != nil {
			return fmt.Errorf("orm: %s.%s: its default function: %w", m.TypeName, f.Name, err)
		}
	}
	return nil
}

// isZeroValue reports whether a canonical field value is its kind's zero
// (or NULL).
func isZeroValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case int64:
		return x == 0
	case float64:
		return x == 0
	case bool:
		return !x
	case time.Time:
		return x.IsZero()
	case time.Duration:
		return x == 0
	case decimal.Decimal:
		return x.IsZero()
	case []byte:
		return len(x) == 0
	}
	return false
}

// RegisterDefault names a function that a field tagged default=name()
// calls for each new object (Django's callable defaults): NewObject sets
// it, and Create, Save of a new object, BulkCreate and GetOrCreate set it
// where the field holds its zero value. now() and uuid4() are built in.
// Register before the models that use it.
func RegisterDefault(name string, fn func() any) error { return models.RegisterDefault(name, fn) }

// pkValue returns the primary key of the model value at p, or nil when unset.
func pkValue(m *registry.Model, p unsafe.Pointer) any {
	v := m.PK.Get(objptr.Of(p))
	if isZeroKey(v) {
		return nil
	}
	return v
}

func isZeroKey(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case int64:
		return x == 0
	case string:
		return x == ""
	}
	return false
}

// PK returns the implicit primary key (the ID field).
func (m *Model) PK() int64 { return m.ID }
