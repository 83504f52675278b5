package djsqlite_test

import (
	"testing"

	"github.com/djorm/orm/manage/internal/djangoschema/djcheck"
	"github.com/djorm/orm/manage/internal/djangoschema/djsqlite"
)

// The models inspectdb wrote from Django's schema on SQLite compile, read
// every row and answer as Django does.
func TestInspectedDjangoModels(t *testing.T) {
	db := djcheck.Open(t, djcheck.SQLite)
	djcheck.Load(t, db, djcheck.SQLite)
	checks := djcheck.Bookstore[djsqlite.Publisher, djsqlite.Author, djsqlite.Tag, djsqlite.Book, djsqlite.Review](db)
	checks = append(checks, djcheck.Staff[djsqlite.DgDepartment, djsqlite.DgEmployee, djsqlite.DgSale](db)...)
	checks = append(checks, djcheck.Edge[djsqlite.EdgeCountry, djsqlite.EdgeCity, djsqlite.EdgeProfile, djsqlite.EdgeTrip, djsqlite.EdgeStop](db)...)
	djcheck.Compare(t, db, checks)
}
