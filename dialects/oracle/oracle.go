// Package oracle is the Oracle dialect (driver godror). Its SQL is pinned by
// golden files; live tests run when an Oracle DSN is supplied.
package oracle

import (
	"strconv"
	"strings"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Dialect renders SQL for Oracle Database 12.2 and later.
type Dialect struct {
	dialects.Base
	features dialects.Features
}

// New returns the Oracle dialect.
func New() *Dialect {
	return &Dialect{features: dialects.Features{
		MaxParams: 65535, MaxInList: 1000, MaxIdentLen: 128,
		NullsOrder: true, Intersect: true, Window: true,
		SelectForUpdate: true, NoWait: true, SkipLocked: true, LockOf: true, LockOfColumn: true,
		GeneratedVirtual: true, EmptyStringIsNull: true, SubqueryLimitIn: true,
		UpdateSelfSubquery: true, Savepoints: true, RegexUnicode: true, ReturningInto: true, JSONKeyHasKey: true,
	}}
}

// Name implements dialects.Dialect.
func (d *Dialect) Name() string { return "oracle" }

// Features implements dialects.Dialect.
func (d *Dialect) Features() *dialects.Features { return &d.features }

// AppendIdent quotes and upper-cases, as Django's Oracle backend does, so
// tables stay reachable without quotes from SQL*Plus.
func (d *Dialect) AppendIdent(b []byte, name string) []byte {
	return d.Base.AppendIdent(b, strings.ToUpper(name))
}

// AppendPlaceholder appends :n.
func (d *Dialect) AppendPlaceholder(b []byte, n int) []byte {
	return strconv.AppendInt(append(b, ':'), int64(n), 10)
}

// Bind sends booleans as 1/0 (NUMBER(1)), decimals as text and durations as
// day-to-second intervals.
func (d *Dialect) Bind(v any, k registry.Kind) (any, error) { return d.BindInto(nil, v, k) }

// BindInto is Bind with text formatted into a (see internal/arena).
func (d *Dialect) BindInto(a *arena.Arena, v any, k registry.Kind) (any, error) {
	switch x := v.(type) {
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case decimal.Decimal:
		return d.BindDecimal(a, x), nil
	case time.Time:
		return d.BindTime(a, x, k), nil
	case int:
		return int64(x), nil
	}
	return v, nil
}

// BindTime sends datetimes as UTC instants, truncated to microseconds as on
// every backend. A date is the day the value shows in its own zone, at
// midnight; a time of day is the clock it shows, on 1900-01-01 (the day
// Django's Oracle backend stores times of day on, in TIMESTAMP columns).
func (d *Dialect) BindTime(a *arena.Arena, t time.Time, k registry.Kind) any {
	switch k {
	case registry.Date:
		y, m, day := t.Date()
		return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	case registry.Time:
		h, min, sec := t.Clock()
		return time.Date(1900, 1, 1, h, min, sec, t.Nanosecond()/1000*1000, time.UTC)
	}
	return t.UTC().Truncate(time.Microsecond)
}

// Pattern renders LIKE with UPPER for the i-forms (Base) on text.
func (d *Dialect) Pattern(w *dialects.Writer, lookup string, lhs dialects.Node, value string) {
	d.Base.Pattern(w, lookup, lhs, value)
}

// Regex renders REGEXP_LIKE.
func (d *Dialect) Regex(w *dialects.Writer, insensitive bool, lhs, rhs dialects.Node) {
	w.S("REGEXP_LIKE(")
	w.Node(lhs)
	w.S(", ")
	w.Node(rhs)
	if insensitive {
		w.S(", 'i')")
	} else {
		w.S(", 'c')")
	}
}

// Extract renders EXTRACT or TO_CHAR for the parts EXTRACT lacks.
func (d *Dialect) Extract(w *dialects.Writer, part string, lhs dialects.Node, k registry.Kind) {
	w.TemplateOf(extractSQL, part, "date part", lhs)
}

var extractSQL = map[string]string{
	"year": "EXTRACT(YEAR FROM {})", "month": "EXTRACT(MONTH FROM {})", "day": "EXTRACT(DAY FROM {})",
	"hour": "EXTRACT(HOUR FROM {})", "minute": "EXTRACT(MINUTE FROM {})", "second": "FLOOR(EXTRACT(SECOND FROM {}))",
	"iso_year": "TO_NUMBER(TO_CHAR({}, 'IYYY'))", "quarter": "TO_NUMBER(TO_CHAR({}, 'Q'))",
	"week": "TO_NUMBER(TO_CHAR({}, 'IW'))", "week_day": "TO_NUMBER(TO_CHAR({}, 'D'))",
	"iso_week_day": "TO_NUMBER(TO_CHAR({} - 1, 'D'))",
}

// ToZone implements dialects.Zoner (a TIMESTAMP holds the UTC wall time;
// this is the wall time in zone), as Django's _convert_field_to_tz.
func (d *Dialect) ToZone(w *dialects.Writer, n dialects.Node, zone string) {
	w.S("CAST((FROM_TZ(CAST(")
	w.Node(n)
	w.S(" AS TIMESTAMP), '0:00') AT TIME ZONE '")
	w.S(zone)
	w.S("') AS TIMESTAMP)")
}

// FromZone implements dialects.Zoner.
func (d *Dialect) FromZone(w *dialects.Writer, n dialects.Node, zone string) {
	w.S("CAST((FROM_TZ(CAST(")
	w.Node(n)
	w.S(" AS TIMESTAMP), '")
	w.S(zone)
	w.S("') AT TIME ZONE '0:00') AS TIMESTAMP)")
}

// Trunc renders TRUNC(x, fmt).
func (d *Dialect) Trunc(w *dialects.Writer, kind string, lhs dialects.Node, k, out registry.Kind) {
	w.TemplateOf(truncSQL, kind, "truncation kind", lhs)
}

// truncSQL: a datetime's "time" is moved onto 1900-01-01, the day times of
// day are stored on (see BindTime), so it compares with a time of day.
var truncSQL = map[string]string{
	"time": "TO_TIMESTAMP(CONCAT('1900-01-01 ', TO_CHAR({}, 'HH24:MI:SS.FF')), 'YYYY-MM-DD HH24:MI:SS.FF')",
	"date": "TRUNC({})", "second": "CAST({} AS DATE)",
	"year": "TRUNC({}, 'YEAR')", "quarter": "TRUNC({}, 'Q')", "month": "TRUNC({}, 'MM')", "week": "TRUNC({}, 'IW')",
	"day": "TRUNC({}, 'DD')", "hour": "TRUNC({}, 'HH24')", "minute": "TRUNC({}, 'MI')",
}

// Cast renders CAST(x AS type); text becomes NVARCHAR2(2000), since an
// NCLOB cannot be compared or grouped.
func (d *Dialect) Cast(w *dialects.Writer, lhs dialects.Node, k registry.Kind, f *registry.Field) {
	w.S("CAST(")
	w.Node(lhs)
	w.S(" AS ")
	if k == registry.Text {
		w.S("NVARCHAR2(2000)")
	} else {
		w.S(d.ColumnType(f))
	}
	w.S(")")
}

var funcNames = dialects.NamesWith(map[string]string{"Ceil": "CEIL", "Substr": "SUBSTR", "Now": "CURRENT_TIMESTAMP"})

// Func renders database functions.
func (d *Dialect) Func(w *dialects.Writer, name string, args []dialects.Node) {
	switch {
	case name == "Random":
		w.S("DBMS_RANDOM.VALUE")
		return
	case name == "BitAnd" && len(args) == 2:
		w.S("BITAND(")
		w.List(args, ", ")
		w.S(")")
		return
	case dialects.SubstrLeftRight(w, name, args):
		return
	case oracleMath(w, name, args):
		return
	case name == "Repeat" && len(args) == 2: // as Django's Oracle backend: RPAD(s, LENGTH(s) * n, s)
		w.Template2("RPAD({1}, LENGTH({1}) * {2}, {1})", args[0], args[1])
		return
	case name == "JSONObject": // JSON_OBJECT(KEY k VALUE v, ...), as Django's Oracle backend
		w.S("JSON_OBJECT(")
		for i := 0; i+1 < len(args); i += 2 {
			if i > 0 {
				w.S(", ")
			}
			w.Template2("KEY {1} VALUE {2}", args[i], args[i+1])
		}
		w.S(" RETURNING CLOB)")
		return
	case name == "Reverse" || name == "SHA224":
		w.Unsupported(name)
		return
	}
	dialects.RenderFunc(w, name, args, funcNames)
}

// oracleMath writes the math functions Oracle lacks from the ones it has.
func oracleMath(w *dialects.Writer, name string, args []dialects.Node) bool {
	tmpl, ok := map[string]string{
		"Pi": "ACOS(-1)", "Cot": "(1 / TAN({}))",
		"Degrees": "(({}) * 180 / ACOS(-1))", "Radians": "(({}) * ACOS(-1) / 180)",
		"MD5": "LOWER(RAWTOHEX(STANDARD_HASH({}, 'MD5')))", "SHA1": "LOWER(RAWTOHEX(STANDARD_HASH({}, 'SHA1')))",
		"SHA256": "LOWER(RAWTOHEX(STANDARD_HASH({}, 'SHA256')))", "SHA384": "LOWER(RAWTOHEX(STANDARD_HASH({}, 'SHA384')))",
		"SHA512": "LOWER(RAWTOHEX(STANDARD_HASH({}, 'SHA512')))",
	}[name]
	if !ok {
		return false
	}
	if name == "Pi" {
		w.S(tmpl)
	} else {
		w.Template(tmpl, args[0])
	}
	return true
}

// BoolExpr selects a condition as 1/0, since Oracle has no boolean values
// in SELECT lists before 23ai.
func (d *Dialect) BoolExpr(w *dialects.Writer, cond dialects.Node) {
	w.S("CASE WHEN ")
	w.Node(cond)
	w.S(" THEN 1 ELSE 0 END")
}

// BoolCondition compares a NUMBER(1) value with 1.
func (d *Dialect) BoolCondition(w *dialects.Writer, value dialects.Node) {
	w.Node(value)
	w.S(" = 1")
}

// LimitOffset renders OFFSET n ROWS FETCH FIRST m ROWS ONLY.
func (d *Dialect) LimitOffset(w *dialects.Writer, limit, offset int64) {
	if offset > 0 {
		w.S(" OFFSET ")
		w.Int(offset)
		w.S(" ROWS")
	}
	if limit >= 0 {
		w.S(" FETCH FIRST ")
		w.Int(limit)
		w.S(" ROWS ONLY")
	}
}

// InsertDefaults renders an insert of the default row.
func (d *Dialect) InsertDefaults(w *dialects.Writer, table string) {
	w.S("INSERT INTO ")
	w.Ident(table)
	w.S(" VALUES (DEFAULT)")
}

// OnConflict is not supported: Oracle needs MERGE, which djorm does not
// render yet.
func (d *Dialect) OnConflict(w *dialects.Writer, c dialects.Conflict) {
	w.Unsupported("bulk_create conflict handling")
}

// Explain renders EXPLAIN PLAN FOR.
func (d *Dialect) Explain(format string) (string, error) {
	return explainFormats.Prefix("Oracle", format)
}

var explainFormats = dialects.ExplainFormats{"": "EXPLAIN PLAN FOR "}

// ColumnType implements dialects.Dialect.
func (d *Dialect) ColumnType(f *registry.Field) string { return dataTypes.ColumnType(f) }

var dataTypes = dialects.DataTypes{
	registry.String: "NVARCHAR2({max_length})", registry.Text: "NCLOB", registry.UUID: "VARCHAR2(36)",
	registry.SmallInt: "NUMBER(5)", registry.Int: "NUMBER(11)", registry.BigInt: "NUMBER(19)",
	registry.Bool: "NUMBER(1)", registry.Float: "DOUBLE PRECISION", registry.Decimal: "NUMBER({max_digits}, {decimal_places})",
	registry.Date: "DATE", registry.DateTime: "TIMESTAMP", registry.Time: "TIMESTAMP",
	registry.Duration: "INTERVAL DAY(9) TO SECOND(6)", registry.Bytes: "BLOB", registry.JSON: "NCLOB", registry.Invalid: "NCLOB",
}

// AutoPK implements dialects.Dialect.
func (d *Dialect) AutoPK(k registry.Kind) string {
	return dataTypes.AutoPK(k, " GENERATED BY DEFAULT ON NULL AS IDENTITY NOT NULL PRIMARY KEY")
}

// ReleaseSavepoint is empty: Oracle has no RELEASE SAVEPOINT; a savepoint
// lasts until the transaction ends.
func (d *Dialect) ReleaseSavepoint(string) string { return "" }

// Arith divides integers with TRUNC(l / r): NUMBER division is exact.
func (d *Dialect) Arith(w *dialects.Writer, op string, l, r dialects.Node, lk, rk, out registry.Kind) bool {
	if dialects.WriteBitOp(w, bitOps, op, l, r) {
		return true
	}
	if op == "-" && lk == registry.Date && rk == registry.Date && out == registry.Duration {
		// DATE - DATE is a number of days (Django's subtract_temporals).
		w.Template2("NUMTODSINTERVAL(TO_NUMBER({1} - {2}), 'DAY')", l, r)
		return true
	}
	if !dialects.IntDivision(op, lk, rk, out) {
		return false
	}
	w.Template2("TRUNC({1} / {2})", l, r)
	return true
}

// bitOps: Oracle has BITAND only; the others are arithmetic, as Django's
// (which refuses exclusive or: a ^ b = a + b - 2 * (a & b) answers it).
var bitOps = map[string]string{
	"&": "BITAND({1}, {2})", "|": "({1} - BITAND({1}, {2}) + {2})",
	"<<": "({1} * POWER(2, {2}))", ">>": "FLOOR({1} / POWER(2, {2}))",
	"#": "({1} + {2} - 2 * BITAND({1}, {2}))",
}

// FromServer recognises a server error by its ORA- code.
func (d *Dialect) FromServer(err error) bool {
	var c interface{ Code() int }
	return dialects.As(err, &c)
}

// TranslateError classifies ORA- codes (godror errors expose Code()).
func (d *Dialect) TranslateError(err error) dialects.ErrorClass {
	var c interface{ Code() int }
	ok := dialects.As(err, &c)
	code := 0
	if ok {
		code = c.Code()
	}
	return errorCodes.Class(code, ok)
}

var errorCodes = dialects.ErrorCodes[int]{
	1: dialects.ErrUnique, 2291: dialects.ErrForeignKey, 2292: dialects.ErrForeignKey, 1400: dialects.ErrNotNull,
	2290: dialects.ErrCheck, 54: dialects.ErrLock, 30006: dialects.ErrLock, 60: dialects.ErrRetryable,
	8177: dialects.ErrRetryable, 12899: dialects.ErrDataTooLong, 1438: dialects.ErrDataTooLong,
}

var _ dialects.Dialect = (*Dialect)(nil)

// TablesQuery lists the tables of the current user.
func (d *Dialect) TablesQuery() string { return "SELECT LOWER(table_name) FROM user_tables" }

// DropTable drops a table and the constraints pointing at it. Oracle has no
// IF EXISTS; CreateTables and DropTables check the table list first.
func (d *Dialect) DropTable(name string) string { return "DROP TABLE " + name + " CASCADE CONSTRAINTS" }

// ResetSequence restarts the identity past the largest key.
func (d *Dialect) ResetSequence(table, column string) string {
	return "ALTER TABLE " + string(d.AppendIdent(nil, table)) + " MODIFY " + string(d.AppendIdent(nil, column)) +
		" GENERATED BY DEFAULT ON NULL AS IDENTITY (START WITH LIMIT VALUE)"
}
