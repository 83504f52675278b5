package manage_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djorm/orm/migrate"
)

// branched is setOf's history after two developers each added a
// migration after 0001_initial.
func branched(t *testing.T) *migrate.Set {
	set := setOf(t)
	set.Register(&migrate.Migration{Name: "0002_shelf_note", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.AddField{Model: "shelf", Field: migrate.Field{Name: "note", Type: "TextField", Null: true}}}})
	set.Register(&migrate.Migration{Name: "0002_volume_isbn", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.AddField{Model: "volume", Field: migrate.Field{Name: "isbn", Type: "CharField", MaxLength: 13, Null: true}}}})
	return set
}

// Two leaves are a conflict makemigrations and migrate refuse, naming
// them and the way out; makemigrations -merge writes the migration that
// depends on both, after which migrate applies both branches.
func TestMergeMigrations(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	dsn := "file:" + filepath.Join(t.TempDir(), "shop.db")
	set := branched(t)
	for _, args := range [][]string{{"makemigrations", "-dir", dir}, {"migrate", "-dsn", dsn}, {"migrate", "-plan", "-dsn", dsn}} {
		code, out, errs := run(t, set, args...)
		if code != 1 || !strings.Contains(errs, "conflicting migrations in shop: 0002_shelf_note, 0002_volume_isbn") ||
			!strings.Contains(errs, "makemigrations -merge") || strings.Contains(out, "Applying") {
			t.Errorf("%v with two leaves: exit %d\n%s%s", args, code, out, errs)
		}
	}
	code, out, errs := run(t, set, "makemigrations", "-merge", "-dir", dir)
	if code != 0 || !strings.Contains(out, "Branch 0002_shelf_note\n    - Add field note to shelf\n  Branch 0002_volume_isbn\n    - Add field isbn to volume") {
		t.Fatalf("makemigrations -merge: exit %d\n%s%s", code, out, errs)
	}
	path := filepath.Join(dir, "0003_merge_0002_shelf_note_0002_volume_isbn.go")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), path, src, 0); err != nil ||
		!strings.Contains(string(src), `Dependencies: []string{"0002_shelf_note", "0002_volume_isbn"}`) {
		t.Errorf("merge migration (%v):\n%s", err, src)
	}
	set.Register(&migrate.Migration{Name: "0003_merge_0002_shelf_note_0002_volume_isbn", Dependencies: []string{"0002_shelf_note", "0002_volume_isbn"}})
	if code, out, errs := run(t, set, "migrate", "-dsn", dsn); code != 0 || strings.Count(out, "... OK") != 4 {
		t.Errorf("migrate after the merge: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := run(t, set, "makemigrations", "-merge", "-dir", dir); code != 0 || !strings.Contains(out, "No conflicts detected to merge") {
		t.Errorf("-merge without a conflict: exit %d, %q", code, out)
	}
}

// Branches that change the same thing cannot merge: the error says so.
func TestMergeRefusesClashingBranches(t *testing.T) {
	set := branched(t)
	set.Register(&migrate.Migration{Name: "0002_shelf_note_again", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.AddField{Model: "shelf", Field: migrate.Field{Name: "note", Type: "CharField", MaxLength: 10, Null: true}}}})
	code, _, errs := run(t, set, "makemigrations", "-merge", "-dir", filepath.Join(t.TempDir(), "migrations"))
	if code != 1 || !strings.Contains(errs, "cannot both apply") || !strings.Contains(errs, "the field exists already") {
		t.Errorf("clashing branches: exit %d, %q", code, errs)
	}
}

// squashmigrations writes the squash of a range, with Replaces; the
// squash applies where its originals did.
func TestSquashmigrationsCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	set := branched(t)
	set.Register(&migrate.Migration{Name: "0003_merge", Dependencies: []string{"0002_shelf_note", "0002_volume_isbn"}})
	code, out, errs := run(t, set, "squashmigrations", "-dir", dir, "0003")
	if code != 0 || !strings.Contains(out, "Optimized from 4 operations to 2 operations.") {
		t.Fatalf("squashmigrations: exit %d\n%s%s", code, out, errs)
	}
	path := filepath.Join(dir, "0001_squashed_0003_merge.go")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), path, src, 0); err != nil ||
		!strings.Contains(string(src), `Replaces: []string{"0001_initial", "0002_shelf_note", "0002_volume_isbn", "0003_merge"}`) {
		t.Errorf("squashed migration (%v):\n%s", err, src)
	}
	if code, _, errs := run(t, set, "squashmigrations", "-dir", dir); code != 2 || !strings.Contains(errs, "last migration") {
		t.Errorf("no range: exit %d, %q", code, errs)
	}
}
