package mysql_test

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
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/registry"
)

// MariaDB's and MySQL's spelling of everything a dialect renders or
// decides, one table per concern (MariaDB 10.11 unless a row says).

var d = mysql.New("10.11.19-MariaDB")

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
		{"year", extract("year"), `YEAR(x)`, nil, ""},
		{"iso_year", extract("iso_year"), `(YEARWEEK(x, 3) DIV 100)`, nil, ""},
		{"quarter", extract("quarter"), `QUARTER(x)`, nil, ""},
		{"month", extract("month"), `MONTH(x)`, nil, ""},
		{"week", extract("week"), `WEEK(x, 3)`, nil, ""},
		{"day", extract("day"), `DAYOFMONTH(x)`, nil, ""},
		{"week_day", extract("week_day"), `DAYOFWEEK(x)`, nil, ""},
		{"iso_week_day", extract("iso_week_day"), `(WEEKDAY(x) + 1)`, nil, ""},
		{"hour", extract("hour"), `HOUR(x)`, nil, ""},
		{"minute", extract("minute"), `MINUTE(x)`, nil, ""},
		{"second", extract("second"), `SECOND(x)`, nil, ""},
		{"unknown part", extract("fortnight"), "", nil, `unknown date part "fortnight"`},
	})
}

func TestTrunc(t *testing.T) {
	dt, date, tm := registry.DateTime, registry.Date, registry.Time
	runRender(t, []renderCase{
		{"date", trunc("date", dt, date), `DATE(x)`, nil, ""},
		{"time", trunc("time", dt, tm), `TIME(x)`, nil, ""},
		{"year", trunc("year", dt, dt), `CAST(DATE_FORMAT(x, '%Y-01-01 00:00:00') AS DATETIME(6))`, nil, ""},
		{"quarter", trunc("quarter", dt, dt), `CAST(MAKEDATE(YEAR(x), 1) + INTERVAL QUARTER(x) QUARTER - INTERVAL 1 QUARTER AS DATETIME(6))`, nil, ""},
		{"month", trunc("month", dt, dt), `CAST(DATE_FORMAT(x, '%Y-%m-01 00:00:00') AS DATETIME(6))`, nil, ""},
		{"week", trunc("week", dt, dt), `CAST(DATE_SUB(DATE(x), INTERVAL WEEKDAY(x) DAY) AS DATETIME(6))`, nil, ""},
		{"day", trunc("day", dt, dt), `CAST(DATE_FORMAT(x, '%Y-%m-%d 00:00:00') AS DATETIME(6))`, nil, ""},
		{"hour", trunc("hour", dt, dt), `CAST(DATE_FORMAT(x, '%Y-%m-%d %H:00:00') AS DATETIME(6))`, nil, ""},
		{"minute", trunc("minute", dt, dt), `CAST(DATE_FORMAT(x, '%Y-%m-%d %H:%i:00') AS DATETIME(6))`, nil, ""},
		{"second", trunc("second", dt, dt), `CAST(DATE_FORMAT(x, '%Y-%m-%d %H:%i:%s') AS DATETIME(6))`, nil, ""},
		{"month of a date", trunc("month", date, date), `DATE(DATE_FORMAT(x, '%Y-%m-01 00:00:00'))`, nil, ""},
		{"week of a date", trunc("week", date, date), `DATE(DATE_SUB(DATE(x), INTERVAL WEEKDAY(x) DAY))`, nil, ""},
		{"quarter of a datetime as a date", trunc("quarter", dt, date), `DATE(MAKEDATE(YEAR(x), 1) + INTERVAL QUARTER(x) QUARTER - INTERVAL 1 QUARTER)`, nil, ""},
		{"unknown kind", trunc("decade", dt, dt), "", nil, `unknown truncation kind "decade"`},
		{"unknown kind as a date", trunc("decade", dt, date), "", nil, `unknown truncation kind "decade"`},
	})
}

func arith(op string, lk, rk, out registry.Kind) func(w *dialects.Writer) {
	return func(w *dialects.Writer) {
		if !d.Arith(w, op, x("a"), x("b"), lk, rk, out) {
			w.S("(plain)")
		}
	}
}

func cast(k registry.Kind) func(w *dialects.Writer) {
	return func(w *dialects.Writer) {
		d.Cast(w, x("a"), k, &registry.Field{Kind: k, MaxLength: 10, MaxDigits: 6, DecimalPlaces: 2})
	}
}

func TestRendering(t *testing.T) {
	i, bi, dt, date, tm, du := registry.Int, registry.BigInt, registry.DateTime, registry.Date, registry.Time, registry.Duration
	runRender(t, []renderCase{
		{"exact", func(w *dialects.Writer) { d.Compare(w, "exact", x("a"), x("b")) }, `a = b`, nil, ""},
		{"iexact folds both sides", func(w *dialects.Writer) { d.Compare(w, "iexact", x("a"), x("b")) }, `LOWER(a) = LOWER(b)`, nil, ""},
		{"contains is binary", func(w *dialects.Writer) { d.Pattern(w, "contains", x("a"), "a_b") },
			`CAST(a AS BINARY) LIKE CAST(? AS BINARY) ESCAPE '!'`, []any{"%a!_b%"}, ""},
		{"iendswith folds", func(w *dialects.Writer) { d.Pattern(w, "iendswith", x("a"), "ab") }, `LOWER(a) LIKE LOWER(?) ESCAPE '!'`, []any{"%ab"}, ""},
		{"startswith an expression", func(w *dialects.Writer) { d.PatternExpr(w, "startswith", x("a"), x("b")) },
			`CAST(a AS BINARY) LIKE CAST(CONCAT(REPLACE(REPLACE(REPLACE(b, '!', '!!'), '%', '!%'), '_', '!_'), '%') AS BINARY) ESCAPE '!'`, nil, ""},
		{"icontains an expression", func(w *dialects.Writer) { d.PatternExpr(w, "icontains", x("a"), x("b")) },
			`LOWER(a) LIKE LOWER(CONCAT('%', REPLACE(REPLACE(REPLACE(b, '!', '!!'), '%', '!%'), '_', '!_'), '%')) ESCAPE '!'`, nil, ""},
		{"regex", func(w *dialects.Writer) { d.Regex(w, false, x("a"), x("b")) }, `a REGEXP CONCAT('(?-i)', b)`, nil, ""},
		{"iregex", func(w *dialects.Writer) { d.Regex(w, true, x("a"), x("b")) }, `a REGEXP CONCAT('(?i)', b)`, nil, ""},
		{"cast to a decimal", cast(registry.Decimal), `CAST(a AS decimal(6, 2))`, nil, ""},
		{"cast to an integer", cast(registry.Int), `CAST(a AS signed integer)`, nil, ""},
		{"cast to text", cast(registry.String), `CAST(a AS char)`, nil, ""},
		{"cast to a float", cast(registry.Float), `CAST(a AS double)`, nil, ""},
		{"cast to a datetime", cast(registry.DateTime), `CAST(a AS datetime(6))`, nil, ""},
		{"cast to a boolean", cast(registry.Bool), `CAST(a AS signed integer)`, nil, ""},
		{"integer division", arith("/", bi, i, bi), `(a DIV b)`, nil, ""},
		{"a float division is plain", arith("/", i, registry.Float, registry.Float), `(plain)`, nil, ""},
		{"integers multiply plainly", arith("*", i, i, bi), `(plain)`, nil, ""},
		{"datetime + duration", arith("+", dt, du, dt), `(a + INTERVAL (b) MICROSECOND)`, nil, ""},
		{"duration + datetime: the point first", arith("+", du, dt, dt), `(b + INTERVAL (a) MICROSECOND)`, nil, ""},
		{"date - duration", arith("-", date, du, dt), `(a - INTERVAL (b) MICROSECOND)`, nil, ""},
		{"datetime - datetime", arith("-", dt, dt, du), `TIMESTAMPDIFF(MICROSECOND, b, a)`, nil, ""},
		{"time - time on MariaDB", arith("-", tm, tm, du), `CAST((TIME_TO_SEC(a) - TIME_TO_SEC(b)) * 1000000 AS SIGNED)`, nil, ""},
		{"date - date", arith("-", date, date, du), `TIMESTAMPDIFF(MICROSECOND, b, a)`, nil, ""},
		{"time + duration", arith("+", tm, du, tm), `ADDTIME(a, SEC_TO_TIME((b) / 1000000))`, nil, ""},
		{"time - duration", arith("-", tm, du, tm), `ADDTIME(a, SEC_TO_TIME(-(b) / 1000000))`, nil, ""},
		{"durations add up plainly", arith("+", du, du, du), `(plain)`, nil, ""},
		{"concat", func(w *dialects.Writer) { d.Func(w, "Concat", []dialects.Node{x("a"), x("b")}) }, `CONCAT_WS('', a, b)`, nil, ""},
		{"now", func(w *dialects.Writer) { d.Func(w, "Now", nil) }, `CURRENT_TIMESTAMP(6)`, nil, ""},
		{"length counts characters", func(w *dialects.Writer) { d.Func(w, "Length", []dialects.Node{x("a")}) }, `CHAR_LENGTH(a)`, nil, ""},
		{"random", func(w *dialects.Writer) { d.Func(w, "Random", nil) }, `RAND()`, nil, ""},
		{"strindex", func(w *dialects.Writer) { d.Func(w, "StrIndex", []dialects.Node{x("a"), x("b")}) }, `INSTR(a, b)`, nil, ""},
		{"unknown function", func(w *dialects.Writer) { d.Func(w, "Soundex", nil) }, "", nil, `unknown function "Soundex"`},
		{"insert defaults", func(w *dialects.Writer) { d.InsertDefaults(w, "book") }, "INSERT INTO `book` () VALUES ()", nil, ""},
		{"ignore conflicts: INSERT IGNORE, no clause", func(w *dialects.Writer) { d.OnConflict(w, dialects.Conflict{Ignore: true}) }, ``, nil, ""},
		{"update conflicts", func(w *dialects.Writer) {
			d.OnConflict(w, dialects.Conflict{UniqueCols: []string{"isbn"}, UpdateCols: []string{"title", "price"}})
		}, " ON DUPLICATE KEY UPDATE `title` = VALUES(`title`), `price` = VALUES(`price`)", nil, ""},
		{"for update", func(w *dialects.Writer) { d.ForUpdate(w, dialects.Lock{SkipLocked: true}) }, ` FOR UPDATE SKIP LOCKED`, nil, ""},
		{"for update of: not on MariaDB", func(w *dialects.Writer) { d.ForUpdate(w, dialects.Lock{Of: []string{"book"}}) }, "", nil, "select_for_update(of=...) is not supported on mariadb"},
		{"for no key update: not here", func(w *dialects.Writer) { d.ForUpdate(w, dialects.Lock{NoKey: true}) }, "", nil, "select_for_update(no_key=True) is not supported on mariadb"},
		{"for update of on MySQL", func(w *dialects.Writer) {
			w.D = mysql.New("8.0.36") // ForUpdate asks the writer's dialect what it may render
			w.D.ForUpdate(w, dialects.Lock{Of: []string{"book"}, NoWait: true})
		}, " FOR UPDATE OF `book` NOWAIT", nil, ""},
	})
}

func TestColumnType(t *testing.T) {
	want := map[registry.Kind]string{
		registry.Invalid: "longtext", registry.String: "varchar(40)", registry.Text: "longtext", registry.UUID: "char(36)",
		registry.SmallInt: "smallint", registry.Int: "integer", registry.BigInt: "bigint",
		registry.Bool: "bool", registry.Float: "double precision", registry.Decimal: "numeric(8, 3)",
		registry.Date: "date", registry.DateTime: "datetime(6)", registry.Time: "time(6)",
		registry.Duration: "bigint", registry.Bytes: "longblob",
	}
	for k := registry.Invalid; k <= registry.Bytes; k++ {
		f := &registry.Field{Kind: k, MaxLength: 40, MaxDigits: 8, DecimalPlaces: 3}
		if got := d.ColumnType(f); got != want[k] {
			t.Errorf("ColumnType(%s) = %q, want %q", k, got, want[k])
		}
	}
	for k, want := range map[registry.Kind]string{
		registry.Int:      "integer AUTO_INCREMENT NOT NULL PRIMARY KEY",
		registry.BigInt:   "bigint AUTO_INCREMENT NOT NULL PRIMARY KEY",
		registry.SmallInt: "bigint AUTO_INCREMENT NOT NULL PRIMARY KEY",
	} {
		if got := d.AutoPK(k); got != want {
			t.Errorf("AutoPK(%s) = %q, want %q", k, got, want)
		}
	}
}

// mysqlError is go-sql-driver's *MySQLError as far as djorm looks: a
// Number field, read by reflection.
type mysqlError struct {
	Number   uint16
	SQLState [5]byte
	Message  string
}

func (e *mysqlError) Error() string { return fmt.Sprintf("Error %d: %s", e.Number, e.Message) }

// valueError carries its number in a struct value.
type valueError struct{ Number int }

func (valueError) Error() string { return "value" }

func TestErrors(t *testing.T) {
	cases := []struct {
		err        error
		class      dialects.ErrorClass
		fromServer bool
	}{
		{&mysqlError{Number: 1062}, dialects.ErrUnique, true},
		{&mysqlError{Number: 1586}, dialects.ErrUnique, true},
		{&mysqlError{Number: 1451}, dialects.ErrForeignKey, true},
		{&mysqlError{Number: 1452}, dialects.ErrForeignKey, true},
		{&mysqlError{Number: 1216}, dialects.ErrForeignKey, true},
		{&mysqlError{Number: 1217}, dialects.ErrForeignKey, true},
		{&mysqlError{Number: 1048}, dialects.ErrNotNull, true},
		{&mysqlError{Number: 1364}, dialects.ErrNotNull, true},
		{&mysqlError{Number: 3819}, dialects.ErrCheck, true},
		{&mysqlError{Number: 4025}, dialects.ErrCheck, true},
		{&mysqlError{Number: 3572}, dialects.ErrLock, true},
		{&mysqlError{Number: 1205}, dialects.ErrLock, true},
		{&mysqlError{Number: 1213}, dialects.ErrRetryable, true},
		{&mysqlError{Number: 1406}, dialects.ErrDataTooLong, true},
		{&mysqlError{Number: 1264}, dialects.ErrDataTooLong, true},
		{&mysqlError{Number: 1690}, dialects.ErrDataTooLong, true},
		{&mysqlError{Number: 1146}, dialects.ErrOther, true}, // no such table: the server's answer
		{valueError{Number: 1062}, dialects.ErrUnique, true}, // a value, not a pointer
		{fmt.Errorf("exec: %w", &mysqlError{Number: 1062}), dialects.ErrUnique, true},
		{errors.New("invalid connection"), dialects.ErrOther, false},
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

// Bind sends temporal values as UTC text, decimals as text, durations as
// microseconds, whatever the DSN's loc.
func TestBind(t *testing.T) {
	plus1 := time.FixedZone("+01", 3600)
	at := time.Date(2024, 12, 31, 23, 59, 59, 999999999, plus1)
	cases := []struct {
		name string
		v    any
		k    registry.Kind
		want any
	}{
		{"a datetime: UTC text, microseconds", at, registry.DateTime, "2024-12-31 22:59:59.999999"},
		{"a whole second has no fraction", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), registry.DateTime, "2024-01-02 03:04:05"},
		{"a fraction below a microsecond is dropped", time.Date(2024, 1, 2, 3, 4, 5, 999, time.UTC), registry.DateTime, "2024-01-02 03:04:05.000000"},
		{"a datetime before 1970", time.Date(1969, 7, 20, 20, 17, 40, 0, time.UTC), registry.DateTime, "1969-07-20 20:17:40"},
		{"a date: the day of its own zone", at, registry.Date, "2024-12-31"},
		{"a time of day", at, registry.Time, "23:59:59.999999"},
		{"a decimal", decimal.RequireFromString("1.50"), registry.Decimal, "1.5"},
		{"a duration: microseconds", 90 * time.Second, registry.Duration, int64(90000000)},
		{"a negative duration", -time.Millisecond, registry.Duration, int64(-1000)},
		{"an int", 7, registry.Int, int64(7)},
		{"a bool stays a bool", true, registry.Bool, true},
		{"a string", "x", registry.String, "x"},
		{"nil", nil, registry.String, nil},
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
		{-1, 5, " LIMIT 18446744073709551615 OFFSET 5"},
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
		{string(d.AppendIdent(nil, "book")), "`book`"},
		{string(d.AppendIdent(nil, "a`b")), "`a``b`"},
		{string(d.AppendIdent(nil, "``")), "``````"},
		{string(d.AppendIdent(nil, `a"b`)), "`a\"b`"},
		{string(d.AppendPlaceholder(nil, 1)), "?"},
		{string(d.AppendPlaceholder([]byte("= "), 99)), "= ?"},
		{d.DropTable("`book`"), "DROP TABLE IF EXISTS `book`"},
		{d.TablesQuery(), "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"},
		{d.TableOptions(), " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"},
		{d.ForeignKeyTail(), ""},
		{d.ResetSequence("book", "id"), ""},
		{d.ConnectionIDQuery(), "SELECT CONNECTION_ID()"},
		{d.KillQuery(42), "KILL QUERY 42"},
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
		{"json", "EXPLAIN FORMAT=JSON ", ""},
		{"Traditional", "EXPLAIN FORMAT=TRADITIONAL ", ""},
		{"text", "", `unknown EXPLAIN format "text"; MySQL has json, traditional`},
	}
	for _, c := range cases {
		got, err := d.Explain(c.format)
		if got != c.want || (err == nil) != (c.wantErr == "") || err != nil && err.Error() != c.wantErr {
			t.Errorf("Explain(%q) = %q, %v; want %q, %q", c.format, got, err, c.want, c.wantErr)
		}
	}
}

// What the server's version decides.
func TestVersions(t *testing.T) {
	cases := []struct {
		version   string
		name      string
		returning bool
		intersect bool
		lockOf    bool
		bug       string
	}{
		{"", "mariadb", true, true, false, ""},
		{"10.11.19-MariaDB", "mariadb", true, true, false, ""},
		{"10.5.0-MariaDB-log", "mariadb", true, true, false, ""},
		{"10.4.32-MariaDB", "mariadb", false, true, false, ""},
		{"10.3.0-MariaDB", "mariadb", false, true, false, ""},
		{"10.2.44-MariaDB", "mariadb", false, false, false, ""},
		{"11.4.2-MariaDB-ubu2404", "mariadb", true, true, false, ""},
		{"8.0.36", "mysql", false, true, true, ""},
		{"8.4.0", "mysql", false, true, true, ""},
		// Was a bug (minor): MySQL has INTERSECT and EXCEPT from 8.0.31 (Django:
		// supports_select_intersection); before it they are a syntax error
		// instead of a NotSupportedError.
		{"8.0.30", "mysql", false, false, true, ""},
	}
	for _, c := range cases {
		t.Run(c.bug+c.version, func(t *testing.T) {
			m := mysql.New(c.version)
			f := m.Features()
			if m.Name() != c.name || f.Returning != c.returning || f.BulkReturning != c.returning || f.Intersect != c.intersect || f.LockOf != c.lockOf {
				t.Errorf("New(%q): %s returning=%v intersect=%v lockOf=%v; want %s %v %v %v",
					c.version, m.Name(), f.Returning, f.Intersect, f.LockOf, c.name, c.returning, c.intersect, c.lockOf)
			}
		})
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
		{"LastInsertID", f.LastInsertID, true},
		{"DistinctOn", f.DistinctOn, false},
		{"AggregateFilter", f.AggregateFilter, false},
		{"NullsOrder", f.NullsOrder, false},
		{"NullsFirstByAsc", f.NullsFirstByAsc, true},
		{"SubqueryLimitIn", f.SubqueryLimitIn, false},
		{"UpdateSelfSubquery", f.UpdateSelfSubquery, false},
		{"UpdateConflictsTarget", f.UpdateConflictsTarget, false},
		{"IgnoreConflicts", f.IgnoreConflicts, true},
		{"ReadCommittedTx", f.ReadCommittedTx, true},
		{"IntAvgIsDecimal", f.IntAvgIsDecimal, true},
		{"LeftJoinRelated", f.LeftJoinRelated, true},
		{"TransactionalDDL", f.TransactionalDDL, false},
		{"LockWithLimit", f.LockWithLimit, true},
		{"MaxParams", f.MaxParams, 65535},
		{"MaxIdentLen", f.MaxIdentLen, 64},
		{"MaxInList", f.MaxInList, 0},
		{"SessionReadCommitted", d.SessionReadCommitted(), false}, // a dialect not made by the backend
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

// The settings Open adds to a go-sql-driver DSN: rows matched, one round
// trip per statement, times in UTC.
func TestConnectorDSN(t *testing.T) {
	b, ok := dialects.Lookup("mysql")
	if !ok {
		t.Fatal("no backend for mysql")
	}
	const set = "clientFoundRows=true&interpolateParams=true&loc=UTC"
	cases := []struct{ dsn, want, bug string }{
		{"root@tcp(127.0.0.1:3306)/test", "root@tcp(127.0.0.1:3306)/test?" + set, ""},
		{"root:pw@tcp(h)/test?parseTime=true", "root:pw@tcp(h)/test?parseTime=true&" + set, ""},
		{"root@tcp(h)/test?loc=Local&parseTime=true", "root@tcp(h)/test?parseTime=true&" + set, ""},
		{"root@tcp(h)/test?clientFoundRows=false", "root@tcp(h)/test?clientFoundRows=false&interpolateParams=true&loc=UTC", ""},
		{"root@unix(/tmp/mysql.sock)/test", "root@unix(/tmp/mysql.sock)/test?" + set, ""},
		// Was a bug: a password holding "=" makes the DSN look like lib/pq's
		// key=value form to dialects.WithParam: the settings are appended
		// after a space, inside the database name.
		{"root:a=b@tcp(h)/test", "root:a=b@tcp(h)/test?" + set, ""},
		// Was a bug: so does a password holding "?": "&clientFoundRows=true" is
		// appended to the database name.
		{"root:a?b@tcp(h)/test", "root:a?b@tcp(h)/test?" + set, ""},
	}
	for _, c := range cases {
		t.Run(c.bug+c.dsn, func(t *testing.T) {
			var got string
			_, _ = b.Connector(dsnDriver{&got}, "mysql", c.dsn)
			if got != c.want {
				t.Errorf("%q opens %q, want %q", c.dsn, got, c.want)
			}
		})
	}
}
