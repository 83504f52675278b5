package registry

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
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
func (b *builder) customField(sf reflect.StructField, off uintptr, o tagOptions) (*Field, error) {
	typ := o.values["type"]
	k, ok := customKinds[typ]
	if !ok {
		return nil, fmt.Errorf("%s reads and writes itself (sql.Scanner, driver.Valuer): give its column kind with type=, one of "+
			"string, text, uuid, smallint, int, bigint, bool, float, decimal, date, datetime, time, duration, bytes, json", sf.Type)
	}
	f := &Field{Model: b.m, Name: SnakeCase(sf.Name), GoName: sf.Name, Type: sf.Type, Offset: off, Kind: k}
	f.Attname = f.Name
	delete(o.values, "type")
	if err := f.applyOptions(o, valueShape{base: sf.Type, ptr: o.flags["null"]}); err != nil {
		return nil, err
	}
	f.codec = customCodec(sf.Type, k)
	return f, nil
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
