// Package sqlite is the SQLite dialect (driver mattn/go-sqlite3).
//
// SQLite lacks a few things Django's semantics need: regular expressions,
// case folding beyond ASCII, math and statistics functions, and
// case-sensitive LIKE. This package's Backend registers djorm_regexp,
// djorm_upper, djorm_lower, the math functions and STDDEV/VARIANCE on every
// connection orm.Open makes (backend.go, functions.go); the dialect uses
// them when Functions is set, and otherwise falls back to ASCII-only case
// folding (what Django itself does on SQLite) and refuses regex lookups.
package sqlite

import (
	"fmt"
	"strings"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/registry"
)

// Dialect renders SQL for SQLite.
type Dialect struct {
	dialects.Base
	features dialects.Features
	// Functions says the connections carry djorm's registered functions.
	Functions bool
}

// New returns the SQLite dialect; functions says whether djorm's SQL
// functions are registered on the connections.
func New(functions bool) *Dialect {
	return &Dialect{Functions: functions, features: dialects.Features{
		MaxParams: 32766, MaxIdentLen: 0,
		Returning: true, BulkReturning: true, AggregateFilter: true, NullsOrder: true, NullsFirstByAsc: true,
		Intersect: true, Window: true, FloatInf: true, LastInsertID: true, CastDecimalResults: true, MaxDecimalDigits: 15, GeneratedStored: true, GeneratedVirtual: true,
		IgnoreConflicts: true, UpdateConflicts: true, UpdateConflictsTarget: true, TransactionalDDL: true,
		SubqueryLimitIn: true, UpdateSelfSubquery: true, Savepoints: true, RegexUnicode: functions, GroupByOrdinal: true,
		InlineForeignKeys: true, CreateIfNotExists: true, JSONKeyHasKey: true,
	}}
}

// Name implements dialects.Dialect.
func (d *Dialect) Name() string { return "sqlite" }

// Features implements dialects.Dialect.
func (d *Dialect) Features() *dialects.Features { return &d.features }

// Bind stores dates, datetimes and times as text, decimals as text (the
// NUMERIC column converts them) and durations as microseconds, as Django does.
func (d *Dialect) Bind(v any, k registry.Kind) (any, error) { return d.BindInto(nil, v, k) }

// BindInto is Bind with text formatted into a (see internal/arena).
func (d *Dialect) BindInto(a *arena.Arena, v any, k registry.Kind) (any, error) {
	return arena.BindText(a, v, k)
}

// BindTime sends times as text.
func (d *Dialect) BindTime(a *arena.Arena, t time.Time, k registry.Kind) any {
	return arena.BindTimeText(a, t, k)
}

func (d *Dialect) upper(w *dialects.Writer, n dialects.Node) {
	if d.Functions {
		w.S("djorm_upper(")
	} else {
		w.S("UPPER(")
	}
	w.Node(n)
	w.S(")")
}

// Compare renders iexact with Unicode case folding when available.
func (d *Dialect) Compare(w *dialects.Writer, lookup string, lhs, rhs dialects.Node) {
	if lookup != "iexact" {
		d.Base.Compare(w, lookup, lhs, rhs)
		return
	}
	d.upper(w, lhs)
	w.S(" = ")
	d.upper(w, rhs)
}

// Pattern uses GLOB for the case-sensitive lookups, because SQLite's LIKE
// ignores ASCII case, and LIKE over upper-cased text for the i-forms.
func (d *Dialect) Pattern(w *dialects.Writer, lookup string, lhs dialects.Node, value string) {
	if strings.HasPrefix(lookup, "i") {
		d.upper(w, lhs)
		w.S(" LIKE ")
		p := dialects.LikePattern(lookup, value)
		if d.Functions {
			w.S("djorm_upper(")
			w.Arg(p)
			w.S(")")
		} else {
			w.Arg(p)
		}
		w.S(" ESCAPE '!'")
		return
	}
	w.Node(lhs)
	w.S(" GLOB ")
	w.Arg(globPattern(lookup, value))
}

// globPattern escapes GLOB's wildcards by putting each in a bracket class.
func globPattern(lookup, value string) string {
	var b strings.Builder
	if lookup == "contains" || lookup == "endswith" {
		b.WriteByte('*')
	}
	for _, r := range value {
		switch r {
		case '*', '?', '[':
			b.WriteByte('[')
			b.WriteRune(r)
			b.WriteByte(']')
		default:
			b.WriteRune(r)
		}
	}
	if lookup == "contains" || lookup == "startswith" {
		b.WriteByte('*')
	}
	return b.String()
}

// PatternExpr renders the case-sensitive forms with instr/substr and the
// i-forms with LIKE.
func (d *Dialect) PatternExpr(w *dialects.Writer, lookup string, lhs, rhs dialects.Node) {
	switch lookup {
	case "contains":
		w.S("instr(")
		w.Node(lhs)
		w.S(", ")
		w.Node(rhs)
		w.S(") > 0")
	case "startswith":
		w.S("substr(")
		w.Node(lhs)
		w.S(", 1, length(")
		w.Node(rhs)
		w.S(")) = ")
		w.Node(rhs)
	case "endswith":
		w.S("substr(")
		w.Node(lhs)
		w.S(", -length(")
		w.Node(rhs)
		w.S(")) = ")
		w.Node(rhs)
	default:
		d.Base.PatternExpr(w, lookup, upperNode{d, lhs}, upperNode{d, rhs})
	}
}

type upperNode struct {
	d *Dialect
	n dialects.Node
}

func (u upperNode) WriteSQL(w *dialects.Writer) { u.d.upper(w, u.n) }

// Regex uses the djorm_regexp function registered on the connection.
func (d *Dialect) Regex(w *dialects.Writer, insensitive bool, lhs, rhs dialects.Node) {
	if !d.Functions {
		w.Unsupported("regex lookups without the functions orm.Open registers (open the database with orm.Open)")
		return
	}
	w.S("djorm_regexp(")
	if insensitive {
		w.S("'(?i)' || ")
	}
	w.Node(rhs)
	w.S(", ")
	w.Node(lhs)
	w.S(")")
}

// Extract renders date parts with strftime.
func (d *Dialect) Extract(w *dialects.Writer, part string, lhs dialects.Node, k registry.Kind) {
	w.TemplateOf(extractSQL, part, "date part", lhs)
}

var extractSQL = map[string]string{
	"year": "CAST(strftime('%Y', {}) AS integer)", "iso_year": "CAST(strftime('%G', {}) AS integer)",
	"month": "CAST(strftime('%m', {}) AS integer)", "week": "CAST(strftime('%V', {}) AS integer)",
	"day": "CAST(strftime('%d', {}) AS integer)", "iso_week_day": "CAST(strftime('%u', {}) AS integer)",
	"hour": "CAST(strftime('%H', {}) AS integer)", "minute": "CAST(strftime('%M', {}) AS integer)",
	"second":   "CAST(strftime('%S', {}) AS integer)",
	"quarter":  "((CAST(strftime('%m', {}) AS integer) + 2) / 3)",
	"week_day": "(CAST(strftime('%w', {}) AS integer) + 1)",
}

// ToZone implements dialects.Zoner with djorm_to_zone.
func (d *Dialect) ToZone(w *dialects.Writer, n dialects.Node, zone string) {
	d.zoneCall(w, "djorm_to_zone(", n, zone)
}

// FromZone implements dialects.Zoner with djorm_from_zone.
func (d *Dialect) FromZone(w *dialects.Writer, n dialects.Node, zone string) {
	d.zoneCall(w, "djorm_from_zone(", n, zone)
}

func (d *Dialect) zoneCall(w *dialects.Writer, fn string, n dialects.Node, zone string) {
	if !d.Functions {
		w.Unsupported("time zones without djorm's SQLite functions (open the database with orm.Open)")
		return
	}
	w.S(fn)
	w.Node(n)
	w.S(", '")
	w.S(zone)
	w.S("')")
}

// Trunc renders truncation as the text SQLite stores dates and datetimes in.
func (d *Dialect) Trunc(w *dialects.Writer, kind string, lhs dialects.Node, k, out registry.Kind) {
	table := truncSQL
	if out == registry.Date {
		table = truncDateSQL
	}
	w.TemplateOf(table, kind, "truncation kind", lhs)
	if (kind == "quarter" || kind == "week") && out == registry.DateTime {
		w.S(" || ' 00:00:00'")
	}
}

// truncSQL truncates to the text SQLite stores a datetime in; truncDateSQL
// to a date's. "time" keeps the time part of djorm's stored text,
// microseconds included ("2021-01-10 09:30:00.123456" -> "09:30:00.123456").
var truncSQL = map[string]string{
	"date": "date({})", "time": "substr({}, 12, 15)",
	"quarter": "date({}, 'start of month', '-' || ((CAST(strftime('%m', {}) AS integer) - 1) % 3) || ' months')",
	"week":    "date({}, '-' || ((CAST(strftime('%w', {}) AS integer) + 6) % 7) || ' days')",
	"year":    "strftime('%Y-01-01 00:00:00', {})", "month": "strftime('%Y-%m-01 00:00:00', {})",
	"day": "strftime('%Y-%m-%d 00:00:00', {})", "hour": "strftime('%Y-%m-%d %H:00:00', {})", "minute": "strftime('%Y-%m-%d %H:%M:00', {})",
	"second": "strftime('%Y-%m-%d %H:%M:%S', {})",
}

var truncDateSQL = map[string]string{
	"date": truncSQL["date"], "time": truncSQL["time"], "quarter": truncSQL["quarter"], "week": truncSQL["week"],
	"year": "strftime('%Y-01-01', {})", "month": "strftime('%Y-%m-01', {})", "day": "strftime('%Y-%m-%d', {})",
	"hour": "strftime('%Y-%m-%d', {})", "minute": "strftime('%Y-%m-%d', {})", "second": "strftime('%Y-%m-%d', {})",
}

// Cast renders CAST(x AS type).
func (d *Dialect) Cast(w *dialects.Writer, lhs dialects.Node, k registry.Kind, f *registry.Field) {
	w.S("CAST(")
	w.Node(lhs)
	w.S(" AS ")
	w.S(d.ColumnType(f))
	w.S(")")
}

var funcNames = dialects.NamesWith(func() map[string]string {
	own := map[string]string{"Greatest": "MAX", "Least": "MIN", "Now": "CURRENT_TIMESTAMP", "Chr": "CHAR", "Ord": "UNICODE"}
	for _, f := range mathFuncs {
		own[f] = "" // djorm_<name>, or refused without djorm's functions
	}
	return own
}())

// mathFuncs are missing from SQLite builds without math functions; djorm
// registers them as djorm_<name> on the connections orm.Open makes.
var mathFuncs = []string{"Ceil", "Floor", "Mod", "Power", "Sqrt", "ACos", "ASin", "ATan", "ATan2", "Cos", "Cot",
	"Degrees", "Exp", "Ln", "Log", "Pi", "Radians", "Sin", "Tan",
	"LPad", "RPad", "Repeat", "Reverse", "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512"}

// Func renders database functions.
func (d *Dialect) Func(w *dialects.Writer, name string, args []dialects.Node) {
	if dialects.SubstrLeftRight(w, name, args) {
		return
	}
	for _, f := range mathFuncs {
		if f != name {
			continue
		}
		if !d.Functions {
			w.Unsupported(name + " without the functions orm.Open registers (open the database with orm.Open)")
			return
		}
		w.S("djorm_" + strings.ToLower(name) + "(")
		w.List(args, ", ")
		w.S(")")
		return
	}
	if name == "Now" {
		w.S("strftime('%Y-%m-%d %H:%M:%f', 'now')")
		return
	}
	if (name == "Upper" || name == "Lower") && d.Functions {
		w.S("djorm_" + strings.ToLower(name) + "(")
		w.List(args, ", ")
		w.S(")")
		return
	}
	dialects.RenderFunc(w, name, args, funcNames)
}

// Explain renders EXPLAIN QUERY PLAN.
func (d *Dialect) Explain(format string) (string, error) {
	return explainFormats.Prefix("SQLite", format)
}

var explainFormats = dialects.ExplainFormats{"": "EXPLAIN QUERY PLAN "}

// ColumnType implements dialects.Dialect.
func (d *Dialect) ColumnType(f *registry.Field) string { return dataTypes.ColumnType(f) }

var dataTypes = dialects.DataTypes{
	registry.String: "varchar({max_length})", registry.Text: "text", registry.UUID: "char(36)",
	registry.SmallInt: "smallint", registry.Int: "integer", registry.BigInt: "bigint",
	registry.Bool: "bool", registry.Float: "real", registry.Decimal: "decimal",
	registry.Date: "date", registry.DateTime: "datetime", registry.Time: "time",
	registry.Duration: "bigint", registry.Bytes: "BLOB", registry.JSON: "text", registry.Invalid: "text",
}

// AutoPK implements dialects.Dialect.
func (d *Dialect) AutoPK(registry.Kind) string {
	return "integer NOT NULL PRIMARY KEY AUTOINCREMENT"
}

// bitOps: SQLite has no exclusive or operator; a ^ b = (a | b) - (a & b)
// in two's complement, NULL in NULL out (Django registers a function).
var bitOps = map[string]string{"#": "(({1} | {2}) - ({1} & {2}))"}

// Arith guards what SQLite would store differently from the value
// computed: an integer +, - or * that overflows becomes a float (which may
// round to exactly -2^63 and pass any check), and a float operation that
// gives NaN becomes NULL; both raise an error instead. Dates and times move
// by durations through djorm's functions (registered on every connection
// orm.Open makes, as Django registers its own): SQLite's date functions
// keep milliseconds only, djorm stores microseconds.
func (d *Dialect) Arith(w *dialects.Writer, op string, l, r dialects.Node, lk, rk, out registry.Kind) bool {
	if dialects.WriteBitOp(w, bitOps, op, l, r) {
		return true
	}
	if dialects.DurationShift(op, lk, rk) {
		return d.durationShift(w, op, l, r, lk, rk, out)
	}
	switch {
	case op != "/" && lk.IsInteger() && rk.IsInteger():
		// The result is a float only after an overflow.
		w.S("(CASE typeof(")
		plain(w, op, l, r)
		w.S(") WHEN 'real' THEN ")
		d.raise(w, "integer overflow")
		w.S(" ELSE ")
		plain(w, op, l, r)
		w.S(" END)")
	case op != "/" && out == registry.Float:
		// NULL from two non-NULL operands is a NaN (Inf - Inf); a division
		// by zero is NULL everywhere, as in Django.
		w.S("(CASE WHEN ")
		plain(w, op, l, r)
		w.S(" IS NULL AND ")
		w.Node(l)
		w.S(" IS NOT NULL AND ")
		w.Node(r)
		w.S(" IS NOT NULL THEN ")
		d.raise(w, "NaN cannot be stored")
		w.S(" ELSE ")
		plain(w, op, l, r)
		w.S(" END)")
	default:
		return false
	}
	return true
}

// raise renders an expression that fails the statement with an error
// TranslateError reads as ErrDataTooLong: djorm_raise where djorm's
// functions are registered, else abs() of the smallest integer, which
// SQLite refuses as an integer overflow.
func (d *Dialect) raise(w *dialects.Writer, what string) {
	if d.Functions {
		w.S("djorm_raise('" + raisePrefix + what + "')")
		return
	}
	w.S("abs(-9223372036854775808)")
}

// raisePrefix starts the messages of djorm_raise, so TranslateError knows them.
const raisePrefix = "djorm: value out of range: "

// plain renders (l op r).
func plain(w *dialects.Writer, op string, l, r dialects.Node) {
	w.B('(')
	w.Node(l)
	w.S(" " + op + " ")
	w.Node(r)
	w.B(')')
}

func (d *Dialect) durationShift(w *dialects.Writer, op string, l, r dialects.Node, lk, rk, out registry.Kind) bool {
	if !d.Functions {
		w.Fail(&dialects.NotSupported{Dialect: "sqlite", Feature: "date and duration arithmetic without djorm's SQL functions (open the database with orm.Open)"})
		return true
	}
	point, n := l, r
	if lk == registry.Duration {
		point, n = r, l
	}
	switch {
	case out == registry.Duration && lk.IsTemporal() && rk.IsTemporal():
		w.Template2("djorm_dt_diff({1}, {2})", l, r)
	case out == registry.DateTime || out == registry.Time:
		w.Template2("djorm_dt_add({1}, "+map[string]string{"+": "", "-": "-"}[op]+"({2}))", point, n)
	default:
		return false
	}
	return true
}

// ColumnCheck keeps integer columns to their kind's range and to whole
// numbers: SQLite would store F("small") * 1000 or a sum past 2^63 (as a
// REAL) without complaint, and every later read of the row would fail.
func (d *Dialect) ColumnCheck(f *registry.Field, col string) string {
	if f.Kind == registry.JSON { // text holding JSON, as Django's SQLite JSONField
		return fmt.Sprintf("CHECK (%s IS NULL OR JSON_VALID(%s))", col, col)
	}
	if !f.Kind.IsInteger() || f.Auto || f.References() { // a key must match its target anyway
		return ""
	}
	lo, hi := f.Kind.IntRange()
	// Named, so a violation reads as the out-of-range value it is (a
	// DataError, as on the other backends), not as a user constraint.
	name := string(d.AppendIdent(nil, f.Column+rangeCheckSuffix))
	return fmt.Sprintf("CONSTRAINT %s CHECK (%s BETWEEN %d AND %d AND %s = CAST(%s AS INTEGER))", name, col, lo, hi, col, col)
}

// rangeCheckSuffix ends the names of djorm's integer range checks.
const rangeCheckSuffix = "_djorm_range"

// rangeCheck reports whether err is a violation of an integer range check.
func rangeCheck(err error) bool {
	rest, ok := strings.CutPrefix(err.Error(), "CHECK constraint failed: ")
	return ok && strings.HasSuffix(rest, rangeCheckSuffix)
}

var _ dialects.ColumnChecker = (*Dialect)(nil)

// FromServer is true of every error: SQLite runs in the process, so a
// statement's outcome is always known.
func (d *Dialect) FromServer(error) bool { return true }

// TranslateError classifies go-sqlite3 errors by their extended code, read
// through reflection so this package needs no driver import.
func (d *Dialect) TranslateError(err error) dialects.ErrorClass {
	if msg := err.Error(); strings.HasPrefix(msg, raisePrefix) || msg == "integer overflow" {
		return dialects.ErrDataTooLong // see Arith
	}
	code, ok := dialects.IntField(err, "ExtendedCode")
	if !ok {
		return dialects.ErrOther
	}
	switch code {
	case 2067, 1555: // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
		return dialects.ErrUnique
	case 787: // SQLITE_CONSTRAINT_FOREIGNKEY
		return dialects.ErrForeignKey
	case 1299: // SQLITE_CONSTRAINT_NOTNULL
		return dialects.ErrNotNull
	case 275: // SQLITE_CONSTRAINT_CHECK
		if rangeCheck(err) {
			return dialects.ErrDataTooLong
		}
		return dialects.ErrCheck
	}
	if code&0xff == 5 || code&0xff == 6 { // SQLITE_BUSY, SQLITE_LOCKED
		return dialects.ErrRetryable
	}
	return dialects.ErrOther
}

var _ dialects.Dialect = (*Dialect)(nil)

// TablesQuery lists the tables of the database.
func (d *Dialect) TablesQuery() string {
	return "SELECT name FROM sqlite_master WHERE type = 'table'"
}

// LimitOffset renders LIMIT -1 for an offset alone, as SQLite requires.
func (d *Dialect) LimitOffset(w *dialects.Writer, limit, offset int64) {
	if limit < 0 && offset > 0 {
		w.S(" LIMIT -1")
	}
	d.Base.LimitOffset(w, limit, offset)
}
