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
		f := v.FieldByName(name)
		switch {
		case !f.IsValid():
		case f.CanInt():
			return f.Int(), true
		case f.CanUint():
			return int64(f.Uint()), true
		}
	}
	return 0, false
}
