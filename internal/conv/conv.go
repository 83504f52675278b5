// Package conv converts the values database drivers return into the
// canonical Go value of each field kind: string, int64, bool, float64,
// decimal.Decimal, time.Time, time.Duration and []byte.
//
// Drivers disagree (MySQL returns DECIMAL and some integers as []byte, SQLite
// returns datetimes of computed columns as text, PostgreSQL returns intervals
// as text), so every converter accepts each form a supported driver sends.
package conv

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

func typeError(want string, src any) error {
	return fmt.Errorf("cannot convert %T (%v) to %s", src, src, want)
}

// String converts src to a string; []byte is copied.
func String(src any) (string, error) {
	switch v := src.(type) {
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	case bool:
		return strconv.FormatBool(v), nil
	case time.Time:
		return v.Format(time.RFC3339Nano), nil
	}
	return "", typeError("string", src)
}

// Int64 converts src to an int64, refusing fractions and overflow.
func Int64(src any) (int64, error) {
	switch v := src.(type) {
	case int64:
		return v, nil
	case int:
		return int64(v), nil
	case int32:
		return int64(v), nil
	case uint64:
		if v > math.MaxInt64 {
			return 0, typeError("int64", src)
		}
		return int64(v), nil
	case float64:
		// 2^63 is a float64 but not an int64: the range is [-2^63, 2^63).
		if v != math.Trunc(v) || v >= 1<<63 || v < -(1<<63) {
			return 0, typeError("int64", src)
		}
		return int64(v), nil
	case bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case []byte:
		return parseInt(string(v), src)
	case string:
		return parseInt(v, src)
	case decimal.Decimal:
		return decimalInt(v, src)
	}
	return 0, typeError("int64", src)
}

// decimalInt returns d as an int64 when it is a whole number in range
// (IntPart alone wraps around).
func decimalInt(d decimal.Decimal, src any) (int64, error) {
	if !d.IsInteger() {
		return 0, typeError("int64", src)
	}
	n := d.IntPart()
	if !decimal.NewFromInt(n).Equal(d) {
		return 0, fmt.Errorf("%v is out of the int64 range", src)
	}
	return n, nil
}

func parseInt(s string, src any) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	// Oracle NUMBER and MySQL DECIMAL results may carry a ".0" tail.
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, typeError("int64", src)
	}
	return decimalInt(d, src)
}

// Bool converts src to a bool: 0 and 1 (the integers backends store
// booleans as) and Django's words; any other number is refused, as Django's
// BooleanField refuses it.
func Bool(src any) (bool, error) {
	switch v := src.(type) {
	case bool:
		return v, nil
	case int64:
		if v != 0 && v != 1 {
			return false, typeError("bool", src)
		}
		return v != 0, nil
	case float64:
		if v != 0 && v != 1 {
			return false, typeError("bool", src)
		}
		return v != 0, nil
	case []byte:
		return parseBool(string(v), src)
	case string:
		return parseBool(v, src)
	}
	return false, typeError("bool", src)
}

func parseBool(s string, src any) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "t", "true", "y", "yes":
		return true, nil
	case "0", "f", "false", "n", "no":
		return false, nil
	}
	return false, typeError("bool", src)
}

// Float64 converts src to a float64.
func Float64(src any) (float64, error) {
	switch v := src.(type) {
	case float64:
		return v, nil
	case float32:
		return float64(v), nil
	case int64:
		return float64(v), nil
	case []byte:
		return parseFloat(string(v), src)
	case string:
		return parseFloat(v, src)
	case decimal.Decimal:
		f, _ := v.Float64()
		return f, nil
	}
	return 0, typeError("float64", src)
}

func parseFloat(s string, src any) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, typeError("float64", src)
	}
	return f, nil
}

// Decimal converts src to a decimal.Decimal. Floats (SQLite's storage for
// NUMERIC columns, and its arithmetic on them) are read at 15 significant
// digits, as Django's SQLite backend does: exact for every value a double
// holds to that precision, and free of binary noise (110.00000000000001).
func Decimal(src any) (decimal.Decimal, error) {
	switch v := src.(type) {
	case decimal.Decimal:
		return v, nil
	case []byte:
		if c, exp, ok := smallDecimal(v); ok {
			return decimal.New(c, exp), nil
		}
		return parseDecimal(string(v), src)
	case string:
		if c, exp, ok := smallDecimal(v); ok {
			return decimal.New(c, exp), nil
		}
		return parseDecimal(v, src)
	case int64:
		return decimal.NewFromInt(v), nil
	case float64:
		// 'g' with a precision prints no trailing zeros; a stack buffer
		// keeps the text off the heap.
		var buf [32]byte
		return parseDecimalBytes(strconv.AppendFloat(buf[:0], v, 'g', 15, 64), src)
	}
	return decimal.Decimal{}, typeError("decimal", src)
}

func parseDecimal(s string, src any) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		return decimal.Decimal{}, typeError("decimal", src)
	}
	return d, nil
}

// Bytes converts src to a []byte, always a copy the caller owns.
func Bytes(src any) ([]byte, error) {
	switch v := src.(type) {
	case []byte:
		b := make([]byte, len(v)) // empty stays empty, not nil (NULL)
		copy(b, v)
		return b, nil
	case string:
		return []byte(v), nil
	}
	return nil, typeError("[]byte", src)
}

// Int64RangeError reports an integer outside the range its column holds.
func Int64RangeError(n, lo, hi int64) error {
	return fmt.Errorf("value %d out of range [%d, %d]", n, lo, hi)
}

// parseDecimalBytes parses digits the caller formatted (no exponent
// beyond what NewFromString accepts).
func parseDecimalBytes(b []byte, src any) (decimal.Decimal, error) {
	if c, exp, ok := smallDecimal(b); ok {
		return decimal.New(c, exp), nil
	}
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return decimal.Decimal{}, typeError("decimal", src)
	}
	return d, nil
}

// smallDecimal parses [-]digits[.digits][e[+-]digits] with at most 18
// digits into the coefficient and exponent NewFromString would give it,
// without its intermediate strings. ok is false for anything else.
func smallDecimal[T string | []byte](b T) (c int64, exp int32, ok bool) {
	i, neg := 0, false
	if len(b) > 0 && b[0] == '-' {
		i, neg = 1, true
	}
	digits, frac, dot := 0, 0, false
	for ; i < len(b); i++ {
		switch ch := b[i]; {
		case ch >= '0' && ch <= '9':
			if digits == 18 {
				return 0, 0, false
			}
			c = c*10 + int64(ch-'0')
			digits++
			if dot {
				frac++
			}
			continue
		case ch == '.' && !dot:
			dot = true
			continue
		case ch == 'e' || ch == 'E':
			e, err := strconv.ParseInt(string(b[i+1:]), 10, 32)
			if err != nil || digits == 0 || e > 1<<20 || e < -(1<<20) {
				return 0, 0, false
			}
			exp = int32(e)
		default:
			return 0, 0, false
		}
		break
	}
	if digits == 0 {
		return 0, 0, false
	}
	if neg {
		c = -c
	}
	return c, exp - int32(frac), true
}
