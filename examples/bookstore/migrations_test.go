package main

import (
	"os"
	"testing"

	"github.com/djorm/orm/migrate"
)

// The bookstore's migrations describe its models: makemigrations would
// write nothing. With DJORM_WRITE_MIGRATIONS=1 the initial migration is
// (re)written from the models.
func TestMigrationsMatchModels(t *testing.T) {
	want, err := migrate.FromModels(&Author{}, &Book{}, &Invoice{})
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("DJORM_WRITE_MIGRATIONS") == "1" {
		ops, err := migrate.Autodetect(migrate.NewState(), want, nil)
		if err != nil {
			t.Fatal(err)
		}
		src, err := migrate.File{Package: "main", SetVar: "migrations", Number: 1, Ops: ops, Initial: true}.Source()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("0001_initial.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := migrations.State()
	if err != nil {
		t.Fatal(err)
	}
	if d := migrate.Differences(got, want); d != "" {
		t.Errorf("the models differ from the migrations (run makemigrations):\n%s", d)
	}
}
