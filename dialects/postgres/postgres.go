// Package postgres is the PostgreSQL dialect (drivers lib/pq and pgx's
// stdlib). Its Backend (backend.go) makes lib/pq's connections keep their
// contexts' deadlines on a network that stopped answering; pgx does so
// itself.
package postgres

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Dialect renders SQL for PostgreSQL.
type Dialect struct {
	dialects.Base
	features dialects.Features
}

// New returns the PostgreSQL dialect.
func New() *Dialect {
	return &Dialect{features: dialects.Features{
		MaxParams: 65535, MaxIdentLen: 63,
		Returning: true, BulkReturning: true, DistinctOn: true, AggregateFilter: true,
		NullsOrder: true, JSONNative: true, Intersect: true, SliceInCompound: true, OrderInCompound: true, Window: true,
		SelectForUpdate: true, NoWait: true, SkipLocked: true, LockOf: true, LockNoKey: true, LockWithLimit: true,
		FloatNaN: true, FloatInf: true, Arrays: true, GeneratedStored: true, IgnoreConflicts: true, UpdateConflicts: true, UpdateConflictsTarget: true,
		TransactionalDDL: true, CreateIfNotExists: true, SubqueryLimitIn: true, UpdateSelfSubquery: true, Savepoints: true, RegexUnicode: true, GroupByOrdinal: true,
	}}
}

// Name implements dialects.Dialect.
func (d *Dialect) Name() string { return "postgresql" }

// Features implements dialects.Dialect.
func (d *Dialect) Features() *dialects.Features { return &d.features }

// AppendPlaceholder appends $n.
func (d *Dialect) AppendPlaceholder(b []byte, n int) []byte {
	return strconv.AppendInt(append(b, '$'), int64(n), 10)
}

// Bind sends dates and times of day as text so PostgreSQL types them from
// the column (a timestamptz parameter compared with a date column would be
// converted in the session's time zone), decimals as text and durations as
// intervals.
func (d *Dialect) Bind(v any, k registry.Kind) (any, error) { return d.BindInto(nil, v, k) }

// BindInto is Bind with text formatted into a (see internal/arena).
func (d *Dialect) BindInto(a *arena.Arena, v any, k registry.Kind) (any, error) {
	switch x := v.(type) {
	case time.Time:
		return d.BindTime(a, x, k), nil
	case decimal.Decimal:
		return d.BindDecimal(a, x), nil
	case time.Duration:
		return strconv.FormatInt(x.Microseconds(), 10) + " microseconds", nil
	case int:
		return int64(x), nil
	}
	return v, nil
}

// BindTime sends dates and times of day as text, instants as UTC times
// truncated to microseconds (PostgreSQL would round 23:59:59.9999999 up
// to the next day, where the other backends and Django truncate).
func (d *Dialect) BindTime(a *arena.Arena, t time.Time, k registry.Kind) any {
	if k == registry.Date || k == registry.Time {
		return arena.BindTimeText(a, t, k)
	}
	return t.UTC().Truncate(time.Microsecond)
}

// text casts an operand to text, as Django does for pattern lookups, so
// LIKE works on numbers and dates too.
type text struct{ n dialects.Node }

func (t text) WriteSQL(w *dialects.Writer) {
	w.S("(")
	w.Node(t.n)
	w.S(")::text")
}

// arrayOps are the operators of the array lookups (Django's ArrayField
// contains, contained_by and overlap).
var arrayOps = map[string]string{
	dialects.ArrayContains: " @> ", dialects.ArrayContainedBy: " <@ ", dialects.ArrayOverlap: " && ",
}

// Compare implements dialects.Dialect, with the array lookups.
func (d *Dialect) Compare(w *dialects.Writer, lookup string, lhs, rhs dialects.Node) {
	if op, ok := arrayOps[lookup]; ok {
		w.Node(lhs)
		w.S(op)
		w.Node(rhs)
		return
	}
	if lookup == "iexact" {
		lhs = text{lhs}
	}
	d.Base.Compare(w, lookup, lhs, rhs)
}

// Pattern implements dialects.Dialect.
func (d *Dialect) Pattern(w *dialects.Writer, lookup string, lhs dialects.Node, value string) {
	d.Base.Pattern(w, lookup, text{lhs}, value)
}

// PatternExpr implements dialects.Dialect.
func (d *Dialect) PatternExpr(w *dialects.Writer, lookup string, lhs, rhs dialects.Node) {
	d.Base.PatternExpr(w, lookup, text{lhs}, rhs)
}

// Regex renders POSIX regular expression matches (~ and ~*).
func (d *Dialect) Regex(w *dialects.Writer, insensitive bool, lhs, rhs dialects.Node) {
	w.Node(text{lhs})
	if insensitive {
		w.S(" ~* ")
	} else {
		w.S(" ~ ")
	}
	w.Node(rhs)
}

// utc renders a timestamptz in UTC, the zone Django's USE_TZ computes in;
// without it EXTRACT and DATE_TRUNC would use the session's time zone.
func utc(w *dialects.Writer, lhs dialects.Node, k registry.Kind) {
	if k == registry.DateTime {
		w.S("(")
		w.Node(lhs)
		w.S(" AT TIME ZONE 'UTC')")
		return
	}
	w.Node(lhs)
}

// ToZone implements dialects.Zoner: the instant shifted so that its UTC
// reading is the wall time in zone, which Extract and Trunc then read as
// they read any datetime (through utc).
func (d *Dialect) ToZone(w *dialects.Writer, n dialects.Node, zone string) {
	w.S("((")
	w.Node(n)
	w.S(" AT TIME ZONE '")
	w.S(zone)
	w.S("') AT TIME ZONE 'UTC')")
}

// FromZone implements dialects.Zoner: the shifted instant back to the
// instant of its wall time in zone.
func (d *Dialect) FromZone(w *dialects.Writer, n dialects.Node, zone string) {
	w.S("((")
	w.Node(n)
	w.S(" AT TIME ZONE 'UTC') AT TIME ZONE '")
	w.S(zone)
	w.S("')")
}

var extractFields = map[string]string{
	"year": "YEAR", "iso_year": "ISOYEAR", "quarter": "QUARTER", "month": "MONTH", "week": "WEEK",
	"day": "DAY", "week_day": "DOW", "iso_week_day": "ISODOW", "hour": "HOUR", "minute": "MINUTE", "second": "SECOND",
}

// Extract renders EXTRACT(part FROM x) as an integer.
func (d *Dialect) Extract(w *dialects.Writer, part string, lhs dialects.Node, k registry.Kind) {
	field, ok := extractFields[part]
	if !ok {
		w.Fail(fmt.Errorf("unknown date part %q", part))
		return
	}
	if part == "week_day" {
		w.S("(") // one operand: "week_day * 2" must not read as dow + 1 * 2
	}
	w.S("CAST(EXTRACT(")
	w.S(field)
	w.S(" FROM ")
	if part == "second" {
		w.S("DATE_TRUNC('second', ")
		utc(w, lhs, k)
		w.S(")")
	} else {
		utc(w, lhs, k)
	}
	w.S(") AS integer)")
	if part == "week_day" {
		w.S(" + 1)")
	}
}

// Trunc renders DATE_TRUNC, casting to date or time where the output asks.
func (d *Dialect) Trunc(w *dialects.Writer, kind string, lhs dialects.Node, k, out registry.Kind) {
	switch kind {
	case "date":
		w.S("(")
		utc(w, lhs, k)
		w.S(")::date")
		return
	case "time":
		w.S("(")
		utc(w, lhs, k)
		w.S(")::time")
		return
	}
	if !slices.Contains(dialects.TruncKinds, kind) { // the kind is written into the SQL
		w.Fail(fmt.Errorf("unknown truncation kind %q", kind))
		return
	}
	w.S("DATE_TRUNC('")
	w.S(kind)
	w.S("', ")
	utc(w, lhs, k)
	w.S(")")
	switch out {
	case registry.Date:
		w.S("::date")
	case registry.Time:
		w.S("::time")
	case registry.DateTime:
		w.S(" AT TIME ZONE 'UTC'")
	}
}

// Cast renders (x)::type.
func (d *Dialect) Cast(w *dialects.Writer, lhs dialects.Node, k registry.Kind, f *registry.Field) {
	w.S("(")
	w.Node(lhs)
	w.S(")::")
	w.S(d.ColumnType(f))
}

// Func renders database functions, and the array transforms.
func (d *Dialect) Func(w *dialects.Writer, name string, args []dialects.Node) {
	switch name {
	case dialects.ArrayIndexFunc, dialects.ArraySliceFunc:
		// (x)[i][j] and (x)[lo:hi]: the parentheses keep a slice's
		// subscripts apart from the index after it ((x[1:2])[1] is an
		// element, x[1:2][1] a slice).
		w.S("(")
		w.Node(args[0])
		w.S(")[")
		for i, a := range args[1:] {
			switch {
			case i == 0:
			case name == dialects.ArraySliceFunc:
				w.S(":")
			default:
				w.S("][")
			}
			w.Node(a)
		}
		w.S("]")
		return
	case dialects.ArrayLenFunc:
		w.Template2("CASE WHEN {1} IS NULL THEN NULL ELSE COALESCE(ARRAY_LENGTH({1}, 1), 0) END", args[0], args[0])
		return
	case "Concat":
		w.S("CONCAT(")
		w.List(args, ", ")
		w.S(")")
		return
	case "StrIndex":
		name = "StrPos"
	case "SHA224", "SHA256", "SHA384", "SHA512": // built in since PostgreSQL 11, over bytes
		w.S("ENCODE(" + name + "(CONVERT_TO(")
		w.Node(args[0])
		w.S(", 'UTF8')), 'hex')")
		return
	case "SHA1":
		w.Unsupported("SHA1 (PostgreSQL has it only with the pgcrypto extension)")
		return
	case "Log": // PostgreSQL's two-argument LOG takes numerics only, as Django's FixDecimalInputMixin knows
		w.S("LOG(CAST(")
		w.Node(args[0])
		w.S(" AS numeric), CAST(")
		w.Node(args[1])
		w.S(" AS numeric))")
		return
	}
	dialects.RenderFunc(w, name, args, funcNames)
}

var funcNames = dialects.NamesWith(map[string]string{"StrPos": "STRPOS", "JSONObject": "JSONB_BUILD_OBJECT", "Now": "STATEMENT_TIMESTAMP"})

// Explain supports PostgreSQL's formats.
func (d *Dialect) Explain(format string) (string, error) {
	return explainFormats.Prefix("PostgreSQL", format)
}

// ExplainWith writes EXPLAIN (FORMAT f, OPTION true, ...), the format
// first and the options in the order given, as Django does.
func (d *Dialect) ExplainWith(format string, opts []dialects.ExplainOption) (string, error) {
	if len(opts) == 0 {
		return d.Explain(format)
	}
	if _, err := d.Explain(format); err != nil {
		return "", err
	}
	var parts []string
	if format != "" {
		parts = append(parts, "FORMAT "+strings.ToUpper(format))
	}
	var unknown []dialects.ExplainOption
	for _, o := range opts {
		name := strings.ToUpper(o.Name)
		if !slices.Contains(explainOptions, name) {
			unknown = append(unknown, o)
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %t", name, o.On))
	}
	if len(unknown) > 0 {
		return "", dialects.UnknownExplainOptions("PostgreSQL", unknown, explainOptions)
	}
	return "EXPLAIN (" + strings.Join(parts, ", ") + ") ", nil
}

var explainOptions = []string{"ANALYZE", "BUFFERS", "COSTS", "SETTINGS", "SUMMARY", "TIMING", "VERBOSE", "WAL"}

var explainFormats = dialects.ExplainFormats{"": "EXPLAIN ", "text": "EXPLAIN (FORMAT TEXT) ", "json": "EXPLAIN (FORMAT JSON) ",
	"yaml": "EXPLAIN (FORMAT YAML) ", "xml": "EXPLAIN (FORMAT XML) "}

// ColumnType implements dialects.Dialect; an array field's type is its
// element's followed by [] per dimension (integer[], varchar(20)[][]).
func (d *Dialect) ColumnType(f *registry.Field) string {
	if f.Kind == registry.Array {
		return d.arrayType(f)
	}
	return dataTypes.ColumnType(f)
}

// arrayElements spell the element types that are no field kind's column
// type.
var arrayElements = map[string]string{"inet": "inet", "cidr": "cidr"}

func (d *Dialect) arrayType(f *registry.Field) string {
	at, ok := f.ArrayType()
	if !ok {
		// A field rebuilt without its element type (a migration's state
		// does not record it): the server refuses the type by its name
		// rather than make a column of the wrong type. dialects.CheckColumn
		// refuses it before any SQL.
		return string(d.AppendIdent(nil, "ArrayField without its element type"))
	}
	elem, ok := arrayElements[at.Name]
	if !ok {
		elem = dataTypes.ColumnType(&registry.Field{Kind: at.Elem, MaxLength: at.MaxLength,
			MaxDigits: at.MaxDigits, DecimalPlaces: at.DecimalPlaces})
	}
	return elem + strings.Repeat("[]", at.Dims)
}

var dataTypes = dialects.DataTypes{
	registry.String: "varchar({max_length})", registry.Text: "text", registry.UUID: "uuid",
	registry.SmallInt: "smallint", registry.Int: "integer", registry.BigInt: "bigint",
	registry.Bool: "boolean", registry.Float: "double precision", registry.Decimal: "numeric({max_digits}, {decimal_places})",
	registry.Date: "date", registry.DateTime: "timestamp with time zone", registry.Time: "time",
	registry.Duration: "interval", registry.Bytes: "bytea", registry.JSON: "jsonb", registry.Invalid: "text",
}

// AutoPK implements dialects.Dialect.
func (d *Dialect) AutoPK(k registry.Kind) string {
	return dataTypes.AutoPK(k, " NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY")
}

// Arith divides integers with DIV(l, r): SUM over bigint is numeric, and
// numeric / is exact. Dates, times and intervals add up natively.
func (d *Dialect) Arith(w *dialects.Writer, op string, l, r dialects.Node, lk, rk, out registry.Kind) bool {
	if dialects.WriteBitOp(w, nil, op, l, r) { // # is PostgreSQL's exclusive or
		return true
	}
	if op == "-" && lk == registry.Date && rk == registry.Date && out == registry.Duration {
		// date - date is a number of days; a duration is an interval
		// (Django's subtract_temporals).
		w.Template2("(interval '1 day' * ({1} - {2}))", l, r)
		return true
	}
	if !dialects.IntDivision(op, lk, rk, out) {
		return false
	}
	w.Template2("DIV({1}, {2})", l, r)
	return true
}

// FromServer recognises a server error by its SQLSTATE; errors of
// classes 08 (connection exception) and 57 (operator intervention: the
// session was terminated) say what became of the connection, not of the
// statement.
func (d *Dialect) FromServer(err error) bool {
	var s interface{ SQLState() string }
	if !dialects.As(err, &s) {
		return false
	}
	class := s.SQLState()[:min(2, len(s.SQLState()))]
	return class != "08" && class != "57"
}

// TranslateError classifies errors by SQLSTATE (lib/pq and pgx both
// expose SQLState()).
func (d *Dialect) TranslateError(err error) dialects.ErrorClass {
	var s interface{ SQLState() string }
	ok := dialects.As(err, &s)
	code := ""
	if ok {
		code = s.SQLState()
	}
	return errorCodes.Class(code, ok)
}

var errorCodes = dialects.ErrorCodes[string]{
	"23505": dialects.ErrUnique, "23503": dialects.ErrForeignKey, "23502": dialects.ErrNotNull,
	"23514": dialects.ErrCheck, "55P03": dialects.ErrLock, "40001": dialects.ErrRetryable,
	"40P01": dialects.ErrRetryable, "25P02": dialects.ErrTxAborted,
	"22001": dialects.ErrDataTooLong, "22003": dialects.ErrDataTooLong,
}

var _ dialects.Dialect = (*Dialect)(nil)

// Literal renders booleans as true/false and intervals as text.
func (d *Dialect) Literal(v any, k registry.Kind) (string, error) {
	switch x := v.(type) {
	case bool:
		if x {
			return "true", nil
		}
		return "false", nil
	case time.Duration:
		return "'" + strconv.FormatInt(x.Microseconds(), 10) + " microseconds'", nil
	}
	return d.Base.Literal(v, k)
}

// TablesQuery lists the tables of the current schema.
func (d *Dialect) TablesQuery() string {
	return "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
}

// DropTable drops with CASCADE, so constraints of other tables go too.
func (d *Dialect) DropTable(name string) string { return "DROP TABLE IF EXISTS " + name + " CASCADE" }

// ResetSequence moves the identity sequence past the largest key.
func (d *Dialect) ResetSequence(table, column string) string {
	t := string(d.AppendIdent(nil, table))
	c := string(d.AppendIdent(nil, column))
	return "SELECT setval(pg_get_serial_sequence(" + dialects.QuoteString(t) + ", " + dialects.QuoteString(column) +
		"), COALESCE(MAX(" + c + "), 1), MAX(" + c + ") IS NOT NULL) FROM " + t
}

var paramCasts = map[registry.Kind]string{
	registry.SmallInt: "::smallint", registry.Int: "::integer", registry.BigInt: "::bigint",
	registry.Bool: "::boolean", registry.Float: "::double precision", registry.Decimal: "::numeric",
	registry.Date: "::date", registry.DateTime: "::timestamptz", registry.Time: "::time",
	registry.Duration: "::interval", registry.UUID: "::uuid", registry.Bytes: "::bytea", registry.JSON: "::jsonb",
	registry.String: "::text", registry.Text: "::text",
}

// ParamCast types parameters explicitly: the server cannot infer the type
// of a parameter in a CASE branch or a select list, and lib/pq sends every
// parameter untyped.
func (d *Dialect) ParamCast(k registry.Kind) string { return paramCasts[k] }
