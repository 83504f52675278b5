// Package functions holds the database functions of Django's
// django.db.models.functions: Coalesce, Lower, Concat, Trunc, Extract and
// the rest. Each returns an *orm.Expr usable in Annotate, Filter, OrderBy,
// Values, Update and aggregates. A string argument is a field path; other
// literals are values. Each renders on every backend or returns a
// NotSupportedError naming it.
package functions

import (
	"fmt"
	"strings"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/exprhook"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

func fail(format string, args ...any) *orm.Expr {
	return exprhook.Fail(fmt.Sprintf(format, args...)).(*orm.Expr)
}

// call builds a function of out kind (Invalid: the kind of argument outArg).
func call(name string, out registry.Kind, outArg int, args ...any) *orm.Expr {
	specs := make([]sqlq.Spec, len(args))
	for i, a := range args {
		s, err := exprhook.Arg(a)
		if err != nil {
			return fail("%s: %v", name, err)
		}
		specs[i] = s
	}
	return exprhook.Wrap(&sqlq.FuncSpec{Name: name, Args: specs, Out: out, OutArg: outArg}).(*orm.Expr)
}

func atLeast(name string, n int, args []any) *orm.Expr {
	if len(args) < n {
		return fail("%s needs at least %d arguments, got %d", name, n, len(args))
	}
	return nil
}

// Coalesce returns the first non-NULL argument (at least two).
func Coalesce(args ...any) *orm.Expr {
	if e := atLeast("Coalesce", 2, args); e != nil {
		return e
	}
	return call("Coalesce", registry.Invalid, 0, args...)
}

// NullIf returns NULL when a equals b, else a.
func NullIf(a, b any) *orm.Expr { return call("NullIf", registry.Invalid, 0, a, b) }

// Greatest returns the largest argument. On SQLite (MAX) a NULL argument
// makes the result NULL; PostgreSQL ignores NULLs, as Django documents.
func Greatest(args ...any) *orm.Expr {
	if e := atLeast("Greatest", 2, args); e != nil {
		return e
	}
	return call("Greatest", registry.Invalid, 0, args...)
}

// Least returns the smallest argument (NULL handling as Greatest).
func Least(args ...any) *orm.Expr {
	if e := atLeast("Least", 2, args); e != nil {
		return e
	}
	return call("Least", registry.Invalid, 0, args...)
}

// Cast converts arg to kind (a Django field class name: "IntegerField",
// "CharField", "DecimalField", "DateField", ...). A CharField cast is
// unbounded text; a DecimalField cast keeps up to 30 decimal places.
func Cast(arg any, kind string) *orm.Expr {
	k, ok := registry.KindByName(kind)
	if !ok {
		return fail("Cast: unknown kind %q; choices: %s", kind, strings.Join(registry.KindNames(), ", "))
	}
	s, err := exprhook.Arg(arg)
	if err != nil {
		return fail("Cast: %v", err)
	}
	f := &registry.Field{Kind: k, MaxLength: 255, MaxDigits: 65, DecimalPlaces: 30}
	if k == registry.String {
		f.Kind = registry.Text
	}
	return exprhook.Wrap(&sqlq.CastSpec{Arg: s, Field: f}).(*orm.Expr)
}

// Lower returns arg in lower case.
func Lower(arg any) *orm.Expr { return call("Lower", registry.Text, 0, arg) }

// Upper returns arg in upper case.
func Upper(arg any) *orm.Expr { return call("Upper", registry.Text, 0, arg) }

// Length returns the number of characters of arg.
func Length(arg any) *orm.Expr { return call("Length", registry.BigInt, 0, arg) }

// Concat joins its arguments as text; a NULL argument counts as "".
func Concat(args ...any) *orm.Expr {
	if e := atLeast("Concat", 2, args); e != nil {
		return e
	}
	return call("Concat", registry.Text, 0, args...)
}

// Substr returns length characters of arg from pos (1-based); length < 0
// means to the end.
func Substr(arg any, pos, length int) *orm.Expr {
	if pos < 1 {
		return fail("Substr: pos must be 1 or more, got %d", pos)
	}
	if length < 0 {
		return call("Substr", registry.Text, 0, arg, orm.Value(pos))
	}
	return call("Substr", registry.Text, 0, arg, orm.Value(pos), orm.Value(length))
}

// Trim removes leading and trailing spaces.
func Trim(arg any) *orm.Expr { return call("Trim", registry.Text, 0, arg) }

// LTrim removes leading spaces.
func LTrim(arg any) *orm.Expr { return call("LTrim", registry.Text, 0, arg) }

// RTrim removes trailing spaces.
func RTrim(arg any) *orm.Expr { return call("RTrim", registry.Text, 0, arg) }

// Replace replaces every text in arg with replacement.
func Replace(arg any, text, replacement any) *orm.Expr {
	return call("Replace", registry.Text, 0, arg, valueArg(text), valueArg(replacement))
}

// valueArg makes a string a literal (Replace's search text is not a field).
func valueArg(v any) any {
	if s, ok := v.(string); ok {
		return orm.Value(s)
	}
	return v
}

// Left returns the first n characters of arg.
func Left(arg any, n int) *orm.Expr { return call("Left", registry.Text, 0, arg, orm.Value(n)) }

// Right returns the last n characters of arg.
func Right(arg any, n int) *orm.Expr { return call("Right", registry.Text, 0, arg, orm.Value(n)) }

// StrIndex returns the 1-based position of substring in arg, 0 if absent.
func StrIndex(arg, substring any) *orm.Expr {
	return call("StrIndex", registry.BigInt, 0, arg, valueArg(substring))
}

// Abs returns the absolute value.
func Abs(arg any) *orm.Expr { return call("Abs", registry.Invalid, 0, arg) }

// Round rounds to places decimal places (none: to an integer value).
func Round(arg any, places ...int) *orm.Expr {
	if len(places) > 0 {
		return call("Round", registry.Invalid, 0, arg, orm.Value(places[0]))
	}
	return call("Round", registry.Invalid, 0, arg)
}

// Ceil returns the smallest integer value not below arg.
func Ceil(arg any) *orm.Expr { return call("Ceil", registry.Invalid, 0, arg) }

// Floor returns the largest integer value not above arg.
func Floor(arg any) *orm.Expr { return call("Floor", registry.Invalid, 0, arg) }

// Mod returns the remainder of a divided by b.
func Mod(a, b any) *orm.Expr { return numeric("Mod", a, b) }

// Power returns a raised to b.
func Power(a, b any) *orm.Expr { return numeric("Power", a, b) }

// Sqrt returns the square root.
func Sqrt(arg any) *orm.Expr { return numeric("Sqrt", arg) }

// numeric follows Django's NumericOutputFieldMixin: decimal in, decimal
// out; otherwise a float.
func numeric(name string, args ...any) *orm.Expr {
	specs := make([]sqlq.Spec, len(args))
	for i, a := range args {
		s, err := exprhook.Arg(a)
		if err != nil {
			return fail("%s: %v", name, err)
		}
		specs[i] = s
	}
	return exprhook.Wrap(&sqlq.FuncSpec{Name: name, Args: specs, Numeric: true}).(*orm.Expr)
}

// Now is the current date and time of the database.
func Now() *orm.Expr { return call("Now", registry.DateTime, 0) }

// truncKinds are the truncation kinds Trunc accepts.
var truncKinds = []string{"year", "quarter", "month", "week", "day", "hour", "minute", "second", "date", "time"}

// Trunc truncates a date, datetime or time to kind (year, quarter, month,
// week, day, hour, minute, second, date, time).
func Trunc(arg any, kind string) *orm.Expr {
	if !contains(truncKinds, kind) {
		return fail("Trunc: unknown kind %q; choices: %s", kind, strings.Join(truncKinds, ", "))
	}
	s, err := exprhook.Arg(arg)
	if err != nil {
		return fail("Trunc: %v", err)
	}
	return exprhook.Wrap(&sqlq.TruncSpec{Kind: kind, Arg: s}).(*orm.Expr)
}

// TruncYear truncates to the first day of the year.
func TruncYear(arg any) *orm.Expr { return Trunc(arg, "year") }

// TruncQuarter truncates to the first day of the quarter.
func TruncQuarter(arg any) *orm.Expr { return Trunc(arg, "quarter") }

// TruncMonth truncates to the first day of the month.
func TruncMonth(arg any) *orm.Expr { return Trunc(arg, "month") }

// TruncWeek truncates to the Monday of the week.
func TruncWeek(arg any) *orm.Expr { return Trunc(arg, "week") }

// TruncDay truncates to midnight.
func TruncDay(arg any) *orm.Expr { return Trunc(arg, "day") }

// TruncHour truncates to the hour.
func TruncHour(arg any) *orm.Expr { return Trunc(arg, "hour") }

// TruncMinute truncates to the minute.
func TruncMinute(arg any) *orm.Expr { return Trunc(arg, "minute") }

// TruncSecond truncates to the second.
func TruncSecond(arg any) *orm.Expr { return Trunc(arg, "second") }

// TruncDate returns the date of a datetime.
func TruncDate(arg any) *orm.Expr { return Trunc(arg, "date") }

// TruncTime returns the time of day of a datetime.
func TruncTime(arg any) *orm.Expr { return Trunc(arg, "time") }

// extractKinds are the date parts Extract accepts.
var extractKinds = []string{"year", "iso_year", "quarter", "month", "week", "day", "week_day", "iso_week_day",
	"hour", "minute", "second"}

// Extract returns a date part of arg as an integer (year, iso_year,
// quarter, month, week, day, week_day (1 = Sunday), iso_week_day (1 =
// Monday), hour, minute, second).
func Extract(arg any, kind string) *orm.Expr {
	if !contains(extractKinds, kind) {
		return fail("Extract: unknown kind %q; choices: %s", kind, strings.Join(extractKinds, ", "))
	}
	s, err := exprhook.Arg(arg)
	if err != nil {
		return fail("Extract: %v", err)
	}
	return exprhook.Wrap(&sqlq.ExtractSpec{Part: kind, Arg: s}).(*orm.Expr)
}

// ExtractYear returns the year.
func ExtractYear(arg any) *orm.Expr { return Extract(arg, "year") }

// ExtractIsoYear returns the ISO 8601 week-numbering year.
func ExtractIsoYear(arg any) *orm.Expr { return Extract(arg, "iso_year") }

// ExtractQuarter returns the quarter (1-4).
func ExtractQuarter(arg any) *orm.Expr { return Extract(arg, "quarter") }

// ExtractMonth returns the month (1-12).
func ExtractMonth(arg any) *orm.Expr { return Extract(arg, "month") }

// ExtractWeek returns the ISO 8601 week number.
func ExtractWeek(arg any) *orm.Expr { return Extract(arg, "week") }

// ExtractWeekDay returns the day of the week, 1 = Sunday .. 7 = Saturday.
func ExtractWeekDay(arg any) *orm.Expr { return Extract(arg, "week_day") }

// ExtractIsoWeekDay returns the ISO day of the week, 1 = Monday .. 7 = Sunday.
func ExtractIsoWeekDay(arg any) *orm.Expr { return Extract(arg, "iso_week_day") }

// ExtractDay returns the day of the month.
func ExtractDay(arg any) *orm.Expr { return Extract(arg, "day") }

// ExtractHour returns the hour.
func ExtractHour(arg any) *orm.Expr { return Extract(arg, "hour") }

// ExtractMinute returns the minute.
func ExtractMinute(arg any) *orm.Expr { return Extract(arg, "minute") }

// ExtractSecond returns the second (whole seconds).
func ExtractSecond(arg any) *orm.Expr { return Extract(arg, "second") }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ACos is the arccosine (Django's ACos); decimal in, decimal out, else float.
func ACos(x any) *orm.Expr { return numeric("ACos", x) }

// ASin is the arcsine.
func ASin(x any) *orm.Expr { return numeric("ASin", x) }

// ATan is the arctangent.
func ATan(x any) *orm.Expr { return numeric("ATan", x) }

// ATan2 is the arctangent of y/x, in the quadrant of the point (x, y).
func ATan2(y, x any) *orm.Expr { return numeric("ATan2", y, x) }

// Cos is the cosine.
func Cos(x any) *orm.Expr { return numeric("Cos", x) }

// Cot is the cotangent.
func Cot(x any) *orm.Expr { return numeric("Cot", x) }

// Degrees converts radians to degrees.
func Degrees(x any) *orm.Expr { return numeric("Degrees", x) }

// Exp is e to the power x.
func Exp(x any) *orm.Expr { return numeric("Exp", x) }

// Ln is the natural logarithm.
func Ln(x any) *orm.Expr { return numeric("Ln", x) }

// Log is the logarithm of x to base (Django's Log(base, x)).
func Log(base, x any) *orm.Expr { return numeric("Log", base, x) }

// Pi is π.
func Pi() *orm.Expr { return call("Pi", registry.Float, 0) }

// Radians converts degrees to radians.
func Radians(x any) *orm.Expr { return numeric("Radians", x) }

// Sign is -1, 0 or 1, of the kind of x.
func Sign(x any) *orm.Expr { return call("Sign", registry.Invalid, 0, x) }

// Sin is the sine.
func Sin(x any) *orm.Expr { return numeric("Sin", x) }

// Tan is the tangent.
func Tan(x any) *orm.Expr { return numeric("Tan", x) }

// Chr is the character of a code point.
func Chr(code any) *orm.Expr { return call("Chr", registry.Text, 0, code) }

// Ord is the code of arg's first character (MySQL: its bytes' value, as
// Django's Ord there).
func Ord(arg any) *orm.Expr { return call("Ord", registry.BigInt, 0, arg) }

// LPad pads arg on the left with fill (a space when "") to length
// characters, or cuts it to length.
func LPad(arg any, length int, fill string) *orm.Expr { return padded("LPad", arg, length, fill) }

// RPad pads arg on the right with fill (a space when "") to length
// characters, or cuts it to length.
func RPad(arg any, length int, fill string) *orm.Expr { return padded("RPad", arg, length, fill) }

func padded(name string, arg any, length int, fill string) *orm.Expr {
	if length < 0 {
		return fail("%s: the length %d is negative", name, length)
	}
	if fill == "" {
		fill = " "
	}
	return call(name, registry.Text, 0, arg, orm.Value(length), orm.Value(fill))
}

// Repeat is arg repeated n times.
func Repeat(arg any, n int) *orm.Expr {
	if n < 0 {
		return fail("Repeat: the count %d is negative", n)
	}
	return call("Repeat", registry.Text, 0, arg, orm.Value(n))
}

// Reverse is arg's characters in reverse order (not on Oracle).
func Reverse(arg any) *orm.Expr { return call("Reverse", registry.Text, 0, arg) }

// MD5 is the lower-case hex MD5 digest of arg's text.
func MD5(arg any) *orm.Expr { return call("MD5", registry.Text, 0, arg) }

// SHA1 is the hex SHA-1 digest (not on PostgreSQL without pgcrypto).
func SHA1(arg any) *orm.Expr { return call("SHA1", registry.Text, 0, arg) }

// SHA224 is the hex SHA-224 digest (not on Oracle).
func SHA224(arg any) *orm.Expr { return call("SHA224", registry.Text, 0, arg) }

// SHA256 is the hex SHA-256 digest.
func SHA256(arg any) *orm.Expr { return call("SHA256", registry.Text, 0, arg) }

// SHA384 is the hex SHA-384 digest.
func SHA384(arg any) *orm.Expr { return call("SHA384", registry.Text, 0, arg) }

// SHA512 is the hex SHA-512 digest.
func SHA512(arg any) *orm.Expr { return call("SHA512", registry.Text, 0, arg) }

// RowNumber numbers the rows of a Window's partition from 1.
func RowNumber() *orm.Expr { return call("RowNumber", registry.BigInt, 0) }

// Rank ranks the rows of a Window's partition, with gaps after ties.
func Rank() *orm.Expr { return call("Rank", registry.BigInt, 0) }

// DenseRank ranks without gaps.
func DenseRank() *orm.Expr { return call("DenseRank", registry.BigInt, 0) }

// PercentRank is the relative rank, from 0 to 1.
func PercentRank() *orm.Expr { return call("PercentRank", registry.Float, 0) }

// CumeDist is the cumulative distribution, from 0 to 1.
func CumeDist() *orm.Expr { return call("CumeDist", registry.Float, 0) }

// NTile splits the partition into n buckets and gives the row's.
func NTile(n int) *orm.Expr {
	if n <= 0 {
		return fail("NTile: the number of buckets must be positive, not %d", n)
	}
	return call("NTile", registry.BigInt, 0, orm.Value(n))
}

// Lag is expr offset rows before the current one (default when there is
// none).
func Lag(expr any, offset int, def any) *orm.Expr { return shifted("Lag", expr, offset, def) }

// Lead is expr offset rows after the current one.
func Lead(expr any, offset int, def any) *orm.Expr { return shifted("Lead", expr, offset, def) }

func shifted(name string, expr any, offset int, def any) *orm.Expr {
	if offset <= 0 {
		return fail("%s: the offset must be positive, not %d", name, offset)
	}
	if def == nil {
		return call(name, registry.Invalid, 0, expr, orm.Value(offset))
	}
	return call(name, registry.Invalid, 0, expr, orm.Value(offset), valueArg(def))
}

// FirstValue is expr at the first row of the window frame.
func FirstValue(expr any) *orm.Expr { return call("FirstValue", registry.Invalid, 0, expr) }

// LastValue is expr at the last row of the window frame.
func LastValue(expr any) *orm.Expr { return call("LastValue", registry.Invalid, 0, expr) }

// NthValue is expr at the nth row of the window frame (from 1).
func NthValue(expr any, n int) *orm.Expr {
	if n <= 0 {
		return fail("NthValue: n must be positive, not %d", n)
	}
	return call("NthValue", registry.Invalid, 0, expr, orm.Value(n))
}
