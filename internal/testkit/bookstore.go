package testkit

import (
	"context"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/shopspring/decimal"
)

// The bookstore models: the seed guide's Author and Book, plus a
// publisher, tags, reviews and nullable fields so NULL semantics show.
type (
	Publisher struct {
		orm.Model
		Name string `orm:"max_length=100"`
	}
	Author struct {
		orm.Model
		Name       string                    `orm:"max_length=100"`
		JoinedDate time.Time                 `orm:"type=date"`
		Rating     *int32                    `orm:"null"`
		Publisher  orm.ForeignKey[Publisher] `orm:"null,on_delete=set_null,related_name=authors"`
	}
	Tag struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	Book struct {
		orm.Model
		Title       string                 `orm:"max_length=200,index"`
		Author      orm.ForeignKey[Author] `orm:"on_delete=cascade,related_name=books"`
		Editor      orm.ForeignKey[Author] `orm:"null,on_delete=set_null,related_name=edited_books"`
		Price       decimal.Decimal        `orm:"max_digits=6,decimal_places=2"`
		SalesCount  int                    `orm:"default=0"`
		StockLevel  int                    `orm:"default=0"`
		IsPublished bool                   `orm:"default=true"`
		PublishedAt *time.Time             `orm:"null"`
		Tags        orm.ManyToMany[Tag]    `orm:"related_name=books"`
	}
	Review struct {
		orm.Model
		Book    orm.ForeignKey[Book] `orm:"on_delete=cascade,related_name=reviews"`
		Stars   int
		Comment string `orm:"type=text,blank"`
	}
)

// Bookstore lists the bookstore models, parents first.
var Bookstore = []any{&Publisher{}, &Author{}, &Tag{}, &Book{}, &Review{}}

func init() { orm.MustRegister(Bookstore...) }

func d(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
func ts(y int, m time.Month, day, h, min, s int) *time.Time {
	t := time.Date(y, m, day, h, min, s, 0, time.UTC)
	return &t
}
func i32(v int32) *int32           { return &v }
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// LoadBookstore recreates the bookstore tables and loads the dataset of
// testdata/django (the data the Django reference answers were computed on).
func LoadBookstore(t testing.TB, db *orm.DB) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.DropTables(ctx, Bookstore...))
	must(db.CreateTables(ctx, Bookstore...))
	pubs := []*Publisher{{Name: "Penguin"}, {Name: "Tor"}, {Name: "Ünïcode Press"}}
	for i, p := range pubs {
		p.ID = int64(i + 1)
		must(db.Create(ctx, p))
	}
	type a struct {
		name   string
		joined time.Time
		rating *int32
		pub    int64
	}
	for i, x := range []a{
		{"John Doe", d(2019, 3, 15), i32(5), 1}, {"Jane Roe", d(2021, 11, 2), nil, 2},
		{"Élodie Brûlé", d(2021, 6, 30), i32(3), 0}, {"Bob", d(2025, 3, 15), nil, 1},
		{"Zoë 50% _off_", d(2022, 11, 20), i32(4), 3},
	} {
		au := &Author{Name: x.name, JoinedDate: x.joined, Rating: x.rating}
		au.ID = int64(i + 1)
		if x.pub != 0 {
			au.Publisher.SetID(x.pub)
		}
		must(db.Create(ctx, au))
	}
	for i, name := range []string{"fantasy", "sci-fi", "classic", "ÉTÉ"} {
		tg := &Tag{Name: name}
		tg.ID = int64(i + 1)
		must(db.Create(ctx, tg))
	}
	type b struct {
		title          string
		author, editor int64
		price          string
		sales, stock   int
		published      bool
		at             *time.Time
	}
	books := map[int64]*Book{}
	for i, x := range []b{
		{"Django ORM Deep Dive", 1, 2, "49.99", 1500, 3, true, ts(2021, 1, 10, 9, 30, 0)},
		{"Fantasy Realms", 2, 0, "19.99", 800, 0, true, ts(2022, 5, 1, 18, 0, 0)},
		{"Go Concurrency", 1, 3, "35.00", 120, 25, true, ts(2020, 12, 31, 23, 59, 59)},
		{"Draft: Untitled", 3, 0, "10.00", 0, 12, false, nil},
		{"The Fantasy of ORM", 2, 1, "199.50", 2500, 0, true, ts(2023, 7, 14, 12, 0, 0)},
		{"100% Pure_Python", 5, 0, "25.25", 95, 5, true, ts(2024, 2, 29, 0, 0, 0)},
		{"été et hiver", 3, 3, "12.00", 100, 10, false, ts(2021, 6, 30, 8, 15, 0)},
		{"ÉTÉ Indien", 5, 2, "15.50", 300, 11, true, ts(2022, 11, 20, 20, 20, 20)},
	} {
		bk := &Book{Title: x.title, Price: dec(x.price), SalesCount: x.sales, StockLevel: x.stock,
			IsPublished: x.published, PublishedAt: x.at}
		bk.ID = int64(i + 1)
		bk.Author.SetID(x.author)
		if x.editor != 0 {
			bk.Editor.SetID(x.editor)
		}
		must(db.Create(ctx, bk))
		books[bk.ID] = bk
	}
	for i, x := range [][3]any{{1, 5, "great"}, {1, 4, ""}, {2, 2, "meh"}, {5, 5, "wow"}, {5, 3, "ok"}, {5, 4, ""}, {8, 1, "bad"}} {
		r := &Review{Stars: x[1].(int), Comment: x[2].(string)}
		r.ID = int64(i + 1)
		r.Book.SetID(int64(x[0].(int)))
		must(db.Create(ctx, r))
	}
	must(db.ResetSequences(ctx, Bookstore...))
	for book, tags := range map[int64][]int64{1: {2, 3}, 2: {1}, 3: {2}, 5: {1, 3}, 7: {4}, 8: {4, 3}} {
		must(orm.Related[Tag](books[book], "tags").Add(ctx, tagsOf(tags)...))
	}
}

func tagsOf(ids []int64) []*Tag {
	out := make([]*Tag, len(ids))
	for i, id := range ids {
		out[i] = &Tag{}
		out[i].ID = id
	}
	return out
}
