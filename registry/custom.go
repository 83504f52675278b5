package registry

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

var (
	scannerType = reflect.TypeOf((*sql.Scanner)(nil)).Elem()
	valuerType  = reflect.TypeOf((*driver.Valuer)(nil)).Elem()
)

// isCustomType reports whether a Go type outside djorm's kinds reads and
// writes itself: *T is an sql.Scanner and T (or *T) a driver.Valuer.
func isCustomType(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(scannerType) &&
		(t.Implements(valuerType) || reflect.PointerTo(t).Implements(valuerType))
}

// knownType reports whether djorm reads t itself although it implements
// sql.Scanner (decimal.Decimal, decimal.NullDecimal, database/sql's Null
// types).
func knownType(t reflect.Type) bool {
	return t == decimalType || t == nullDecimalType || isSQLNull(t)
}

// customKinds are the type= names a custom type declares its column with.
var customKinds = map[string]Kind{
	"string": String, "text": Text, "uuid": UUID, "smallint": SmallInt, "int": Int, "bigint": BigInt,
	"bool": Bool, "float": Float, "decimal": Decimal, "date": Date, "datetime": DateTime,
	"time": Time, "duration": Duration, "bytes": Bytes, "json": JSON,
}

// ValueError is the canonical value of a field whose Value method failed:
// validation refuses it before any SQL.
type ValueError struct{ Err error }

func (e ValueError) Error() string { return "its Value method failed: " + e.Err.Error() }

// customField builds a field of a type that implements sql.Scanner and
// driver.Valuer; type= names its column's kind (type=string with
// max_length=, type=decimal with max_digits= and decimal_places=, ...). The
// type reads NULL itself, so null needs no pointer.
//
// type=<element>[] (one [] per dimension) makes it an array column,
// Django's ArrayField: type=integer[], type=varchar(20)[], type=date[][]
// (see ParseArrayType).
func (b *builder) customField(sf reflect.StructField, off uintptr, o tagOptions) (*Field, error) {
	typ := o.values["type"]
	k, ok := customKinds[typ]
	var at *ArrayType
	if !ok && strings.HasSuffix(typ, "[]") {
		t, err := ParseArrayType(typ)
		if err != nil {
			return nil, err
		}
		at, k, ok = &t, Array, true
	}
	if !ok {
		return nil, fmt.Errorf("%s reads and writes itself (sql.Scanner, driver.Valuer): give its column kind with type=, one of "+
			"string, text, uuid, smallint, int, bigint, bool, float, decimal, date, datetime, time, duration, bytes, json, "+
			"or an array type <element>[] (integer[], varchar(20)[], ...; PostgreSQL only)", sf.Type)
	}
	f := &Field{Model: b.m, Name: SnakeCase(sf.Name), GoName: sf.Name, Type: sf.Type, Offset: off, Kind: k}
	f.Attname = f.Name
	delete(o.values, "type")
	if err := f.applyOptions(o, valueShape{base: sf.Type, ptr: o.flags["null"]}); err != nil {
		return nil, err
	}
	if at != nil {
		if f.HasDefault || f.HasDBDefault {
			return nil, fmt.Errorf("default= and db_default= are not supported on array fields (type=%s)", typ)
		}
		arrayTypes.Store(f, at)
	}
	f.codec = customCodec(sf.Type, k)
	return f, nil
}

// ArrayType is the column type of an array field (Kind Array): the kind and
// sizes of its elements, and its number of dimensions. Django's
// ArrayField(base_field) keeps the same facts in base_field.
type ArrayType struct {
	// Elem is the elements' kind.
	Elem Kind
	// Name is the element type as the tag names it, without sizes:
	// "integer", "varchar", "inet" (ParseArrayType lists the names). The
	// dialect spells the column type from it.
	Name string
	// MaxLength (varchar(n)), MaxDigits and DecimalPlaces (numeric(p,s))
	// size the elements.
	MaxLength, MaxDigits, DecimalPlaces int
	// Dims is the number of dimensions: 1 for integer[], 2 for integer[][].
	Dims int
}

// arrayTypes holds the ArrayType of each array field, by field: fields are
// built once and never copied.
var arrayTypes sync.Map // *Field -> *ArrayType

// ArrayType returns the column type of an array field (Kind Array); ok is
// false for other fields, and for an array field described without its
// element type (a field rebuilt from a migration's state).
func (f *Field) ArrayType() (t ArrayType, ok bool) {
	if f == nil || f.Kind != Array {
		return ArrayType{}, false
	}
	if v, found := arrayTypes.Load(f); found {
		return *v.(*ArrayType), true
	}
	return ArrayType{}, false
}

// arrayElements are the element type names an array field's type= accepts,
// PostgreSQL's spellings and djorm's kind names; varchar/string take a
// length, numeric/decimal a precision and scale.
var arrayElements = map[string]Kind{
	"smallint": SmallInt, "integer": Int, "int": Int, "bigint": BigInt,
	"boolean": Bool, "bool": Bool, "double precision": Float, "float": Float,
	"numeric": Decimal, "decimal": Decimal, "text": Text, "varchar": String, "string": String,
	"uuid": UUID, "date": Date, "timestamptz": DateTime, "datetime": DateTime, "time": Time,
	"interval": Duration, "duration": Duration, "inet": Text, "cidr": Text,
}

// arrayElementNames lists arrayElements for error messages.
const arrayElementNames = "smallint, integer (int), bigint, boolean (bool), double precision (float), " +
	"numeric(p,s) (decimal(p,s)), text, varchar(n) (string(n)), uuid, date, timestamptz (datetime), time, " +
	"interval (duration), inet, cidr"

// ParseArrayType reads an array column type as a field's type= gives it:
// an element type from a closed list followed by one [] per dimension
// (at most 6): "integer[]", "varchar(20)[]", "numeric(5,2)[]",
// "timestamptz[]", "integer[][]". Element names: smallint, integer (int),
// bigint, boolean (bool), double precision (float), numeric(p,s)
// (decimal(p,s)), text, varchar(n) (string(n)), uuid, date, timestamptz
// (datetime), time, interval (duration), inet and cidr (held as text).
func ParseArrayType(typ string) (ArrayType, error) {
	base := strings.TrimSpace(typ)
	var t ArrayType
	for strings.HasSuffix(base, "[]") {
		base = strings.TrimSpace(strings.TrimSuffix(base, "[]"))
		t.Dims++
	}
	fail := func(why string) (ArrayType, error) {
		return ArrayType{}, fmt.Errorf("type=%s: %s; an array type is an element type followed by [] per dimension, "+
			"the element one of %s", typ, why, arrayElementNames)
	}
	if t.Dims == 0 || t.Dims > 6 {
		return fail("want 1 to 6 dimensions")
	}
	name, sizes, hasSizes := strings.Cut(strings.ToLower(base), "(")
	name = strings.TrimSpace(name)
	k, ok := arrayElements[name]
	if !ok {
		return fail(fmt.Sprintf("unknown element type %q", name))
	}
	t.Elem, t.Name = k, name
	var nums []int
	if hasSizes {
		inner, ok := strings.CutSuffix(strings.TrimSpace(sizes), ")")
		if !ok {
			return fail("unbalanced parentheses")
		}
		for _, part := range strings.Split(inner, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(part))
			if err != nil || n < 0 {
				return fail(fmt.Sprintf("size %q is not a non-negative integer", strings.TrimSpace(part)))
			}
			nums = append(nums, n)
		}
	}
	switch k {
	case String:
		if len(nums) != 1 || nums[0] == 0 {
			return fail(name + " needs a length: " + name + "(n)")
		}
		t.MaxLength = nums[0]
	case Decimal:
		if len(nums) != 2 || nums[0] == 0 || nums[1] > nums[0] {
			return fail(name + " needs a precision and a scale: " + name + "(p,s), 0 <= s <= p")
		}
		t.MaxDigits, t.DecimalPlaces = nums[0], nums[1]
	default:
		if hasSizes {
			return fail(name + " takes no size")
		}
	}
	return t, nil
}

// customCodec calls the type's Value and Scan methods, converting what
// Value returns to the kind's canonical value.
func customCodec(t reflect.Type, k Kind) codec {
	to := canonical(k)
	byValue := t.Implements(valuerType)
	return codec{
		get: func(p unsafe.Pointer) any {
			var v driver.Valuer
			if byValue {
				v = reflect.NewAt(t, p).Elem().Interface().(driver.Valuer)
			} else {
				v = reflect.NewAt(t, p).Interface().(driver.Valuer)
			}
			dv, err := v.Value()
			if err != nil {
				return ValueError{err}
			}
			if dv == nil {
				return nil
			}
			if k == JSON {
				if b, ok := dv.([]byte); ok {
					return string(b)
				}
				return dv
			}
			cv, err := to(dv)
			if err != nil {
				return ValueError{fmt.Errorf("%T is not a %s value: %w", dv, k, err)}
			}
			return cv
		},
		set: func(p unsafe.Pointer, src any) error {
			return reflect.NewAt(t, p).Interface().(sql.Scanner).Scan(src)
		},
	}
}
