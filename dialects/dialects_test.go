package dialects_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/registry"
)

var all = map[string]dialects.Dialect{
	"postgres": postgres.New(), "mysql": mysql.New("10.11.19-MariaDB"), "sqlite": sqlite.New(true), "oracle": oracle.New(),
}

// col is a Node that renders as a column name.
type col string

func (c col) WriteSQL(w *dialects.Writer) { w.S(string(c)) }

func render(d dialects.Dialect, f func(w *dialects.Writer)) (string, error) {
	w := dialects.NewWriter(d)
	f(w)
	return string(w.Buf), w.Err
}

// Every date part and truncation kind renders on every backend, the
// operand in place; an unknown one is an error, not SQL.
func TestDateFunctionTables(t *testing.T) {
	for name, d := range all {
		for _, part := range dialects.ExtractParts {
			sql, err := render(d, func(w *dialects.Writer) { d.Extract(w, part, col("x"), registry.DateTime) })
			if err != nil || !strings.Contains(sql, "x") {
				t.Errorf("%s Extract(%s) = %q, %v", name, part, sql, err)
			}
		}
		for _, kind := range dialects.TruncKinds {
			out := registry.DateTime
			switch kind {
			case "date":
				out = registry.Date
			case "time":
				out = registry.Time
			}
			sql, err := render(d, func(w *dialects.Writer) { d.Trunc(w, kind, col("x"), registry.DateTime, out) })
			if err != nil || !strings.Contains(sql, "x") {
				t.Errorf("%s Trunc(%s) = %q, %v", name, kind, sql, err)
			}
		}
		if _, err := render(d, func(w *dialects.Writer) { d.Extract(w, "fortnight", col("x"), registry.Date) }); err == nil {
			t.Errorf("%s: an unknown date part must fail", name)
		}
		if _, err := render(d, func(w *dialects.Writer) { d.Trunc(w, "decade", col("x"), registry.Date, registry.Date) }); err == nil {
			t.Errorf("%s: an unknown truncation must fail", name)
		}
	}
	sql, _ := render(all["mysql"], func(w *dialects.Writer) { all["mysql"].Extract(w, "iso_week_day", col("x"), registry.Date) })
	if sql != "(WEEKDAY(x) + 1)" {
		t.Errorf("MySQL iso_week_day = %q", sql)
	}
}

// Column types: the sizes of the field substituted, every kind has a type.
func TestDataTypes(t *testing.T) {
	want := map[string]map[registry.Kind]string{
		"postgres": {registry.String: "varchar(40)", registry.Decimal: "numeric(8, 3)", registry.DateTime: "timestamp with time zone", registry.Bytes: "bytea"},
		"mysql":    {registry.String: "varchar(40)", registry.Decimal: "numeric(8, 3)", registry.DateTime: "datetime(6)", registry.Text: "longtext"},
		"sqlite":   {registry.String: "varchar(40)", registry.Decimal: "decimal", registry.Float: "real"},
		"oracle":   {registry.String: "NVARCHAR2(40)", registry.Decimal: "NUMBER(8, 3)", registry.Duration: "INTERVAL DAY(9) TO SECOND(6)"},
	}
	for name, d := range all {
		for k := registry.String; k <= registry.Bytes; k++ {
			f := &registry.Field{Kind: k, MaxLength: 40, MaxDigits: 8, DecimalPlaces: 3}
			got := d.ColumnType(f)
			if got == "" || strings.Contains(got, "{") {
				t.Errorf("%s %s: column type %q", name, k, got)
			}
			if w, ok := want[name][k]; ok && got != w {
				t.Errorf("%s %s: column type %q, want %q", name, k, got, w)
			}
		}
	}
}

type pgErr struct{ code string }

func (e pgErr) Error() string    { return "pg " + e.code }
func (e pgErr) SQLState() string { return e.code }

type myErr struct{ Number uint16 }

func (e *myErr) Error() string { return "mysql" }

type liteErr struct{ Code, ExtendedCode int }

func (e liteErr) Error() string { return "sqlite" }

type oraErr struct{ code int }

func (e oraErr) Error() string { return "ora" }
func (e oraErr) Code() int     { return e.code }

// Error codes: each backend's codes map to djorm's categories; an error
// that is not the server's is not reported as one.
func TestErrorCodes(t *testing.T) {
	cases := []struct {
		d          string
		err        error
		class      dialects.ErrorClass
		fromServer bool
	}{
		{"postgres", pgErr{"23505"}, dialects.ErrUnique, true},
		{"postgres", pgErr{"23503"}, dialects.ErrForeignKey, true},
		{"postgres", pgErr{"22003"}, dialects.ErrDataTooLong, true},
		{"postgres", pgErr{"40P01"}, dialects.ErrRetryable, true},
		{"postgres", pgErr{"57P01"}, dialects.ErrOther, false}, // the session was terminated
		{"postgres", errors.New("read: connection reset"), dialects.ErrOther, false},
		{"mysql", &myErr{1062}, dialects.ErrUnique, true},
		{"mysql", &myErr{1690}, dialects.ErrDataTooLong, true},
		{"mysql", &myErr{1213}, dialects.ErrRetryable, true},
		{"mysql", errors.New("invalid connection"), dialects.ErrOther, false},
		{"sqlite", liteErr{19, 2067}, dialects.ErrUnique, true},
		{"sqlite", liteErr{19, 787}, dialects.ErrForeignKey, true},
		{"sqlite", errors.New("integer overflow"), dialects.ErrDataTooLong, true},
		{"oracle", oraErr{1}, dialects.ErrUnique, true},
		{"oracle", oraErr{12899}, dialects.ErrDataTooLong, true},
	}
	for _, c := range cases {
		d := all[c.d]
		if got := d.TranslateError(c.err); got != c.class {
			t.Errorf("%s TranslateError(%v) = %d, want %d", c.d, c.err, got, c.class)
		}
		if got := d.FromServer(c.err); got != c.fromServer {
			t.Errorf("%s FromServer(%v) = %v, want %v", c.d, c.err, got, c.fromServer)
		}
	}
}

// Bind: times truncated to microseconds everywhere, in UTC; decimals as
// their text; durations as the backend stores them.
func TestBind(t *testing.T) {
	at := time.Date(2024, 12, 31, 23, 59, 59, 999999999, time.FixedZone("x", 3600))
	for name, d := range all {
		got, err := d.Bind(at, registry.DateTime)
		if err != nil {
			t.Fatal(err)
		}
		switch v := got.(type) {
		case time.Time:
			if !v.Equal(at.Truncate(time.Microsecond)) || v.Location() != time.UTC {
				t.Errorf("%s: bound %v", name, v)
			}
		case string:
			if v != "2024-12-31 22:59:59.999999" {
				t.Errorf("%s: bound %q", name, v)
			}
		default:
			t.Errorf("%s: bound %T", name, got)
		}
		if got, _ := d.Bind(decimal.RequireFromString("1.50"), registry.Decimal); got != "1.5" {
			t.Errorf("%s: decimal bound as %#v", name, got)
		}
	}
	if got, _ := all["postgres"].Bind(90*time.Second, registry.Duration); got != "90000000 microseconds" {
		t.Errorf("postgres duration: %#v", got)
	}
	if got, _ := all["sqlite"].Bind(90*time.Second, registry.Duration); got != int64(90000000) {
		t.Errorf("sqlite duration: %#v", got)
	}
}

func TestSavepointsQuotingLimitsExplain(t *testing.T) {
	if all["oracle"].ReleaseSavepoint("s1") != "" || all["postgres"].ReleaseSavepoint("s1") != "RELEASE SAVEPOINT s1" {
		t.Error("Oracle has no RELEASE SAVEPOINT; the others do")
	}
	for name, want := range map[string]string{"postgres": `"a""b"`, "mysql": "`a``b`", "sqlite": `"a""b"`, "oracle": `"A""B"`} {
		if got := string(all[name].AppendIdent(nil, `a"b`)); name != "mysql" && got != want {
			t.Errorf("%s quotes %q", name, got)
		}
	}
	if got := string(all["mysql"].AppendIdent(nil, "a`b")); got != "`a``b`" {
		t.Errorf("mysql quotes %q", got)
	}
	for name, d := range all {
		sql, _ := render(d, func(w *dialects.Writer) { d.LimitOffset(w, 10, 5) })
		if !strings.Contains(sql, "10") || !strings.Contains(sql, "5") {
			t.Errorf("%s limit: %q", name, sql)
		}
		if _, err := d.Explain("nonsense"); err == nil {
			t.Errorf("%s: an unknown EXPLAIN format must fail", name)
		}
	}
	f := all["sqlite"].Features()
	if !f.LastInsertID || f.FloatNaN || !f.FloatInf || f.MaxDecimalDigits != 15 {
		t.Errorf("sqlite features: %+v", f)
	}
	if f := all["postgres"].Features(); !f.FloatNaN || !f.FloatInf || f.LastInsertID {
		t.Errorf("postgres features: %+v", f)
	}
}

func TestTemplate(t *testing.T) {
	sql, err := render(all["postgres"], func(w *dialects.Writer) { w.Template("f({}) + g({})", col("x")) })
	if err != nil || sql != "f(x) + g(x)" {
		t.Errorf("Template = %q, %v", sql, err)
	}
	if _, err := render(all["postgres"], func(w *dialects.Writer) {
		w.TemplateOf(map[string]string{"a": "{}"}, "b", "thing", col("x"))
	}); err == nil || !strings.Contains(err.Error(), `unknown thing "b"`) {
		t.Errorf("TemplateOf of an unknown key: %v", err)
	}
}

func TestWithParam(t *testing.T) {
	cases := []struct{ dsn, want string }{
		{"postgres://u@h/db", "postgres://u@h/db?k=v"},
		{"postgres://u@h/db?sslmode=disable", "postgres://u@h/db?sslmode=disable&k=v"},
		{"host=h dbname=db", "host=h dbname=db k=v"},
		{"file:x.db", "file:x.db?k=v"},
		{"root@tcp(h)/db?k=1", "root@tcp(h)/db?k=1"},
	}
	for _, c := range cases {
		if got := dialects.WithParam(c.dsn, "k", "v"); got != c.want {
			t.Errorf("WithParam(%q) = %q, want %q", c.dsn, got, c.want)
		}
	}
}

// Every backend registers itself for its driver names.
func TestBackendsRegistered(t *testing.T) {
	for _, name := range []string{"postgres", "pgx", "mysql", "sqlite3", "godror"} {
		if _, ok := dialects.Lookup(name); !ok {
			t.Errorf("no backend for %q", name)
		}
	}
	if _, ok := dialects.Lookup("nosuch"); ok {
		t.Error("an unknown driver has no backend")
	}
}

func TestTemplate2(t *testing.T) {
	sql, err := render(all["postgres"], func(w *dialects.Writer) { w.Template2("f({2}, {1}) {x}", col("a"), col("b")) })
	if err != nil || sql != "f(b, a) {x}" {
		t.Errorf("Template2 = %q, %v", sql, err)
	}
}

// The bitwise operators render as each backend computes them (Django's
// combine_expression): MySQL converts its unsigned results back, Oracle
// and SQLite build what they lack from what they have.
func TestBitwiseOperators(t *testing.T) {
	want := map[string]map[string]string{
		"postgres": {"&": "(a & b)", "|": "(a | b)", "#": "(a # b)", "<<": "(a << b)", ">>": "(a >> b)"},
		"mysql": {"&": "CONVERT((a & b), SIGNED)", "|": "CONVERT((a | b), SIGNED)", "#": "CONVERT((a ^ b), SIGNED)",
			"<<": "CONVERT((a << b), SIGNED)", ">>": "FLOOR(a / POW(2, b))"},
		"sqlite": {"&": "(a & b)", "|": "(a | b)", "#": "((a | b) - (a & b))", "<<": "(a << b)", ">>": "(a >> b)"},
		"oracle": {"&": "BITAND(a, b)", "|": "(a - BITAND(a, b) + b)", "#": "(a + b - 2 * BITAND(a, b))",
			"<<": "(a * POWER(2, b))", ">>": "FLOOR(a / POWER(2, b))"},
	}
	for name, d := range all {
		for op, sql := range want[name] {
			var handled bool
			got, err := render(d, func(w *dialects.Writer) {
				handled = d.Arith(w, op, col("a"), col("b"), registry.BigInt, registry.BigInt, registry.BigInt)
			})
			if !handled || err != nil || got != sql {
				t.Errorf("%s %s: %q (handled %v, %v), want %q", name, op, got, handled, err, sql)
			}
		}
	}
	if dialects.IsBitOp("+") || !dialects.IsBitOp(">>") {
		t.Error("IsBitOp")
	}
}
