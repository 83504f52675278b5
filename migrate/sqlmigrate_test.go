package migrate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/migrate"
	"github.com/djorm/orm/migrate/internal/history/migrations"
)

// The SQL of every migration of the history, forwards and backwards, per
// dialect (Oracle's is only checked here): testdata/sqlmigrate/<name>.sql.
func TestSQLMigrateGolden(t *testing.T) {
	ms, err := migrations.Migrations.Ordered()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []dialects.Dialect{postgres.New(), mysql.New(""), sqlite.New(true), oracle.New()} {
		var b strings.Builder
		for _, back := range []bool{false, true} {
			for _, m := range ms {
				stmts, err := migrate.SQL(d, migrations.Migrations, m.Name, back)
				if err != nil {
					t.Fatalf("%s %s: %v", d.Name(), m.Name, err)
				}
				fmt.Fprintf(&b, "-- %s (backwards: %v)\n%s;\n\n", m.Name, back, strings.Join(stmts, ";\n"))
			}
		}
		path := filepath.Join("testdata", "sqlmigrate", d.Name()+".sql")
		if *update {
			_ = os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./migrate/ -run TestSQLMigrateGolden -update)", err)
		}
		if string(want) != b.String() {
			t.Errorf("%s: sqlmigrate output differs from %s:\n%s", d.Name(), path, b.String())
		}
	}
}
