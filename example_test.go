package orm_test

import (
	"context"
	"fmt"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/shopspring/decimal"
)

// The example models: the seed guide's Author and Book.
type ExAuthor struct {
	orm.Model
	Name       string    `orm:"max_length=100"`
	JoinedDate time.Time `orm:"type=date"`
}

type ExBook struct {
	orm.Model
	Title       string                   `orm:"max_length=200"`
	Author      orm.ForeignKey[ExAuthor] `orm:"on_delete=cascade,related_name=books"`
	Price       decimal.Decimal          `orm:"max_digits=6,decimal_places=2"`
	SalesCount  int                      `orm:"default=0"`
	IsPublished bool                     `orm:"default=true"`
}

func init() { orm.MustRegister(&ExAuthor{}, &ExBook{}) }

// exampleDB opens an in-memory SQLite database holding three books.
func exampleDB() *orm.DB {
	ctx := context.Background()
	db, err := orm.Open("sqlite3", ":memory:")
	if err != nil {
		panic(err)
	}
	if err := db.CreateTables(ctx, &ExAuthor{}, &ExBook{}); err != nil {
		panic(err)
	}
	ann := &ExAuthor{Name: "Ann", JoinedDate: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)}
	bob := &ExAuthor{Name: "Bob", JoinedDate: time.Date(2019, 7, 9, 0, 0, 0, 0, time.UTC)}
	for _, a := range []*ExAuthor{ann, bob} {
		if err := db.Create(ctx, a); err != nil {
			panic(err)
		}
	}
	for _, b := range []*ExBook{
		{Title: "Django ORM Deep Dive", Author: orm.Ref(ann), Price: decimal.RequireFromString("49.99"), SalesCount: 1500, IsPublished: true},
		{Title: "Go Concurrency", Author: orm.Ref(bob), Price: decimal.RequireFromString("35.00"), SalesCount: 120, IsPublished: true},
		{Title: "Draft", Author: orm.Ref(ann), Price: decimal.RequireFromString("10.00"), IsPublished: false},
	} {
		if err := db.Create(ctx, b); err != nil {
			panic(err)
		}
	}
	return db
}

func ExampleObjects() {
	db := exampleDB()
	defer db.Close()
	ctx := context.Background()
	books, err := orm.Objects[ExBook](db).
		Filter(orm.Q{"author__joined_date__year__gt": 2020}).
		Exclude(orm.Q{"is_published": false}).
		OrderBy("-price").
		All(ctx)
	if err != nil {
		panic(err)
	}
	for _, b := range books {
		fmt.Println(b.Title, b.Price)
	}
	// Output:
	// Django ORM Deep Dive 49.99
}

func ExampleQuerySet_Values() {
	db := exampleDB()
	defer db.Close()
	rows, err := orm.Objects[ExBook](db).OrderBy("title").Values("title", "author__name").All(context.Background())
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		fmt.Println(r["title"], "by", r["author__name"])
	}
	// Output:
	// Django ORM Deep Dive by Ann
	// Draft by Ann
	// Go Concurrency by Bob
}

func ExampleQuerySet_Annotate() {
	db := exampleDB()
	defer db.Close()
	authors, err := orm.Objects[ExAuthor](db).
		Annotate(orm.As("published", orm.Count("books").Filter(orm.Q{"books__is_published": true}))).
		OrderBy("name").All(context.Background())
	if err != nil {
		panic(err)
	}
	for _, a := range authors {
		fmt.Println(a.Name, a.Annotation("published"))
	}
	// Output:
	// Ann 1
	// Bob 1
}

func ExampleQuerySet_Aggregate() {
	db := exampleDB()
	defer db.Close()
	r, err := orm.Objects[ExBook](db).Aggregate(context.Background(),
		orm.As("total_sales", orm.Sum("sales_count")),
		orm.Max("price"),
		orm.As("safe", functions.Coalesce(orm.Sum("sales_count").Filter(orm.Q{"price__gt": 1000}), orm.Value(0))))
	if err != nil {
		panic(err)
	}
	fmt.Println(r["total_sales"], r["price__max"], r["safe"])
	// Output:
	// 1620 49.99 0
}

func ExampleF() {
	db := exampleDB()
	defer db.Close()
	ctx := context.Background()
	n, err := orm.Objects[ExBook](db).Filter(orm.Q{"is_published": true}).
		Update(ctx, orm.Set{"price": orm.F("price").Mul(2)})
	if err != nil {
		panic(err)
	}
	prices, _ := orm.Objects[ExBook](db).OrderBy("id").ValuesList("price").Flat().All(ctx)
	fmt.Println(n, prices)
	// Output:
	// 2 [99.98 70 10]
}

func ExampleQ_Or() {
	db := exampleDB()
	defer db.Close()
	n, err := orm.Objects[ExBook](db).
		Filter(orm.Q{"price__lt": 20}.Or(orm.Q{"sales_count__gte": 1000})).
		Count(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(n)
	// Output:
	// 2
}

func ExampleAtomic() {
	db := exampleDB()
	defer db.Close()
	ctx := context.Background()
	err := orm.Atomic(ctx, db, func(ctx context.Context) error {
		if _, err := orm.Objects[ExBook](db).Update(ctx, orm.Set{"sales_count": 0}); err != nil {
			return err
		}
		return fmt.Errorf("changed my mind")
	})
	total, _ := orm.Objects[ExBook](db).Aggregate(ctx, orm.Sum("sales_count"))
	fmt.Println(err, total["sales_count__sum"])
	// Output:
	// changed my mind 1620
}

func ExampleScanValues() {
	db := exampleDB()
	defer db.Close()
	type line struct {
		Title      string
		AuthorName string
	}
	lines, err := orm.ScanValues[line](context.Background(),
		orm.Objects[ExBook](db).OrderBy("title").Values("title", "author__name"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%+v\n", lines[0])
	// Output:
	// {Title:Django ORM Deep Dive AuthorName:Ann}
}
