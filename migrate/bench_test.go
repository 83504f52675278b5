package migrate_test

import (
	"fmt"
	"testing"

	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/migrate"
)

// bigSet is a history of n models (ten fields each, a key to the model
// before), created in one migration and changed in a second.
func bigSet(n int) *migrate.Set {
	s := migrate.NewSet("big")
	var create, change []migrate.Operation
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("model%03d", i)
		fields := []migrate.Field{{Name: "id", Type: "BigAutoField", PrimaryKey: true}}
		for j := 0; j < 8; j++ {
			fields = append(fields, migrate.Field{Name: fmt.Sprintf("f%d", j), Type: "CharField", MaxLength: 50 + j, Index: j == 0})
		}
		if i > 0 {
			fields = append(fields, migrate.Field{Name: "parent", Type: "ForeignKey", To: fmt.Sprintf("model%03d", i-1), OnDelete: "cascade", Index: true})
		}
		create = append(create, migrate.CreateModel{Name: name, Table: name, Fields: fields,
			Indexes: []migrate.Index{{Fields: []string{"f1", "f2"}}}})
		change = append(change, migrate.AddField{Model: name, Field: migrate.Field{Name: "extra", Type: "IntegerField", Null: true}})
	}
	s.Register(&migrate.Migration{Name: "0001_initial", Operations: create})
	s.Register(&migrate.Migration{Name: "0002_extra", Dependencies: []string{"0001_initial"}, Operations: change})
	return s
}

// Planning (replaying the history) and autodetecting the changes of 200
// models: every model gains a field and loses another. The target is
// under 200 ms.
func BenchmarkPlanAndAutodetect200(b *testing.B) {
	set := bigSet(200)
	target, err := set.State()
	if err != nil {
		b.Fatal(err)
	}
	changes := migrate.NewSet("big")
	var ops []migrate.Operation
	for _, m := range target.Models() {
		ops = append(ops, migrate.AddField{Model: m.Name, Field: migrate.Field{Name: "more", Type: "BooleanField", Default: migrate.Lit("false")}},
			migrate.RemoveField{Model: m.Name, Name: "f7"})
	}
	changes.Register(&migrate.Migration{Name: "0001_changes", Operations: ops})
	for _, op := range ops {
		if err := op.StateForwards(target); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := set.State()
		if err != nil {
			b.Fatal(err)
		}
		got, err := migrate.Autodetect(st, target, migrate.FlagQuestioner{})
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != 400 {
			b.Fatalf("%d operations, want 400", len(got))
		}
	}
}

// Rendering the SQL of a migration creating 200 models and of one adding
// a field to each (sqlmigrate, or what migrate runs), on PostgreSQL.
func BenchmarkSQL200(b *testing.B) {
	set := bigSet(200)
	for i := 0; i < b.N; i++ {
		for _, name := range []string{"0001_initial", "0002_extra"} {
			if _, err := migrate.SQL(postgres.New(), set, name, false); err != nil {
				b.Fatal(err)
			}
		}
	}
}
