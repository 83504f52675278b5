package registry

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
)

// Model is the metadata of one registered model type.
type Model struct {
	// alloc allocates n zeroed values of Type without reflection. It is
	// set by the first typed use of the model: registration sees only an
	// interface value, so it cannot instantiate a generic allocator.
	alloc atomic.Pointer[any]

	Type     reflect.Type // the struct type; nil for an automatic M2M join table
	Name     string       // lower-cased Go type name: Django's model_name ("book")
	TypeName string       // Go type name ("Book")
	Label    string       // "pkg.TypeName", the key used in delete counts
	Table    string
	// Fields holds the concrete (column-backed) fields in declaration order,
	// the implicit id first.
	Fields []*Field
	PK     *Field
	// ManyToMany holds the forward many-to-many fields (no column).
	ManyToMany []*Field
	// Attrs holds untagged []*T / *T fields: prefetch ToAttr targets.
	Attrs map[string]*Attr
	// AnnotationFields are fields tagged `orm:"annotation"`: not columns,
	// filled from the annotation of that name when a query selects it.
	AnnotationFields map[string]*Field
	Meta             Meta
	// StateOffset is the offset of the embedded instance state (orm.Model).
	StateOffset uintptr
	// Relations are the ForeignKey and OneToOne fields among Fields.
	Relations []*Field
	// ProxyOf is the concrete model of a proxy model (Meta.Proxy), nil for
	// others.
	ProxyOf *Model
	// Parent is the link of a multi-table child to the model it embeds
	// (Django's _meta.parents), nil for other models. Fields then holds the
	// parent's fields (the same *Field values, whose Model is the parent),
	// the link, and the child's own fields; PK is the link.
	Parent *Field
	// DefaultQuerySet holds the model's default filtering (a
	// func(*orm.QuerySet[*T]) *orm.QuerySet[*T], set by
	// orm.RegisterDefaultQuerySet; Django's custom manager get_queryset).
	DefaultQuerySet atomic.Value

	byName     map[string]*Field // name and attname
	local      []*Field          // the fields of the model's own table (nil: Fields)
	reverse    atomic.Pointer[[]*Relation]
	ready      atomic.Bool
	auto       bool // an automatic join table, not a Go type
	generated  bool // has a generated column
	relations  bool // has a foreign key or one-to-one field
	timestamps bool // has an auto_now or auto_now_add field
	// callDefaults: a field has default=name()
	callDefaults bool
	// dbDefaults: a field has db_default=
	dbDefaults bool
}

// Attr is a struct field that is not a column: a place to put prefetched
// related objects (Django's to_attr).
type Attr struct {
	Name   string
	Offset uintptr
	Type   reflect.Type // []*T or *T
	Elem   reflect.Type // T
	Slice  bool
}

// Meta is the optional per-model configuration a model returns from a
// method `Meta() Meta` (Django's class Meta).
type Meta struct {
	Table string // table name; default snake_case of the type name
	// Proxy makes the model a proxy of the model struct it embeds first
	// (Django's proxy = True): the same table and fields, its own Go type,
	// ordering and methods; no table of its own.
	Proxy          bool
	Ordering       []string   // default ordering, as OrderBy terms ("-price", "title")
	GetLatestBy    []string   // fields Latest and Earliest use when none are given
	Indexes        []Index    // extra indexes
	UniqueTogether [][]string // sets of fields whose values are unique together
	// Constraints are CheckConstraint and UniqueConstraint values (Django's
	// Meta.constraints).
	Constraints []Constraint
	// TableComment is the table's comment in the database (Django's
	// db_table_comment): COMMENT ON TABLE on PostgreSQL and Oracle, the
	// table's COMMENT option on MySQL and MariaDB, nothing on SQLite.
	TableComment string
}

// Index describes an index over one or more fields (Django's Index).
type Index struct {
	Fields []string // field names; a leading "-" makes that column descending
	Name   string   // default: derived from the table and columns
	Unique bool
	// Expressions index computed values instead of Fields (a functional
	// index): orm.Expression values such as functions.Lower("title").
	// Backends without expression indexes (MariaDB) leave the index out,
	// as Django does.
	Expressions []any
	// Condition makes a partial index (an orm.Condition). Backends without
	// partial indexes (MySQL, MariaDB, Oracle) create the index over every
	// row, as Django does.
	Condition any
	// Include adds non-key columns (a covering index, PostgreSQL); other
	// backends leave them out, as Django does.
	Include []string
	// OpClasses names a PostgreSQL operator class per field
	// ("varchar_pattern_ops"); other backends ignore them.
	OpClasses []string
}

// Field returns the field called name (its name or, for a relation, its
// attname such as "author_id"), or nil.
func (m *Model) Field(name string) *Field { return m.byName[name] }

// FieldFold finds a field (many-to-many ones included) whose name or
// column equals name ignoring case: MySQL and MariaDB compare column names
// that way, so a new alias must not collide with any of them.
func (m *Model) FieldFold(name string) *Field {
	if f := m.byName[name]; f != nil {
		return f
	}
	for _, f := range m.Fields {
		if strings.EqualFold(f.Name, name) || strings.EqualFold(f.Column, name) {
			return f
		}
	}
	for _, f := range m.ManyToMany {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// Reverse returns the relations of other models that point at this one;
// a proxy shares its concrete model's (keys to the proxy included). A
// multi-table child inherits its ancestors' relations, except the parent
// links of its siblings, as Django's get_fields does.
func (m *Model) Reverse() []*Relation {
	if m.ProxyOf != nil {
		return m.ProxyOf.Reverse()
	}
	var own []*Relation
	if p := m.reverse.Load(); p != nil {
		own = *p
	}
	if m.Parent == nil {
		return own
	}
	out := append([]*Relation(nil), own...)
	for _, r := range m.Parent.Rel.To().Reverse() {
		if !r.Field.ParentLink {
			out = append(out, r)
		}
	}
	return out
}

// Local returns the fields of the model's own table: Fields, except for a
// multi-table child, whose parents' fields live in their tables.
func (m *Model) Local() []*Field {
	if m.local != nil {
		return m.local
	}
	return m.Fields
}

// Parents lists the ancestors of a multi-table child, nearest first
// (Django's get_parent_list).
func (m *Model) Parents() []*Model {
	var out []*Model
	for p := m.Concrete().Parent; p != nil; p = p.Rel.To().Parent {
		out = append(out, p.Rel.To())
	}
	return out
}

// Tables lists the models whose tables hold the rows of m, root first and
// m's concrete model last: one model, except for a multi-table child.
func (m *Model) Tables() []*Model {
	parents := m.Parents()
	out := make([]*Model, 0, len(parents)+1)
	for i := len(parents) - 1; i >= 0; i-- {
		out = append(out, parents[i])
	}
	return append(out, m.Concrete())
}

// PathToParent returns the parent links from m up to its ancestor a, nil
// when a is not one (Django's get_path_to_parent).
func (m *Model) PathToParent(a *Model) []*Field {
	var out []*Field
	for p := m.Concrete().Parent; p != nil; p = p.Rel.To().Parent {
		out = append(out, p)
		if p.Rel.To() == a {
			return out
		}
	}
	return nil
}

// Concrete returns the model whose table holds the rows: the concrete
// model of a proxy, else m.
func (m *Model) Concrete() *Model {
	if m.ProxyOf != nil {
		return m.ProxyOf
	}
	return m
}

// ReverseByQueryName finds a reverse relation by its lookup name ("books").
// A hidden relation (related_name ending in "+") has none, as in Django.
func (m *Model) ReverseByQueryName(name string) *Relation {
	if strings.HasSuffix(name, "+") {
		return nil
	}
	for _, r := range m.Reverse() {
		if r.RelatedQueryName == name {
			return r
		}
	}
	return nil
}

// ReverseByAccessor finds a reverse relation by its accessor ("books",
// "book_set"), as Related[T](obj, name) names it.
func (m *Model) ReverseByAccessor(name string) *Relation {
	if strings.HasSuffix(name, "+") {
		return nil
	}
	for _, r := range m.Reverse() {
		if r.RelatedName == name {
			return r
		}
	}
	return nil
}

// ManyToManyField finds a forward many-to-many field by name.
func (m *Model) ManyToManyField(name string) *Field {
	for _, f := range m.ManyToMany {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Ready reports whether every relation of the model has been resolved.
func (m *Model) Ready() bool { return m.ready.Load() }

// Auto reports whether the model is an automatic many-to-many join table.
func (m *Model) Auto() bool { return m.auto }

// HasGenerated reports whether any column is generated by the database.
func (m *Model) HasGenerated() bool { return m.generated }

// HasRelations reports whether the model has a foreign key or one-to-one
// field.
func (m *Model) HasRelations() bool { return m.relations }

// HasTimestamps reports whether a field is auto_now or auto_now_add.
func (m *Model) HasTimestamps() bool { return m.timestamps }

// HasDBDefaults reports whether a field has a database default (db_default=).
func (m *Model) HasDBDefaults() bool { return m.dbDefaults }

// HasDefaultFuncs reports whether a field's default is a function.
func (m *Model) HasDefaultFuncs() bool { return m.callDefaults }

// Choices lists the names a lookup may start with on this model, sorted, as
// Django's "Choices are: ..." lists them: fields, attnames, many-to-many
// fields and reverse relations.
func (m *Model) Choices() []string {
	var names []string
	for _, f := range m.Fields {
		names = append(names, f.Name)
		if f.Attname != f.Name {
			names = append(names, f.Attname)
		}
	}
	for _, f := range m.ManyToMany {
		names = append(names, f.Name)
	}
	for _, r := range m.Reverse() {
		if r.RelatedName != "+" {
			names = append(names, r.RelatedQueryName)
		}
	}
	sort.Strings(names)
	return slices.Compact(names)
}

// Allocator returns what SetAllocator stored, or nil.
func (m *Model) Allocator() any {
	if f := m.alloc.Load(); f != nil {
		return *f
	}
	return nil
}

// SetAllocator stores an allocator of the model's values for package orm,
// which makes it from the model's Go type (registration sees only an
// interface value, so it cannot instantiate a generic allocator). It is
// opaque here: only orm knows its type.
func (m *Model) SetAllocator(f any) { m.alloc.Store(&f) }
