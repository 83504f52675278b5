package orm_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
)

func ExampleXor() {
	db := exampleDB()
	defer db.Close()
	// Cheap or best-selling, but not both.
	titles, err := orm.Objects[ExBook](db).
		Filter(orm.Xor(orm.Q{"price__lt": 40}, orm.Q{"sales_count__gt": 1000})).
		OrderBy("title").ValuesList("title").Flat().All(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(titles)
	// Output:
	// [Django ORM Deep Dive Draft Go Concurrency]
}

func ExampleWindow_filter() {
	db := exampleDB()
	defer db.Close()
	// The best seller of each author: a filter on a window expression.
	rank := orm.As("rank", orm.Window(functions.RowNumber(), orm.PartitionBy("author"), orm.OrderBy("-sales_count")))
	titles, err := orm.Objects[ExBook](db).Alias(rank).Filter(orm.Q{"rank": 1}).
		OrderBy("title").ValuesList("title").Flat().All(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(titles)
	// Output:
	// [Django ORM Deep Dive Go Concurrency]
}

func ExampleFuncDef() {
	db := exampleDB()
	defer db.Close()
	// A function with different SQL per backend (Django's as_<vendor>).
	initial := orm.FuncDef{Name: "SUBSTR", Template: "SUBSTR({0}, 1, 1)",
		Templates: map[string]string{"postgresql": "LEFT({0}, 1)"}, Output: "CharField"}
	rows, err := orm.Objects[ExBook](db).OrderBy("id").
		Values("title", orm.As("initial", initial.Call("title"))).All(context.Background())
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		fmt.Println(r["initial"], r["title"])
	}
	// Output:
	// D Django ORM Deep Dive
	// G Go Concurrency
	// D Draft
}

var registerNotEq sync.Once

func ExampleRegisterLookup() {
	// Once, at program start, next to model registration (Django's
	// register_lookup); registering a name twice is an error.
	registerNotEq.Do(func() {
		if err := orm.RegisterLookup("DecimalField", "not_eq", orm.LookupDef{Template: "{lhs} <> {rhs}"}); err != nil {
			panic(err)
		}
	})
	db := exampleDB()
	defer db.Close()
	n, err := orm.Objects[ExBook](db).Filter(orm.Q{"price__not_eq": "10.00"}).Count(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(n)
	// Output:
	// 2
}

func ExampleQuerySet_Named() {
	db := exampleDB()
	defer db.Close()
	rows, err := orm.Objects[ExBook](db).OrderBy("-sales_count").Slice(0, 1).
		ValuesList("title", "author__name").Named().All(context.Background())
	if err != nil {
		panic(err)
	}
	name, _ := rows[0].Get("author__name")
	fmt.Println(rows[0].Names(), name)
	// Output:
	// [title author__name] Ann
}
