package djmysql_test

import (
	"testing"

	"github.com/djorm/orm/manage/internal/djangoschema/djcheck"
	"github.com/djorm/orm/manage/internal/djangoschema/djmysql"
)

// The models inspectdb wrote from Django's schema on MySQL compile, read
// every row and answer as Django does.
func TestInspectedDjangoModels(t *testing.T) {
	db := djcheck.Open(t, djcheck.MySQL)
	djcheck.Load(t, db, djcheck.MySQL)
	checks := djcheck.Bookstore[djmysql.Publisher, djmysql.Author, djmysql.Tag, djmysql.Book, djmysql.Review](db)
	checks = append(checks, djcheck.Staff[djmysql.DgDepartment, djmysql.DgEmployee, djmysql.DgSale](db)...)
	checks = append(checks, djcheck.Edge[djmysql.EdgeCountry, djmysql.EdgeCity, djmysql.EdgeProfile, djmysql.EdgeTrip, djmysql.EdgeStop](db)...)
	djcheck.Compare(t, db, checks)
}
