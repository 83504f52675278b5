// Package orm is djorm: Django's ORM for Go. Models are Go structs declared
// once with struct tags; Objects[T](db) returns a lazy, chainable QuerySet
// whose answers are Django's (Filter, Exclude, Annotate, Values,
// SelectRelated, PrefetchRelated, F and Q expressions, aggregation,
// subqueries, set operations, bulk writes, row locks) on PostgreSQL,
// MySQL/MariaDB, SQLite and Oracle.
//
// # Layers
//
// A QuerySet records chain calls and, at a terminal (All, Get, Count,
// Update, ...), replays them onto a query tree (internal/sqlq) that resolves
// field paths against model metadata (registry). The compiler renders the
// tree through the backend's dialect (dialects and its subpackages),
// database/sql runs it, and rows are scanned through per-field codecs chosen
// once per model. Statements made only of Filter and Exclude calls are
// compiled once per shape and reused with new values (internal/plancache).
// ARCHITECTURE.md in the repository follows one query through every file.
//
// Drivers are not imported by this package: import the one you use
// (github.com/lib/pq or github.com/jackc/pgx/v5/stdlib,
// github.com/go-sql-driver/mysql, github.com/mattn/go-sqlite3,
// github.com/godror/godror). Each backend package registers itself for the
// driver names it serves (dialects.Register) and sets up its connections.
//
// # Opening and schema
//
// Open (or OpenContext) opens a database with djorm's connection settings;
// New wraps a *sql.DB as it is. CreateTables creates what is missing,
// foreign key cycles included; DropTables drops.
//
// # Models
//
// Embed Model (an implicit BIGINT automatic primary key "id" unless a field
// is tagged pk) and Register the type. A model's name is its lower-cased Go
// type name (reverse query name "book", accessor "book_set"), whatever its
// table. Tags (`orm:"..."`): pk, column=, max_length=, type=text|uuid|date|datetime|time|json,
// max_digits=, decimal_places=, null, blank, default= (a literal, or a
// function: now(), uuid4() or one named with RegisterDefault), db_default= (a
// literal or now(), written into the column's DEFAULT: an insert leaves the
// column out while the field holds its zero value and reads back what the
// database stored), db_comment= (the column's comment; none on SQLite, as
// in Django), unique, index,
// validators=NAME[|NAME] (run by DB.Validate, Django's full_clean),
// auto_now and auto_now_add (a date, datetime or time set to the current
// time on every Save, resp. when the row is added; Update and BulkUpdate
// leave them alone, as in Django); a field whose Go type has a
// Choices() []Choice method takes only those values (see Choice, Display),
// generated=EXPR[,stored], and for relations on_delete=cascade|protect|restrict|
// set_null|set_default|do_nothing, related_name=, to_field=, through=,
// symmetrical. Go kinds: string, int, int16, int32, int64, bool, float64,
// decimal.Decimal, time.Time, time.Duration, []byte; a nullable field is a
// pointer (or sql.Null*) tagged null. A map, a slice (other than []byte),
// any, json.RawMessage, or any type tagged type=json is a JSON field
// (Django's JSONField): encoded with encoding/json, queried by key
// ("data__owner__name", "data__items__0") with has_key, has_keys,
// has_any_keys, contains and contained_by; a nil value is SQL NULL when
// tagged null and JSON null otherwise. ForeignKey[T], OneToOne[T] and
// ManyToMany[T] declare relations; an untagged []*T or *T field of a model
// type is a prefetch ToAttr target, not a column. An optional method
// Meta() Meta gives the table name, ordering, indexes (partial with
// Condition, functional with Expressions, covering with Include, OpClasses
// on PostgreSQL), unique sets, Constraints (CheckConstraint,
// UniqueConstraint; a violation is an *IntegrityError naming the
// constraint) and TableComment. Meta{Proxy: true} on a type that embeds a
// registered model struct first makes a proxy model (Django's proxy = True):
// the same table and fields, its own ordering and methods, no table of its
// own. Without Proxy, embedding a registered model struct first makes a
// multi-table child (Django's multi-table inheritance): its own table with
// a parent link <parent>_ptr_id as primary key, the parent's fields
// queryable through a join, writes and deletes table by table.
//
// # Model behaviour
//
// Signals are typed functions registered on a DB: OnPreSave, OnPostSave,
// OnPreDelete, OnPostDelete (also for rows an on_delete cascade or
// QuerySet.Delete removes, in Django's Collector order, inside the
// deleting transaction) and OnM2MChanged (M2MEvent). RegisterDefaultQuerySet
// is a custom manager's get_queryset (Objects, reverse and many-to-many
// related managers and their prefetches); BaseObjects is the base manager;
// named constructors are plain functions. RelatedManager.ThroughDefaults
// is Django's through_defaults. Datetimes are stored as UTC on every
// backend; WithLocation(loc) makes loc the DB's time zone (Django's
// TIME_ZONE with USE_TZ): datetimes are returned in it, and date lookups,
// Trunc, Extract, Dates and Datetimes compute in it.
//
// # Where djorm differs from Django, on purpose
//
// Go zero values are values: Create writes what the struct holds (NewObject
// applies default= values, Django's constructor). First, Last, Earliest and
// Latest return the zero value and no error on an empty set. contains,
// startswith, endswith and exact are case-sensitive and the i-lookups fold
// Unicode on every backend. A decimal with more places than its column, a
// zero time.Time in a NOT NULL field, NaN where the backend cannot store it,
// a datetime whose UTC year is outside 1..9999 are each a *ValidationError
// before any SQL. Times are truncated to microseconds on every backend.
// SelectForUpdate on SQLite is a *NotSupportedError, not silently ignored.
//
// # Values and output types
//
// Results come back as int64, float64, decimal.Decimal, string, bool,
// time.Time (a time of day on 0000-01-01), time.Duration, []byte, or nil for
// NULL; Values gives Row (map[string]any), ValuesList []any, Flat any. In
// expression arguments a string is a field path and any other literal a
// Value. A model instance used as a lookup value means its primary key. An
// integer filter value outside its column's range answers as Django's does
// (no row equals it; every row is on one side of it).
//
// # Query language beyond the seed
//
// Conditions combine with And, Or, Not and Xor (odd parity, Django 5).
// Window(expr, PartitionBy, OrderBy, Rows/Range) works in Annotate, Alias,
// Values, OrderBy and, as in Django 4.2, Filter and Exclude (the query runs
// in a subquery and is filtered outside). Functions and aggregates djorm
// lacks are a FuncDef away (a template per backend, Django's as_vendor);
// RegisterLookup adds lookups and transforms to field classes. Explain takes
// ExplainFormat, ExplainAnalyze and ExplainFlag; Dates and Datetimes list
// truncated values; ValuesList(...).Named() keeps the names; Iter with
// PrefetchRelated prefetches per chunk (ChunkSize). Package functions has
// Django's database functions, TruncIn/ExtractIn for a time zone; package
// postgres has PostgreSQL's aggregates, full-text search, trigrams and
// array fields (Django's ArrayField: postgres.Array tagged type=integer[],
// with the contains, contained_by, overlap, len, index and slice lookups).
//
// # Raw SQL
//
// SQL text enters only through Raw, RawSQL and Extra, which take SQLText: a
// constant converts to it, a runtime string needs an explicit conversion.
// Every other identifier is resolved against model metadata or refused with
// an error naming it and the valid choices; values always travel as bind
// parameters.
//
// # Errors
//
// Sentinels (test with errors.Is): ErrDoesNotExist,
// ErrMultipleObjectsReturned, ErrInvalidQuery, ErrFetchBlocked,
// ErrTransactionManagement, ErrTxBroken, ErrDurableNested,
// ErrLockNotAvailable, ErrRetryable, ErrCommitOutcomeUnknown. Types (test
// with errors.As): *FieldError, *ValidationError (Django's codes),
// *IntegrityError, *ProtectedError, *DataError, *NotSupportedError,
// *TooManyParametersError. Errors Django raises while building a queryset
// surface at the terminal, before any SQL is sent. An operation ended by its
// context returns an error wrapping the context's error, on every driver:
// the connections Open makes keep their contexts' deadlines even when the
// network or the server stops answering.
//
// # Transactions
//
// Atomic runs a function in a transaction carried by its context; nested
// blocks make savepoints; an error or a panic rolls back (the panic is
// re-raised). OnCommit runs a callback after the outermost commit. A COMMIT
// whose answer never arrived is ErrCommitOutcomeUnknown; a COMMIT the server
// refused, or that was never sent, is not.
//
// # State shared by a process
//
// The model registry (Register) and its companions RegisterDefault,
// RegisterValidator and RegisterLookup are the only state users change,
// once, at program start. djorm
// also keeps caches that depend only on their keys and are bounded: resolved
// field paths per model (10,000 entries), compiled plans per model and
// database (512), Create's INSERT per model, interned statement texts
// (4,096 texts of up to 4 KB), SQLite's compiled regular expressions (256), pools of
// writers and scanners, the backends registered by driver name, and the
// socket field offsets of driver connections.
package orm
