package dialects

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/djorm/orm/registry"
)

// DataTypes maps each field kind to its column type, as Django's backends'
// data_types do: {max_length}, {max_digits} and {decimal_places} stand for
// the field's sizes. A kind missing from the table takes the Invalid entry.
type DataTypes map[registry.Kind]string

// ColumnType returns f's column type from the table.
func (t DataTypes) ColumnType(f *registry.Field) string {
	typ, ok := t[f.Kind]
	if !ok {
		typ = t[registry.Invalid]
	}
	if !strings.Contains(typ, "{") {
		return typ
	}
	return strings.NewReplacer(
		"{max_length}", strconv.Itoa(f.MaxLength),
		"{max_digits}", strconv.Itoa(f.MaxDigits),
		"{decimal_places}", strconv.Itoa(f.DecimalPlaces),
	).Replace(typ)
}

// AutoPK returns the column definition of an automatic primary key of kind
// k: the table's integer type (IntegerField's for Int, BigIntegerField's
// otherwise) followed by tail.
func (t DataTypes) AutoPK(k registry.Kind, tail string) string {
	if k != registry.Int {
		k = registry.BigInt
	}
	return t[k] + tail
}

// ExplainFormats maps the EXPLAIN formats a backend knows (lower case,
// "" for the default) to the statement prefix.
type ExplainFormats map[string]string

// Prefix returns the prefix of format, or an error naming the choices.
func (t ExplainFormats) Prefix(backend, format string) (string, error) {
	if p, ok := t[strings.ToLower(format)]; ok {
		return p, nil
	}
	var names []string
	for k := range t {
		if k != "" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "", fmt.Errorf("%s has no EXPLAIN formats (got %q)", backend, format)
	}
	return "", fmt.Errorf("unknown EXPLAIN format %q; %s has %s", format, backend, strings.Join(names, ", "))
}

// ErrorCodes maps a backend's error codes (SQLSTATE, error numbers) to
// their categories.
type ErrorCodes[K comparable] map[K]ErrorClass

// Class returns the category of code, or ErrOther.
func (t ErrorCodes[K]) Class(code K, ok bool) ErrorClass {
	if !ok {
		return ErrOther
	}
	if c, found := t[code]; found {
		return c
	}
	return ErrOther
}
