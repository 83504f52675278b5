package migrate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Field is a model field as migrations know it: what its column needs,
// no Go type. Type is Django's field class name ("CharField",
// "BigAutoField", "ForeignKey", "OneToOneField", "ManyToManyField", ...).
// A relation names its target model (To) by model name; its column takes
// the type of the target's key.
type Field struct {
	Name   string
	Type   string
	Column string // db_column; "" for the default (the name, name_id for a relation)

	PrimaryKey bool
	Null       bool
	Unique     bool
	Index      bool // db_index

	MaxLength     int
	MaxDigits     int
	DecimalPlaces int

	// Default and DBDefault are tag literals (default=, db_default=),
	// written into the column's DDL as CreateTables does; Lit makes one.
	Default   *string
	DBDefault *string

	Generated string // generated= expression
	Stored    bool
	Comment   string // db_comment=

	To       string // target model of a relation
	ToField  string // to_field=, "" for the target's primary key
	OnDelete string // cascade, protect, set_null, ...
	Through  string // an explicit through model of a ManyToManyField
}

// Lit returns a pointer to s, for Field.Default and one-off defaults.
func Lit(s string) *string { return &s }

// IsRelation reports whether the field is a ForeignKey or OneToOneField.
func (f Field) IsRelation() bool { return f.Type == "ForeignKey" || f.Type == "OneToOneField" }

// IsManyToMany reports whether the field is a ManyToManyField (no column).
func (f Field) IsManyToMany() bool { return f.Type == "ManyToManyField" }

// IsAuto reports whether the database assigns the field's values.
func (f Field) IsAuto() bool { return strings.HasSuffix(f.Type, "AutoField") }

// ColumnName returns the field's column.
func (f Field) ColumnName() string {
	switch {
	case f.Column != "":
		return f.Column
	case f.IsRelation():
		return f.Name + "_id"
	case f.IsManyToMany():
		return ""
	}
	return f.Name
}

// kind returns the field's kind (a relation's is its target's).
func (f Field) kind() (registry.Kind, error) {
	k, ok := registry.KindByName(f.Type)
	if !ok {
		return registry.Invalid, fmt.Errorf("field %s: unknown type %q; valid: %s, BigAutoField, AutoField, ForeignKey, OneToOneField, ManyToManyField",
			f.Name, f.Type, strings.Join(registry.KindNames(), ", "))
	}
	return k, nil
}

// equal reports whether two fields are defined the same.
func (f Field) equal(g Field) bool {
	return f.Name == g.Name && f.sameDefinition(g) && f.ColumnName() == g.ColumnName()
}

// sameDefinition compares everything but the name and the column.
func (f Field) sameDefinition(g Field) bool {
	f.Name, g.Name, f.Column, g.Column = "", "", "", ""
	return f.Type == g.Type && f.PrimaryKey == g.PrimaryKey && f.Null == g.Null && f.Unique == g.Unique &&
		f.Index == g.Index && f.MaxLength == g.MaxLength && f.MaxDigits == g.MaxDigits &&
		f.DecimalPlaces == g.DecimalPlaces && eqPtr(f.Default, g.Default) && eqPtr(f.DBDefault, g.DBDefault) &&
		f.Generated == g.Generated && f.Stored == g.Stored && f.To == g.To && f.ToField == g.ToField &&
		f.OnDelete == g.OnDelete && f.Through == g.Through && f.Comment == g.Comment
}

func eqPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// Index is an explicit index (Meta.Indexes): field names, a leading "-"
// for a descending column; Name "" derives one from the table and columns.
// Expressions (orm.Expression values or field names), Condition (an
// orm.Condition), Include and OpClasses are registry.Index's options; a
// migration file writes them as Go source (orm.Q{...}, functions.Lower(...)).
type Index struct {
	Name        string
	Fields      []string
	Unique      bool
	Expressions []any
	Condition   any
	Include     []string
	OpClasses   []string
}

func (ix Index) equal(o Index) bool {
	return ix.Name == o.Name && ix.Unique == o.Unique && slices.Equal(ix.Fields, o.Fields) &&
		goSource(ix.Expressions) == goSource(o.Expressions) && goSource(ix.Condition) == goSource(o.Condition) &&
		slices.Equal(ix.Include, o.Include) && slices.Equal(ix.OpClasses, o.OpClasses)
}

// Constraint is a named table constraint: a CHECK of the orm.Condition
// CheckCondition (or of the SQL expression Check, written as the database
// reads it), or unique over Fields or Expressions with the options of
// registry.UniqueConstraint: Condition, Include, Nulls ("distinct" or
// "not_distinct"; "" the backend's default) and Deferrable ("deferred"
// or "immediate").
type Constraint struct {
	Name           string
	Fields         []string
	Check          string
	CheckCondition any
	Expressions    []any
	Condition      any
	Include        []string
	Nulls          string
	Deferrable     string
}

func (c Constraint) equal(o Constraint) bool {
	return c.Name == o.Name && c.Check == o.Check && slices.Equal(c.Fields, o.Fields) &&
		goSource(c.CheckCondition) == goSource(o.CheckCondition) && goSource(c.Expressions) == goSource(o.Expressions) &&
		goSource(c.Condition) == goSource(o.Condition) && slices.Equal(c.Include, o.Include) &&
		c.Nulls == o.Nulls && c.Deferrable == o.Deferrable
}

// literal formats a canonical default value (registry.ParseLiteral's
// result) back into its tag literal.
func literal(v any, k registry.Kind) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case decimal.Decimal:
		return x.String()
	case time.Duration:
		return x.String()
	case time.Time:
		switch k {
		case registry.Date:
			return x.Format("2006-01-02")
		case registry.Time:
			return x.Format("15:04:05")
		}
		return x.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

// zeroLiteral is the value existing rows take when a NOT NULL field
// without default comes back (reversing its removal): the kind's zero,
// as Django's effective_default of a non-null field.
func zeroLiteral(k registry.Kind) (string, bool) {
	switch {
	case k.IsText():
		return "", k != registry.UUID
	case k.IsNumeric():
		return "0", true
	case k == registry.Bool:
		return "false", true
	case k == registry.Duration:
		return "0s", true
	}
	return "", false
}
