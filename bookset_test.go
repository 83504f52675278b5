package orm_test

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// loadBooks loads the bookstore and returns its books, for tests that
// compute their expected answers in Go.
func loadBooks(t *testing.T, db *orm.DB) []*Book {
	t.Helper()
	testkit.LoadBookstore(t, db)
	books, err := orm.Objects[Book](db).All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return books
}

// ownTables recreates the tables of a test's own models (freshTables) and
// drops them when the test ends, so no other test's deletes reach them.
func ownTables(t *testing.T, db *orm.DB, models ...any) {
	t.Helper()
	freshTables(t, db, models...)
	t.Cleanup(func() { _ = db.DropTables(context.Background(), models...) })
}
