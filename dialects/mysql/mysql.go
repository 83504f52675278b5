// Package mysql is the MySQL and MariaDB dialect (driver
// go-sql-driver/mysql). Its Backend (backend.go) sets the DSN and session
// settings djorm relies on and makes COMMIT and ROLLBACK keep their
// contexts' deadlines.
package mysql

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/registry"
)

// Dialect renders SQL for MySQL and MariaDB.
type Dialect struct {
	dialects.Base
	features dialects.Features
	mariaDB  bool
	major    int
	minor    int
	// sessionRC: every session is READ COMMITTED already (see backend).
	sessionRC bool
	// NoZoneTables: the server's time zone tables are empty, so CONVERT_TZ
	// cannot convert to a named zone (set when the backend opens).
	NoZoneTables bool
}

// New returns the dialect for a server whose version string is version
// ("10.11.19-MariaDB", "8.0.36"); "" assumes a recent MariaDB.
func New(version string) *Dialect {
	maria := version == "" || strings.Contains(strings.ToLower(version), "mariadb")
	major, minor, patch := parseVersion(version)
	returning := maria && (version == "" || major > 10 || major == 10 && minor >= 5)
	return &Dialect{mariaDB: maria, major: major, minor: minor, features: dialects.Features{
		MaxParams: 65535, MaxIdentLen: 64,
		Returning: returning, BulkReturning: returning, NullsFirstByAsc: true,
		Intersect:       intersects(maria, version, major, minor, patch),
		SliceInCompound: true, OrderInCompound: true, Window: true,
		SelectForUpdate: true, NoWait: true, SkipLocked: true, LockOf: !maria, LockWithLimit: true,
		GeneratedStored: true, GeneratedVirtual: true, IgnoreConflicts: true, UpdateConflicts: true,
		LastInsertID: true, HavingReadsGroupsByAggregate: true, NoLagDefault: maria, ReadCommittedTx: true, IntAvgIsDecimal: true, CreateIfNotExists: true, Savepoints: true, RegexUnicode: true, GroupByOrdinal: true, LeftJoinRelated: true,
		LogicalXOR: true,
	}}
}

func parseVersion(v string) (major, minor, patch int) {
	parts := strings.SplitN(strings.SplitN(v, "-", 2)[0], ".", 3)
	if len(parts) >= 2 {
		major, _ = strconv.Atoi(parts[0])
		minor, _ = strconv.Atoi(parts[1])
	}
	if len(parts) == 3 {
		patch, _ = strconv.Atoi(parts[2])
	}
	return
}

// intersects reports whether the server has INTERSECT and EXCEPT: MariaDB
// from 10.3, MySQL from 8.0.31.
func intersects(maria bool, version string, major, minor, patch int) bool {
	if maria {
		return version == "" || major > 10 || major == 10 && minor >= 3
	}
	return major > 8 || major == 8 && (minor > 0 || patch >= 31)
}

// Name implements dialects.Dialect.
func (d *Dialect) Name() string {
	if d.mariaDB {
		return "mariadb"
	}
	return "mysql"
}

// Features implements dialects.Dialect.
func (d *Dialect) Features() *dialects.Features { return &d.features }

// AppendIdent quotes with backticks.
func (d *Dialect) AppendIdent(b []byte, name string) []byte {
	b = append(b, '`')
	for i := 0; i < len(name); i++ {
		if name[i] == '`' {
			b = append(b, '`')
		}
		b = append(b, name[i])
	}
	return append(b, '`')
}

// Bind sends temporal values as UTC text (independent of the DSN's loc),
// decimals as text and durations as microseconds, as Django does.
func (d *Dialect) Bind(v any, k registry.Kind) (any, error) { return d.BindInto(nil, v, k) }

// BindInto is Bind with text formatted into a (see internal/arena).
func (d *Dialect) BindInto(a *arena.Arena, v any, k registry.Kind) (any, error) {
	return arena.BindText(a, v, k)
}

// BindTime sends times as text.
func (d *Dialect) BindTime(a *arena.Arena, t time.Time, k registry.Kind) any {
	return arena.BindTimeText(a, t, k)
}

// Compare renders iexact with LOWER on both sides: djorm's tables use a
// binary collation so that = and LIKE are case-sensitive as elsewhere.
func (d *Dialect) Compare(w *dialects.Writer, lookup string, lhs, rhs dialects.Node) {
	if lookup != "iexact" {
		d.Base.Compare(w, lookup, lhs, rhs)
		return
	}
	w.S("LOWER(")
	w.Node(lhs)
	w.S(") = LOWER(")
	w.Node(rhs)
	w.S(")")
}

// Pattern renders LIKE; the i-forms compare lower-cased text (MySQL's
// LOWER folds Unicode), the others rely on the binary collation.
func (d *Dialect) Pattern(w *dialects.Writer, lookup string, lhs dialects.Node, value string) {
	p := dialects.LikePattern(lookup, value)
	if strings.HasPrefix(lookup, "i") {
		w.S("LOWER(")
		w.Node(lhs)
		w.S(") LIKE LOWER(")
		w.Arg(p)
		w.S(") ESCAPE '!'")
		return
	}
	w.S("CAST(")
	w.Node(lhs)
	w.S(" AS BINARY) LIKE CAST(")
	w.Arg(p)
	w.S(" AS BINARY) ESCAPE '!'")
}

// PatternExpr renders pattern lookups against an expression with CONCAT.
func (d *Dialect) PatternExpr(w *dialects.Writer, lookup string, lhs, rhs dialects.Node) {
	ci := strings.HasPrefix(lookup, "i")
	base := strings.TrimPrefix(lookup, "i")
	if ci {
		w.S("LOWER(")
		w.Node(lhs)
		w.S(") LIKE LOWER(CONCAT(")
	} else {
		w.S("CAST(")
		w.Node(lhs)
		w.S(" AS BINARY) LIKE CAST(CONCAT(")
	}
	if base == "contains" || base == "endswith" {
		w.S("'%', ")
	}
	w.S("REPLACE(REPLACE(REPLACE(")
	w.Node(rhs)
	w.S(", '!', '!!'), '%', '!%'), '_', '!_')")
	if base == "contains" || base == "startswith" {
		w.S(", '%'")
	}
	if ci {
		w.S(")) ESCAPE '!'")
	} else {
		w.S(") AS BINARY) ESCAPE '!'")
	}
}

// Regex renders REGEXP; (?i) makes the match case-insensitive whatever the
// collation (both MariaDB's PCRE and MySQL's ICU accept it).
func (d *Dialect) Regex(w *dialects.Writer, insensitive bool, lhs, rhs dialects.Node) {
	w.Node(lhs)
	if insensitive {
		w.S(" REGEXP CONCAT('(?i)', ")
		w.Node(rhs)
		w.S(")")
		return
	}
	w.S(" REGEXP CONCAT('(?-i)', ")
	w.Node(rhs)
	w.S(")")
}

// Extract renders date parts with MySQL's date functions.
func (d *Dialect) Extract(w *dialects.Writer, part string, lhs dialects.Node, k registry.Kind) {
	w.TemplateOf(extractSQL, part, "date part", lhs)
}

var extractSQL = map[string]string{
	"year": "YEAR({})", "quarter": "QUARTER({})", "month": "MONTH({})", "day": "DAYOFMONTH({})",
	"week_day": "DAYOFWEEK({})", "hour": "HOUR({})", "minute": "MINUTE({})", "second": "SECOND({})",
	"week": "WEEK({}, 3)", "iso_week_day": "(WEEKDAY({}) + 1)", "iso_year": "(YEARWEEK({}, 3) DIV 100)",
}

// ToZone implements dialects.Zoner with CONVERT_TZ, which needs the
// server's time zone tables (without them it answers NULL: refused).
func (d *Dialect) ToZone(w *dialects.Writer, n dialects.Node, zone string) {
	d.convertTZ(w, n, "'+00:00'", "'"+zone+"'")
}

// FromZone implements dialects.Zoner.
func (d *Dialect) FromZone(w *dialects.Writer, n dialects.Node, zone string) {
	d.convertTZ(w, n, "'"+zone+"'", "'+00:00'")
}

func (d *Dialect) convertTZ(w *dialects.Writer, n dialects.Node, from, to string) {
	if d.NoZoneTables {
		w.Unsupported("named time zones on a server without time zone tables (load them: mariadb-tzinfo-to-sql /usr/share/zoneinfo | mariadb -u root mysql, then reopen)")
		return
	}
	w.S("CONVERT_TZ(")
	w.Node(n)
	w.S(", " + from + ", " + to + ")")
}

// Trunc renders truncation with DATE_FORMAT and date arithmetic.
func (d *Dialect) Trunc(w *dialects.Writer, kind string, lhs dialects.Node, k, out registry.Kind) {
	switch {
	case kind == "date" || kind == "time":
		w.TemplateOf(truncSQL, kind, "truncation kind", lhs)
	case out == registry.Date:
		w.S("DATE(")
		w.TemplateOf(truncSQL, kind, "truncation kind", lhs)
		w.S(")")
	default:
		w.S("CAST(")
		w.TemplateOf(truncSQL, kind, "truncation kind", lhs)
		w.S(" AS DATETIME(6))")
	}
}

var truncSQL = map[string]string{
	"date": "DATE({})", "time": "TIME({})",
	"quarter": "MAKEDATE(YEAR({}), 1) + INTERVAL QUARTER({}) QUARTER - INTERVAL 1 QUARTER",
	"week":    "DATE_SUB(DATE({}), INTERVAL WEEKDAY({}) DAY)",
	"year":    "DATE_FORMAT({}, '%Y-01-01 00:00:00')", "month": "DATE_FORMAT({}, '%Y-%m-01 00:00:00')",
	"day": "DATE_FORMAT({}, '%Y-%m-%d 00:00:00')", "hour": "DATE_FORMAT({}, '%Y-%m-%d %H:00:00')",
	"minute": "DATE_FORMAT({}, '%Y-%m-%d %H:%i:00')", "second": "DATE_FORMAT({}, '%Y-%m-%d %H:%i:%s')",
}

var castTypes = map[registry.Kind]string{
	registry.String: "char", registry.Text: "char", registry.UUID: "char", registry.SmallInt: "signed integer",
	registry.Int: "signed integer", registry.BigInt: "signed integer", registry.Bool: "signed integer",
	registry.Float: "double", registry.Date: "date", registry.DateTime: "datetime(6)", registry.Time: "time(6)",
	registry.Duration: "signed integer", registry.Bytes: "binary", registry.JSON: "json",
}

// Cast renders CAST(x AS type) with MySQL's cast type names.
func (d *Dialect) Cast(w *dialects.Writer, lhs dialects.Node, k registry.Kind, f *registry.Field) {
	if k == registry.JSON && d.mariaDB {
		// MariaDB has no CAST AS JSON; Django extracts the whole document.
		w.S("JSON_EXTRACT(")
		w.Node(lhs)
		w.S(", '$')")
		return
	}
	w.S("CAST(")
	w.Node(lhs)
	w.S(" AS ")
	if k == registry.Decimal {
		w.S(fmt.Sprintf("decimal(%d, %d)", f.MaxDigits, f.DecimalPlaces))
	} else {
		w.S(castTypes[k])
	}
	w.S(")")
}

var funcNames = dialects.NamesWith(map[string]string{"Length": "CHAR_LENGTH", "Now": "CURRENT_TIMESTAMP(6)", "Random": "RAND"})

// Func renders database functions; Concat uses CONCAT_WS so NULL counts as "".
func (d *Dialect) Func(w *dialects.Writer, name string, args []dialects.Node) {
	if name == "Concat" {
		w.S("CONCAT_WS('', ")
		w.List(args, ", ")
		w.S(")")
		return
	}
	if name == "Now" {
		w.S("CURRENT_TIMESTAMP(6)")
		return
	}
	if name == "Pi" { // PI() is sent as 3.141593; a double literal keeps every digit
		w.S("3.141592653589793E0")
		return
	}
	if tpl, ok := mysqlText[name]; ok {
		w.Template(tpl, args[0])
		return
	}
	dialects.RenderFunc(w, name, args, funcNames)
}

// LimitOffset renders LIMIT; an offset alone needs MySQL's largest LIMIT.
func (d *Dialect) LimitOffset(w *dialects.Writer, limit, offset int64) {
	if limit < 0 && offset > 0 {
		w.S(" LIMIT 18446744073709551615")
	}
	d.Base.LimitOffset(w, limit, offset)
}

// InsertDefaults renders INSERT INTO t () VALUES ().
func (d *Dialect) InsertDefaults(w *dialects.Writer, table string) {
	w.S("INSERT INTO ")
	w.Ident(table)
	w.S(" () VALUES ()")
}

// OnConflict renders INSERT IGNORE's cousin and ON DUPLICATE KEY UPDATE.
func (d *Dialect) OnConflict(w *dialects.Writer, c dialects.Conflict) {
	if c.Ignore {
		return // rendered as INSERT IGNORE by the compiler
	}
	w.S(" ON DUPLICATE KEY UPDATE ")
	for i, col := range c.UpdateCols {
		if i > 0 {
			w.S(", ")
		}
		w.Ident(col)
		w.S(" = VALUES(")
		w.Ident(col)
		w.S(")")
	}
}

// Explain supports MySQL's formats.
func (d *Dialect) Explain(format string) (string, error) {
	return explainFormats.Prefix("MySQL", format)
}

// ExplainWith knows one option, ANALYZE, as Django's MySQL backend:
// MariaDB's ANALYZE statement (with its formats), MySQL's EXPLAIN ANALYZE
// (without).
func (d *Dialect) ExplainWith(format string, opts []dialects.ExplainOption) (string, error) {
	analyze := false
	for _, o := range opts {
		if !strings.EqualFold(o.Name, "analyze") {
			return "", dialects.UnknownExplainOptions(d.Name(), opts, []string{"ANALYZE"})
		}
		analyze = o.On
	}
	prefix, err := d.Explain(format)
	if err != nil || !analyze {
		return prefix, err
	}
	if d.mariaDB {
		return "ANALYZE " + strings.TrimPrefix(prefix, "EXPLAIN "), nil
	}
	if format != "" {
		return "", fmt.Errorf("MySQL's EXPLAIN ANALYZE takes no format (got %q)", format)
	}
	return "EXPLAIN ANALYZE ", nil
}

var explainFormats = dialects.ExplainFormats{"": "EXPLAIN ", "json": "EXPLAIN FORMAT=JSON ", "traditional": "EXPLAIN FORMAT=TRADITIONAL "}

// ColumnType implements dialects.Dialect.
func (d *Dialect) ColumnType(f *registry.Field) string { return dataTypes.ColumnType(f) }

var dataTypes = dialects.DataTypes{
	registry.String: "varchar({max_length})", registry.Text: "longtext", registry.UUID: "char(36)",
	registry.SmallInt: "smallint", registry.Int: "integer", registry.BigInt: "bigint",
	registry.Bool: "bool", registry.Float: "double precision", registry.Decimal: "numeric({max_digits}, {decimal_places})",
	registry.Date: "date", registry.DateTime: "datetime(6)", registry.Time: "time(6)",
	registry.Duration: "bigint", registry.Bytes: "longblob", registry.JSON: "json", registry.Invalid: "longtext",
}

// AutoPK implements dialects.Dialect.
func (d *Dialect) AutoPK(k registry.Kind) string {
	return dataTypes.AutoPK(k, " AUTO_INCREMENT NOT NULL PRIMARY KEY")
}

// Arith divides integers with DIV (MySQL's / gives a decimal), moves
// dates and datetimes by durations (stored as microseconds) with INTERVAL,
// and takes the microseconds between two datetimes with TIMESTAMPDIFF, as
// Django's MySQL backend does.
func (d *Dialect) Arith(w *dialects.Writer, op string, l, r dialects.Node, lk, rk, out registry.Kind) bool {
	if dialects.WriteBitOp(w, bitOps, op, l, r) {
		return true
	}
	if dialects.IntDivision(op, lk, rk, out) {
		w.Template2("({1} DIV {2})", l, r)
		return true
	}
	if !dialects.DurationShift(op, lk, rk) {
		return false
	}
	// A duration is the number of microseconds; a point in time comes first.
	point, n := l, r
	if lk == registry.Duration {
		point, n = r, l
	}
	sign := map[string]string{"+": "", "-": "-"}[op]
	switch {
	case out == registry.Duration && lk == registry.Time && rk == registry.Time:
		// TIMESTAMPDIFF reads a time of day as a datetime of today;
		// MariaDB's TIME_TO_SEC keeps the microseconds (Django's
		// subtract_temporals).
		if d.mariaDB {
			w.Template2("CAST((TIME_TO_SEC({1}) - TIME_TO_SEC({2})) * 1000000 AS SIGNED)", l, r)
		} else {
			w.Template2("((TIME_TO_SEC({1}) * 1000000 + MICROSECOND({1})) - (TIME_TO_SEC({2}) * 1000000 + MICROSECOND({2})))", l, r)
		}
	case out == registry.Duration && lk.IsTemporal() && rk.IsTemporal():
		w.Template2("TIMESTAMPDIFF(MICROSECOND, {2}, {1})", l, r)
	case out == registry.Time:
		w.Template2("ADDTIME({1}, SEC_TO_TIME("+sign+"({2}) / 1000000))", point, n)
	case out == registry.DateTime:
		w.Template2("({1} "+op+" INTERVAL ({2}) MICROSECOND)", point, n)
	default:
		return false
	}
	return true
}

// bitOps: MySQL's bitwise operators return an unsigned 64-bit number, so
// a negative result is converted back (as Django does); >> of a negative
// number is a floor division.
var bitOps = map[string]string{
	"&": "CONVERT(({1} & {2}), SIGNED)", "|": "CONVERT(({1} | {2}), SIGNED)",
	"#": "CONVERT(({1} ^ {2}), SIGNED)", "<<": "CONVERT(({1} << {2}), SIGNED)",
	">>": "FLOOR({1} / POW(2, {2}))",
}

// FromServer recognises a server error by its number.
func (d *Dialect) FromServer(err error) bool {
	_, ok := dialects.IntField(err, "Number")
	return ok
}

// TranslateError classifies MySQL errors by their number.
func (d *Dialect) TranslateError(err error) dialects.ErrorClass {
	return errorCodes.Class(dialects.IntField(err, "Number"))
}

var errorCodes = dialects.ErrorCodes[int64]{
	1062: dialects.ErrUnique, 1586: dialects.ErrUnique,
	1451: dialects.ErrForeignKey, 1452: dialects.ErrForeignKey, 1216: dialects.ErrForeignKey, 1217: dialects.ErrForeignKey,
	1048: dialects.ErrNotNull, 1364: dialects.ErrNotNull, 3819: dialects.ErrCheck, 4025: dialects.ErrCheck,
	3572: dialects.ErrLock, 1205: dialects.ErrLock, // MariaDB reports NOWAIT failures as lock wait timeouts
	1213: dialects.ErrRetryable,
	1406: dialects.ErrDataTooLong, 1264: dialects.ErrDataTooLong, 1690: dialects.ErrDataTooLong, // too long, out of range, arithmetic out of range
}

var _ dialects.Dialect = (*Dialect)(nil)

// TableOptions makes text comparisons case-sensitive (a binary collation),
// so exact and contains mean the same as on PostgreSQL; the i-lookups fold
// case explicitly.
func (d *Dialect) TableOptions() string {
	return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
}

// TablesQuery lists the tables of the current database.
func (d *Dialect) TablesQuery() string {
	return "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
}

// ForeignKeyTail is empty: MySQL checks constraints immediately.
func (d *Dialect) ForeignKeyTail() string { return "" }

// ConnectionIDQuery returns the session's id.
func (d *Dialect) ConnectionIDQuery() string { return "SELECT CONNECTION_ID()" }

// KillQuery stops the statement session id is running, keeping the session.
func (d *Dialect) KillQuery(id int64) string { return "KILL QUERY " + strconv.FormatInt(id, 10) }

var _ dialects.Killer = (*Dialect)(nil)

// SessionReadCommitted reports whether sessions are READ COMMITTED from
// the start (connections made by this package's connector).
func (d *Dialect) SessionReadCommitted() bool { return d.sessionRC }

var _ dialects.SessionReadCommitted = (*Dialect)(nil)

// ParamOpen and ParamCast enclose a decimal parameter in an expression in
// CAST(? AS DECIMAL(65, 30)): the driver sends decimals as text, and MySQL
// would compute COALESCE(price, '0') as text (ordered as text). Parameters
// compared with a column are not enclosed (Writer.ValueBare).
func (d *Dialect) ParamOpen(k registry.Kind) string {
	if k == registry.Decimal {
		return "CAST("
	}
	return ""
}

// ParamCast closes ParamOpen.
func (d *Dialect) ParamCast(k registry.Kind) string {
	if k == registry.Decimal {
		return " AS DECIMAL(65, 30))"
	}
	return ""
}

// mysqlText spells the text functions whose names differ on MySQL.
var mysqlText = map[string]string{
	"Chr": "CHAR({} USING utf8mb4)", "Ord": "ORD({})", "SHA1": "SHA1({})",
	"SHA224": "SHA2({}, 224)", "SHA256": "SHA2({}, 256)", "SHA384": "SHA2({}, 384)", "SHA512": "SHA2({}, 512)",
}
