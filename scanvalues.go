package orm

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/djorm/orm/registry"
)

// ScanValues evaluates a Values QuerySet into a slice of the caller's
// struct T: each Values key fills the exported field whose `db` tag, or
// snake_case name, equals it ("author__name" fills AuthorName or a field
// tagged `db:"author__name"`). A key with no field, or a value that does
// not convert to the field's type, is an error naming both.
func ScanValues[T any](ctx context.Context, qs *QuerySet[Row]) ([]T, error) {
	rows, err := qs.All(ctx)
	if err != nil {
		return nil, err
	}
	t := reflect.TypeOf((*T)(nil)).Elem()
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%w: ScanValues needs a struct type, not %s", ErrInvalidQuery, t)
	}
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Tag.Get("db")
		if name == "" {
			name = strings.ReplaceAll(registry.SnakeCase(f.Name), "__", "_")
			fields[strings.ReplaceAll(name, "_", "")] = i
		}
		fields[name] = i
	}
	out := make([]T, len(rows))
	for r, row := range rows {
		dst := reflect.ValueOf(&out[r]).Elem()
		for key, v := range row {
			i, ok := fields[key]
			if !ok {
				i, ok = fields[strings.ReplaceAll(key, "_", "")]
			}
			if !ok {
				return nil, fmt.Errorf("%w: ScanValues: %s has no field for the key %q; add a field named like it or tagged `db:\"%s\"`",
					ErrInvalidQuery, t, key, key)
			}
			if err := assign(dst.Field(i), v); err != nil {
				return nil, fmt.Errorf("%w: ScanValues: %s.%s from %q: %v", ErrInvalidQuery, t, t.Field(i).Name, key, err)
			}
		}
	}
	return out, nil
}

// assign stores a canonical value into a struct field, following pointers
// (nil leaves a pointer nil) and converting between numeric kinds.
func assign(dst reflect.Value, v any) error {
	if v == nil {
		dst.SetZero()
		return nil
	}
	if dst.Kind() == reflect.Pointer {
		p := reflect.New(dst.Type().Elem())
		if err := assign(p.Elem(), v); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	}
	src := reflect.ValueOf(v)
	switch {
	case src.Type().AssignableTo(dst.Type()):
		dst.Set(src)
	case src.Type().ConvertibleTo(dst.Type()) && src.Kind() != reflect.String && dst.Kind() != reflect.String:
		dst.Set(src.Convert(dst.Type()))
	case dst.Kind() == reflect.String && src.Kind() == reflect.String:
		dst.SetString(src.String())
	default:
		return fmt.Errorf("cannot store %T in %s", v, dst.Type())
	}
	return nil
}
