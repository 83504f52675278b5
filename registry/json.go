package registry

import (
	"encoding/json"
	"fmt"
	"reflect"
	"unsafe"
)

// A JSON field holds any Go value that encodes to JSON: a map, a slice, a
// struct, json.RawMessage, or any. Maps, slices other than []byte, any and
// json.RawMessage are JSON without a tag; other types need type=json.
//
// Its canonical value written to the database is the JSON text (a string);
// read back, a JSON column's value is decoded (Values gives map[string]any,
// []any, float64, string, bool or nil, as encoding/json does).
var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// isJSONType reports whether a field of Go type t is a JSON field.
func isJSONType(t reflect.Type, typ string) bool {
	switch {
	case typ == "json":
		return true
	case typ != "":
		return false
	case t == rawMessageType:
		return true
	}
	switch t.Kind() {
	case reflect.Map:
		return true
	case reflect.Slice:
		return t.Elem().Kind() != reflect.Uint8
	case reflect.Interface:
		return t.NumMethod() == 0
	}
	return false
}

func canBeNil(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Interface:
		return true
	}
	return false
}

// JSONError is the canonical value of a JSON field whose Go value cannot
// be encoded (a channel, a NaN, invalid json.RawMessage): validation
// refuses it before any SQL.
type JSONError struct{ Err error }

func (e JSONError) Error() string { return "cannot be encoded as JSON: " + e.Err.Error() }

// jsonCodec encodes the field's Go value with encoding/json on the way out
// and decodes the column's text into it on the way in. A nil value is SQL
// NULL in a null field and JSON null otherwise.
func jsonCodec(t reflect.Type, null bool) codec {
	nilable := canBeNil(t)
	return codec{
		get: func(p unsafe.Pointer) any {
			v := reflect.NewAt(t, p).Elem()
			if nilable && v.IsNil() {
				if null {
					return nil
				}
				return "null"
			}
			if t == rawMessageType {
				raw := *(*json.RawMessage)(p)
				if !json.Valid(raw) {
					return JSONError{fmt.Errorf("json.RawMessage %q is not valid JSON", truncate(string(raw)))}
				}
				return string(raw)
			}
			b, err := json.Marshal(v.Interface())
			if err != nil {
				return JSONError{err}
			}
			return string(b)
		},
		set: func(p unsafe.Pointer, src any) error {
			v := reflect.NewAt(t, p).Elem()
			v.Set(reflect.Zero(t))
			if src == nil {
				return nil
			}
			b, err := jsonBytes(src)
			if err != nil {
				return err
			}
			if t == rawMessageType {
				*(*json.RawMessage)(p) = append(json.RawMessage(nil), b...)
				return nil
			}
			if err := json.Unmarshal(b, reflect.NewAt(t, p).Interface()); err != nil {
				return fmt.Errorf("decoding JSON into %s: %w", t, err)
			}
			return nil
		},
	}
}

// jsonBytes is the JSON text of a value read from a JSON column.
func jsonBytes(src any) ([]byte, error) {
	switch x := src.(type) {
	case []byte:
		return x, nil
	case string:
		return []byte(x), nil
	}
	// Some drivers decode JSON columns themselves (pgx may): encode again.
	return json.Marshal(src)
}

// decodeJSON is the canonical value read from a JSON column (Values,
// annotations): the decoded JSON.
func decodeJSON(src any) (any, error) {
	b, err := jsonBytes(src)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("decoding JSON %q: %w", truncate(string(b)), err)
	}
	return v, nil
}

// EncodeJSON is the JSON text of a Go value compared with or written to a
// JSON column (a filter's value, Update's): strings are JSON strings, as
// Django's JSONField.get_prep_value encodes every value.
func EncodeJSON(v any) (string, error) {
	if raw, ok := v.(json.RawMessage); ok {
		if !json.Valid(raw) {
			return "", fmt.Errorf("json.RawMessage %q is not valid JSON", truncate(string(raw)))
		}
		return string(raw), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
