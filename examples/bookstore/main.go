// Command bookstore runs the seed guide's Django ORM patterns with djorm on
// an embedded SQLite database, printing every SQL statement and its result.
//
//	go run ./examples/bookstore
//
// With -serve it runs a small site over the same data instead, with the SQL
// panel (package debugpanel) at /__djorm/:
//
//	go run ./examples/bookstore -serve 127.0.0.1:8000
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/mattn/go-sqlite3"
	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
	"github.com/djorm/orm/debugpanel"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/migrate"
)

// Author and Book are the seed guide's models.
type Author struct {
	orm.Model
	Name       string    `orm:"max_length=100"`
	JoinedDate time.Time `orm:"type=date"`
	// PublishedBooks receives Prefetch(...).ToAttr("published_books").
	PublishedBooks []*Book
}

// Book carries the seed's fields, an index on Title (pattern 37) and a
// Meta index on PublishDate, plus the model layer's: a choices field, a
// JSON field and timestamps (patterns 40-42, migration 0002).
type Book struct {
	orm.Model
	Title       string                 `orm:"max_length=200,index"`
	Author      orm.ForeignKey[Author] `orm:"on_delete=cascade,related_name=books"`
	Price       decimal.Decimal        `orm:"max_digits=6,decimal_places=2"`
	SalesCount  int                    `orm:"default=0"`
	StockLevel  int                    `orm:"default=0"`
	IsPublished bool                   `orm:"default=true"`
	PublishDate *time.Time             `orm:"type=date,null"`
	Format      Format                 `orm:"max_length=10,default=paperback"`
	Details     map[string]any         `orm:"null"`
	Created     time.Time              `orm:"auto_now_add"`
	Updated     time.Time              `orm:"auto_now"`
}

// Format is a choices field's type (Django's TextChoices).
type Format string

// The formats a book comes in.
const (
	Paperback Format = "paperback"
	Hardcover Format = "hardcover"
	Ebook     Format = "ebook"
)

// Choices lists the formats and their labels.
func (Format) Choices() []orm.Choice {
	return []orm.Choice{{Value: Paperback, Label: "Paperback"}, {Value: Hardcover, Label: "Hardcover"}, {Value: Ebook, Label: "E-book"}}
}

// Meta adds the seed's custom index (pattern 37).
func (Book) Meta() orm.Meta {
	return orm.Meta{Indexes: []orm.Index{{Fields: []string{"publish_date"}}}}
}

// Invoice has a column the database computes (pattern 33).
type Invoice struct {
	orm.Model
	Subtotal decimal.Decimal `orm:"max_digits=8,decimal_places=2"`
	TaxRate  decimal.Decimal `orm:"max_digits=4,decimal_places=2,default=0.10"`
	Total    decimal.Decimal `orm:"generated=subtotal * (1 + tax_rate),stored,max_digits=8,decimal_places=2"`
}

func init() { orm.MustRegister(&Author{}, &Book{}, &Invoice{}) }

var ctx = context.Background()

// verbose switches the statement printer off around noisy steps.
var verbose atomic.Bool

func main() {
	log.SetFlags(0)
	addr := flag.String("serve", "", "instead of running the patterns, serve a small site with the SQL panel at /__djorm/ on this address (127.0.0.1:8000)")
	flag.Parse()
	opts := []orm.Option{orm.WithHook(func(_ context.Context, r orm.QueryRecord) {
		if verbose.Load() {
			fmt.Printf("    SQL  %s", r.SQL)
			if len(r.Args) > 0 {
				fmt.Printf("  %v", r.Args)
			}
			fmt.Println()
		}
	})}
	if *addr != "" {
		opts = append(opts, orm.WithHook(debugpanel.Hook())) // call sites and start times for the panel
	}
	db, err := orm.Open("sqlite3", ":memory:", opts...)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	verbose.Store(false)
	// The tables come from the migrations (0001_initial.go), as in a
	// Django project: migrate applies what is not applied yet.
	check((&migrate.Executor{DB: db, Set: migrations}).Migrate(ctx, "", migrate.Options{}))
	seed(db)
	if *addr != "" {
		check(serve(db, *addr))
		return
	}
	verbose.Store(true)
	for _, p := range patterns {
		fmt.Printf("\n%2d. %s\n", p.n, p.title)
		if err := p.run(db); err != nil {
			fmt.Printf("    => error: %v\n", err)
			if !p.mayFail {
				os.Exit(1)
			}
		}
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func show(format string, args ...any) { fmt.Printf("    => "+format+"\n", args...) }

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	check(err)
	return t
}

func seed(db *orm.DB) {
	authors := []*Author{
		{Name: "John Doe", JoinedDate: date("2019-03-15")},
		{Name: "Jane Roe", JoinedDate: date("2021-11-02")},
		{Name: "Elodie Brule", JoinedDate: date("2021-06-30")},
	}
	for _, a := range authors {
		check(db.Create(ctx, a))
	}
	books := []struct {
		title  string
		author *Author
		price  string
		sales  int
		stock  int
		pub    bool
	}{
		{"Django ORM Deep Dive", authors[0], "49.99", 1500, 3, true},
		{"Fantasy Realms", authors[1], "19.99", 800, 0, true},
		{"Go Concurrency", authors[0], "35.00", 120, 25, true},
		{"Draft: Untitled", authors[2], "10.00", 0, 12, false},
		{"The Fantasy of ORM", authors[1], "199.50", 2500, 0, true},
		{"Django for Gophers", authors[2], "25.25", 95, 5, true},
	}
	for i, b := range books {
		bk := &Book{Title: b.title, Author: orm.Ref(b.author), Price: decimal.RequireFromString(b.price),
			SalesCount: b.sales, StockLevel: b.stock, IsPublished: b.pub, Format: Paperback,
			Details: map[string]any{"pages": 150 + 50*i, "tags": []string{"orm"}}}
		if i%2 == 1 {
			bk.Format = Ebook
			bk.Details["publisher"] = map[string]any{"name": "Tor", "city": "New York"}
		}
		check(db.Create(ctx, bk))
	}
}

type pattern struct {
	n       int
	title   string
	run     func(db *orm.DB) error
	mayFail bool // the pattern shows a documented refusal
}

func titles(bs []*Book) string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Title)
	}
	return strings.Join(out, " | ")
}

var patterns = []pattern{
	{1, "create()", func(db *orm.DB) error {
		a := &Author{Name: "Bob", JoinedDate: date("2025-03-15")}
		if err := orm.Objects[Author](db).Create(ctx, a); err != nil {
			return err
		}
		show("created author id=%d", a.ID)
		return nil
	}, false},
	{2, "get_or_create()", func(db *orm.DB) error {
		a, created, err := orm.Objects[Author](db).GetOrCreate(ctx, orm.Q{"name": "Django Dev"},
			orm.Set{"joined_date": date("2025-01-01")})
		if err != nil {
			return err
		}
		show("id=%d created=%v", a.ID, created)
		return nil
	}, false},
	{3, "filter across a relation", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).Filter(orm.Q{"author__joined_date__year__gt": 2020}).All(ctx)
		show("%s", titles(bs))
		return err
	}, false},
	{4, "startswith / icontains", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).Filter(orm.Q{"title__startswith": "Django"}).All(ctx)
		if err != nil {
			return err
		}
		show("%s", titles(bs))
		bs, err = orm.Objects[Book](db).Filter(orm.Q{"title__icontains": "orm"}).All(ctx)
		show("%s", titles(bs))
		return err
	}, false},
	{5, "exclude()", func(db *orm.DB) error {
		n, err := orm.Objects[Book](db).Exclude(orm.Q{"is_published": false}).Count(ctx)
		show("%d published books", n)
		return err
	}, false},
	{6, "values_list()", func(db *orm.DB) error {
		rows, err := orm.Objects[Book](db).OrderBy("id").ValuesList("title", "price").All(ctx)
		show("%v", rows)
		return err
	}, false},
	{7, "first() / last()", func(db *orm.DB) error {
		cheapest, err := orm.Objects[Book](db).OrderBy("price").First(ctx)
		if err != nil {
			return err
		}
		last, err := orm.Objects[Book](db).OrderBy("-price").Last(ctx)
		show("first by price: %s; last by -price: %s", cheapest.Title, last.Title)
		return err
	}, false},
	{8, "order_by + slicing", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).OrderBy("-sales_count").Slice(0, 5).All(ctx)
		show("%s", titles(bs))
		return err
	}, false},
	{9, "reverse relation (author.books)", func(db *orm.DB) error {
		a, err := orm.Objects[Author](db).Get(ctx, orm.Q{"name": "John Doe"})
		if err != nil {
			return err
		}
		bs, err := orm.Related[Book](a, "books").All(ctx)
		show("%s", titles(bs))
		return err
	}, false},
	{10, "count()", func(db *orm.DB) error {
		n, err := orm.Objects[Book](db).Filter(orm.Q{"is_published": true}).Count(ctx)
		show("%d", n)
		return err
	}, false},
	{11, "exists()", func(db *orm.DB) error {
		ok, err := orm.Objects[Book](db).Filter(orm.Q{"title__icontains": "Django"}).Exists(ctx)
		show("%v", ok)
		return err
	}, false},
	{12, "values() across a relation", func(db *orm.DB) error {
		rows, err := orm.Objects[Book](db).OrderBy("id").Slice(0, 2).Values("title", "price", "author__name").All(ctx)
		show("%v", rows)
		return err
	}, false},
	{13, "values() + distinct()", func(db *orm.DB) error {
		rows, err := orm.Objects[Book](db).Values("author__name").Distinct().OrderBy("author__name").All(ctx)
		show("%v", rows)
		return err
	}, false},
	{14, "only() / defer()", func(db *orm.DB) error {
		b, err := orm.Objects[Book](db).Only("title", "price").First(ctx)
		if err != nil {
			return err
		}
		show("%s %s, deferred: %v", b.Title, b.Price, b.DeferredFields())
		b, err = orm.Objects[Book](db).Defer("publish_date").First(ctx)
		if err == nil {
			show("deferred: %v", b.DeferredFields())
		}
		return err
	}, false},
	{15, "in_bulk()", func(db *orm.DB) error {
		m, err := orm.Objects[Book](db).InBulk(ctx, 1, 2, 3)
		if err == nil {
			show("%d books; m[int64(1)] = %s", len(m), m[int64(1)].Title)
		}
		return err
	}, false},
	{16, "aggregate()", func(db *orm.DB) error {
		r, err := orm.Objects[Book](db).Aggregate(ctx, orm.As("total_sales", orm.Sum("sales_count")),
			orm.As("avg_price", orm.Avg("price")), orm.As("max_price", orm.Max("price")))
		show("%v", r)
		return err
	}, false},
	{17, "date component lookup", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).Filter(orm.Q{"author__joined_date__month": 11}).All(ctx)
		show("%s", titles(bs))
		return err
	}, false},
	{18, "bulk delete", func(db *orm.DB) error {
		r, err := orm.Objects[Book](db).Filter(orm.Q{"is_published": false}).Delete(ctx)
		show("deleted %d %v", r.Total, r.PerModel)
		return err
	}, false},
	{19, "F expressions", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).Filter(orm.Q{"stock_level__gt": orm.F("sales_count")}).All(ctx)
		if err != nil {
			return err
		}
		show("%s", titles(bs))
		n, err := orm.Objects[Book](db).Update(ctx, orm.Set{"price": orm.F("price").Mul(1.10)})
		show("%d prices raised by 10%%", n)
		return err
	}, false},
	{20, "Q objects (OR, NOT)", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).Filter(orm.Q{"stock_level": 0}.Or(orm.Q{"is_published": false})).All(ctx)
		if err != nil {
			return err
		}
		show("%s", titles(bs))
		bs, err = orm.Objects[Book](db).Filter(orm.Q{"is_published": true}).Filter(orm.Not(orm.Q{"sales_count__gte": 100})).All(ctx)
		show("%s", titles(bs))
		return err
	}, false},
	{21, "select_related()", func(db *orm.DB) error {
		cctx, captured := orm.CaptureQueries(ctx)
		bs, err := orm.Objects[Book](db).SelectRelated("author").All(cctx)
		if err != nil {
			return err
		}
		for _, b := range bs {
			a, err := b.Author.Get(cctx)
			if err != nil {
				return err
			}
			_ = a.Name
		}
		show("%d books and their authors in %d query", len(bs), captured.Count())
		return nil
	}, false},
	{21, "N+1 and its fix, side by side", func(db *orm.DB) error {
		verbose.Store(false)
		defer verbose.Store(true)
		naive, fixed := 0, 0
		for i, qs := range []*orm.QuerySet[*Book]{orm.Objects[Book](db), orm.Objects[Book](db).SelectRelated("author")} {
			cctx, captured := orm.CaptureQueries(ctx)
			bs, err := qs.All(cctx)
			if err != nil {
				return err
			}
			for _, b := range bs {
				if _, err := b.Author.Get(cctx); err != nil {
					return err
				}
			}
			if i == 0 {
				naive = captured.Count()
			} else {
				fixed = captured.Count()
			}
		}
		show("books then each author: %d queries; with SelectRelated: %d", naive, fixed)
		for i, qs := range []*orm.QuerySet[*Author]{orm.Objects[Author](db), orm.Objects[Author](db).PrefetchRelated("books")} {
			cctx, captured := orm.CaptureQueries(ctx)
			as, err := qs.All(cctx)
			if err != nil {
				return err
			}
			for _, a := range as {
				if _, err := orm.Related[Book](a, "books").All(cctx); err != nil {
					return err
				}
			}
			if i == 0 {
				naive = captured.Count()
			} else {
				fixed = captured.Count()
			}
		}
		show("authors then each author's books: %d queries; with PrefetchRelated: %d", naive, fixed)
		return nil
	}, false},
	{22, "prefetch_related()", func(db *orm.DB) error {
		authors, err := orm.Objects[Author](db).OrderBy("id").PrefetchRelated("books").All(ctx)
		if err != nil {
			return err
		}
		for _, a := range authors {
			bs, _ := orm.Related[Book](a, "books").All(ctx) // from the prefetch cache
			show("%s: %d books", a.Name, len(bs))
		}
		return nil
	}, false},
	{23, "Prefetch(queryset, to_attr)", func(db *orm.DB) error {
		authors, err := orm.Objects[Author](db).OrderBy("id").PrefetchRelated(
			orm.Prefetch("books", orm.Objects[Book](db).Filter(orm.Q{"is_published": true})).ToAttr("published_books"),
		).All(ctx)
		if err != nil {
			return err
		}
		for _, a := range authors {
			show("%s: %s", a.Name, titles(a.PublishedBooks))
		}
		top, err := orm.Objects[Author](db).OrderBy("id").PrefetchRelated(
			orm.Prefetch("books", orm.Objects[Book](db).OrderBy("-sales_count").Slice(0, 1)).ToAttr("published_books"),
		).All(ctx)
		for _, a := range top {
			show("best seller of %s: %s", a.Name, titles(a.PublishedBooks))
		}
		return err
	}, false},
	{24, "annotate() with Count", func(db *orm.DB) error {
		as, err := orm.Objects[Author](db).Annotate(orm.As("total_books", orm.Count("books"))).OrderBy("id").All(ctx)
		for _, a := range as {
			show("%s: %v", a.Name, a.Annotation("total_books"))
		}
		if err != nil {
			return err
		}
		as, err = orm.Objects[Author](db).Annotate(orm.As("published_count",
			orm.Count("books").Filter(orm.Q{"books__is_published": true}))).OrderBy("id").All(ctx)
		for _, a := range as {
			show("%s: %v published", a.Name, a.Annotation("published_count"))
		}
		return err
	}, false},
	{25, "Case / When", func(db *orm.DB) error {
		rows, err := orm.Objects[Book](db).Annotate(orm.As("stock_status", orm.Case(
			orm.When(orm.Q{"stock_level__gt": 10}, orm.Value("In Stock")),
			orm.When(orm.Q{"stock_level__lte": 0}, orm.Value("Out of Stock")),
		).Default(orm.Value("Low Stock")))).OrderBy("stock_status", "id").Values("title", "stock_status").All(ctx)
		show("%v", rows)
		return err
	}, false},
	{26, "Exists / OuterRef", func(db *orm.DB) error {
		fantasy := orm.Objects[Book](db).Filter(orm.Q{"author": orm.OuterRef("pk"), "title__icontains": "Fantasy"})
		as, err := orm.Objects[Author](db).Annotate(orm.As("has_fantasy", orm.Exists(fantasy))).
			Filter(orm.Q{"has_fantasy": true}).All(ctx)
		for _, a := range as {
			show("%s", a.Name)
		}
		return err
	}, false},
	{27, "TruncMonth + values + Count", func(db *orm.DB) error {
		rows, err := orm.Objects[Author](db).Annotate(orm.As("month", functions.TruncMonth("joined_date"))).
			Values("month").Annotate(orm.As("count", orm.Count("pk"))).OrderBy("month").All(ctx)
		for _, r := range rows {
			show("%s: %v", r["month"].(time.Time).Format("2006-01"), r["count"])
		}
		return err
	}, false},
	{28, "Coalesce for NULL safety", func(db *orm.DB) error {
		r, err := orm.Objects[Book](db).Filter(orm.Q{"title": "no such book"}).
			Aggregate(ctx, orm.As("safe_total", functions.Coalesce(orm.Sum("sales_count"), orm.Value(0))))
		show("%v", r)
		return err
	}, false},
	{29, "bulk_create()", func(db *orm.DB) error {
		a, err := orm.Objects[Author](db).Get(ctx, orm.Q{"name": "Bob"})
		if err != nil {
			return err
		}
		newBooks := []*Book{
			{Title: "Title A", Author: orm.Ref(a), Price: decimal.RequireFromString("10.00"), IsPublished: true, Format: Paperback},
			{Title: "Title B", Author: orm.Ref(a), Price: decimal.RequireFromString("20.00"), IsPublished: true, Format: Ebook},
		}
		if err := orm.Objects[Book](db).BulkCreate(ctx, newBooks, orm.BatchSize(500)); err != nil {
			return err
		}
		show("ids %d, %d in one statement", newBooks[0].ID, newBooks[1].ID)
		return nil
	}, false},
	{30, "bulk_update()", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).Filter(orm.Q{"title__startswith": "Title"}).All(ctx)
		if err != nil {
			return err
		}
		for _, b := range bs {
			b.Price = b.Price.Mul(decimal.RequireFromString("1.15")).Round(2)
		}
		n, err := orm.Objects[Book](db).BulkUpdate(ctx, bs, []string{"price"})
		show("%d rows updated in one statement", n)
		return err
	}, false},
	{31, "union / intersection / difference", func(db *orm.DB) error {
		cheap := orm.Objects[Book](db).Filter(orm.Q{"price__lt": 30})
		popular := orm.Objects[Book](db).Filter(orm.Q{"sales_count__gt": 1000})
		u, err := cheap.Union(popular).OrderBy("title").All(ctx)
		if err != nil {
			return err
		}
		show("cheap or popular: %s", titles(u))
		i, err := cheap.Intersection(popular).All(ctx)
		if err != nil {
			return err
		}
		show("cheap and popular: %s", titles(i))
		d, err := cheap.Difference(popular).OrderBy("title").All(ctx)
		show("cheap, not popular: %s", titles(d))
		return err
	}, false},
	{32, "select_for_update() (SQLite has no row locks: djorm says so instead of ignoring it)", func(db *orm.DB) error {
		return orm.Atomic(ctx, db, func(ctx context.Context) error {
			_, err := orm.Objects[Book](db).SelectForUpdate().Get(ctx, orm.Q{"pk": 1})
			var ns *orm.NotSupportedError
			if errors.As(err, &ns) {
				show("%v", err)
				return nil
			}
			return err
		})
	}, false},
	{33, "generated column", func(db *orm.DB) error {
		inv := orm.NewObject[Invoice]()
		inv.Subtotal = decimal.RequireFromString("100.00")
		if err := db.Create(ctx, inv); err != nil {
			return err
		}
		show("subtotal %s, tax %s -> total %s (computed by the database)", inv.Subtotal, inv.TaxRate, inv.Total)
		return nil
	}, false},
	{34, "extra() (raw SQL, legacy)", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).Extra(orm.Extra{Select: map[string]orm.SQLText{"discounted_price": "price * 0.9"}}).
			OrderBy("id").Slice(0, 2).All(ctx)
		for _, b := range bs {
			show("%s: %v", b.Title, b.Annotation("discounted_price"))
		}
		return err
	}, false},
	{35, "lazy evaluation: count()/exists() vs evaluating", func(db *orm.DB) error {
		cctx, captured := orm.CaptureQueries(ctx)
		qs := orm.Objects[Book](db).Filter(orm.Q{"is_published": true})
		show("building the QuerySet ran %d queries", captured.Count())
		if _, err := qs.Exists(cctx); err != nil {
			return err
		}
		show("exists() ran %d query", captured.Count())
		return nil
	}, false},
	{36, "result cache: evaluate once, reuse", func(db *orm.DB) error {
		cctx, captured := orm.CaptureQueries(ctx)
		qs := orm.Objects[Book](db).Filter(orm.Q{"is_published": true})
		if _, err := qs.All(cctx); err != nil {
			return err
		}
		n, _ := qs.Len(cctx)
		c, _ := qs.Count(cctx)
		show("%d rows, len %d, count %d: %d query", n, n, c, captured.Count())
		return nil
	}, false},
	{38, "seeing every query (django-debug-toolbar's job)", func(db *orm.DB) error {
		cctx, captured := orm.CaptureQueries(ctx)
		verbose.Store(false)
		_, err := orm.Objects[Author](db).All(cctx)
		verbose.Store(true)
		for _, q := range captured.Queries() {
			show("%s (%v, %d rows)", q.SQL, q.Duration.Round(time.Microsecond), q.Rows)
		}
		return err
	}, false},
	{39, "concurrency: QuerySets with context.Context from goroutines", func(db *orm.DB) error {
		qs := orm.Objects[Book](db).Filter(orm.Q{"is_published": true})
		errs := make(chan error, 3)
		counts := make(chan int64, 3)
		verbose.Store(false)
		for i := 0; i < 3; i++ {
			go func() {
				n, err := qs.Count(ctx)
				counts <- n
				errs <- err
			}()
		}
		for i := 0; i < 3; i++ {
			if err := <-errs; err != nil {
				return err
			}
			show("goroutine counted %d", <-counts)
		}
		verbose.Store(true)
		return nil
	}, false},
	{40, "model layer: JSONField key lookups and ordering", func(db *orm.DB) error {
		rows, err := orm.Objects[Book](db).Filter(orm.Q{"details__publisher__name": "Tor", "details__pages__gt": 200}).
			OrderBy("-details__pages").Values("title", "details__pages").All(ctx)
		for _, r := range rows {
			show("%v: %v pages", r["title"], r["details__pages"])
		}
		return err
	}, false},
	{41, "model layer: choices, get_FOO_display and their validation", func(db *orm.DB) error {
		b, err := orm.Objects[Book](db).Filter(orm.Q{"format": Ebook}).OrderBy("id").First(ctx)
		if err != nil || b == nil {
			return err
		}
		label, err := orm.Display(b, "format")
		show("%s is %q (%s)", b.Title, b.Format, label)
		if err != nil {
			return err
		}
		b.Format = "scroll"
		err = db.Save(ctx, b)
		show("saving format \"scroll\": %v", err)
		return nil
	}, false},
	{42, "model layer: auto_now_add and auto_now", func(db *orm.DB) error {
		b, err := orm.Objects[Book](db).OrderBy("id").First(ctx)
		if err != nil || b == nil {
			return err
		}
		created, updated := b.Created, b.Updated
		b.StockLevel++
		if err := db.Save(ctx, b); err != nil {
			return err
		}
		show("created kept: %v, updated moved on: %v", b.Created.Equal(created), b.Updated.After(updated))
		return nil
	}, false},
	{43, "window functions: the best seller of each author (a filter on a window)", func(db *orm.DB) error {
		bs, err := orm.Objects[Book](db).
			Alias(orm.As("rank", orm.Window(functions.RowNumber(), orm.PartitionBy("author"), orm.OrderBy("-sales_count", "id")))).
			Filter(orm.Q{"rank": 1}).OrderBy("title").All(ctx)
		show("%s", titles(bs))
		return err
	}, false},
}
