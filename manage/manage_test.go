package manage_test

import (
	"bytes"
	"context"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/manage"
	"github.com/djorm/orm/migrate"
)

type (
	Shelf struct {
		orm.Model
		Label string `orm:"max_length=40"`
	}
	Volume struct {
		orm.Model
		Title string                `orm:"max_length=100"`
		Shelf orm.ForeignKey[Shelf] `orm:"on_delete=cascade"`
	}
)

func init() { orm.MustRegister(&Shelf{}, &Volume{}) }

var models = []any{&Shelf{}, &Volume{}}

func run(t *testing.T, set *migrate.Set, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := manage.Run(context.Background(), manage.Env{Args: args, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}, set, models...)
	return code, out.String(), errb.String()
}

// makemigrations writes the package's Set file and the first migration,
// Go that parses; -check exits 1 while the models have changes.
func TestMakemigrations(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	code, out, errs := run(t, nil, "makemigrations", "-dir", dir, "-app", "shop")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	for _, name := range []string{"migrations.go", "0001_initial.go"} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), name, src, 0); err != nil {
			t.Errorf("%s does not parse: %v\n%s", name, err, src)
		}
	}
	if code, out, _ := run(t, nil, "makemigrations", "-check"); code != 1 || !strings.Contains(out, "Create model shelf") {
		t.Errorf("-check with changes: exit %d, %q", code, out)
	}
	if code, out, _ := run(t, setOf(t), "makemigrations", "-check"); code != 0 {
		t.Errorf("-check without changes: exit %d, %q", code, out)
	}
	if code, _, errs := run(t, nil, "makemigrations", "-bogus"); code != 2 || !strings.Contains(errs, "-bogus") {
		t.Errorf("a bad flag: exit %d, %q", code, errs)
	}
}

// setOf is what the generated package would hold: the models' initial migration.
func setOf(t *testing.T) *migrate.Set {
	to, err := migrate.FromModels(models...)
	if err != nil {
		t.Fatal(err)
	}
	ops, err := migrate.Autodetect(migrate.NewState(), to, migrate.FlagQuestioner{})
	if err != nil {
		t.Fatal(err)
	}
	set := migrate.NewSet("shop")
	set.Register(&migrate.Migration{Name: "0001_initial", Operations: ops})
	return set
}

// migrate, showmigrations, sqlmigrate and check on a SQLite file.
func TestMigrateCommands(t *testing.T) {
	dsn := "file:" + filepath.Join(t.TempDir(), "shop.db")
	set := setOf(t)
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"migrate", "-plan", "-dsn", dsn}, "Create model volume"},
		{[]string{"sqlmigrate", "-dsn", dsn, "0001"}, `CREATE TABLE IF NOT EXISTS "volume"`},
		{[]string{"migrate", "-dsn", dsn}, "Applying shop.0001_initial... OK"},
		{[]string{"showmigrations", "-dsn", dsn}, "[X] 0001_initial"},
		{[]string{"check"}, "no issues"},
		{[]string{"migrate", "-dsn", dsn, "zero"}, "Unapplying shop.0001_initial... OK"},
		{[]string{"sqlmigrate", "-dsn", dsn, "-format", "goose", "-out", filepath.Join(filepath.Dir(dsn[5:]), "goose")}, "0001_initial.sql"},
		{[]string{"sqlmigrate", "-dsn", dsn, "-format", "golang-migrate", "-out", filepath.Join(filepath.Dir(dsn[5:]), "gm")}, "0001_initial.down.sql"},
	}
	for _, s := range steps {
		code, out, errs := run(t, set, s.args...)
		if code != 0 || !strings.Contains(out, s.want) {
			t.Errorf("%v: exit %d, want %q in:\n%s%s", s.args, code, s.want, out, errs)
		}
	}
	if code, _, errs := run(t, set, "migrate"); code != 2 || !strings.Contains(errs, "DJORM_DSN") {
		t.Errorf("no DSN: exit %d, %q", code, errs)
	}
}

// dbshell's client command lines, per backend.
func TestShellCommands(t *testing.T) {
	for _, c := range []struct{ driver, dsn, want string }{
		{"mysql", "root:pw@tcp(127.0.0.1:3306)/shop?parseTime=true", "-u root -ppw -h 127.0.0.1 -P 3306 shop"},
		{"postgres", "postgres://u@h:5432/shop?sslmode=disable&search_path=s", "postgres://u@h:5432/shop?options=-csearch_path%3Ds&sslmode=disable"},
		{"sqlite3", "file:/tmp/a.db?_fk=1", "/tmp/a.db"},
	} {
		b, ok := dialects.Lookup(c.driver)
		if !ok {
			t.Fatalf("no backend %s", c.driver)
		}
		_, args, err := b.(dialects.Shell).ShellCommand(c.dsn)
		if err != nil || strings.Join(args, " ") != c.want {
			t.Errorf("%s: %q, %v; want %q", c.driver, strings.Join(args, " "), err, c.want)
		}
	}
}
