package postgres_test

import (
	"fmt"

	"github.com/djorm/orm/postgres"
)

// An Array writes and reads PostgreSQL's array text format; pointer
// elements hold NULLs, and a quoted "NULL" stays text.
func ExampleArray() {
	tags := postgres.Array[string]{"go", `say "hi"`, "NULL", ""}
	v, _ := tags.Value()
	fmt.Println(v)

	var scores postgres.Array[*int64]
	_ = scores.Scan([]byte(`{1,NULL,3}`)) // lib/pq hands arrays over as []byte, pgx as string
	for i, s := range scores {
		if i > 0 {
			fmt.Print(" ")
		}
		if s == nil {
			fmt.Print("NULL")
		} else {
			fmt.Print(*s)
		}
	}
	fmt.Println()

	var grid postgres.Array2[int32]
	_ = grid.Scan("{{1,2},{3,4}}")
	fmt.Println(grid)

	var null postgres.Array[int64]
	_ = null.Scan(nil)
	fmt.Println(null == nil)
	// Output:
	// {"go","say \"hi\"","NULL",""}
	// 1 NULL 3
	// [[1 2] [3 4]]
	// true
}

// ParseArray reads any array literal PostgreSQL prints, with its quoting,
// escapes, NULLs and dimensions.
func ExampleParseArray() {
	a, _ := postgres.ParseArray(`[0:3]={"a,b",NULL,"NULL",c\"d}`)
	for _, it := range a.Items {
		fmt.Printf("%q null=%v\n", it.Text, it.Null)
	}
	// Output:
	// "a,b" null=false
	// "" null=true
	// "NULL" null=false
	// "c\"d" null=false
}
