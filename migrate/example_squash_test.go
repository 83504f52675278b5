package migrate_test

import (
	"fmt"

	"github.com/djorm/orm/migrate"
)

// Squash folds a range of migrations into one that replaces them.
func ExampleSquash() {
	id := migrate.Field{Name: "id", Type: "BigAutoField", PrimaryKey: true}
	set := migrate.NewSet("shop")
	set.Register(&migrate.Migration{Name: "0001_initial", Operations: []migrate.Operation{
		migrate.CreateModel{Name: "book", Table: "book", Fields: []migrate.Field{id, {Name: "title", Type: "CharField", MaxLength: 200}}},
	}})
	set.Register(&migrate.Migration{Name: "0002_book_isbn", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.AddField{Model: "book", Field: migrate.Field{Name: "isbn", Type: "CharField", MaxLength: 13, Null: true}},
		migrate.AddField{Model: "book", Field: migrate.Field{Name: "draft", Type: "BooleanField", Null: true}},
	}})
	set.Register(&migrate.Migration{Name: "0003_remove_book_draft", Dependencies: []string{"0002_book_isbn"}, Operations: []migrate.Operation{
		migrate.RemoveField{Model: "book", Name: "draft"},
		migrate.RenameField{Model: "book", OldName: "title", NewName: "name"},
	}})
	sq, err := migrate.Squash(set, "", "0003", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sq.Name, "replaces", sq.Replaces)
	for _, op := range sq.Operations {
		c := op.(migrate.CreateModel)
		for _, f := range c.Fields {
			fmt.Println(" ", c.Name, f.Name, f.Type)
		}
	}
	// Output:
	// 0001_squashed_0003_remove_book_draft replaces [0001_initial 0002_book_isbn 0003_remove_book_draft]
	//   book id BigAutoField
	//   book name CharField
	//   book isbn CharField
}

// Two migrations after the same one are a conflict until a merge
// migration depends on both.
func ExampleMerge() {
	id := migrate.Field{Name: "id", Type: "BigAutoField", PrimaryKey: true}
	set := migrate.NewSet("shop")
	set.Register(&migrate.Migration{Name: "0001_initial", Operations: []migrate.Operation{
		migrate.CreateModel{Name: "book", Table: "book", Fields: []migrate.Field{id}},
	}})
	set.Register(&migrate.Migration{Name: "0002_book_isbn", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.AddField{Model: "book", Field: migrate.Field{Name: "isbn", Type: "CharField", MaxLength: 13, Null: true}},
	}})
	set.Register(&migrate.Migration{Name: "0002_book_pages", Dependencies: []string{"0001_initial"}, Operations: []migrate.Operation{
		migrate.AddField{Model: "book", Field: migrate.Field{Name: "pages", Type: "IntegerField", Null: true}},
	}})
	fmt.Println(set.Conflict())
	m, _ := migrate.Merge(set, "")
	fmt.Println(m.Name, m.Dependencies)
	set.Register(m)
	fmt.Println(set.Conflict())
	// Output:
	// migrate: conflicting migrations in shop: 0002_book_isbn, 0002_book_pages are all leaves (each the last of its branch of history); run makemigrations -merge to write a migration that depends on all of them
	// 0003_merge_0002_book_isbn_0002_book_pages [0002_book_isbn 0002_book_pages]
	// <nil>
}
