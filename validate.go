package orm

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// validate checks a canonical value against its field before any SQL runs,
// with Django's validation codes.
func validate(m *registry.Model, f *registry.Field, v any) error {
	fail := failer(m, f)
	if v == nil {
		if !f.Null && !f.Auto && f.Generated == "" {
			return fail("null", "This field cannot be null.")
		}
		return nil
	}
	if len(f.Choices) > 0 {
		if _, ok := f.ChoiceLabel(v); !ok && !(f.Blank && v == "") {
			return fail("invalid_choice", "Value %#v is not a valid choice.", v)
		}
	}
	switch x := v.(type) {
	case registry.JSONError:
		return fail("invalid", "the value %v", x)
	case registry.ValueError:
		return fail("invalid", "the value: %v", x)
	case string:
		if !utf8.ValidString(x) {
			return fail("invalid_utf8", "the value is not valid UTF-8")
		}
		if strings.IndexByte(x, 0) >= 0 {
			return fail("null_characters_not_allowed", "Null characters are not allowed.")
		}
		if f.Kind == registry.UUID && !validUUID(x) {
			return fail("invalid", "%q is not a valid UUID.", x)
		}
		if f.MaxLength > 0 {
			if n := utf8.RuneCountInString(x); n > f.MaxLength {
				return fail("max_length", "Ensure this value has at most %d characters (it has %d).", f.MaxLength, n)
			}
		}
	case int64:
		if f.Kind.IsInteger() {
			if lo, hi := f.Kind.IntRange(); x < lo || x > hi {
				return fail("out_of_range", "%d is out of range for %s [%d, %d].", x, f.Kind, lo, hi)
			}
		}
	case decimal.Decimal:
		return validateDecimal(f, x, fail)
	case time.Time:
		return validateTime(m, f, x)
	}
	return nil
}

// failer returns the constructor of f's validation errors.
func failer(m *registry.Model, f *registry.Field) func(code, format string, args ...any) error {
	return func(code, format string, args ...any) error {
		return &ValidationError{Model: m.TypeName, Field: f.Name, Code: code,
			msg: fmt.Sprintf("orm: %s.%s: ", m.TypeName, f.Name) + fmt.Sprintf(format, args...)}
	}
}

// validateTime refuses the zero time in a NOT NULL field and years the
// backends cannot all store.
func validateTime(m *registry.Model, f *registry.Field, t time.Time) error {
	if t.IsZero() && !f.Null {
		return failer(m, f)("null", "a zero time.Time in a NOT NULL field; set a value, or make the field nullable (a pointer tagged null)")
	}
	// Inside these Unix times the year is 1..9999 in every time zone.
	if sec := t.Unix(); sec > -62135596800+86400 && sec < 253402300799-86400 {
		return nil
	}
	// A datetime is stored in UTC, so its UTC year counts (9999-12-31
	// 20:00 -05:00 is in the year 10000); a date keeps its own calendar date.
	year := t.Year()
	if f.Kind == registry.DateTime {
		year = t.UTC().Year()
	}
	if f.Kind != registry.Time && (year < 1 || year > 9999) {
		return failer(m, f)("out_of_range", "year %d is outside 1..9999.", year)
	}
	return nil
}

// backendDigits refuses a decimal with more significant digits than the
// backend keeps exactly (SQLite stores decimals as 64-bit floats: 15).
func backendDigits(d dialects.Dialect, m *registry.Model, f *registry.Field, x decimal.Decimal) error {
	max := d.Features().MaxDecimalDigits
	if max == 0 || x.NumDigits() <= max { // NumDigits copies nothing: the common case allocates nothing
		return nil
	}
	digits := len(strings.TrimRight(x.Coefficient().String(), "0"))
	if strings.HasPrefix(x.Coefficient().String(), "-") {
		digits--
	}
	if digits > max {
		return failer(m, f)("max_digits", "%s keeps %d significant digits of a decimal exactly; %s has %d", d.Name(), max, x, digits)
	}
	return nil
}

// validateDecimal applies Django's DecimalValidator.
func validateDecimal(f *registry.Field, d decimal.Decimal, fail func(code, format string, args ...any) error) error {
	if f.MaxDigits == 0 {
		return nil
	}
	digits := d.NumDigits() // no copy of the coefficient, unlike Coefficient()
	exp := int(d.Exponent())
	var decimals int
	if exp >= 0 {
		digits += exp
		decimals = 0
	} else {
		decimals = -exp
		if decimals > digits {
			digits = decimals
		}
	}
	whole := digits - decimals
	switch {
	case digits > f.MaxDigits:
		return fail("max_digits", "Ensure that there are no more than %d digits in total.", f.MaxDigits)
	case decimals > f.DecimalPlaces:
		// Django quantizes on save for values it created; an input with more
		// places than the column holds would be rounded silently: refuse it.
		return fail("max_decimal_places", "Ensure that there are no more than %d decimal places.", f.DecimalPlaces)
	case whole > f.MaxDigits-f.DecimalPlaces:
		return fail("max_whole_digits", "Ensure that there are no more than %d digits before the decimal point.", f.MaxDigits-f.DecimalPlaces)
	}
	return nil
}

// validUUID accepts the canonical 8-4-4-4-12 hexadecimal form.
func validUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
