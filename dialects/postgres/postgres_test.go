package postgres_test

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/registry"
)

// PostgreSQL's spelling of everything a dialect renders or decides, one
// table per concern.

var d = postgres.New()

// x is an operand that renders as its name.
type x string

func (n x) WriteSQL(w *dialects.Writer) { w.S(string(n)) }

func render(f func(w *dialects.Writer)) (string, []any, error) {
	w := dialects.NewWriter(d)
	f(w)
	return w.String(), w.Args, w.Err
}

type renderCase struct {
	name     string
	f        func(w *dialects.Writer)
	wantSQL  string
	wantArgs []any
	wantErr  string // a substring; wantSQL is then not checked
}

func runRender(t *testing.T, cases []renderCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sql, args, err := render(c.f)
			switch {
			case c.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("error %v, want %q (SQL %q)", err, c.wantErr, sql)
				}
			case err != nil:
				t.Errorf("unexpected error %v", err)
			case sql != c.wantSQL:
				t.Errorf("\n got: %s\nwant: %s", sql, c.wantSQL)
			case !reflect.DeepEqual(args, c.wantArgs):
				t.Errorf("args %#v, want %#v", args, c.wantArgs)
			}
		})
	}
}

func extract(part string, k registry.Kind) func(w *dialects.Writer) {
	return func(w *dialects.Writer) { d.Extract(w, part, x("x"), k) }
}

func trunc(kind string, k, out registry.Kind) func(w *dialects.Writer) {
	return func(w *dialects.Writer) { d.Trunc(w, kind, x("x"), k, out) }
}

func TestExtract(t *testing.T) {
	dt, date, tm := registry.DateTime, registry.Date, registry.Time
	runRender(t, []renderCase{
		{"year", extract("year", dt), `CAST(EXTRACT(YEAR FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		{"iso_year", extract("iso_year", dt), `CAST(EXTRACT(ISOYEAR FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		{"quarter", extract("quarter", dt), `CAST(EXTRACT(QUARTER FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		{"month", extract("month", dt), `CAST(EXTRACT(MONTH FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		{"week", extract("week", dt), `CAST(EXTRACT(WEEK FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		{"day", extract("day", dt), `CAST(EXTRACT(DAY FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		// Was a bug: "+ 1" outside any parentheses binds to its neighbours:
		// week_day * 2 renders as (CAST(...) + 1 * 2), which is dow + 2 (see
		// TestDialectMatrix in internal/sqlq); every other backend's
		// week_day is one operand.
		{"week_day", extract("week_day", dt), `(CAST(EXTRACT(DOW FROM (x AT TIME ZONE 'UTC')) AS integer) + 1)`, nil, ""},
		{"iso_week_day", extract("iso_week_day", dt), `CAST(EXTRACT(ISODOW FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		{"hour", extract("hour", dt), `CAST(EXTRACT(HOUR FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		{"minute", extract("minute", dt), `CAST(EXTRACT(MINUTE FROM (x AT TIME ZONE 'UTC')) AS integer)`, nil, ""},
		{"second drops the fraction", extract("second", dt), `CAST(EXTRACT(SECOND FROM DATE_TRUNC('second', (x AT TIME ZONE 'UTC'))) AS integer)`, nil, ""},
		{"year of a date: no time zone", extract("year", date), `CAST(EXTRACT(YEAR FROM x) AS integer)`, nil, ""},
		{"week of a date", extract("week", date), `CAST(EXTRACT(WEEK FROM x) AS integer)`, nil, ""},
		{"hour of a time", extract("hour", tm), `CAST(EXTRACT(HOUR FROM x) AS integer)`, nil, ""},
		{"second of a time", extract("second", tm), `CAST(EXTRACT(SECOND FROM DATE_TRUNC('second', x)) AS integer)`, nil, ""},
		{"unknown part", extract("fortnight", dt), "", nil, `unknown date part "fortnight"`},
		{"a part is never SQL", extract("year FROM x) --", dt), "", nil, "unknown date part"},
	})
}

func TestTrunc(t *testing.T) {
	dt, date, tm := registry.DateTime, registry.Date, registry.Time
	runRender(t, []renderCase{
		{"year of a datetime", trunc("year", dt, dt), `DATE_TRUNC('year', (x AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'`, nil, ""},
		{"quarter", trunc("quarter", dt, dt), `DATE_TRUNC('quarter', (x AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'`, nil, ""},
		{"month", trunc("month", dt, dt), `DATE_TRUNC('month', (x AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'`, nil, ""},
		{"week", trunc("week", dt, dt), `DATE_TRUNC('week', (x AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'`, nil, ""},
		{"day", trunc("day", dt, dt), `DATE_TRUNC('day', (x AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'`, nil, ""},
		{"hour", trunc("hour", dt, dt), `DATE_TRUNC('hour', (x AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'`, nil, ""},
		{"minute", trunc("minute", dt, dt), `DATE_TRUNC('minute', (x AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'`, nil, ""},
		{"second", trunc("second", dt, dt), `DATE_TRUNC('second', (x AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'`, nil, ""},
		{"month of a datetime as a date", trunc("month", dt, date), `DATE_TRUNC('month', (x AT TIME ZONE 'UTC'))::date`, nil, ""},
		{"date", trunc("date", dt, date), `((x AT TIME ZONE 'UTC'))::date`, nil, ""},
		{"time", trunc("time", dt, tm), `((x AT TIME ZONE 'UTC'))::time`, nil, ""},
		{"month of a date", trunc("month", date, date), `DATE_TRUNC('month', x)::date`, nil, ""},
		{"hour of a time", trunc("hour", tm, tm), `DATE_TRUNC('hour', x)::time`, nil, ""},
		{"unknown kind", trunc("decade", dt, dt), "", nil, `unknown truncation kind "decade"`},
		{"a kind is never SQL", trunc("day', x) --", dt, dt), "", nil, "unknown truncation kind"},
	})
}

func TestRendering(t *testing.T) {
	field := &registry.Field{Kind: registry.Decimal, MaxDigits: 6, DecimalPlaces: 2}
	runRender(t, []renderCase{
		{"exact", func(w *dialects.Writer) { d.Compare(w, "exact", x("a"), x("b")) }, `a = b`, nil, ""},
		{"gte", func(w *dialects.Writer) { d.Compare(w, "gte", x("a"), x("b")) }, `a >= b`, nil, ""},
		{"iexact compares text", func(w *dialects.Writer) { d.Compare(w, "iexact", x("a"), x("b")) }, `UPPER((a)::text) = UPPER(b)`, nil, ""},
		{"unknown comparison", func(w *dialects.Writer) { d.Compare(w, "near", x("a"), x("b")) }, "", nil, `unknown comparison "near"`},
		{"contains", func(w *dialects.Writer) { d.Pattern(w, "contains", x("a"), "50%") }, `(a)::text LIKE $1 ESCAPE '!'`, []any{"%50!%%"}, ""},
		{"istartswith", func(w *dialects.Writer) { d.Pattern(w, "istartswith", x("a"), "ab") }, `UPPER((a)::text) LIKE UPPER($1) ESCAPE '!'`, []any{"ab%"}, ""},
		{"endswith an expression", func(w *dialects.Writer) { d.PatternExpr(w, "endswith", x("a"), x("b")) },
			`(a)::text LIKE '%' || REPLACE(REPLACE(REPLACE(b, '!', '!!'), '%', '!%'), '_', '!_') ESCAPE '!'`, nil, ""},
		{"regex", func(w *dialects.Writer) { d.Regex(w, false, x("a"), x("b")) }, `(a)::text ~ b`, nil, ""},
		{"iregex", func(w *dialects.Writer) { d.Regex(w, true, x("a"), x("b")) }, `(a)::text ~* b`, nil, ""},
		{"cast to a decimal", func(w *dialects.Writer) { d.Cast(w, x("a"), registry.Decimal, field) }, `(a)::numeric(6, 2)`, nil, ""},
		{"integer division", func(w *dialects.Writer) {
			d.Arith(w, "/", x("a"), x("b"), registry.BigInt, registry.Int, registry.BigInt)
		}, `DIV(a, b)`, nil, ""},
		{"a float division is left to the compiler", func(w *dialects.Writer) {
			if d.Arith(w, "/", x("a"), x("b"), registry.Int, registry.Float, registry.Float) {
				w.S("handled")
			}
		}, ``, nil, ""},
		{"date - date is an interval", func(w *dialects.Writer) {
			d.Arith(w, "-", x("a"), x("b"), registry.Date, registry.Date, registry.Duration)
		}, `(interval '1 day' * (a - b))`, nil, ""},
		{"a date moved by a duration is left to the compiler", func(w *dialects.Writer) {
			if d.Arith(w, "+", x("a"), x("b"), registry.DateTime, registry.Duration, registry.DateTime) {
				w.S("handled")
			}
		}, ``, nil, ""},
		{"concat", func(w *dialects.Writer) { d.Func(w, "Concat", []dialects.Node{x("a"), x("b")}) }, `CONCAT(a, b)`, nil, ""},
		{"strindex", func(w *dialects.Writer) { d.Func(w, "StrIndex", []dialects.Node{x("a"), x("b")}) }, `STRPOS(a, b)`, nil, ""},
		{"now", func(w *dialects.Writer) { d.Func(w, "Now", nil) }, `STATEMENT_TIMESTAMP()`, nil, ""},
		{"random", func(w *dialects.Writer) { d.Func(w, "Random", nil) }, `RANDOM()`, nil, ""},
		{"ceil", func(w *dialects.Writer) { d.Func(w, "Ceil", []dialects.Node{x("a")}) }, `CEILING(a)`, nil, ""},
		{"bitand", func(w *dialects.Writer) { d.Func(w, "BitAnd", []dialects.Node{x("a"), x("b")}) }, `(a & b)`, nil, ""},
		{"unknown function", func(w *dialects.Writer) { d.Func(w, "Soundex", []dialects.Node{x("a")}) }, "", nil, `unknown function "Soundex"`},
		{"a condition as a value", func(w *dialects.Writer) { d.BoolExpr(w, x("a = b")) }, `a = b`, nil, ""},
		{"insert defaults", func(w *dialects.Writer) { d.InsertDefaults(w, "book") }, `INSERT INTO "book" DEFAULT VALUES`, nil, ""},
		{"on conflict do nothing", func(w *dialects.Writer) { d.OnConflict(w, dialects.Conflict{Ignore: true}) }, ` ON CONFLICT DO NOTHING`, nil, ""},
		{"on conflict update", func(w *dialects.Writer) {
			d.OnConflict(w, dialects.Conflict{UniqueCols: []string{"isbn"}, UpdateCols: []string{"title", "price"}})
		}, ` ON CONFLICT("isbn") DO UPDATE SET "title" = EXCLUDED."title", "price" = EXCLUDED."price"`, nil, ""},
	})
}

func TestParamCast(t *testing.T) {
	want := map[registry.Kind]string{
		registry.Invalid: "", registry.String: "::text", registry.Text: "::text", registry.UUID: "::uuid",
		registry.SmallInt: "::smallint", registry.Int: "::integer", registry.BigInt: "::bigint",
		registry.Bool: "::boolean", registry.Float: "::double precision", registry.Decimal: "::numeric",
		registry.Date: "::date", registry.DateTime: "::timestamptz", registry.Time: "::time",
		registry.Duration: "::interval", registry.Bytes: "::bytea",
	}
	for k := registry.Invalid; k <= registry.Bytes; k++ {
		if got := d.ParamCast(k); got != want[k] {
			t.Errorf("ParamCast(%s) = %q, want %q", k, got, want[k])
		}
	}
}

func TestColumnType(t *testing.T) {
	want := map[registry.Kind]string{
		registry.Invalid: "text", registry.String: "varchar(40)", registry.Text: "text", registry.UUID: "uuid",
		registry.SmallInt: "smallint", registry.Int: "integer", registry.BigInt: "bigint",
		registry.Bool: "boolean", registry.Float: "double precision", registry.Decimal: "numeric(8, 3)",
		registry.Date: "date", registry.DateTime: "timestamp with time zone", registry.Time: "time",
		registry.Duration: "interval", registry.Bytes: "bytea",
	}
	for k := registry.Invalid; k <= registry.Bytes; k++ {
		f := &registry.Field{Kind: k, MaxLength: 40, MaxDigits: 8, DecimalPlaces: 3}
		if got := d.ColumnType(f); got != want[k] {
			t.Errorf("ColumnType(%s) = %q, want %q", k, got, want[k])
		}
	}
	for k, want := range map[registry.Kind]string{
		registry.Int:      "integer NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY",
		registry.BigInt:   "bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY",
		registry.SmallInt: "bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY",
	} {
		if got := d.AutoPK(k); got != want {
			t.Errorf("AutoPK(%s) = %q, want %q", k, got, want)
		}
	}
}

// pgError is lib/pq's and pgx's error as far as djorm looks: SQLState().
type pgError struct{ code string }

func (e *pgError) Error() string    { return "ERROR: (SQLSTATE " + e.code + ")" }
func (e *pgError) SQLState() string { return e.code }

func TestErrors(t *testing.T) {
	cases := []struct {
		err        error
		class      dialects.ErrorClass
		fromServer bool
	}{
		{&pgError{"23505"}, dialects.ErrUnique, true},
		{&pgError{"23503"}, dialects.ErrForeignKey, true},
		{&pgError{"23502"}, dialects.ErrNotNull, true},
		{&pgError{"23514"}, dialects.ErrCheck, true},
		{&pgError{"55P03"}, dialects.ErrLock, true},
		{&pgError{"40001"}, dialects.ErrRetryable, true},
		{&pgError{"40P01"}, dialects.ErrRetryable, true},
		{&pgError{"25P02"}, dialects.ErrTxAborted, true},
		{&pgError{"22001"}, dialects.ErrDataTooLong, true},
		{&pgError{"22003"}, dialects.ErrDataTooLong, true},
		{&pgError{"42P01"}, dialects.ErrOther, true}, // undefined table: the server's answer
		{&pgError{"23000"}, dialects.ErrOther, true},
		{fmt.Errorf("exec: %w", &pgError{"23505"}), dialects.ErrUnique, true},
		{&pgError{"08006"}, dialects.ErrOther, false}, // connection failure
		{&pgError{"57P01"}, dialects.ErrOther, false}, // admin shutdown
		{&pgError{"57014"}, dialects.ErrOther, false}, // query canceled
		{&pgError{"5"}, dialects.ErrOther, true},
		{errors.New("read tcp: connection reset by peer"), dialects.ErrOther, false},
		{driver.ErrBadConn, dialects.ErrOther, false},
	}
	for _, c := range cases {
		if got := d.TranslateError(c.err); got != c.class {
			t.Errorf("TranslateError(%v) = %d, want %d", c.err, got, c.class)
		}
		if got := d.FromServer(c.err); got != c.fromServer {
			t.Errorf("FromServer(%v) = %v, want %v", c.err, got, c.fromServer)
		}
	}
}

func TestBind(t *testing.T) {
	plus1 := time.FixedZone("+01", 3600)
	at := time.Date(2024, 12, 31, 23, 59, 59, 999999999, plus1)
	cases := []struct {
		name string
		v    any
		k    registry.Kind
		want any
	}{
		{"a datetime: UTC, truncated to microseconds", at, registry.DateTime, time.Date(2024, 12, 31, 22, 59, 59, 999999000, time.UTC)},
		{"a datetime before 1970", time.Date(1969, 7, 20, 20, 17, 40, 1999, time.UTC), registry.DateTime, time.Date(1969, 7, 20, 20, 17, 40, 1000, time.UTC)},
		{"a date: the day of its own zone, as text", at, registry.Date, "2024-12-31"},
		{"a time of day: as text", at, registry.Time, "23:59:59.999999"},
		{"a whole time of day", time.Date(0, 1, 1, 8, 30, 0, 0, time.UTC), registry.Time, "08:30:00"},
		{"a decimal: its text", decimal.RequireFromString("1.50"), registry.Decimal, "1.5"},
		{"a negative decimal", decimal.RequireFromString("-0.00100"), registry.Decimal, "-0.001"},
		{"a long decimal", decimal.RequireFromString("12345678901234567890.123"), registry.Decimal, "12345678901234567890.123"},
		{"a duration: an interval", 90 * time.Second, registry.Duration, "90000000 microseconds"},
		{"a negative duration", -1500 * time.Millisecond, registry.Duration, "-1500000 microseconds"},
		{"a duration below a microsecond", 999 * time.Nanosecond, registry.Duration, "0 microseconds"},
		{"an int", 7, registry.BigInt, int64(7)},
		{"an int64", int64(-7), registry.BigInt, int64(-7)},
		{"a string", "x", registry.String, "x"},
		{"a bool", true, registry.Bool, true},
		{"a float", 1.5, registry.Float, 1.5},
		{"bytes", []byte("ab"), registry.Bytes, []byte("ab")},
		{"nil", nil, registry.Int, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, err := d.Bind(c.v, c.k); err != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("Bind = %#v, %v; want %#v", got, err, c.want)
			}
		})
	}
}

func TestStatements(t *testing.T) {
	limits := []struct {
		limit, offset int64
		want          string
	}{
		{10, 0, " LIMIT 10"},
		{10, 5, " LIMIT 10 OFFSET 5"},
		{-1, 5, " OFFSET 5"},
		{-1, 0, ""},
		{0, 0, " LIMIT 0"},
	}
	for _, c := range limits {
		if sql, _, _ := render(func(w *dialects.Writer) { d.LimitOffset(w, c.limit, c.offset) }); sql != c.want {
			t.Errorf("LimitOffset(%d, %d) = %q, want %q", c.limit, c.offset, sql, c.want)
		}
	}
	texts := []struct{ got, want string }{
		{d.Savepoint("s1"), "SAVEPOINT s1"},
		{d.RollbackToSavepoint("s1"), "ROLLBACK TO SAVEPOINT s1"},
		{d.ReleaseSavepoint("s1"), "RELEASE SAVEPOINT s1"},
		{string(d.AppendIdent(nil, "book")), `"book"`},
		{string(d.AppendIdent(nil, "Book")), `"Book"`},
		{string(d.AppendIdent(nil, `a"b`)), `"a""b"`},
		{string(d.AppendIdent(nil, `""`)), `""""""`},
		{string(d.AppendIdent([]byte("x."), "y")), `x."y"`},
		{string(d.AppendPlaceholder(nil, 1)), "$1"},
		{string(d.AppendPlaceholder([]byte("= "), 65535)), "= $65535"},
		{d.DropTable(`"book"`), `DROP TABLE IF EXISTS "book" CASCADE`},
		{d.TablesQuery(), "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"},
		{d.ResetSequence("book", "id"), `SELECT setval(pg_get_serial_sequence('"book"', 'id'), COALESCE(MAX("id"), 1), MAX("id") IS NOT NULL) FROM "book"`},
		{d.ForeignKeyTail(), " DEFERRABLE INITIALLY DEFERRED"},
		{d.TableOptions(), ""},
		{d.Name(), "postgresql"},
	}
	for _, c := range texts {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestExplain(t *testing.T) {
	cases := []struct{ format, want, wantErr string }{
		{"", "EXPLAIN ", ""},
		{"text", "EXPLAIN (FORMAT TEXT) ", ""},
		{"json", "EXPLAIN (FORMAT JSON) ", ""},
		{"JSON", "EXPLAIN (FORMAT JSON) ", ""},
		{"yaml", "EXPLAIN (FORMAT YAML) ", ""},
		{"xml", "EXPLAIN (FORMAT XML) ", ""},
		{"traditional", "", `unknown EXPLAIN format "traditional"; PostgreSQL has json, text, xml, yaml`},
	}
	for _, c := range cases {
		got, err := d.Explain(c.format)
		if got != c.want || (err == nil) != (c.wantErr == "") || err != nil && err.Error() != c.wantErr {
			t.Errorf("Explain(%q) = %q, %v; want %q, %q", c.format, got, err, c.want, c.wantErr)
		}
	}
}

func TestLiteral(t *testing.T) {
	cases := []struct {
		v    any
		k    registry.Kind
		want string
	}{
		{true, registry.Bool, "true"},
		{false, registry.Bool, "false"},
		{90 * time.Second, registry.Duration, "'90000000 microseconds'"},
		{"it's", registry.String, "'it''s'"},
		{int64(3), registry.Int, "3"},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), registry.Date, "'2024-02-29'"},
	}
	for _, c := range cases {
		if got, err := d.Literal(c.v, c.k); err != nil || got != c.want {
			t.Errorf("Literal(%#v) = %q, %v; want %q", c.v, got, err, c.want)
		}
	}
}

func TestFeatures(t *testing.T) {
	f := d.Features()
	cases := []struct {
		name      string
		got, want any
	}{
		{"FloatNaN", f.FloatNaN, true},
		{"FloatInf", f.FloatInf, true},
		{"LastInsertID", f.LastInsertID, false},
		{"Returning", f.Returning, true},
		{"BulkReturning", f.BulkReturning, true},
		{"ReturningInto", f.ReturningInto, false},
		{"DistinctOn", f.DistinctOn, true},
		{"AggregateFilter", f.AggregateFilter, true},
		{"NullsOrder", f.NullsOrder, true},
		{"Intersect", f.Intersect, true},
		{"SelectForUpdate", f.SelectForUpdate, true},
		{"LockOf", f.LockOf, true},
		{"LockNoKey", f.LockNoKey, true},
		{"LockWithLimit", f.LockWithLimit, true},
		{"SubqueryLimitIn", f.SubqueryLimitIn, true},
		{"UpdateSelfSubquery", f.UpdateSelfSubquery, true},
		{"UpdateConflictsTarget", f.UpdateConflictsTarget, true},
		{"TransactionalDDL", f.TransactionalDDL, true},
		{"InlineForeignKeys", f.InlineForeignKeys, false},
		{"EmptyStringIsNull", f.EmptyStringIsNull, false},
		{"IntAvgIsDecimal", f.IntAvgIsDecimal, false},
		{"MaxParams", f.MaxParams, 65535},
		{"MaxInList", f.MaxInList, 0},
		{"MaxIdentLen", f.MaxIdentLen, 63},
		{"MaxDecimalDigits", f.MaxDecimalDigits, 0},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// dsnDriver records the DSN a connector is asked to open.
type dsnDriver struct{ dsn *string }

func (dsnDriver) Open(string) (driver.Conn, error) { return nil, errors.New("not a driver") }

func (d dsnDriver) OpenConnector(dsn string) (driver.Connector, error) {
	*d.dsn = dsn
	return nil, errors.New("recorded")
}

// The connection settings Open applies, by driver name.
func TestConnectorDSN(t *testing.T) {
	b, ok := dialects.Lookup("postgres")
	if !ok {
		t.Fatal("no backend for postgres")
	}
	for _, name := range []string{"pgx", "pgx/v5", "cloudsqlpostgres"} {
		if other, ok := dialects.Lookup(name); !ok || other != b {
			t.Errorf("%s is not served by the PostgreSQL backend", name)
		}
	}
	cases := []struct{ driver, dsn, want string }{
		{"postgres", "postgres://u@h/db", "postgres://u@h/db?binary_parameters=yes"},
		{"postgres", "postgres://u@h/db?sslmode=disable", "postgres://u@h/db?sslmode=disable&binary_parameters=yes"},
		{"postgres", "host=h dbname=db", "host=h dbname=db binary_parameters=yes"},
		{"postgres", "host=h binary_parameters=no", "host=h binary_parameters=no"},
		{"pgx", "postgres://u@h/db", "postgres://u@h/db"},
		{"pgx/v5", "host=h dbname=db", "host=h dbname=db"},
	}
	for _, c := range cases {
		var got string
		_, _ = b.Connector(dsnDriver{&got}, c.driver, c.dsn)
		if got != c.want {
			t.Errorf("%s %q opens %q, want %q", c.driver, c.dsn, got, c.want)
		}
	}
}
