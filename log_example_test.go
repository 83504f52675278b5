package orm_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/djorm/orm"
)

// ExampleWithLogger logs each statement with its SQL, arguments, rows,
// duration, call site and database. (The handler here drops the time and
// the duration, and shortens the caller, to keep the output stable.)
func ExampleWithLogger() {
	handler := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			switch a.Key {
			case slog.TimeKey, "duration":
				return slog.Attr{}
			case "caller":
				return slog.String("caller", filepath.Base(a.Value.String()))
			}
			return a
		},
	})
	ctx := context.Background()
	db, err := orm.Open("sqlite3", ":memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := db.CreateTables(ctx, &ExAuthor{}); err != nil {
		panic(err)
	}
	// The same pool, seen through a handle that logs.
	logged, err := orm.New(db.SQLDB(), "sqlite3", orm.WithLogger(slog.New(handler), orm.SlowQuery(time.Second)))
	if err != nil {
		panic(err)
	}
	n, err := orm.Objects[ExAuthor](logged).Filter(orm.Q{"name__startswith": "A"}).Count(ctx)
	fmt.Println(n, err)
	_, err = logged.Exec(ctx, "SELECT no_such_column FROM ex_author")
	fmt.Println(err != nil)
	// Output:
	// level=DEBUG msg=query sql="SELECT COUNT(*) AS \"__count\" FROM \"ex_author\" WHERE \"ex_author\".\"name\" GLOB ?" args=[A*] rows=1 caller=log_example_test.go:44 db=default
	// 0 <nil>
	// level=ERROR msg="query failed" sql="SELECT no_such_column FROM ex_author" args=[] rows=-1 error="no such column: no_such_column" caller=log_example_test.go:46 db=default
	// true
}
