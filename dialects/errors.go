package dialects

import (
	"errors"
	"reflect"
)

// As is errors.As for interface targets, shared by the dialects' error
// translation.
func As[T any](err error, target *T) bool { return errors.As(err, target) }

// IntField finds, in err's chain, a struct (or pointer to one) with an
// integer field called name, and returns its value. Drivers whose errors
// carry codes only as fields (go-sqlite3, go-sql-driver/mysql) are read this
// way, on the error path only.
func IntField(err error, name string) (int64, bool) {
	var n int64
	found := errorField(err, name, func(f reflect.Value) bool {
		switch {
		case f.CanInt():
			n = f.Int()
		case f.CanUint():
			n = int64(f.Uint())
		default:
			return false
		}
		return true
	})
	return n, found
}

// errorField calls take on the field called name of each struct in err's
// chain (through pointers and interfaces) until take accepts one.
func errorField(err error, name string, take func(reflect.Value) bool) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		v := reflect.ValueOf(e)
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				break
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			continue
		}
		if f := v.FieldByName(name); f.IsValid() && take(f) {
			return true
		}
	}
	return false
}
