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
