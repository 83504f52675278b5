package sqlq

import (
	"database/sql/driver"
	"reflect"
	"time"

	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Canon turns a Go value into the canonical form lookups compare: every
// integer type becomes int64, float32 float64, pointers are followed, named
// types lose their name and driver.Valuers (sql.NullString, ...) are asked
// for their value. Other values are returned unchanged.
func Canon(v any) any {
	switch x := v.(type) {
	case nil, string, int64, bool, float64, []byte, time.Time, time.Duration, decimal.Decimal:
		return v
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int8:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case float32:
		return float64(x)
	case driver.Valuer:
		dv, err := x.Value()
		if err != nil {
			return v
		}
		return Canon(dv)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return nil
		}
		if e := rv.Elem(); e.Kind() != reflect.Struct || e.Type() == reflect.TypeOf(time.Time{}) ||
			e.Type() == reflect.TypeOf(decimal.Decimal{}) {
			return Canon(e.Interface())
		}
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if rv.Uint() <= 1<<63-1 {
			return int64(rv.Uint())
		}
	case reflect.Bool:
		return rv.Bool()
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	}
	return v
}

// KindOf infers the kind of a literal, as Django's Value does.
func KindOf(v any) registry.Kind {
	switch Canon(v).(type) {
	case string:
		return registry.String
	case int64:
		// Django's Value(int) is an IntegerField; a larger value needs 64 bits.
		if n := Canon(v).(int64); n >= -1<<31 && n < 1<<31 {
			return registry.Int
		}
		return registry.BigInt
	case float64:
		return registry.Float
	case bool:
		return registry.Bool
	case decimal.Decimal:
		return registry.Decimal
	case time.Time:
		return registry.DateTime
	case time.Duration:
		return registry.Duration
	case []byte:
		return registry.Bytes
	}
	return registry.Invalid
}
