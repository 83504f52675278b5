package registry

import (
	"reflect"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm/internal/objptr"
)

// Field is the metadata of one model field.
type Field struct {
	Model   *Model
	Name    string // "author", "price"
	GoName  string // "Author", "Price"
	Attname string // "author_id" for a relation, else Name
	Column  string // "" for a many-to-many field
	Kind    Kind   // for a relation, the kind of the target field
	Type    reflect.Type
	Offset  uintptr // from the start of the model struct

	PrimaryKey    bool
	Auto          bool // database-assigned (the implicit id)
	Null          bool
	Blank         bool
	Unique        bool
	DBIndex       bool
	MaxLength     int
	MaxDigits     int
	DecimalPlaces int
	// Default is the canonical Go value of default=, when HasDefault.
	Default    any
	HasDefault bool
	// Validators run in Validate (validators=name|name).
	Validators []Validator
	// DefaultFunc is called for each new object's value (default=name()).
	DefaultFunc func() any
	// DBDefault is the default the schema writes into DDL (db_default=):
	// a literal's canonical value, or a DBExpr (db_default=now()). An
	// insert leaves the column out while the field holds its zero value,
	// so the database fills it, and reads the value back.
	DBDefault    any
	HasDBDefault bool
	// Comment is the column's comment in the database (db_comment=).
	Comment string
	// Generated is the SQL expression of a generated column (generated=).
	Generated string
	Stored    bool
	// Choices limit the field's values (its Go type's Choices method),
	// canonical values with their labels.
	Choices []Choice
	// AutoNow: set to the current time on every save (auto_now);
	// AutoNowAdd: on the first (auto_now_add). Django's DateField options.
	AutoNow, AutoNowAdd bool

	Rel *Relation // non-nil for ForeignKey, OneToOne and ManyToMany
	// ParentLink marks the one-to-one key a multi-table child holds to its
	// parent (Django's <parent>_ptr): the child's primary key. It reads and
	// writes the parent's key in memory (the child embeds the parent), so
	// it holds no Ref and IsRelation is false for it.
	ParentLink bool

	codec codec
}

// Get returns the field's canonical value in the model value obj, or nil
// for NULL. A relation field yields its raw key.
func (f *Field) Get(obj objptr.Obj) any { return f.codec.get(obj.Add(f.Offset)) }

// TimeAt reads a time.Time field (plain, pointer or null wrapper) of the
// model value obj without boxing it: valid is false for NULL. ok is false
// when the field does not hold a time.Time.
func (f *Field) TimeAt(obj objptr.Obj) (t time.Time, valid, ok bool) {
	if f.codec.timeAt == nil {
		return time.Time{}, false, false
	}
	t, valid = f.codec.timeAt(obj.Add(f.Offset))
	return t, valid, true
}

// DecimalAt is TimeAt for decimal.Decimal fields.
func (f *Field) DecimalAt(obj objptr.Obj) (d decimal.Decimal, valid, ok bool) {
	if f.codec.decimalAt == nil {
		return decimal.Decimal{}, false, false
	}
	d, valid = f.codec.decimalAt(obj.Add(f.Offset))
	return d, valid, true
}

// Set stores a driver or canonical value into the field of the model value
// obj; nil stores NULL, or the zero value for a non-nullable Go type.
func (f *Field) Set(obj objptr.Obj, v any) error { return f.codec.set(obj.Add(f.Offset), v) }

// IsRelation reports whether the field is a ForeignKey or OneToOne (it has a
// column holding another model's key).
func (f *Field) IsRelation() bool { return f.Rel != nil && f.Rel.Kind != ManyToMany && !f.ParentLink }

// References reports whether the field's column references another
// table's key: a ForeignKey, a OneToOne or a parent link.
func (f *Field) References() bool { return f.Rel != nil && f.Rel.Kind != ManyToMany }

// Concrete reports whether the field has a column.
func (f *Field) Concrete() bool { return f.Column != "" }

// Ref is the raw key a relation field holds; orm.ForeignKey starts with one.
type Ref struct {
	Int   int64 // the key, when the target's key is an integer
	Other any   // the key of any other kind
	Valid bool  // false when NULL or unset
}

// Value returns the key, or nil when the reference is NULL.
func (r Ref) Value() any {
	switch {
	case !r.Valid:
		return nil
	case r.Other != nil:
		return r.Other
	}
	return r.Int
}

// RelKind tells apart the relation field kinds.
type RelKind uint8

// The relation kinds.
const (
	ForeignKey RelKind = iota + 1
	OneToOne
	ManyToMany
)

// String returns Django's field class name of the relation kind.
func (k RelKind) String() string {
	switch k {
	case ForeignKey:
		return "ForeignKey"
	case OneToOne:
		return "OneToOneField"
	case ManyToMany:
		return "ManyToManyField"
	}
	return "Invalid"
}

// OnDelete is what deleting a target does to the rows that refer to it.
type OnDelete uint8

// The on_delete behaviours, as Django names them.
const (
	Cascade OnDelete = iota + 1
	Protect
	Restrict
	SetNull
	SetDefault
	DoNothing
)

var onDeleteNames = map[string]OnDelete{
	"cascade": Cascade, "protect": Protect, "restrict": Restrict,
	"set_null": SetNull, "set_default": SetDefault, "do_nothing": DoNothing,
}

// Relation describes a relation field and, from the other side, the reverse
// relation it creates on its target.
type Relation struct {
	Kind  RelKind
	Field *Field // the forward field
	From  *Model // the model declaring the field
	// TargetType is the Go type of the related model.
	TargetType reflect.Type
	// RelatedName is the accessor on the target ("books", or Django's default
	// "book_set"; the model name for a one-to-one); "+" hides the reverse side.
	RelatedName string
	// RelatedQueryName is the name lookups use from the target ("books", or
	// the model name "book").
	RelatedQueryName string
	OnDelete         OnDelete
	Symmetrical      bool
	ThroughType      reflect.Type // explicit through model, if any

	toFieldName string
	throughName string
	to          *Model
	toField     *Field
	through     *Through
	resolved    atomic.Bool
}

// To returns the target model (nil until the relation is resolved).
func (r *Relation) To() *Model { return r.to }

// ToField returns the field of the target the relation points at (its pk
// unless to_field= names another).
func (r *Relation) ToField() *Field { return r.toField }

// Through returns the join table of a many-to-many relation.
func (r *Relation) Through() *Through { return r.through }

// Resolved reports whether the target model has been registered and wired.
func (r *Relation) Resolved() bool { return r.resolved.Load() }

// Multiple reports whether following the relation from its target side can
// reach several rows: every reverse relation but a one-to-one.
func (r *Relation) Multiple() bool { return r.Kind != OneToOne }

// Through is the join table of a many-to-many relation: an automatic table
// or an explicit through model, with its two foreign keys.
type Through struct {
	Model *Model
	From  *Field // foreign key to the model declaring the ManyToMany field
	To    *Field // foreign key to the target model
}
