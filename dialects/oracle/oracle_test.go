package oracle_test

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
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/registry"
)

// Oracle's spelling of everything a dialect renders or decides, one table
// per concern. Oracle is not run live by the test suite: these tables and
// the golden files of package orm are what pins its SQL.

var d = oracle.New()

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

func extract(part string) func(w *dialects.Writer) {
	return func(w *dialects.Writer) { d.Extract(w, part, x("x"), registry.DateTime) }
}

func trunc(kind string, k, out registry.Kind) func(w *dialects.Writer) {
	return func(w *dialects.Writer) { d.Trunc(w, kind, x("x"), k, out) }
}

func TestExtract(t *testing.T) {
	runRender(t, []renderCase{
		{"year", extract("year"), `EXTRACT(YEAR FROM x)`, nil, ""},
		{"iso_year", extract("iso_year"), `TO_NUMBER(TO_CHAR(x, 'IYYY'))`, nil, ""},
		{"quarter", extract("quarter"), `TO_NUMBER(TO_CHAR(x, 'Q'))`, nil, ""},
		{"month", extract("month"), `EXTRACT(MONTH FROM x)`, nil, ""},
		{"week", extract("week"), `TO_NUMBER(TO_CHAR(x, 'IW'))`, nil, ""},
		{"day", extract("day"), `EXTRACT(DAY FROM x)`, nil, ""},
		{"week_day", extract("week_day"), `TO_NUMBER(TO_CHAR(x, 'D'))`, nil, ""},
		{"iso_week_day", extract("iso_week_day"), `TO_NUMBER(TO_CHAR(x - 1, 'D'))`, nil, ""},
		{"hour", extract("hour"), `EXTRACT(HOUR FROM x)`, nil, ""},
		{"minute", extract("minute"), `EXTRACT(MINUTE FROM x)`, nil, ""},
		{"second drops the fraction", extract("second"), `FLOOR(EXTRACT(SECOND FROM x))`, nil, ""},
		{"unknown part", extract("fortnight"), "", nil, `unknown date part "fortnight"`},
	})
}

func TestTrunc(t *testing.T) {
	dt, date, tm := registry.DateTime, registry.Date, registry.Time
	runRender(t, []renderCase{
		{"date", trunc("date", dt, date), `TRUNC(x)`, nil, ""},
		// Was a bug: CAST(x AS DATE) keeps the date of x, so the "time" of a
		// datetime is not a time of day: published__time__gt=12:30 compares
		// whole dates with 12:30 on 0000-01-01 (always later), and every row
		// matches. Django's Oracle backend (datetime_cast_time_sql) moves the
		// time of day onto one fixed date; the want below is its rendering.
		{"time", trunc("time", dt, tm), `TO_TIMESTAMP(CONCAT('1900-01-01 ', TO_CHAR(x, 'HH24:MI:SS.FF')), 'YYYY-MM-DD HH24:MI:SS.FF')`, nil, ""},
		{"second", trunc("second", dt, dt), `CAST(x AS DATE)`, nil, ""},
		{"year", trunc("year", dt, dt), `TRUNC(x, 'YEAR')`, nil, ""},
		{"quarter", trunc("quarter", dt, dt), `TRUNC(x, 'Q')`, nil, ""},
		{"month", trunc("month", dt, dt), `TRUNC(x, 'MM')`, nil, ""},
		{"week", trunc("week", dt, dt), `TRUNC(x, 'IW')`, nil, ""},
		{"day", trunc("day", dt, dt), `TRUNC(x, 'DD')`, nil, ""},
		{"hour", trunc("hour", dt, dt), `TRUNC(x, 'HH24')`, nil, ""},
		{"minute", trunc("minute", dt, dt), `TRUNC(x, 'MI')`, nil, ""},
		{"month of a date", trunc("month", date, date), `TRUNC(x, 'MM')`, nil, ""},
		{"unknown kind", trunc("decade", dt, dt), "", nil, `unknown truncation kind "decade"`},
	})
}

func cast(k registry.Kind) func(w *dialects.Writer) {
	return func(w *dialects.Writer) {
		d.Cast(w, x("a"), k, &registry.Field{Kind: k, MaxLength: 10, MaxDigits: 6, DecimalPlaces: 2})
	}
}

func TestRendering(t *testing.T) {
	runRender(t, []renderCase{
		{"iexact", func(w *dialects.Writer) { d.Compare(w, "iexact", x("a"), x("b")) }, `UPPER(a) = UPPER(b)`, nil, ""},
		{"contains", func(w *dialects.Writer) { d.Pattern(w, "contains", x("a"), "50%") }, `a LIKE :1 ESCAPE '!'`, []any{"%50!%%"}, ""},
		{"icontains", func(w *dialects.Writer) { d.Pattern(w, "icontains", x("a"), "b") }, `UPPER(a) LIKE UPPER(:1) ESCAPE '!'`, []any{"%b%"}, ""},
		{"startswith an expression", func(w *dialects.Writer) { d.PatternExpr(w, "startswith", x("a"), x("b")) },
			`a LIKE REPLACE(REPLACE(REPLACE(b, '!', '!!'), '%', '!%'), '_', '!_') || '%' ESCAPE '!'`, nil, ""},
		{"regex is case-sensitive", func(w *dialects.Writer) { d.Regex(w, false, x("a"), x("b")) }, `REGEXP_LIKE(a, b, 'c')`, nil, ""},
		{"iregex", func(w *dialects.Writer) { d.Regex(w, true, x("a"), x("b")) }, `REGEXP_LIKE(a, b, 'i')`, nil, ""},
		{"cast to text is not a CLOB", cast(registry.Text), `CAST(a AS NVARCHAR2(2000))`, nil, ""},
		{"cast to a string", cast(registry.String), `CAST(a AS NVARCHAR2(10))`, nil, ""},
		{"cast to a decimal", cast(registry.Decimal), `CAST(a AS NUMBER(6, 2))`, nil, ""},
		{"cast to an integer", cast(registry.Int), `CAST(a AS NUMBER(11))`, nil, ""},
		{"integer division truncates", func(w *dialects.Writer) {
			d.Arith(w, "/", x("a"), x("b"), registry.Int, registry.BigInt, registry.BigInt)
		}, `TRUNC(a / b)`, nil, ""},
		{"date - date is an interval of days", func(w *dialects.Writer) {
			d.Arith(w, "-", x("a"), x("b"), registry.Date, registry.Date, registry.Duration)
		}, `NUMTODSINTERVAL(TO_NUMBER(a - b), 'DAY')`, nil, ""},
		{"a float division is left to the compiler", func(w *dialects.Writer) {
			if d.Arith(w, "/", x("a"), x("b"), registry.Float, registry.Int, registry.Float) {
				w.S("handled")
			}
		}, ``, nil, ""},
		{"random", func(w *dialects.Writer) { d.Func(w, "Random", nil) }, `DBMS_RANDOM.VALUE`, nil, ""},
		{"bitand", func(w *dialects.Writer) { d.Func(w, "BitAnd", []dialects.Node{x("a"), x("b")}) }, `BITAND(a, b)`, nil, ""},
		{"left", func(w *dialects.Writer) { d.Func(w, "Left", []dialects.Node{x("a"), x("b")}) }, `SUBSTR(a, 1, b)`, nil, ""},
		{"ceil", func(w *dialects.Writer) { d.Func(w, "Ceil", []dialects.Node{x("a")}) }, `CEIL(a)`, nil, ""},
		{"now has no parentheses", func(w *dialects.Writer) { d.Func(w, "Now", nil) }, `CURRENT_TIMESTAMP`, nil, ""},
		{"concat", func(w *dialects.Writer) { d.Func(w, "Concat", []dialects.Node{x("a"), x("b")}) }, `COALESCE(a, '') || COALESCE(b, '')`, nil, ""},
		{"a condition as a value", func(w *dialects.Writer) { d.BoolExpr(w, x("a = b")) }, `CASE WHEN a = b THEN 1 ELSE 0 END`, nil, ""},
		{"a value as a condition", func(w *dialects.Writer) { d.BoolCondition(w, x("a")) }, `a = 1`, nil, ""},
		{"insert defaults", func(w *dialects.Writer) { d.InsertDefaults(w, "book") }, `INSERT INTO "BOOK" VALUES (DEFAULT)`, nil, ""},
		{"no conflict handling", func(w *dialects.Writer) { d.OnConflict(w, dialects.Conflict{Ignore: true}) }, "", nil, "bulk_create conflict handling is not supported on oracle"},
		{"for update nowait", func(w *dialects.Writer) { d.ForUpdate(w, dialects.Lock{NoWait: true}) }, ` FOR UPDATE NOWAIT`, nil, ""},
		{"no for no key update", func(w *dialects.Writer) { d.ForUpdate(w, dialects.Lock{NoKey: true}) }, "", nil, "select_for_update(no_key=True) is not supported on oracle"},
	})
}

func TestColumnType(t *testing.T) {
	want := map[registry.Kind]string{
		registry.Invalid: "NCLOB", registry.String: "NVARCHAR2(40)", registry.Text: "NCLOB", registry.UUID: "VARCHAR2(36)",
		registry.SmallInt: "NUMBER(5)", registry.Int: "NUMBER(11)", registry.BigInt: "NUMBER(19)",
		registry.Bool: "NUMBER(1)", registry.Float: "DOUBLE PRECISION", registry.Decimal: "NUMBER(8, 3)",
		registry.Date: "DATE", registry.DateTime: "TIMESTAMP", registry.Time: "TIMESTAMP",
		registry.Duration: "INTERVAL DAY(9) TO SECOND(6)", registry.Bytes: "BLOB",
	}
	for k := registry.Invalid; k <= registry.Bytes; k++ {
		f := &registry.Field{Kind: k, MaxLength: 40, MaxDigits: 8, DecimalPlaces: 3}
		if got := d.ColumnType(f); got != want[k] {
			t.Errorf("ColumnType(%s) = %q, want %q", k, got, want[k])
		}
	}
	for k, want := range map[registry.Kind]string{
		registry.Int:      "NUMBER(11) GENERATED BY DEFAULT ON NULL AS IDENTITY NOT NULL PRIMARY KEY",
		registry.BigInt:   "NUMBER(19) GENERATED BY DEFAULT ON NULL AS IDENTITY NOT NULL PRIMARY KEY",
		registry.SmallInt: "NUMBER(19) GENERATED BY DEFAULT ON NULL AS IDENTITY NOT NULL PRIMARY KEY",
	} {
		if got := d.AutoPK(k); got != want {
			t.Errorf("AutoPK(%s) = %q, want %q", k, got, want)
		}
	}
}

// oraError is godror's error as far as djorm looks: Code().
type oraError struct{ code int }

func (e *oraError) Error() string { return fmt.Sprintf("ORA-%05d", e.code) }
func (e *oraError) Code() int     { return e.code }

func TestErrors(t *testing.T) {
	cases := []struct {
		err        error
		class      dialects.ErrorClass
		fromServer bool
	}{
		{&oraError{1}, dialects.ErrUnique, true},
		{&oraError{2291}, dialects.ErrForeignKey, true},
		{&oraError{2292}, dialects.ErrForeignKey, true},
		{&oraError{1400}, dialects.ErrNotNull, true},
		{&oraError{2290}, dialects.ErrCheck, true},
		{&oraError{54}, dialects.ErrLock, true},
		{&oraError{30006}, dialects.ErrLock, true},
		{&oraError{60}, dialects.ErrRetryable, true},
		{&oraError{8177}, dialects.ErrRetryable, true},
		{&oraError{12899}, dialects.ErrDataTooLong, true},
		{&oraError{1438}, dialects.ErrDataTooLong, true},
		{&oraError{942}, dialects.ErrOther, true}, // no such table: the server's answer
		{fmt.Errorf("exec: %w", &oraError{1}), dialects.ErrUnique, true},
		{errors.New("ORA-00001 in a plain error"), dialects.ErrOther, false},
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
		{"true is 1", true, registry.Bool, int64(1)},
		{"false is 0", false, registry.Bool, int64(0)},
		{"a datetime: UTC, truncated to microseconds", at, registry.DateTime, time.Date(2024, 12, 31, 22, 59, 59, 999999000, time.UTC)},
		// Was a bug: dates and times of day are bound as the UTC instant, not as
		// the day (resp. the clock) the value shows in its own zone, as on
		// every other backend (README: "A date or a time of day written
		// from a time.Time is the one the value shows in its own zone"):
		// 2025-01-01 00:30 at +01:00 is stored as the DATE 2024-12-31 23:30,
		// and 12:30 at +01:00 as 11:30. The wants follow Django's Oracle
		// adapters: a date at midnight, a time of day on 1900-01-01.
		{"a date: the day of its own zone", time.Date(2025, 1, 1, 0, 30, 0, 0, plus1), registry.Date, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"a time of day: the clock of its own zone", time.Date(0, 1, 1, 12, 30, 0, 1500, plus1), registry.Time, time.Date(1900, 1, 1, 12, 30, 0, 1000, time.UTC)},
		{"a decimal: its text", decimal.RequireFromString("1.50"), registry.Decimal, "1.5"},
		{"a duration: as it is (an interval)", 90 * time.Second, registry.Duration, 90 * time.Second},
		{"an int", 7, registry.Int, int64(7)},
		{"a string", "x", registry.String, "x"},
		{"a float", 0.5, registry.Float, 0.5},
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
		{10, 0, " FETCH FIRST 10 ROWS ONLY"},
		{10, 5, " OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY"},
		{-1, 5, " OFFSET 5 ROWS"},
		{-1, 0, ""},
		{0, 0, " FETCH FIRST 0 ROWS ONLY"},
	}
	for _, c := range limits {
		if sql, _, _ := render(func(w *dialects.Writer) { d.LimitOffset(w, c.limit, c.offset) }); sql != c.want {
			t.Errorf("LimitOffset(%d, %d) = %q, want %q", c.limit, c.offset, sql, c.want)
		}
	}
	texts := []struct{ got, want string }{
		{d.Savepoint("s1"), "SAVEPOINT s1"},
		{d.RollbackToSavepoint("s1"), "ROLLBACK TO SAVEPOINT s1"},
		{d.ReleaseSavepoint("s1"), ""}, // no RELEASE SAVEPOINT: it lasts until the transaction ends
		{string(d.AppendIdent(nil, "book")), `"BOOK"`},
		{string(d.AppendIdent(nil, "Book_2")), `"BOOK_2"`},
		{string(d.AppendIdent(nil, `a"b`)), `"A""B"`},
		{string(d.AppendPlaceholder(nil, 1)), ":1"},
		{string(d.AppendPlaceholder([]byte("= "), 1001)), "= :1001"},
		{d.DropTable(`"BOOK"`), `DROP TABLE "BOOK" CASCADE CONSTRAINTS`},
		{d.TablesQuery(), "SELECT LOWER(table_name) FROM user_tables"},
		{d.ResetSequence("book", "id"), `ALTER TABLE "BOOK" MODIFY "ID" GENERATED BY DEFAULT ON NULL AS IDENTITY (START WITH LIMIT VALUE)`},
		{d.Name(), "oracle"},
	}
	for _, c := range texts {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestExplain(t *testing.T) {
	cases := []struct{ format, want, wantErr string }{
		{"", "EXPLAIN PLAN FOR ", ""},
		{"json", "", `Oracle has no EXPLAIN formats (got "json")`},
	}
	for _, c := range cases {
		got, err := d.Explain(c.format)
		if got != c.want || (err == nil) != (c.wantErr == "") || err != nil && err.Error() != c.wantErr {
			t.Errorf("Explain(%q) = %q, %v; want %q, %q", c.format, got, err, c.want, c.wantErr)
		}
	}
}

func TestFeatures(t *testing.T) {
	f := d.Features()
	cases := []struct {
		name      string
		got, want any
	}{
		{"FloatNaN", f.FloatNaN, false},
		{"FloatInf", f.FloatInf, false},
		{"LastInsertID", f.LastInsertID, false},
		{"Returning", f.Returning, false},
		{"ReturningInto", f.ReturningInto, true},
		{"EmptyStringIsNull", f.EmptyStringIsNull, true},
		{"LockWithLimit", f.LockWithLimit, false},
		{"LockOf", f.LockOf, true},
		{"AggregateFilter", f.AggregateFilter, false},
		{"NullsOrder", f.NullsOrder, true},
		{"SliceInCompound", f.SliceInCompound, false},
		{"IgnoreConflicts", f.IgnoreConflicts, false},
		{"TransactionalDDL", f.TransactionalDDL, false},
		{"CreateIfNotExists", f.CreateIfNotExists, false},
		{"Savepoints", f.Savepoints, true},
		{"MaxInList", f.MaxInList, 1000},
		{"MaxIdentLen", f.MaxIdentLen, 128},
		{"MaxParams", f.MaxParams, 65535},
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

// godror's DSN is used as it is.
func TestConnectorDSN(t *testing.T) {
	for _, name := range []string{"godror", "oracle"} {
		b, ok := dialects.Lookup(name)
		if !ok {
			t.Fatalf("no backend for %s", name)
		}
		for _, dsn := range []string{`user/pw@localhost:1521/FREEPDB1`, `user="u" password="p" connectString="h/db"`} {
			var got string
			_, _ = b.Connector(dsnDriver{&got}, name, dsn)
			if got != dsn || strings.Contains(got, "?") {
				t.Errorf("%s %q opens %q", name, dsn, got)
			}
		}
	}
}
