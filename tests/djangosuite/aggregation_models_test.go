package djangosuite

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
)

// The models of Django's tests/aggregation.
type (
	AggAuthor struct {
		orm.Model
		Name    string                    `orm:"max_length=100"`
		Age     int                       `orm:""`
		Friends orm.ManyToMany[AggAuthor] `orm:"symmetrical"`
	}
	AggPublisher struct {
		orm.Model
		Name      string         `orm:"max_length=255"`
		NumAwards int            `orm:""`
		Duration  *time.Duration `orm:"null"`
	}
	AggBook struct {
		orm.Model
		Isbn      string                       `orm:"max_length=9"`
		Name      string                       `orm:"max_length=255"`
		Pages     int                          `orm:""`
		Rating    float64                      `orm:""`
		Price     decimal.Decimal              `orm:"max_digits=6,decimal_places=2"`
		Authors   orm.ManyToMany[AggAuthor]    `orm:"related_name=book"`
		Contact   orm.ForeignKey[AggAuthor]    `orm:"on_delete=cascade,related_name=book_contact_set"`
		Publisher orm.ForeignKey[AggPublisher] `orm:"on_delete=cascade,related_name=book"`
		Pubdate   time.Time                    `orm:"type=date"`
	}
	AggStore struct {
		orm.Model
		Name               string                  `orm:"max_length=255"`
		Books              orm.ManyToMany[AggBook] `orm:"related_name=store"`
		OriginalOpening    time.Time
		FridayNightClosing time.Time `orm:"type=time"`
	}
)

func (AggAuthor) Meta() orm.Meta    { return orm.Meta{Table: "aggregation_author"} }
func (AggPublisher) Meta() orm.Meta { return orm.Meta{Table: "aggregation_publisher"} }
func (AggBook) Meta() orm.Meta      { return orm.Meta{Table: "aggregation_book"} }
func (AggStore) Meta() orm.Meta     { return orm.Meta{Table: "aggregation_store"} }

func init() { orm.MustRegister(&AggAuthor{}, &AggPublisher{}, &AggBook{}, &AggStore{}) }

// aggData is AggregateTestCase.setUpTestData.
type aggData struct {
	a  [10]*AggAuthor // a[1] .. a[9]
	p  [6]*AggPublisher
	b  [7]*AggBook
	st [4]*AggStore
}

func loadAggregation(t *testing.T, db *orm.DB) *aggData {
	t.Helper()
	ctx := context.Background()
	models := []any{&AggAuthor{}, &AggPublisher{}, &AggBook{}, &AggStore{}}
	if err := db.DropTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	d := &aggData{}
	for i, a := range []struct {
		name string
		age  int
	}{{"Adrian Holovaty", 34}, {"Jacob Kaplan-Moss", 35}, {"Brad Dayley", 45}, {"James Bennett", 29},
		{"Jeffrey Forcier", 37}, {"Paul Bissex", 29}, {"Wesley J. Chun", 25}, {"Peter Norvig", 57}, {"Stuart Russell", 46}} {
		d.a[i+1] = &AggAuthor{Name: a.name, Age: a.age}
		must(db.Create(ctx, d.a[i+1]))
	}
	friends := map[int][]int{1: {2, 4}, 2: {1, 7}, 4: {1}, 5: {6, 7}, 6: {5, 7}, 7: {2, 5, 6}, 8: {9}, 9: {8}}
	for from, tos := range friends {
		var objs []*AggAuthor
		for _, to := range tos {
			objs = append(objs, d.a[to])
		}
		must(orm.Related[AggAuthor](d.a[from], "friends").Add(ctx, objs...))
	}
	day := 24 * time.Hour
	d1, d2 := day, 2*day
	for i, p := range []*AggPublisher{{Name: "Apress", NumAwards: 3, Duration: &d1}, {Name: "Sams", NumAwards: 1, Duration: &d2},
		{Name: "Prentice Hall", NumAwards: 7}, {Name: "Morgan Kaufmann", NumAwards: 9}, {Name: "Jonno's House of Books", NumAwards: 0}} {
		d.p[i+1] = p
		must(db.Create(ctx, p))
	}
	date := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	books := []struct {
		isbn, name  string
		pages       int
		rating      float64
		price       string
		contact, pb int
		pub         time.Time
	}{
		{"159059725", "The Definitive Guide to Django: Web Development Done Right", 447, 4.5, "30.00", 1, 1, date(2007, 12, 6)},
		{"067232959", "Sams Teach Yourself Django in 24 Hours", 528, 3.0, "23.09", 3, 2, date(2008, 3, 3)},
		{"159059996", "Practical Django Projects", 300, 4.0, "29.69", 4, 1, date(2008, 6, 23)},
		{"013235613", "Python Web Development with Django", 350, 4.0, "29.69", 5, 3, date(2008, 11, 3)},
		{"013790395", "Artificial Intelligence: A Modern Approach", 1132, 4.0, "82.80", 8, 3, date(1995, 1, 15)},
		{"155860191", "Paradigms of Artificial Intelligence Programming: Case Studies in Common Lisp", 946, 5.0, "75.00", 8, 4, date(1991, 10, 15)},
	}
	for i, b := range books {
		d.b[i+1] = &AggBook{Isbn: b.isbn, Name: b.name, Pages: b.pages, Rating: b.rating, Price: decimal.RequireFromString(b.price),
			Contact: orm.Ref(d.a[b.contact]), Publisher: orm.Ref(d.p[b.pb]), Pubdate: b.pub}
		must(db.Create(ctx, d.b[i+1]))
	}
	for bi, as := range map[int][]int{1: {1, 2}, 2: {3}, 3: {4}, 4: {5, 6, 7}, 5: {8, 9}, 6: {8}} {
		var objs []*AggAuthor
		for _, ai := range as {
			objs = append(objs, d.a[ai])
		}
		must(orm.Related[AggAuthor](d.b[bi], "authors").Add(ctx, objs...))
	}
	stores := []*AggStore{
		{Name: "Amazon.com", OriginalOpening: time.Date(1994, 4, 23, 9, 17, 42, 0, time.UTC), FridayNightClosing: time.Date(0, 1, 1, 23, 59, 59, 0, time.UTC)},
		{Name: "Books.com", OriginalOpening: time.Date(2001, 3, 15, 11, 23, 37, 0, time.UTC), FridayNightClosing: time.Date(0, 1, 1, 23, 59, 59, 0, time.UTC)},
		{Name: "Mamma and Pappa's Books", OriginalOpening: time.Date(1945, 4, 25, 16, 24, 14, 0, time.UTC), FridayNightClosing: time.Date(0, 1, 1, 21, 30, 0, 0, time.UTC)},
	}
	for i, s := range stores {
		d.st[i+1] = s
		must(db.Create(ctx, s))
	}
	for si, bs := range map[int][]int{1: {1, 2, 3, 4, 5, 6}, 2: {1, 3, 5, 6}, 3: {3, 4, 6}} {
		var objs []*AggBook
		for _, bi := range bs {
			objs = append(objs, d.b[bi])
		}
		must(orm.Related[AggBook](d.st[si], "books").Add(ctx, objs...))
	}
	return d
}
