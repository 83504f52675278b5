package migrate_test

import (
	"reflect"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/migrate"
)

// Optimize folds what Django's optimizer folds, and keeps operations that
// must stay in order.
func TestOptimize(t *testing.T) {
	id := migrate.Field{Name: "id", Type: "BigAutoField", PrimaryKey: true}
	title := migrate.Field{Name: "title", Type: "CharField", MaxLength: 50}
	long := migrate.Field{Name: "title", Type: "CharField", MaxLength: 200}
	pages := migrate.Field{Name: "pages", Type: "IntegerField"}
	book := migrate.CreateModel{Name: "book", Table: "book", Fields: []migrate.Field{id, title}}
	author := migrate.CreateModel{Name: "author", Table: "author", Fields: []migrate.Field{id}}
	sql := migrate.RunSQL{SQL: []orm.SQLText{"SELECT 1"}, ReverseSQL: migrate.Noop()}
	cases := []struct {
		name    string
		in, out []migrate.Operation
	}{
		{"create+add field",
			[]migrate.Operation{book, migrate.AddField{Model: "book", Field: pages}},
			[]migrate.Operation{migrate.CreateModel{Name: "book", Table: "book", Fields: []migrate.Field{id, title, pages}}}},
		{"create+alter+rename field",
			[]migrate.Operation{book, migrate.AlterField{Model: "book", Field: long}, migrate.RenameField{Model: "book", OldName: "title", NewName: "name"}},
			[]migrate.Operation{migrate.CreateModel{Name: "book", Table: "book", Fields: []migrate.Field{id, {Name: "name", Type: "CharField", MaxLength: 200}}}}},
		{"create+delete",
			[]migrate.Operation{book, author, migrate.DeleteModel{Name: "book"}},
			[]migrate.Operation{author}},
		{"create+rename model",
			[]migrate.Operation{book, migrate.RenameModel{OldName: "book", NewName: "volume"}},
			[]migrate.Operation{migrate.CreateModel{Name: "volume", Table: "book", Fields: []migrate.Field{id, title}}}},
		{"add+remove field, past another model's operation",
			[]migrate.Operation{migrate.AddField{Model: "book", Field: pages}, migrate.AddField{Model: "author", Field: title}, migrate.RemoveField{Model: "book", Name: "pages"}},
			[]migrate.Operation{migrate.AddField{Model: "author", Field: title}}},
		{"add+alter field",
			[]migrate.Operation{migrate.AddField{Model: "book", Field: title, OneOffDefault: migrate.Lit("x")}, migrate.AlterField{Model: "book", Field: long}},
			[]migrate.Operation{migrate.AddField{Model: "book", Field: long, OneOffDefault: migrate.Lit("x")}}},
		{"alter+remove field",
			[]migrate.Operation{migrate.AlterField{Model: "book", Field: long}, migrate.RemoveField{Model: "book", Name: "title"}},
			[]migrate.Operation{migrate.RemoveField{Model: "book", Name: "title"}}},
		{"rename chains",
			[]migrate.Operation{migrate.RenameField{Model: "book", OldName: "a", NewName: "b"}, migrate.RenameField{Model: "book", OldName: "b", NewName: "c"},
				migrate.RenameModel{OldName: "x", NewName: "y"}, migrate.RenameModel{OldName: "y", NewName: "x"}},
			[]migrate.Operation{migrate.RenameField{Model: "book", OldName: "a", NewName: "c"}}},
		{"RunSQL is a barrier",
			[]migrate.Operation{migrate.AddField{Model: "book", Field: pages}, sql, migrate.RemoveField{Model: "book", Name: "pages"}},
			[]migrate.Operation{migrate.AddField{Model: "book", Field: pages}, sql, migrate.RemoveField{Model: "book", Name: "pages"}}},
		{"a key to a model keeps its creation first",
			[]migrate.Operation{author, migrate.AddField{Model: "book", Field: migrate.Field{Name: "author", Type: "ForeignKey", To: "author", OnDelete: "cascade"}},
				migrate.RenameModel{OldName: "author", NewName: "writer"}},
			[]migrate.Operation{author, migrate.AddField{Model: "book", Field: migrate.Field{Name: "author", Type: "ForeignKey", To: "author", OnDelete: "cascade"}},
				migrate.RenameModel{OldName: "author", NewName: "writer"}}},
	}
	for _, c := range cases {
		if got := migrate.Optimize(c.in); !reflect.DeepEqual(got, c.out) {
			t.Errorf("%s:\n got %#v\nwant %#v", c.name, got, c.out)
		}
	}
}
