package migrate_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/migrate"
	gadgets1 "github.com/djorm/orm/migrate/internal/gadgets/v1"
	gadgets2 "github.com/djorm/orm/migrate/internal/gadgets/v2"
)

// The autodetector turns Meta.Constraints, indexes with options and
// comments into operations whose replay equals the models, writes them as
// Go source, and the migration creates (and drops) them on every backend.
func TestConstraintMigrations(t *testing.T) {
	v1, v2 := gadgets1.Models, gadgets2.Models
	s1, err := migrate.FromRegistry(v1...)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := migrate.FromRegistry(v2...)
	if err != nil {
		t.Fatal(err)
	}
	initial, err := migrate.Autodetect(migrate.NewState(), s1, nil)
	if err != nil {
		t.Fatal(err)
	}
	ops, err := migrate.Autodetect(s1, s2, nil)
	if err != nil {
		t.Fatal(err)
	}
	var described []string
	for _, op := range ops {
		described = append(described, op.Describe())
	}
	want := "Alter field name on gadget|Alter field added on gadget|Alter gadget table comment|" +
		"Create index gadget_dear_idx on gadget|Create constraint gadget_price_gte_0 on model gadget|" +
		"Create constraint gadget_lower_name_uniq on model gadget|Create constraint gadget_cheap_name_uniq on model gadget"
	if got := strings.Join(described, "|"); got != want {
		t.Errorf("operations:\n got %s\nwant %s", got, want)
	}
	src, err := migrate.File{Package: "migrations", SetVar: "Migrations", Number: 2, Ops: ops}.Source()
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"github.com/djorm/orm"`, `"github.com/djorm/orm/functions"`,
		`CheckCondition: orm.Or(orm.Q{"price__gte": 0}, orm.Q{"name": "free"})`,
		`Expressions: []interface{}{functions.Lower("name")}`, `Condition: orm.Q{"price__lt": 10}`,
		`DBDefault: migrate.Lit("now()")`, `Comment: "The name"`, `TableComment: "Gadgets"`} {
		if !strings.Contains(string(src), frag) {
			t.Errorf("the migration file lacks %s:\n%s", frag, src)
		}
	}
	// Nothing left to detect once replayed, and removing them reverses.
	back, err := migrate.Autodetect(s2, s1, nil)
	if err != nil {
		t.Fatal(err)
	}
	set := migrate.NewSet("gadgets")
	set.Register(&migrate.Migration{Name: "0001_initial", Operations: initial})
	set.Register(&migrate.Migration{Name: "0002_constraints", Dependencies: []string{"0001_initial"}, Operations: ops})
	set.Register(&migrate.Migration{Name: "0003_back", Dependencies: []string{"0002_constraints"}, Operations: back})
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ex := &migrate.Executor{DB: db, Set: set}
		if err := ex.Migrate(ctx, "0002_constraints", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{}) })
		compareSchema(t, db, v2)
		exec(t, db, "INSERT INTO gadget (name, price) VALUES (?, ?)", "Lamp", 5)
		sup := dialects.SupportOf(db.Dialect())
		refused := func(what string, query orm.SQLText, args ...any) {
			t.Helper()
			if _, err := db.Exec(ctx, query, args...); err == nil {
				t.Errorf("%s: the migrated schema accepted it", what)
			}
		}
		refused("a negative price", "INSERT INTO gadget (name, price) VALUES (?, ?)", "Bad", -1)
		if sup.Expressions {
			refused("LAMP after Lamp", "INSERT INTO gadget (name, price) VALUES (?, ?)", "LAMP", 500)
		}
		if sup.Partial {
			refused("a second cheap Lamp", "INSERT INTO gadget (name, price) VALUES (?, ?)", "Lamp", 6)
		}
		if err := ex.Migrate(ctx, "0003_back", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		compareSchema(t, db, v1)
		exec(t, db, "INSERT INTO gadget (name, price, added) VALUES (?, ?, ?)", "Bad", -1, time.Now().UTC())
		if err := ex.Migrate(ctx, "0002_constraints", migrate.Options{}); err == nil {
			t.Error("unapplying 0003 added the check back over a row violating it")
		}
		exec(t, db, "DELETE FROM gadget WHERE price < 0")
		if err := ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{}); err != nil {
			t.Fatal(err)
		}
	})
}
