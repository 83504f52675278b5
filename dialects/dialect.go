// Package dialects holds what differs between database backends: quoting,
// placeholders, value binding, lookup operators, date functions, limits, DDL
// types, error codes and capability flags (Features). One subpackage per
// backend (postgres, mysql, sqlite, oracle) implements Dialect; the compiler
// in internal/sqlq asks the dialect instead of switching on the backend, so
// this tree is the only place that knows which database it talks to.
//
// Each backend package also registers a Backend for the database/sql driver
// names it serves (Register, Lookup), as drivers register themselves with
// database/sql: it sets up the connections orm.Open makes (DSN settings,
// session settings, SQLite's functions, context deadlines on sockets) and
// picks the dialect for a live server. What a backend spells differently is
// written as tables where it can be: DataTypes (column types), ErrorCodes,
// templates of date functions (Writer.Template).
//
// Dialect packages import no driver: users import the driver they use.
package dialects

import (
	"github.com/djorm/orm/registry"
)

// Dialect renders the backend-specific parts of SQL. Methods that render
// write into a Writer; operands are Nodes that render themselves.
type Dialect interface {
	// Name is the backend name used in errors: "postgresql", "mysql", "sqlite", "oracle".
	Name() string
	// Features lists what the backend can do.
	Features() *Features

	// AppendIdent appends name, quoted (and case-folded where the backend
	// folds unquoted names, as Oracle does).
	AppendIdent(b []byte, name string) []byte
	// AppendPlaceholder appends the n-th (1-based) bind placeholder.
	AppendPlaceholder(b []byte, n int) []byte
	// Bind converts a canonical Go value compared with or stored into a
	// column of kind k into what the driver accepts. (djorm's own dialects
	// also bind into an arena of text without boxing each value: see
	// internal/arena.Binder; a dialect needs only Bind.)
	Bind(v any, k registry.Kind) (any, error)
	// ParamCast is appended to the placeholder of a value of kind k, for
	// backends that cannot infer a parameter's type from its context
	// (PostgreSQL types CASE WHEN ... THEN $1 as text otherwise).
	ParamCast(k registry.Kind) string

	// Compare renders a comparison lookup (exact, gt, gte, lt, lte, iexact).
	Compare(w *Writer, lookup string, lhs, rhs Node)
	// Pattern renders contains, icontains, startswith, istartswith,
	// endswith, iendswith and (for iexact on some backends) a LIKE match of
	// lhs against the literal text value.
	Pattern(w *Writer, lookup string, lhs Node, value string)
	// PatternExpr renders the same lookups against an expression.
	PatternExpr(w *Writer, lookup string, lhs, rhs Node)
	// Regex renders regex / iregex.
	Regex(w *Writer, insensitive bool, lhs, rhs Node)
	// Extract renders the date part kind ("year", "week_day", ...) of lhs,
	// a value of kind k, as an integer.
	Extract(w *Writer, part string, lhs Node, k registry.Kind)
	// Trunc renders lhs (of kind k) truncated to kind ("month", "date",
	// "time", ...), as a value of kind out.
	Trunc(w *Writer, kind string, lhs Node, k, out registry.Kind)
	// Arith renders l op r ("+", "-", "*", "/", and the bitwise "&", "|",
	// "#" (exclusive or), "<<", ">>": see WriteBitOp) where the backend needs
	// more than (l op r); lk, rk and out are the operands' and the result's
	// kinds. It reports false to leave the plain form to the caller. What
	// it must get right: an integer divided by an integer is an integer
	// truncated toward zero on every backend (SUM over bigint is numeric on
	// PostgreSQL, MySQL's / is exact); a date, datetime or time moved by a
	// duration, and the duration between two datetimes; and no result the
	// column would store differently from the value computed (SQLite turns
	// an integer overflow into a float and NaN into NULL).
	Arith(w *Writer, op string, l, r Node, lk, rk, out registry.Kind) bool
	// Cast renders lhs converted to kind k (Django's Cast).
	Cast(w *Writer, lhs Node, k registry.Kind, f *registry.Field)
	// Func renders a database function of the functions package by its
	// Django name ("Lower", "Concat", "Greatest", ...).
	Func(w *Writer, name string, args []Node)
	// BoolExpr renders a boolean-valued expression where a value is
	// expected (a SELECT column); BoolCondition renders a boolean-valued
	// value where a condition is expected (WHERE x).
	BoolExpr(w *Writer, cond Node)
	BoolCondition(w *Writer, value Node)

	// LimitOffset renders the row limit of a SELECT; limit < 0 means none.
	LimitOffset(w *Writer, limit, offset int64)
	// ForUpdate renders a row-lock clause (after LIMIT), or sets w.Err.
	ForUpdate(w *Writer, lock Lock)
	// Explain returns the statement prefix for EXPLAIN, or an error for an
	// unknown format.
	Explain(format string) (string, error)

	// Savepoint, RollbackToSavepoint and ReleaseSavepoint render the
	// savepoint statements of a nested transaction block (name is djorm's
	// own, "s1"); ReleaseSavepoint returns "" where the backend has no
	// such statement (Oracle).
	Savepoint(name string) string
	RollbackToSavepoint(name string) string
	ReleaseSavepoint(name string) string

	// ColumnType returns the DDL type of a field.
	ColumnType(f *registry.Field) string
	// AutoPK returns the full column definition tail of an auto primary key
	// of kind k (after the quoted name), e.g. "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY".
	AutoPK(k registry.Kind) string
	// InsertDefaults renders an INSERT of a row with no explicit values.
	InsertDefaults(w *Writer, table string)
	// OnConflict renders the conflict clause of a bulk insert.
	OnConflict(w *Writer, c Conflict)
	// TranslateError maps a driver error to a category.
	TranslateError(err error) ErrorClass
	// FromServer reports whether err is the server's answer to a statement
	// (so the statement's outcome is known), rather than a failure to
	// reach the server or to read its answer.
	FromServer(err error) bool

	// Literal renders a constant for DDL (defaults), where binds are not allowed.
	Literal(v any, k registry.Kind) (string, error)
	// TableOptions is appended to CREATE TABLE (...) (MySQL's engine and collation).
	TableOptions() string
	// TablesQuery lists the tables of the current schema, one name per row.
	TablesQuery() string
	// DropTable renders the statement that drops a table if it exists.
	DropTable(name string) string
	// ForeignKey renders the tail of a foreign key constraint (after
	// REFERENCES t (c)): deferrability.
	ForeignKeyTail() string
	// ResetSequence renders the statement that moves an auto primary key's
	// sequence past the largest key (after rows were inserted with explicit
	// keys), or "" when the backend does that by itself.
	ResetSequence(table, column string) string
}

// Killer is implemented by dialects whose server keeps running a statement
// its client abandoned (MySQL, MariaDB): package orm asks for the session
// id when a transaction starts and kills the running statement when the
// transaction's context is cancelled.
type Killer interface {
	ConnectionIDQuery() string
	KillQuery(id int64) string
}

// ColumnChecker is implemented by dialects that add a CHECK constraint
// to some columns, where the database itself would store values that its
// column type cannot hold (SQLite keeps any integer or real in a SMALLINT).
type ColumnChecker interface {
	// ColumnCheck returns the CHECK (...) clause for f, whose quoted column
	// name is col, or "".
	ColumnCheck(f *registry.Field, col string) string
}

// Node is an operand that renders itself into a Writer.
type Node interface {
	WriteSQL(w *Writer)
}

// JSONOps is implemented by dialects with JSON fields' key transforms and
// lookups (Django's KeyTransform and JSONField lookups).
type JSONOps interface {
	// JSONKey renders the value at path inside the JSON value lhs: as JSON
	// or, with text, as text or an SQL scalar (->> in PostgreSQL). Keys
	// are bound as parameters; a key of digits is an array index.
	JSONKey(w *Writer, lhs Node, path []string, text bool)
	// JSONLookup renders exact, contains or contained_by against rhs (a
	// Node: JSON text), or has_key, has_keys, has_any_keys of rhs
	// ([]string). A lookup the backend lacks is w.Unsupported.
	JSONLookup(w *Writer, lookup string, lhs Node, rhs any)
}

// ParamEncloser is implemented by a dialect whose typed parameters are
// enclosed rather than suffixed: ParamOpen(k) is written before the
// placeholder of a value of kind k, ParamCast(k) after it (MySQL types a
// decimal parameter CAST(? AS DECIMAL(65, 30)): it is sent as text, and
// COALESCE(decimal, '0') would be text, sorted as text).
type ParamEncloser interface {
	ParamOpen(k registry.Kind) string
}

// Lock describes SELECT ... FOR UPDATE.
type Lock struct {
	NoWait, SkipLocked, NoKey bool
	Of                        []string // table aliases, already validated
	OfKeys                    []string // the primary key column of each Of table
}

// Conflict describes ON CONFLICT / ON DUPLICATE KEY handling of an insert.
type Conflict struct {
	Ignore       bool
	UniqueCols   []string // conflict target columns
	UpdateCols   []string // columns to overwrite from the proposed row
	Table        string
	InsertedCols []string
}

// ErrorClass is the category of a driver error, so package orm can wrap it
// in its own error types without importing drivers.
type ErrorClass uint8

// The error categories TranslateError reports.
const (
	ErrOther       ErrorClass = iota
	ErrUnique                 // unique or primary key violation
	ErrForeignKey             // foreign key violation
	ErrNotNull                // not-null violation
	ErrCheck                  // check constraint
	ErrLock                   // lock not available (NOWAIT)
	ErrRetryable              // deadlock or serialization failure
	ErrTxAborted              // PostgreSQL's "current transaction is aborted"
	ErrDataTooLong            // value too long or out of range for the column
)

// IsIntegrity reports whether the class is a constraint violation.
func (c ErrorClass) IsIntegrity() bool {
	return c == ErrUnique || c == ErrForeignKey || c == ErrNotNull || c == ErrCheck
}

// Zoner is implemented by dialects that convert datetimes between UTC and
// a named time zone (Trunc and Extract with a location, Django's tzinfo).
// Zone names are IANA names the caller has checked (letters, digits, _ + - /).
type Zoner interface {
	// ToZone renders the wall time in zone of the UTC datetime n.
	ToZone(w *Writer, n Node, zone string)
	// FromZone renders the UTC datetime of the wall time n in zone.
	FromZone(w *Writer, n Node, zone string)
}

// Features are the capability flags the compiler consults.
type Features struct {
	// MaxParams is the largest number of bind parameters in one statement.
	MaxParams int
	// MaxStatementBytes bounds the text of one statement where parameters
	// are sent inside it (MySQL's max_allowed_packet); 0: no bound.
	MaxStatementBytes int
	// MaxInList is the largest number of items in one IN list (0: no limit).
	MaxInList int
	// MaxIdentLen is the longest identifier the backend accepts.
	MaxIdentLen int

	Returning       bool // INSERT/UPDATE ... RETURNING
	BulkReturning   bool // multi-row INSERT ... RETURNING gives every key
	DistinctOn      bool
	AggregateFilter bool // COUNT(*) FILTER (WHERE ...)
	NullsOrder      bool // ORDER BY x NULLS FIRST/LAST
	NullsFirstByAsc bool // NULLs sort first in ascending order
	Intersect       bool // INTERSECT and EXCEPT
	// LogicalXOR: conditions combine with XOR (MySQL); elsewhere XOR is
	// written as an OR whose true children must be odd in number.
	LogicalXOR      bool
	SliceInCompound bool // LIMIT inside a UNION member (parenthesised)
	OrderInCompound bool // ORDER BY inside a UNION member
	Window          bool // window functions (per-parent prefetch limits)
	SelectForUpdate bool
	NoWait          bool
	SkipLocked      bool
	LockOf          bool
	LockOfColumn    bool // FOR UPDATE OF names a column of each table (Oracle)
	// NoLagDefault: LAG and LEAD take no default argument (MariaDB).
	NoLagDefault bool
	// JSONNative: JSON values compare as JSON (PostgreSQL's jsonb); other
	// backends compare a key's scalar with the plain value.
	JSONNative bool
	// JSONKeyHasKey: a JSON key's isnull=False is has_key (SQLite,
	// Oracle: their key extraction reads JSON null as SQL NULL); elsewhere
	// it is IS NOT NULL of the key, as Django's KeyTransformIsNull.
	JSONKeyHasKey bool
	// Arrays: array columns (Django's ArrayField, registry.Array) with
	// their lookups and transforms (ArrayOps); PostgreSQL only.
	Arrays bool
	// CastDecimalResults: computed decimals (arithmetic, functions,
	// aggregates) are cast to the decimal type, so they compare with
	// decimal parameters as numbers (SQLite).
	CastDecimalResults bool
	// HavingReadsGroupsByAggregate: HAVING reads a grouped column through
	// MIN(column), which MariaDB resolves where the bare column can fail.
	HavingReadsGroupsByAggregate bool
	LockNoKey                    bool
	LockWithLimit                bool // FOR UPDATE together with LIMIT
	GeneratedStored              bool
	GeneratedVirtual             bool
	IgnoreConflicts              bool
	UpdateConflicts              bool
	// UpdateConflictsTarget: ON CONFLICT needs the unique columns (PostgreSQL, SQLite).
	UpdateConflictsTarget bool
	EmptyStringIsNull     bool // Oracle stores '' as NULL
	TransactionalDDL      bool
	// SubqueryLimitIn: LIMIT inside an IN (subquery) (MySQL refuses it).
	SubqueryLimitIn bool
	// UpdateSelfSubquery: an UPDATE/DELETE may read its own table in a subquery.
	UpdateSelfSubquery bool
	// ReadCommittedTx: transactions should be set to READ COMMITTED (MySQL, as Django does).
	ReadCommittedTx bool
	// Savepoints are supported inside transactions.
	Savepoints bool
	// MaxDecimalDigits is the most significant digits of a decimal the
	// backend stores exactly (0: as many as the column's); SQLite keeps
	// decimals as 64-bit floats.
	MaxDecimalDigits int
	// LastInsertID: the driver's LastInsertId gives the automatic key of a
	// one-row INSERT (SQLite, MySQL); INSERT reads it instead of a
	// RETURNING row when the key is all it reads back.
	LastInsertID bool
	// FloatNaN and FloatInf: float columns store NaN, and +Inf and -Inf
	// (PostgreSQL both, SQLite infinities: it turns NaN into NULL). Elsewhere
	// such a value is refused before any SQL.
	FloatNaN, FloatInf bool
	// RegexUnicode: regex and case-insensitive lookups fold non-ASCII letters.
	RegexUnicode bool
	// LeftJoinRelated: select_related uses LEFT OUTER JOIN even for a NOT
	// NULL foreign key. MariaDB's optimiser drives an INNER JOIN with LIMIT
	// from the wrong table; for an enforced non-null key both return the same rows.
	LeftJoinRelated bool
	// GroupByOrdinal: GROUP BY may name a selected column by its position.
	GroupByOrdinal bool
	// IntAvgIsDecimal: AVG/STDDEV/VARIANCE over integers return a decimal
	// rounded to a few places (MySQL's div_precision_increment); djorm
	// casts the argument to a float so every backend gives the same float.
	IntAvgIsDecimal bool
	// CreateIfNotExists: CREATE TABLE IF NOT EXISTS is understood.
	CreateIfNotExists bool
	// ReturningInto: new keys come back through RETURNING ... INTO out
	// parameters (Oracle), not a result set.
	ReturningInto bool
	// InlineForeignKeys: foreign keys are declared in CREATE TABLE (SQLite
	// cannot add constraints later); elsewhere ALTER TABLE adds them once
	// every table exists, which also handles cycles.
	InlineForeignKeys bool
}
