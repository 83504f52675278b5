package migrate_test

import (
	"context"
	"os"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/migrate"
)

func smokeSet() *migrate.Set {
	s := migrate.NewSet("smoke")
	id := migrate.Field{Name: "id", Type: "BigAutoField", PrimaryKey: true}
	s.Register(&migrate.Migration{Name: "0001_initial", Operations: []migrate.Operation{
		migrate.CreateModel{Name: "writer", Table: "smoke_writer", Fields: []migrate.Field{id,
			{Name: "name", Type: "CharField", MaxLength: 50}}},
		migrate.CreateModel{Name: "novel", Table: "smoke_novel", Fields: []migrate.Field{id,
			{Name: "title", Type: "CharField", MaxLength: 100, Index: true},
			{Name: "writer", Type: "ForeignKey", To: "writer", OnDelete: "cascade", Index: true}}},
	}})
	s.Register(&migrate.Migration{Name: "0002_changes", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.AddField{Model: "writer", Field: migrate.Field{Name: "email", Type: "CharField", MaxLength: 80}, OneOffDefault: migrate.Lit("none@example.com")},
		migrate.AlterField{Model: "novel", Field: migrate.Field{Name: "title", Type: "CharField", MaxLength: 200, Index: true}},
		migrate.RenameField{Model: "novel", OldName: "title", NewName: "headline"},
		migrate.AddField{Model: "novel", Field: migrate.Field{Name: "pages", Type: "IntegerField", Null: true}},
		migrate.AlterField{Model: "novel", Field: migrate.Field{Name: "pages", Type: "IntegerField"}, OneOffDefault: migrate.Lit("1")},
		migrate.AlterUniqueTogether{Model: "novel", UniqueTogether: [][]string{{"writer", "headline"}}},
		migrate.AddIndex{Model: "writer", Index: migrate.Index{Fields: []string{"name", "-email"}}},
		migrate.RemoveField{Model: "writer", Name: "name"},
	}})
	return s
}

func TestSmoke(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ex := &migrate.Executor{DB: db, Set: smokeSet(), Out: os.Stderr}
		if err := ex.Migrate(ctx, "0001", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "INSERT INTO smoke_writer (name) VALUES (?)", "ann"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "INSERT INTO smoke_novel (title, writer_id) VALUES (?, (SELECT MAX(id) FROM smoke_writer))", "Go"); err != nil {
			t.Fatal(err)
		}
		if err := ex.Migrate(ctx, "", migrate.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := ex.Migrate(ctx, migrate.ZeroTarget, migrate.Options{}); err != nil {
			t.Fatal(err)
		}
	})
}
