package registry

import (
	"database/sql"
	"reflect"
	"time"
	"unsafe"

	"github.com/djorm/orm/internal/conv"
	"github.com/shopspring/decimal"
)

// codec moves one field's value in and out of struct memory. It is chosen
// once per field from its Go type, so binding and scanning a row never
// reflect.
type codec struct {
	// get returns the field's canonical value (string, int64, bool, float64,
	// decimal.Decimal, time.Time, time.Duration, []byte), or nil for NULL.
	get func(p unsafe.Pointer) any
	// set stores a driver or canonical value; nil stores NULL (or the zero value).
	set func(p unsafe.Pointer, src any) error
	// timeAt and decimalAt read a time or decimal field without boxing it
	// (valid is false for NULL); nil for fields of other types.
	timeAt    func(p unsafe.Pointer) (time.Time, bool)
	decimalAt func(p unsafe.Pointer) (decimal.Decimal, bool)
}

// peek reads a T held in shape s without boxing it; valid is false for NULL.
func peek[T any](s valueShape) func(p unsafe.Pointer) (v T, valid bool) {
	switch {
	case s.ptr:
		return func(p unsafe.Pointer) (T, bool) {
			if v := *(**T)(p); v != nil {
				return *v, true
			}
			var zero T
			return zero, false
		}
	case s.validOff > 0:
		return func(p unsafe.Pointer) (T, bool) { return *(*T)(p), *(*bool)(unsafe.Add(p, s.validOff)) }
	}
	return func(p unsafe.Pointer) (T, bool) { return *(*T)(p), true }
}

type scalar[T any] struct {
	from func(any) (T, error)
	box  func(T) any
}

func plain[T any](s scalar[T]) codec {
	return codec{
		get: func(p unsafe.Pointer) any { return s.box(*(*T)(p)) },
		set: func(p unsafe.Pointer, src any) error {
			if src == nil {
				var zero T
				*(*T)(p) = zero
				return nil
			}
			v, err := s.from(src)
			if err == nil {
				*(*T)(p) = v
			}
			return err
		},
	}
}

func pointer[T any](s scalar[T]) codec {
	return codec{
		get: func(p unsafe.Pointer) any {
			if v := *(**T)(p); v != nil {
				return s.box(*v)
			}
			return nil
		},
		set: func(p unsafe.Pointer, src any) error {
			if src == nil {
				*(**T)(p) = nil
				return nil
			}
			v, err := s.from(src)
			if err == nil {
				*(**T)(p) = &v
			}
			return err
		},
	}
}

// nullStruct handles sql.NullString and friends, sql.Null[T] and
// decimal.NullDecimal: a value at offset 0 and a Valid bool after it.
func nullStruct[T any](s scalar[T], validOff uintptr) codec {
	return codec{
		get: func(p unsafe.Pointer) any {
			if *(*bool)(unsafe.Add(p, validOff)) {
				return s.box(*(*T)(p))
			}
			return nil
		},
		set: func(p unsafe.Pointer, src any) error {
			valid := (*bool)(unsafe.Add(p, validOff))
			if src == nil {
				var zero T
				*(*T)(p), *valid = zero, false
				return nil
			}
			v, err := s.from(src)
			if err == nil {
				*(*T)(p), *valid = v, true
			}
			return err
		},
	}
}

func box[T any](v T) any { return v }

var (
	strScalar   = scalar[string]{conv.String, box[string]}
	i64Scalar   = scalar[int64]{conv.Int64, box[int64]}
	boolScalar  = scalar[bool]{conv.Bool, box[bool]}
	f64Scalar   = scalar[float64]{conv.Float64, box[float64]}
	decScalar   = scalar[decimal.Decimal]{conv.Decimal, box[decimal.Decimal]}
	bytesScalar = scalar[[]byte]{conv.Bytes, func(b []byte) any {
		if b == nil {
			return []byte{}
		}
		return b
	}}
	durScalar = scalar[time.Duration]{conv.Duration, box[time.Duration]}
)

// decimalScalar reads decimals rounded to the column's places, as
// Django's SQLite converter quantizes them: SQLite computes decimal
// arithmetic in floats (0.9999 - 1 is -0.000099999999999989).
func decimalScalar(places int) scalar[decimal.Decimal] {
	if places <= 0 {
		return decScalar
	}
	return scalar[decimal.Decimal]{
		from: func(src any) (decimal.Decimal, error) {
			d, err := conv.Decimal(src)
			if err == nil && -d.Exponent() > int32(places) {
				d = d.Round(int32(places))
			}
			return d, err
		},
		box: box[decimal.Decimal],
	}
}

func intScalar[T int | int16 | int32](lo, hi int64) scalar[T] {
	return scalar[T]{
		from: func(src any) (T, error) {
			n, err := conv.Int64(src)
			if err == nil && (n < lo || n > hi) {
				err = conv.Int64RangeError(n, lo, hi)
			}
			return T(n), err
		},
		box: func(v T) any { return int64(v) },
	}
}

func timeScalar(k Kind) scalar[time.Time] {
	norm := func(t time.Time) time.Time { return t }
	switch k {
	case Date:
		norm = conv.DateOf
	case Time:
		norm = conv.ClockOf
	}
	return scalar[time.Time]{
		from: func(src any) (time.Time, error) {
			if t, ok := src.(time.Time); ok && k != DateTime {
				// A date or a time of day is the one the value shows in
				// its own zone, as Create binds it (not its UTC one).
				return norm(t), nil
			}
			t, err := conv.Time(src)
			return norm(t), err
		},
		box: func(t time.Time) any { return t },
	}
}

var (
	decimalType     = reflect.TypeOf(decimal.Decimal{})
	nullDecimalType = reflect.TypeOf(decimal.NullDecimal{})
	timeType        = reflect.TypeOf(time.Time{})
	durationType    = reflect.TypeOf(time.Duration(0))
	bytesType       = reflect.TypeOf([]byte(nil))
)

// valueShape says how a Go type holds a value: the base type, and whether it
// is a pointer (*T) or a null wrapper (sql.NullString, sql.Null[T], ...).
type valueShape struct {
	base     reflect.Type
	ptr      bool
	validOff uintptr // > 0 for null wrappers
}

func shapeOf(t reflect.Type) valueShape {
	if t.Kind() == reflect.Pointer && baseKind(t.Elem()) {
		return valueShape{base: t.Elem(), ptr: true}
	}
	if t == nullDecimalType || isSQLNull(t) {
		return valueShape{base: t.Field(0).Type, validOff: t.Field(1).Offset}
	}
	return valueShape{base: t}
}

// isSQLNull recognises database/sql's Null* types and sql.Null[T]: a struct
// from package database/sql with a value field then a Valid bool.
func isSQLNull(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == reflect.TypeOf(sql.NullString{}).PkgPath() &&
		t.NumField() == 2 && t.Field(1).Name == "Valid" && t.Field(1).Type.Kind() == reflect.Bool
}

func baseKind(t reflect.Type) bool {
	if t == decimalType || t == timeType || t == durationType || t == bytesType {
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16, reflect.Bool, reflect.Float64:
		return true
	case reflect.Slice:
		return t.Elem().Kind() == reflect.Uint8
	}
	return false
}

// defaultKind is the field kind a Go base type maps to without a type= tag.
func defaultKind(t reflect.Type) Kind {
	switch {
	case t == decimalType:
		return Decimal
	case t == timeType:
		return DateTime
	case t == durationType:
		return Duration
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return Bytes
	}
	switch t.Kind() {
	case reflect.String:
		return String
	case reflect.Int, reflect.Int64:
		return BigInt
	case reflect.Int32:
		return Int
	case reflect.Int16:
		return SmallInt
	case reflect.Bool:
		return Bool
	case reflect.Float64:
		return Float
	}
	return Invalid
}

// codecFor picks the codec for a value of shape s holding kind k; places
// are a decimal field's decimal_places.
func codecFor(s valueShape, k Kind, places int) codec {
	switch {
	case s.base == decimalType:
		c := wrap(s, decimalScalar(places))
		c.decimalAt = peek[decimal.Decimal](s)
		return c
	case s.base == timeType:
		c := wrap(s, timeScalar(k))
		c.timeAt = peek[time.Time](s)
		return c
	case s.base == durationType:
		return wrap(s, durScalar)
	}
	switch s.base.Kind() {
	case reflect.String:
		return wrap(s, strScalar)
	case reflect.Int, reflect.Int64:
		return wrap(s, intScalar[int](k.IntRange()))
	case reflect.Int32:
		return wrap(s, intScalar[int32](Int.IntRange()))
	case reflect.Int16:
		return wrap(s, intScalar[int16](SmallInt.IntRange()))
	case reflect.Bool:
		return wrap(s, boolScalar)
	case reflect.Float64:
		return wrap(s, f64Scalar)
	case reflect.Slice:
		return wrap(s, bytesScalar)
	}
	panic("registry: no codec for " + s.base.String()) // unreachable: baseKind vetted the type
}

func wrap[T any](s valueShape, sc scalar[T]) codec {
	switch {
	case s.ptr:
		return pointer(sc)
	case s.validOff > 0:
		return nullStruct(sc, s.validOff)
	}
	return plain(sc)
}

// refCodec stores a relation's raw key in a Ref: integers without boxing.
func refCodec(target Kind) codec {
	if target.IsInteger() {
		return codec{
			get: func(p unsafe.Pointer) any {
				r := (*Ref)(p)
				if !r.Valid {
					return nil
				}
				return r.Int
			},
			set: func(p unsafe.Pointer, src any) error {
				r := (*Ref)(p)
				if src == nil {
					*r = Ref{}
					return nil
				}
				n, err := conv.Int64(src)
				if err == nil {
					r.Int, r.Other, r.Valid = n, nil, true
				}
				return err
			},
		}
	}
	to := canonical(target)
	return codec{
		get: func(p unsafe.Pointer) any {
			r := (*Ref)(p)
			if !r.Valid {
				return nil
			}
			return r.Other
		},
		set: func(p unsafe.Pointer, src any) error {
			r := (*Ref)(p)
			if src == nil {
				*r = Ref{}
				return nil
			}
			v, err := to(src)
			if err == nil {
				r.Int, r.Other, r.Valid = 0, v, true
			}
			return err
		},
	}
}

// canonical returns the converter from driver values to kind k's Go value.
func canonical(k Kind) func(any) (any, error) {
	switch {
	case k.IsText() || k == Array: // an array's canonical value is its text form
		return func(s any) (any, error) { return conv.String(s) }
	case k.IsInteger():
		return func(s any) (any, error) { return conv.Int64(s) }
	case k == Bool:
		return func(s any) (any, error) { return conv.Bool(s) }
	case k == Float:
		return func(s any) (any, error) { return conv.Float64(s) }
	case k == Decimal:
		return func(s any) (any, error) { return conv.Decimal(s) }
	case k == Duration:
		return func(s any) (any, error) { return conv.Duration(s) }
	case k == Bytes:
		return func(s any) (any, error) { return conv.Bytes(s) }
	case k == JSON:
		return decodeJSON
	case k.IsTemporal():
		ts := timeScalar(k)
		return func(s any) (any, error) { return ts.from(s) }
	}
	return func(s any) (any, error) { return s, nil }
}

// ConvertField turns a driver value read from f's column into f's
// canonical Go value, as reading it into the struct does (decimals rounded
// to the field's places).
func ConvertField(f *Field, src any) (any, error) {
	if src == nil {
		return nil, nil
	}
	if f.Kind == Decimal && f.DecimalPlaces > 0 {
		return decimalScalar(f.DecimalPlaces).from(src)
	}
	return canonical(f.Kind)(src)
}

// Convert turns a driver value into kind k's canonical Go value (nil stays nil).
func Convert(k Kind, src any) (any, error) {
	if src == nil {
		return nil, nil
	}
	return canonical(k)(src)
}
