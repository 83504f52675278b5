package migrate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/migrate"
	"github.com/djorm/orm/schema"
)

func gadgetSet() *migrate.Set {
	s := migrate.NewSet("gadgets")
	s.Register(&migrate.Migration{Name: "0001_initial", Operations: []migrate.Operation{
		migrate.CreateModel{Name: "gadget", Table: "op_gadget", Fields: []migrate.Field{
			{Name: "id", Type: "BigAutoField", PrimaryKey: true},
			{Name: "name", Type: "CharField", MaxLength: 30},
			{Name: "qty", Type: "IntegerField", Default: migrate.Lit("0")},
		}},
	}})
	s.Register(&migrate.Migration{Name: "0002_rules", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.AlterField{Model: "gadget", Field: migrate.Field{Name: "qty", Type: "BigIntegerField", Column: "quantity", Default: migrate.Lit("0")}},
		migrate.AddConstraint{Model: "gadget", Constraint: migrate.Constraint{Name: "op_gadget_qty_gte_0", Check: "quantity >= 0"}},
		migrate.AddConstraint{Model: "gadget", Constraint: migrate.Constraint{Name: "op_gadget_name_uniq", Fields: []string{"name"}}},
		migrate.RunGo{Description: "Double every quantity",
			Forward: func(ctx context.Context, db *orm.DB, s *migrate.State) error {
				_, err := db.Exec(ctx, orm.SQLText("UPDATE "+s.Model("gadget").Table+" SET quantity = quantity * 2"))
				return err
			},
			Backward: func(ctx context.Context, db *orm.DB, s *migrate.State) error {
				_, err := db.Exec(ctx, "UPDATE op_gadget SET quantity = quantity / 2")
				return err
			}},
		migrate.RunSQL{SQL: []orm.SQLText{"UPDATE op_gadget SET name = UPPER(name)"}, ReverseSQL: []orm.SQLText{"UPDATE op_gadget SET name = LOWER(name)"}},
	}})
	s.Register(&migrate.Migration{Name: "0003_relax", Dependencies: []string{"0002_rules"}, Operations: []migrate.Operation{
		migrate.RemoveConstraint{Model: "gadget", Name: "op_gadget_qty_gte_0"},
		migrate.RenameModel{OldName: "gadget", NewName: "widget"},
		migrate.AlterModelTable{Name: "widget", Table: "op_widget"},
	}})
	return s
}

// Constraints are enforced once added and gone once removed; a changed
// db_column keeps the data; RunGo and RunSQL run in the migration both
// ways; a renamed model's table keeps its rows.
func TestConstraintsColumnsAndCode(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ex := &migrate.Executor{DB: db, Set: gadgetSet()}
		if err := ex.Migrate(ctx, "0001", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		exec(t, db, "INSERT INTO op_gadget (name, qty) VALUES (?, ?)", "bolt", 21)
		if err := ex.Migrate(ctx, "0002", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		want(t, db, "SELECT name || '|' || quantity FROM op_gadget", "BOLT|42")
		for _, bad := range []orm.SQLText{"INSERT INTO op_gadget (name, quantity) VALUES ('nut', -1)", "INSERT INTO op_gadget (name, quantity) VALUES ('BOLT', 1)"} {
			if _, err := db.Exec(ctx, bad); err == nil {
				t.Errorf("%s: no constraint stopped it", bad)
			}
		}
		if err := ex.Migrate(ctx, "", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		exec(t, db, "INSERT INTO op_widget (name, quantity) VALUES ('nut', -1)")
		want(t, db, "SELECT COUNT(*) FROM op_widget", "2")
		exec(t, db, "DELETE FROM op_widget WHERE quantity < 0")
		if err := ex.Migrate(ctx, "0001", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		want(t, db, "SELECT name || '|' || qty FROM op_gadget", "bolt|21")
		if err := ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), "op_gadget"); err == nil {
			t.Error("op_gadget is still there")
		}
	})
}

// Migrating backwards through RunSQL without ReverseSQL is refused.
func TestIrreversible(t *testing.T) {
	s := migrate.NewSet("irr")
	s.Register(&migrate.Migration{Name: "0001_x", Operations: []migrate.Operation{migrate.RunSQL{SQL: []orm.SQLText{"SELECT 1"}}}})
	_, err := migrate.SQL(nil, s, "0001", true)
	if err == nil || !strings.Contains(err.Error(), "ReverseSQL") {
		t.Errorf("err = %v", err)
	}
}
