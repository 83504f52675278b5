package migrate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/migrate"
	"github.com/djorm/orm/migrate/internal/history/migrations"
)

// Export writes golang-migrate's up/down pairs and goose's annotated
// files; Go code is refused unless a comment may stand in for it.
func TestExport(t *testing.T) {
	dir := t.TempDir()
	// The history ends with a data migration (RunGo): allowed, as a comment.
	paths, err := migrate.Export(postgres.New(), migrations.Migrations, migrate.GolangMigrate, filepath.Join(dir, "gm"), true)
	if err != nil || len(paths) != 10 {
		t.Fatalf("%v, %v", paths, err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "gm", "0005_data.up.sql"))
	if !strings.Contains(string(data), "UPDATE book SET subtitle") || !strings.Contains(string(data), "-- RunGo") {
		t.Errorf("0005_data.up.sql:\n%s", data)
	}
	up, _ := os.ReadFile(filepath.Join(dir, "gm", "0001_initial.up.sql"))
	if !strings.HasPrefix(string(up), `CREATE TABLE IF NOT EXISTS "author"`) || strings.Contains(string(up), "BEGIN") {
		t.Errorf("0001_initial.up.sql:\n%s", up)
	}
	if _, err := migrate.Export(postgres.New(), migrations.Migrations, migrate.Goose, filepath.Join(dir, "goose"), true); err != nil {
		t.Fatal(err)
	}
	g, _ := os.ReadFile(filepath.Join(dir, "goose", "0001_initial.sql"))
	if !strings.Contains(string(g), "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE") || !strings.Contains(string(g), "-- +goose Down") {
		t.Errorf("goose file:\n%s", g)
	}
	if _, err := migrate.Export(postgres.New(), gadgetSet(), migrate.Goose, filepath.Join(dir, "go"), false); err == nil || !strings.Contains(err.Error(), "Go code") {
		t.Errorf("RunGo exported without a word: %v", err)
	}
	if _, err := migrate.Export(postgres.New(), gadgetSet(), "flyway", dir, true); err == nil || !strings.Contains(err.Error(), "golang-migrate") {
		t.Errorf("unknown format: %v", err)
	}
}
