package sqlite_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/mattn/go-sqlite3"

	"github.com/djorm/orm/dialects"
)

// openLive opens an in-memory database through the backend, so the
// connection has djorm's functions.
func openLive(t *testing.T) *sql.DB {
	t.Helper()
	b, _ := dialects.Lookup("sqlite3")
	c, err := b.Connector(&sqlite3.SQLiteDriver{}, "sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// SQL NULL reaches a Go function as a nil []byte: each function must give
// NULL for it, as the built-in ones do, not the text of an empty value.
func TestFunctionsKeepNull(t *testing.T) {
	db := openLive(t)
	cases := []struct{ expr, want string }{
		{"djorm_upper(NULL)", "<NULL>"},
		{"djorm_lower(NULL)", "<NULL>"},
		{"djorm_upper('été')", "ÉTÉ"},
		{"djorm_lower(CAST('ÉTÉ' AS BLOB))", "été"},
		{"djorm_upper('')", ""},
		{"djorm_regexp('.*', NULL)", "<NULL>"},
		{"djorm_regexp(NULL, 'a')", "<NULL>"},
		{"djorm_regexp('^\\[', NULL)", "<NULL>"},
		{"djorm_regexp('^hi$', CAST('hi' AS BLOB))", "1"},
		// what RE2 lacks runs on the backtracking engine, as Python's re
		{`djorm_regexp('b(.).*b\1', 'barfoobaz')`, "1"},
		{`djorm_regexp('b(.).*b\1', 'foobaz')`, "0"},
		{`djorm_regexp('(?<=foo)bar', 'foobar')`, "1"},
		{"djorm_dt_diff(NULL, '2024-01-01 00:00:00')", "<NULL>"},
		{"djorm_sqrt(NULL)", "<NULL>"},
		{"djorm_lower(NULL) = ''", "<NULL>"},
		{"djorm_dt_add(NULL, 1)", "<NULL>"},
		// a date moves by whole days and stays a date (Python's date + timedelta)
		{"djorm_dt_add('2010-06-25', 86400000000)", "2010-06-26"},
		{"djorm_dt_add('2010-06-25', 90000000000)", "2010-06-26"},
		{"djorm_dt_add('2010-06-25', -1)", "2010-06-24"},
		{"djorm_dt_add('2010-06-25 10:00:00', 3600000000)", "2010-06-25 11:00:00"},
	}
	for _, c := range cases {
		var got sql.NullString
		if err := db.QueryRow("SELECT " + c.expr).Scan(&got); err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		s := "<NULL>"
		if got.Valid {
			s = got.String
		}
		if s != c.want {
			t.Errorf("%s = %q, want %q", c.expr, s, c.want)
		}
	}
}

// The dialect's parameter bound is the library's own (sqlite3_limit), read
// through the connections the backend makes: lowered to 500 on the one
// connection, it is 500.
func TestParameterLimitIsTheLibrarys(t *testing.T) {
	db := openLive(t)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.Raw(func(c any) error {
		c.(*sqlite3.SQLiteConn).SetLimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 500)
		return nil
	})
	conn.Close()
	b, _ := dialects.Lookup("sqlite3")
	d, err := b.Dialect(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Features().MaxParams; got != 500 {
		t.Errorf("MaxParams %d, the library's limit 500", got)
	}
}
