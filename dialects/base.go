package dialects

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Base implements the parts of Dialect that follow standard SQL. Backend
// dialects embed it and override what differs; Base renders identifiers and
// placeholders through w.D, so the overrides apply inside Base's methods too.
type Base struct{}

// LikeEscape is the escape character of every LIKE pattern djorm writes. It
// is not a backslash because MySQL also reads backslashes inside string
// literals; '!' means the same in every backend's ESCAPE clause.
const LikeEscape = '!'

// EscapeLike escapes %, _ and the escape character in s.
func EscapeLike(s string) string {
	if !strings.ContainsAny(s, "%_!") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == '%' || r == '_' || r == LikeEscape {
			b.WriteRune(LikeEscape)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// LikePattern builds the LIKE pattern of a pattern lookup for value.
func LikePattern(lookup, value string) string {
	v := EscapeLike(value)
	switch strings.TrimPrefix(lookup, "i") {
	case "contains":
		return "%" + v + "%"
	case "startswith":
		return v + "%"
	case "endswith":
		return "%" + v
	}
	return v // exact
}

// AppendPlaceholder appends "?", the placeholder of MySQL and SQLite.
func (Base) AppendPlaceholder(b []byte, _ int) []byte { return append(b, '?') }

// AppendIdent appends name in standard double quotes.
func (Base) AppendIdent(b []byte, name string) []byte {
	b = append(b, '"')
	for i := 0; i < len(name); i++ {
		if name[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, name[i])
	}
	return append(b, '"')
}

var compareOps = map[string]string{"exact": " = ", "gt": " > ", "gte": " >= ", "lt": " < ", "lte": " <= "}

// Compare renders exact/gt/gte/lt/lte directly and iexact with UPPER.
func (Base) Compare(w *Writer, lookup string, lhs, rhs Node) {
	if op, ok := compareOps[lookup]; ok {
		w.Node(lhs)
		w.S(op)
		w.Node(rhs)
		return
	}
	if lookup == "iexact" {
		w.S("UPPER(")
		w.Node(lhs)
		w.S(") = UPPER(")
		w.Node(rhs)
		w.S(")")
		return
	}
	if IsArrayLookup(lookup) {
		unsupportedArray(w, "the "+lookup[len("array_"):]+" lookup")
		return
	}
	w.Fail(fmt.Errorf("unknown comparison %q", lookup))
}

// Pattern renders LIKE lookups with an explicit ESCAPE clause; the i-forms
// compare upper-cased text.
func (Base) Pattern(w *Writer, lookup string, lhs Node, value string) {
	pattern := LikePattern(lookup, value)
	if strings.HasPrefix(lookup, "i") {
		w.S("UPPER(")
		w.Node(lhs)
		w.S(") LIKE UPPER(")
		w.Arg(pattern)
		w.S(") ESCAPE '!'")
		return
	}
	w.Node(lhs)
	w.S(" LIKE ")
	w.Arg(pattern)
	w.S(" ESCAPE '!'")
}

// PatternExpr renders pattern lookups against an expression by escaping it
// in SQL with REPLACE and concatenating the wildcards (||).
func (Base) PatternExpr(w *Writer, lookup string, lhs, rhs Node) {
	ci := strings.HasPrefix(lookup, "i")
	if ci {
		w.S("UPPER(")
	}
	w.Node(lhs)
	if ci {
		w.S(")")
	}
	w.S(" LIKE ")
	if ci {
		w.S("UPPER(")
	}
	base := strings.TrimPrefix(lookup, "i")
	if base == "contains" || base == "endswith" {
		w.S("'%' || ")
	}
	w.S("REPLACE(REPLACE(REPLACE(")
	w.Node(rhs)
	w.S(", '!', '!!'), '%', '!%'), '_', '!_')")
	if base == "contains" || base == "startswith" {
		w.S(" || '%'")
	}
	if ci {
		w.S(")")
	}
	w.S(" ESCAPE '!'")
}

// BoolExpr renders a condition as a value: most backends select a boolean
// condition as is.
func (Base) BoolExpr(w *Writer, cond Node) { w.Node(cond) }

// BoolCondition renders a boolean value as a condition.
func (Base) BoolCondition(w *Writer, value Node) { w.Node(value) }

// LimitOffset renders LIMIT n OFFSET m.
func (Base) LimitOffset(w *Writer, limit, offset int64) {
	if limit >= 0 {
		w.S(" LIMIT ")
		w.Int(limit)
	}
	if offset > 0 {
		w.S(" OFFSET ")
		w.Int(offset)
	}
}

// ForUpdate renders FOR UPDATE with the options the backend's Features allow.
func (Base) ForUpdate(w *Writer, lock Lock) {
	f := w.D.Features()
	switch {
	case !f.SelectForUpdate:
		w.Unsupported("select_for_update")
		return
	case lock.NoWait && !f.NoWait:
		w.Unsupported("select_for_update(nowait=True)")
	case lock.SkipLocked && !f.SkipLocked:
		w.Unsupported("select_for_update(skip_locked=True)")
	case len(lock.Of) > 0 && !f.LockOf:
		w.Unsupported("select_for_update(of=...)")
	case lock.NoKey && !f.LockNoKey:
		w.Unsupported("select_for_update(no_key=True)")
	case lock.NoWait && lock.SkipLocked:
		w.Fail(fmt.Errorf("the nowait and skip_locked options of select_for_update are mutually exclusive"))
	}
	if lock.NoKey {
		w.S(" FOR NO KEY UPDATE")
	} else {
		w.S(" FOR UPDATE")
	}
	if len(lock.Of) > 0 {
		w.S(" OF ")
		for i, a := range lock.Of {
			if i > 0 {
				w.S(", ")
			}
			w.Ident(a)
			if f.LockOfColumn && i < len(lock.OfKeys) {
				w.S(".")
				w.Ident(lock.OfKeys[i])
			}
		}
	}
	if lock.NoWait {
		w.S(" NOWAIT")
	}
	if lock.SkipLocked {
		w.S(" SKIP LOCKED")
	}
}

// Explain returns "EXPLAIN " for the default format.
func (Base) Explain(format string) (string, error) {
	if format == "" {
		return "EXPLAIN ", nil
	}
	return "", fmt.Errorf("unknown EXPLAIN format %q", format)
}

// InsertDefaults renders INSERT INTO t DEFAULT VALUES.
func (Base) InsertDefaults(w *Writer, table string) {
	w.S("INSERT INTO ")
	w.Ident(table)
	w.S(" DEFAULT VALUES")
}

// OnConflict renders PostgreSQL/SQLite ON CONFLICT clauses.
func (Base) OnConflict(w *Writer, c Conflict) {
	if c.Ignore {
		w.S(" ON CONFLICT DO NOTHING")
		return
	}
	w.S(" ON CONFLICT(")
	for i, col := range c.UniqueCols {
		if i > 0 {
			w.S(", ")
		}
		w.Ident(col)
	}
	w.S(") DO UPDATE SET ")
	for i, col := range c.UpdateCols {
		if i > 0 {
			w.S(", ")
		}
		w.Ident(col)
		w.S(" = EXCLUDED.")
		w.Ident(col)
	}
}

// FormatDate renders the date part of t as text ("2006-01-02").
func FormatDate(t time.Time) string { return string(arena.AppendDate(nil, t)) }

// FormatDateTime renders t in UTC as "2006-01-02 15:04:05[.ffffff]", the
// text form Django writes for backends without a time zone type.
func FormatDateTime(t time.Time) string { return string(arena.AppendDateTime(nil, t)) }

// FormatClock renders the time of day of t ("15:04:05[.ffffff]").
func FormatClock(t time.Time) string { return string(arena.AppendClock(nil, t)) }

// BindText binds values the way backends without native date, decimal and
// interval types want them: text for temporal values and decimals,
// microseconds for durations. A dialect's Bind may use it as it is.
func BindText(v any, k registry.Kind) (any, error) { return arena.BindText(nil, v, k) }

// Arith leaves arithmetic to the plain (l op r), which divides integers
// as integers on backends that do (SQLite, PostgreSQL on integer columns).
func (Base) Arith(*Writer, string, Node, Node, registry.Kind, registry.Kind, registry.Kind) bool {
	return false
}

// IntDivision reports whether l / r divides two integers into an integer.
func IntDivision(op string, lk, rk, out registry.Kind) bool {
	return op == "/" && out.IsInteger() && lk.IsInteger() && rk.IsInteger()
}

// DurationShift reports whether l op r moves a date, datetime or time by
// a duration, or takes the duration between two of them.
func DurationShift(op string, lk, rk registry.Kind) bool {
	if op != "+" && op != "-" || lk == registry.Duration && rk == registry.Duration {
		return false
	}
	return (lk.IsTemporal() || lk == registry.Duration) && (rk.IsTemporal() || rk == registry.Duration)
}

// Savepoint renders SAVEPOINT name.
func (Base) Savepoint(name string) string { return "SAVEPOINT " + name }

// RollbackToSavepoint renders ROLLBACK TO SAVEPOINT name.
func (Base) RollbackToSavepoint(name string) string { return "ROLLBACK TO SAVEPOINT " + name }

// ReleaseSavepoint renders RELEASE SAVEPOINT name.
func (Base) ReleaseSavepoint(name string) string { return "RELEASE SAVEPOINT " + name }

// BindDecimal sends a decimal as its text, which every backend converts
// exactly (the fast binding of djorm's own dialects, see arena.Binder).
func (Base) BindDecimal(a *arena.Arena, d decimal.Decimal) any { return a.Box(a.Decimal(d)) }

// ExtractParts lists the date parts Extract accepts, Django's names.
var ExtractParts = []string{"year", "iso_year", "quarter", "month", "week", "day", "week_day",
	"iso_week_day", "hour", "minute", "second"}

// TruncKinds lists the kinds Trunc accepts.
var TruncKinds = []string{"year", "quarter", "month", "week", "day", "hour", "minute", "second", "date", "time"}

// Literal renders a constant in standard SQL: quoted text, numbers, and
// dates as quoted text.
func (Base) Literal(v any, k registry.Kind) (string, error) {
	switch x := v.(type) {
	case string:
		return QuoteString(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case bool:
		if x {
			return "1", nil
		}
		return "0", nil
	case decimal.Decimal:
		return x.String(), nil
	case time.Duration:
		return strconv.FormatInt(x.Microseconds(), 10), nil
	case time.Time:
		switch k {
		case registry.Date:
			return QuoteString(FormatDate(x)), nil
		case registry.Time:
			return QuoteString(FormatClock(x)), nil
		}
		return QuoteString(FormatDateTime(x)), nil
	}
	return "", fmt.Errorf("cannot render %T as an SQL literal", v)
}

// QuoteString quotes s as an SQL string literal, doubling quotes.
func QuoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// TableOptions is empty in standard SQL.
func (Base) TableOptions() string { return "" }

// DropTable renders DROP TABLE IF EXISTS.
func (Base) DropTable(name string) string { return "DROP TABLE IF EXISTS " + name }

// ForeignKeyTail makes constraints deferred to commit, as Django does where
// the backend allows it.
func (Base) ForeignKeyTail() string { return " DEFERRABLE INITIALLY DEFERRED" }

// ResetSequence is not needed where auto-increment follows explicit keys.
func (Base) ResetSequence(table, column string) string { return "" }

// ParamCast is empty where parameters take the type of their context.
func (Base) ParamCast(registry.Kind) string { return "" }
