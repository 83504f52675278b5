package dialects

import (
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
