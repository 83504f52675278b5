package main

import (
	"os"
	"testing"

	"github.com/djorm/orm/migrate"
)

// The bookstore's migrations describe its models: makemigrations would
// write nothing. With DJORM_WRITE_MIGRATIONS=1 the next migration is
// written from the models (what makemigrations does).
func TestMigrationsMatchModels(t *testing.T) {
	want, err := migrate.FromModels(&Author{}, &Book{}, &Invoice{})
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("DJORM_WRITE_MIGRATIONS") == "1" {
		writeNext(t, want)
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

func writeNext(t *testing.T, want *migrate.State) {
	from, err := migrations.State()
	if err != nil {
		t.Fatal(err)
	}
	// The rows already stored get a one-off creation time, as Django's
	// makemigrations asks for one.
	ops, err := migrate.Autodetect(from, want, migrate.FlagQuestioner{Defaults: map[string]string{
		"book.created": "2025-01-01T00:00:00Z", "book.updated": "2025-01-01T00:00:00Z"}})
	if err != nil || len(ops) == 0 {
		t.Fatalf("nothing to write (%v)", err)
	}
	ordered, err := migrations.Ordered()
	if err != nil {
		t.Fatal(err)
	}
	leaves, err := migrations.Leaves()
	if err != nil {
		t.Fatal(err)
	}
	f := migrate.File{Package: "main", SetVar: "migrations", Number: len(ordered) + 1, Ops: ops, Deps: leaves}
	src, err := f.Source()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.FullName()+".go", src, 0o644); err != nil {
		t.Fatal(err)
	}
}
