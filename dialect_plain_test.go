package orm_test

import (
	"context"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// plainDialect is a dialect as a third party writes one: the Dialect
// interface and nothing more (embedding the interface hides djorm's fast
// binding methods).
type plainDialect struct{ dialects.Dialect }

// A dialect that implements only Bind works: writes, filters and reads of
// dates, times and decimals go through its plain Bind.
func TestDialectWithOnlyPlainBind(t *testing.T) {
	ctx := context.Background()
	real, err := orm.Open("sqlite3", "file:"+t.TempDir()+"/plain.db")
	if err != nil {
		t.Fatal(err)
	}
	defer real.Close()
	db := orm.NewWithDialect(real.SQLDB(), "sqlite3", plainDialect{sqlite.New(true)})
	if err := db.CreateTables(ctx, testkit.Bookstore...); err != nil {
		t.Fatal(err)
	}
	a := &Author{Name: "Ann", JoinedDate: time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC)}
	if err := db.Create(ctx, a); err != nil {
		t.Fatal(err)
	}
	books := []*Book{{Title: "A", Author: orm.Ref(a), Price: decimal.RequireFromString("12.50")},
		{Title: "B", Author: orm.Ref(a), Price: decimal.RequireFromString("7.25")}}
	if err := orm.Objects[Book](db).BulkCreate(ctx, books); err != nil {
		t.Fatal(err)
	}
	got, err := orm.Objects[Book](db).Filter(orm.Q{"price__gt": decimal.RequireFromString("10"),
		"author__joined_date": a.JoinedDate}).All(ctx)
	if err != nil || len(got) != 1 || got[0].Title != "A" || !got[0].Price.Equal(books[0].Price) {
		t.Fatalf("filter through a plain dialect: %v %v", got, err)
	}
}
