package manage_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/manage"
	"github.com/djorm/orm/migrate"
)

var update = flag.Bool("update", false, "rewrite the golden files of inspectdb")

// inventory is the schema inspectdb reads: most field kinds, a key,
// unique and indexed columns, a unique pair.
func inventory() *migrate.Set {
	s := migrate.NewSet("inventory")
	id := migrate.Field{Name: "id", Type: "BigAutoField", PrimaryKey: true}
	s.Register(&migrate.Migration{Name: "0001_initial", Operations: []migrate.Operation{
		migrate.CreateModel{Name: "supplier", Table: "inv_supplier", Fields: []migrate.Field{id,
			{Name: "name", Type: "CharField", MaxLength: 80, Unique: true},
			{Name: "notes", Type: "TextField", Null: true},
		}},
		migrate.CreateModel{Name: "item", Table: "inv_item", Fields: []migrate.Field{id,
			{Name: "sku", Type: "CharField", MaxLength: 20, Index: true},
			{Name: "supplier", Type: "ForeignKey", To: "supplier", OnDelete: "cascade", Index: true},
			{Name: "backup_supplier", Type: "ForeignKey", To: "supplier", OnDelete: "set_null", Null: true, Index: true},
			{Name: "price", Type: "DecimalField", MaxDigits: 8, DecimalPlaces: 2},
			{Name: "stock", Type: "IntegerField"},
			{Name: "weight", Type: "FloatField", Null: true},
			{Name: "active", Type: "BooleanField"},
			{Name: "added", Type: "DateField"},
			{Name: "checked_at", Type: "DateTimeField", Null: true},
		}, UniqueTogether: [][]string{{"sku", "supplier"}}},
	}})
	return s
}

// inspectdb writes models that compile (the SQLite output is the package
// internal/inspected) and read the rows, on every backend.
func TestInspectDB(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ex := &migrate.Executor{DB: db, Set: inventory()}
		if err := ex.Migrate(ctx, "", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{}) }()
		exec := func(q orm.SQLText, args ...any) {
			if _, err := db.Exec(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		exec("INSERT INTO inv_supplier (name) VALUES ('Acme')")
		exec("INSERT INTO inv_item (sku, supplier_id, price, stock, active, added) VALUES ('A-1', (SELECT MAX(id) FROM inv_supplier), 9.5, 3, ?, '2024-02-29')", true)
		src, err := manage.InspectDB(ctx, db, "inspected", "inv_supplier", "inv_item")
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "inspectdb", db.Dialect().Name()+".go.txt")
		compiled := filepath.Join("internal", "inspected", "models.go")
		if *update {
			_ = os.MkdirAll(filepath.Dir(golden), 0o755)
			_ = os.WriteFile(golden, src, 0o644)
			if db.Dialect().Name() == "sqlite" {
				_ = os.WriteFile(compiled, src, 0o644)
			}
			return
		}
		want, err := os.ReadFile(golden)
		if err != nil || string(want) != string(src) {
			t.Errorf("inspectdb differs from %s (%v):\n%s", golden, err, src)
		}
		readInspected(t, db)
	})
}
