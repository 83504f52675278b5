package migrate_test

import (
	"context"
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/migrate"
	"github.com/djorm/orm/schema"
)

// A branched history: migrate refuses it before touching the database
// (a *ConflictError naming the leaves); once Merge's migration joins
// the branches, both apply, and unapply.
func TestMergeBranches(t *testing.T) {
	id := migrate.Field{Name: "id", Type: "BigAutoField", PrimaryKey: true}
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		set := migrate.NewSet("merging")
		set.Register(&migrate.Migration{Name: "0001_initial", Operations: []migrate.Operation{
			migrate.CreateModel{Name: "note", Table: "mg_note", Fields: []migrate.Field{id}}}})
		set.Register(&migrate.Migration{Name: "0002_note_title", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
			migrate.AddField{Model: "note", Field: migrate.Field{Name: "title", Type: "CharField", MaxLength: 20, Null: true}}}})
		set.Register(&migrate.Migration{Name: "0002_tag", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
			migrate.CreateModel{Name: "tag", Table: "mg_tag", Fields: []migrate.Field{id}}}})
		ex := &migrate.Executor{DB: db, Set: set}
		var ce *migrate.ConflictError
		if err := ex.Migrate(ctx, "", migrate.Options{}); !errors.As(err, &ce) || len(ce.Leaves) != 2 {
			t.Fatalf("migrate with two leaves: %v", err)
		}
		if _, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), "mg_note"); err == nil {
			t.Error("a refused migrate created mg_note")
		}
		m, err := migrate.Merge(set, "")
		if err != nil {
			t.Fatal(err)
		}
		if m.Name != "0003_merge_0002_note_title_0002_tag" || len(m.Operations) != 0 || len(m.Dependencies) != 2 {
			t.Errorf("merge migration %s depends on %v", m.Name, m.Dependencies)
		}
		set.Register(m)
		if err := ex.Migrate(ctx, "", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		note, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), "mg_note")
		if err != nil || len(note.Columns) != 2 {
			t.Errorf("mg_note after the merge: %+v, %v", note, err)
		}
		if err := ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"mg_note", "mg_tag"} {
			if _, err := schema.Inspect(ctx, db.SQLDB(), db.Dialect(), table); err == nil {
				t.Errorf("%s is still there after zero", table)
			}
		}
	})
}
