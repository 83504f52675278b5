package djpostgresql_test

import (
	"testing"

	"github.com/djorm/orm/manage/internal/djangoschema/djcheck"
	"github.com/djorm/orm/manage/internal/djangoschema/djpostgresql"
)

// The models inspectdb wrote from Django's schema on PostgreSQL compile, read
// every row and answer as Django does.
func TestInspectedDjangoModels(t *testing.T) {
	db := djcheck.Open(t, djcheck.PostgreSQL)
	djcheck.Load(t, db, djcheck.PostgreSQL)
	checks := djcheck.Bookstore[djpostgresql.Publisher, djpostgresql.Author, djpostgresql.Tag, djpostgresql.Book, djpostgresql.Review](db)
	checks = append(checks, djcheck.Staff[djpostgresql.DgDepartment, djpostgresql.DgEmployee, djpostgresql.DgSale](db)...)
	checks = append(checks, djcheck.Edge[djpostgresql.EdgeCountry, djpostgresql.EdgeCity, djpostgresql.EdgeProfile, djpostgresql.EdgeTrip, djpostgresql.EdgeStop](db)...)
	djcheck.Compare(t, db, checks)
}
