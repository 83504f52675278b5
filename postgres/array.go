package postgres

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/djorm/orm"
	"github.com/shopspring/decimal"
)

// Element is the Go types an Array holds: a pointer element is nullable
// (nil is a NULL element, as in Django's ArrayField(IntegerField(null=True))).
type Element interface {
	string | int64 | int32 | int | float64 | bool | decimal.Decimal | time.Time |
		*string | *int64 | *int32 | *int | *float64 | *bool | *decimal.Decimal | *time.Time
}

// Array is a one-dimensional PostgreSQL array value (the values of
// Django's ArrayField). It reads and writes PostgreSQL's array text format
// ('{1,2,NULL}'), so it works with both lib/pq (which hands arrays over as
// []byte) and pgx (string). A nil Array is SQL NULL; an empty non-nil one
// is the empty array '{}'.
//
// A field of type Array declares its column's array type with type=, the
// element type followed by [] (registry.ParseArrayType lists the element
// types), and CreateTables creates it:
//
//	type Post struct {
//		orm.Model
//		Tags   postgres.Array[string]  `orm:"type=varchar(50)[]"`
//		Scores postgres.Array[*int32]  `orm:"type=integer[],null"` // NULL elements need a pointer type
//		Grid   postgres.Array2[int64]  `orm:"type=bigint[][]"`
//	}
//
// Its lookups are Django's: exact, gt/gte/lt/lte, in, isnull, contains
// (tags @> value), contained_by (<@), overlap (&&), the transforms len
// (tags__len__gt), index (tags__0, 0-based, of the element's kind) and
// slice (tags__0_2, an array), with an Array as the value:
//
//	orm.Q{"tags__contains": postgres.Array[string]{"go"}, "tags__len__gt": 1, "tags__0": "go"}
//
// The text lookups (icontains, startswith, regex, ...) are refused on an
// array field; other backends refuse array columns and their lookups with
// an orm.NotSupportedError. Values and ValuesList give an array column's
// text form ('{a,b}'), which Scan reads. ArrayContains, ArrayContainedBy,
// ArrayOverlap, ArrayLen, ArrayIndex and ArraySlice are the same
// operations as expressions, for array expressions the lookups cannot
// reach.
type Array[T Element] []T

// Array2 is a two-dimensional PostgreSQL array (Django's nested
// ArrayField(ArrayField(...))): every row must have the same length, as
// PostgreSQL requires. A nil Array2 is SQL NULL.
type Array2[T Element] []Array[T]

// Value renders the array in PostgreSQL's array text format.
func (a Array[T]) Value() (driver.Value, error) {
	if a == nil {
		return nil, nil
	}
	b, err := appendArray(nil, a)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads an array in PostgreSQL's text format ([]byte or string), or
// NULL (a nil Array).
func (a *Array[T]) Scan(src any) error {
	text, isNull, err := srcText(src)
	if err != nil || isNull {
		*a = nil
		return err
	}
	node, err := ParseArray(text)
	if err != nil {
		return err
	}
	out, err := elementsOf[T](node)
	if err != nil {
		return err
	}
	*a = out
	return nil
}

// Value renders the two-dimensional array in PostgreSQL's text format.
func (a Array2[T]) Value() (driver.Value, error) {
	if a == nil {
		return nil, nil
	}
	b := []byte{'{'}
	for i, row := range a {
		if len(row) != len(a[0]) {
			return nil, fmt.Errorf("postgres.Array2: row %d has %d elements, row 0 has %d (multidimensional arrays must have sub-arrays with matching dimensions)", i, len(row), len(a[0]))
		}
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendArray(b, row); err != nil {
			return nil, err
		}
	}
	return string(append(b, '}')), nil
}

// Scan reads a two-dimensional array (or an empty one, or NULL).
func (a *Array2[T]) Scan(src any) error {
	text, isNull, err := srcText(src)
	if err != nil || isNull {
		*a = nil
		return err
	}
	node, err := ParseArray(text)
	if err != nil {
		return err
	}
	out := make(Array2[T], len(node.Items))
	for i, it := range node.Items {
		if it.Sub == nil {
			return fmt.Errorf("postgres.Array2: %q is not a two-dimensional array", text)
		}
		if out[i], err = elementsOf[T](it.Sub); err != nil {
			return err
		}
	}
	*a = out
	return nil
}

func srcText(src any) (string, bool, error) {
	switch s := src.(type) {
	case nil:
		return "", true, nil
	case []byte:
		return string(s), false, nil
	case string:
		return s, false, nil
	}
	return "", false, fmt.Errorf("postgres.Array: cannot scan %T (want the array's text format)", src)
}

// ArrayText is a parsed PostgreSQL array literal: its items in order.
type ArrayText struct {
	Items []ArrayItem
}

// ArrayItem is one element of an ArrayText: a sub-array (Sub), a NULL
// element (Null), or the element's text with quotes and escapes removed.
type ArrayItem struct {
	Text string
	Null bool
	Sub  *ArrayText
}

// ParseArray parses PostgreSQL's array text format (array_out's output,
// or an array literal): '{a,"b c","x\"y",NULL,"NULL"}', nested braces for
// more dimensions, and an optional dimension decoration
// ('[0:1]={1,2}'). An unquoted NULL (in any case) is a NULL element; a
// quoted "NULL" is the text NULL.
func ParseArray(s string) (*ArrayText, error) {
	p := arrayParser{s: s}
	p.space()
	if p.i < len(s) && s[p.i] == '[' {
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return nil, p.fail("a dimension decoration without '='")
		}
		p.i = eq + 1
		p.space()
	}
	node, err := p.array(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(s) {
		return nil, p.fail("text after the closing brace")
	}
	return node, nil
}

type arrayParser struct {
	s string
	i int
}

func (p *arrayParser) fail(what string) error {
	return fmt.Errorf("postgres.Array: malformed array literal %q at offset %d: %s", p.s, p.i, what)
}

func (p *arrayParser) space() {
	for p.i < len(p.s) && isArraySpace(p.s[p.i]) {
		p.i++
	}
}

func isArraySpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// array parses '{' items '}' from p.i.
func (p *arrayParser) array(depth int) (*ArrayText, error) {
	if depth > 6 {
		return nil, p.fail("more than 6 dimensions")
	}
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return nil, p.fail("expected '{'")
	}
	p.i++
	node := &ArrayText{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return node, nil
	}
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.fail("unexpected end")
		}
		var it ArrayItem
		switch p.s[p.i] {
		case '{':
			sub, err := p.array(depth + 1)
			if err != nil {
				return nil, err
			}
			it.Sub = sub
		case '"':
			text, err := p.quoted()
			if err != nil {
				return nil, err
			}
			it.Text = text
		case ',', '}':
			return nil, p.fail("empty element")
		default:
			text, quotedPart, err := p.unquoted()
			if err != nil {
				return nil, err
			}
			if !quotedPart && strings.EqualFold(text, "NULL") {
				it.Null = true
			} else {
				it.Text = text
			}
		}
		if len(node.Items) > 0 && (it.Sub == nil) != (node.Items[0].Sub == nil) {
			return nil, p.fail("mixed sub-arrays and elements")
		}
		node.Items = append(node.Items, it)
		p.space()
		if p.i >= len(p.s) {
			return nil, p.fail("unexpected end")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return node, nil
		default:
			return nil, p.fail("expected ',' or '}'")
		}
	}
}

// quoted reads a double-quoted element; a backslash takes the next
// character literally.
func (p *arrayParser) quoted() (string, error) {
	p.i++ // the opening quote
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch c {
		case '\\':
			if p.i+1 >= len(p.s) {
				return "", p.fail("a backslash at the end")
			}
			b.WriteByte(p.s[p.i+1])
			p.i += 2
		case '"':
			p.i++
			return b.String(), nil
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", p.fail("an unterminated quoted element")
}

// unquoted reads an element up to ',' or '}', dropping trailing
// whitespace that was not escaped; quotedPart reports a backslash (which
// makes NULL plain text, as in PostgreSQL).
func (p *arrayParser) unquoted() (text string, quotedPart bool, err error) {
	var b strings.Builder
	keep := 0 // length of b up to the last escaped or non-space byte
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == ',' || c == '}':
			return b.String()[:keep], quotedPart, nil
		case c == '{' || c == '"':
			return "", false, p.fail(fmt.Sprintf("unexpected %q in an unquoted element", c))
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", false, p.fail("a backslash at the end")
			}
			b.WriteByte(p.s[p.i+1])
			p.i += 2
			keep = b.Len()
			quotedPart = true
		default:
			b.WriteByte(c)
			p.i++
			if !isArraySpace(c) {
				keep = b.Len()
			}
		}
	}
	return "", false, p.fail("unexpected end")
}

// appendArray renders a one-dimensional array: every non-NULL element
// quoted, backslash and double quote escaped.
func appendArray[T Element](b []byte, a []T) ([]byte, error) {
	b = append(b, '{')
	for i, v := range a {
		if i > 0 {
			b = append(b, ',')
		}
		text, isNull, err := elementText(v)
		if err != nil {
			return nil, err
		}
		if isNull {
			b = append(b, "NULL"...)
			continue
		}
		b = append(b, '"')
		for j := 0; j < len(text); j++ {
			if text[j] == '"' || text[j] == '\\' {
				b = append(b, '\\')
			}
			b = append(b, text[j])
		}
		b = append(b, '"')
	}
	return append(b, '}'), nil
}

// timeLayout renders times with their offset; PostgreSQL reads it as a
// timestamptz, a timestamp (offset ignored), or a date.
// A time on 0000-01-01 is a time of day (djorm's TimeField values) and
// renders as clockLayout.
const (
	timeLayout  = "2006-01-02 15:04:05.999999999Z07:00"
	clockLayout = "15:04:05.999999999"
)

func elementText(v any) (string, bool, error) {
	switch x := v.(type) {
	case string:
		if strings.IndexByte(x, 0) >= 0 {
			return "", false, errors.New("postgres.Array: a string element holds a NUL byte, which PostgreSQL cannot store")
		}
		return x, false, nil
	case int64:
		return strconv.FormatInt(x, 10), false, nil
	case int32:
		return strconv.FormatInt(int64(x), 10), false, nil
	case int:
		return strconv.Itoa(x), false, nil
	case float64:
		switch {
		case math.IsNaN(x):
			return "NaN", false, nil
		case math.IsInf(x, 1):
			return "Infinity", false, nil
		case math.IsInf(x, -1):
			return "-Infinity", false, nil
		}
		return strconv.FormatFloat(x, 'g', -1, 64), false, nil
	case bool:
		if x {
			return "t", false, nil
		}
		return "f", false, nil
	case decimal.Decimal:
		return x.String(), false, nil
	case time.Time:
		if x.Year() == 0 && x.YearDay() == 1 {
			return x.Format(clockLayout), false, nil // a time of day, as djorm holds one
		}
		if x.Year() < 1 || x.Year() > 9999 {
			return "", false, fmt.Errorf("postgres.Array: time %v is outside years 1..9999", x)
		}
		return x.Format(timeLayout), false, nil
	case *string:
		return deref(x)
	case *int64:
		return deref(x)
	case *int32:
		return deref(x)
	case *int:
		return deref(x)
	case *float64:
		return deref(x)
	case *bool:
		return deref(x)
	case *decimal.Decimal:
		return deref(x)
	case *time.Time:
		return deref(x)
	}
	return "", false, fmt.Errorf("postgres.Array: unsupported element type %T", v)
}

func deref[E any](p *E) (string, bool, error) {
	if p == nil {
		return "", true, nil
	}
	return elementText(*p)
}

// elementsOf converts a parsed one-dimensional array to []T.
func elementsOf[T Element](node *ArrayText) ([]T, error) {
	out := make([]T, len(node.Items))
	for i, it := range node.Items {
		if it.Sub != nil {
			return nil, fmt.Errorf("postgres.Array: element %d is a sub-array; use Array2 for a two-dimensional array", i)
		}
		if err := parseElement(&out[i], it); err != nil {
			return nil, fmt.Errorf("postgres.Array: element %d: %w", i, err)
		}
	}
	return out, nil
}

// parseElement sets *dst from one parsed element.
func parseElement(dst any, it ArrayItem) error {
	if it.Null {
		switch d := dst.(type) {
		case **string:
			*d = nil
		case **int64:
			*d = nil
		case **int32:
			*d = nil
		case **int:
			*d = nil
		case **float64:
			*d = nil
		case **bool:
			*d = nil
		case **decimal.Decimal:
			*d = nil
		case **time.Time:
			*d = nil
		default:
			return fmt.Errorf("NULL element in an array of %T (use a pointer element type)", dst)
		}
		return nil
	}
	s := it.Text
	var err error
	switch d := dst.(type) {
	case *string:
		*d = s
	case *int64:
		*d, err = strconv.ParseInt(s, 10, 64)
	case *int32:
		var n int64
		n, err = strconv.ParseInt(s, 10, 32)
		*d = int32(n)
	case *int:
		*d, err = strconv.Atoi(s)
	case *float64:
		*d, err = strconv.ParseFloat(s, 64)
	case *bool:
		*d, err = parseBool(s)
	case *decimal.Decimal:
		*d, err = decimal.NewFromString(s)
	case *time.Time:
		*d, err = parseTime(s)
	case **string:
		v := s
		*d = &v
	case **int64:
		err = parseInto(d, it)
	case **int32:
		err = parseInto(d, it)
	case **int:
		err = parseInto(d, it)
	case **float64:
		err = parseInto(d, it)
	case **bool:
		err = parseInto(d, it)
	case **decimal.Decimal:
		err = parseInto(d, it)
	case **time.Time:
		err = parseInto(d, it)
	default:
		return fmt.Errorf("unsupported element type %T", dst)
	}
	return err
}

func parseInto[E any](d **E, it ArrayItem) error {
	v := new(E)
	if err := parseElement(v, it); err != nil {
		return err
	}
	*d = v
	return nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "t", "true":
		return true, nil
	case "f", "false":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean", s)
}

// timeLayouts are the forms PostgreSQL writes dates, timestamps and
// times of day in (DateStyle ISO).
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999Z07",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02",
	"15:04:05.999999999",
}

func parseTime(s string) (time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if _, off := t.Zone(); off == 0 {
				t = t.UTC() // "+00" reads as UTC, not as an unnamed zone
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date or time in ISO format", s)
}

// The lookups and transforms of Django's ArrayField, as expressions
// restricted to PostgreSQL (elsewhere an *orm.NotSupportedError); on an
// array field the lookups (tags__contains, tags__len, tags__0, ...) say
// the same. field is a field path, or an expression (another array
// expression); values is an Array or Array2 (sent as an untyped
// parameter, so PostgreSQL reads it as the column's array type), or a
// field path or expression.

// ArrayContains is the condition field @> values (Django's contains on an
// ArrayField): every element of values is in field.
func ArrayContains(field, values any) *orm.Expr {
	return arrayCond("ARRAY_CONTAINS", "@>", field, values)
}

// ArrayContainedBy is the condition field <@ values (Django's contained_by).
func ArrayContainedBy(field, values any) *orm.Expr {
	return arrayCond("ARRAY_CONTAINED_BY", "<@", field, values)
}

// ArrayOverlap is the condition field && values (Django's overlap): the
// arrays have an element in common.
func ArrayOverlap(field, values any) *orm.Expr {
	return arrayCond("ARRAY_OVERLAP", "&&", field, values)
}

// ArrayExact is the condition field = values, for array expressions
// that are no field path; an array field compares with
// orm.Q{"tags": postgres.Array[int64]{1}}, a slice with
// orm.Q{"tags__0_2": ...}.
func ArrayExact(field, values any) *orm.Expr { return arrayCond("ARRAY_EXACT", "=", field, values) }

func arrayCond(name, op string, field, values any) *orm.Expr {
	return orm.FuncDef{Name: name, Template: "({0} " + op + " {1})", Output: "BooleanField", Dialects: pg}.
		Call(field, arrayArg(values))
}

// arrayArg passes a driver.Valuer (an Array) as an untyped parameter: a
// typed one (orm.Value) reaches PostgreSQL as text, and integer[] @> text
// has no operator.
func arrayArg(v any) any {
	if vv, ok := v.(driver.Valuer); ok {
		return orm.RawSQL("?", vv)
	}
	return v
}

// ArrayLen is the length of the array's first dimension, 0 for an empty
// array and NULL for NULL (Django's len transform): annotate it, then
// filter on the alias.
func ArrayLen(field any) *orm.Expr {
	return orm.FuncDef{Name: "ARRAY_LENGTH",
		Template: "CASE WHEN {0} IS NULL THEN NULL ELSE COALESCE({function}({0}, 1), 0) END",
		Output:   "IntegerField", Dialects: pg}.Call(field)
}

// ArrayIndex is the element at the 0-based index i (and, for a
// multidimensional array, at the further indexes more): Django's index
// transform, tags__0 (tags__0__1 for ArrayIndex[T](f, 0, 1)). It is NULL
// past the end. T, the element type, gives the result's kind.
func ArrayIndex[T Element](field any, i int, more ...int) *orm.Expr {
	var b strings.Builder
	b.WriteString("{0}")
	for _, n := range append([]int{i}, more...) {
		if n < 0 {
			return errorExpr("ArrayIndex", fmt.Errorf("index %d: indexes start at 0", n))
		}
		b.WriteString("[" + strconv.Itoa(n+1) + "]")
	}
	return orm.FuncDef{Name: "ARRAY_INDEX", Template: b.String(), Output: kindOf[T](), Dialects: pg}.Call(field)
}

// ArraySlice is the part of the array from the 0-based index lo up to hi
// (excluded), Django's slice transform tags__0_2 (SQL tags[1:2]). It is an
// array (an ArrayField): compare it with ArrayExact or ArrayContains, or
// annotate it and filter with the array lookups; read it in Values as the
// array's text (Array.Scan takes it).
func ArraySlice(field any, lo, hi int) *orm.Expr {
	if lo < 0 || hi < lo {
		return errorExpr("ArraySlice", fmt.Errorf("slice %d:%d: want 0 <= lo <= hi", lo, hi))
	}
	return orm.FuncDef{Name: "ARRAY_SLICE", Template: fmt.Sprintf("{0}[%d:%d]", lo+1, hi), Output: "ArrayField", Dialects: pg}.
		Call(field)
}

// kindOf names the field class of T's values.
func kindOf[T Element]() string {
	var zero T
	switch any(zero).(type) {
	case string, *string:
		return "TextField"
	case int32, *int32:
		return "IntegerField"
	case int64, int, *int64, *int:
		return "BigIntegerField"
	case float64, *float64:
		return "FloatField"
	case bool, *bool:
		return "BooleanField"
	case decimal.Decimal, *decimal.Decimal:
		return "DecimalField"
	}
	return "DateTimeField"
}
