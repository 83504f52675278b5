package orm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// AuthorStats reads annotations into tagged fields.
type AuthorStats struct {
	orm.Model
	Name       string           `orm:"max_length=100"`
	TotalBooks int64            `orm:"annotation"`
	Revenue    *decimal.Decimal `orm:"annotation=rev,null"`
}

func (AuthorStats) Meta() orm.Meta { return orm.Meta{Table: "author_stats"} }

// Invoice has a generated column.
type Invoice struct {
	orm.Model
	Subtotal decimal.Decimal `orm:"max_digits=8,decimal_places=2"`
	TaxRate  decimal.Decimal `orm:"max_digits=4,decimal_places=2,default=0.10"`
	Total    decimal.Decimal `orm:"generated=subtotal * (1 + tax_rate),stored,max_digits=12,decimal_places=4"`
}

func init() { orm.MustRegister(&AuthorStats{}, &Invoice{}) }

func TestFunctionsOnEveryBackend(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		one := orm.Objects[Book](db).Filter(orm.Q{"pk": 7}) // "été et hiver", 12.00, stock 10, sales 100
		cases := []struct {
			name string
			e    *orm.Expr
			want string
		}{
			{"Lower", functions.Lower("title"), "été et hiver"},
			{"Upper", functions.Upper("title"), "ÉTÉ ET HIVER"},
			{"Length", functions.Length("title"), "12"},
			{"Concat", functions.Concat("title", orm.Value("/"), "stock_level"), "été et hiver/10"},
			{"Substr", functions.Substr("title", 5, 2), "et"},
			{"SubstrToEnd", functions.Substr("title", 8, -1), "hiver"},
			{"Trim", functions.Trim(orm.Value("  x  ")), "x"},
			{"LTrim", functions.LTrim(orm.Value("  x")), "x"},
			{"RTrim", functions.RTrim(orm.Value("x  ")), "x"},
			{"Replace", functions.Replace("title", "hiver", "été"), "été et été"},
			{"Left", functions.Left("title", 3), "été"},
			{"Right", functions.Right("title", 5), "hiver"},
			{"StrIndex", functions.StrIndex("title", "hiver"), "8"},
			{"Coalesce", functions.Coalesce("editor__name", "author__name"), "Élodie Brûlé"},
			{"NullIf", functions.NullIf("stock_level", orm.Value(10)), "<nil>"},
			{"Greatest", functions.Greatest("stock_level", "sales_count"), "100"},
			{"Least", functions.Least("stock_level", "sales_count"), "10"},
			{"Abs", functions.Abs(orm.F("stock_level").Neg()), "10"},
			{"Round", functions.Round(orm.Value(2.6)), "3"},
			{"Ceil", functions.Ceil(orm.Value(2.1)), "3"},
			{"Floor", functions.Floor(orm.Value(2.9)), "2"},
			{"Mod", functions.Mod("sales_count", orm.Value(7)), "2"},
			{"Power", functions.Power("stock_level", orm.Value(2)), "100"},
			{"Sqrt", functions.Sqrt("sales_count"), "10"},
			{"CastText", functions.Cast("stock_level", "CharField"), "10"},
			{"CastInt", functions.Cast(orm.Value("42"), "IntegerField"), "42"},
			{"TruncMonth", functions.TruncMonth("published_at"), "2021-06-01 00:00:00"},
			{"TruncYearOfDate", functions.TruncYear("author__joined_date"), "2021-01-01 00:00:00"},
			{"TruncDate", functions.TruncDate("published_at"), "2021-06-30 00:00:00"},
			{"TruncHour", functions.TruncHour("published_at"), "2021-06-30 08:00:00"},
			{"TruncQuarter", functions.TruncQuarter("published_at"), "2021-04-01 00:00:00"},
			{"TruncWeek", functions.TruncWeek("published_at"), "2021-06-28 00:00:00"},
			{"ExtractYear", functions.ExtractYear("published_at"), "2021"},
			{"ExtractWeekDay", functions.ExtractWeekDay("published_at"), "4"},
			{"ExtractIsoWeekDay", functions.ExtractIsoWeekDay("published_at"), "3"},
			{"ExtractWeek", functions.ExtractWeek("published_at"), "26"},
			{"ExtractQuarter", functions.ExtractQuarter("published_at"), "2"},
			{"ExtractMinute", functions.ExtractMinute("published_at"), "15"},
			{"Arith", orm.F("price").Mul(orm.F("stock_level")).Sub(20), "100"},
			{"Pow", orm.F("stock_level").Pow(2), "100"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				row, err := one.Values(orm.As("v", c.e)).Get(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got := render(row["v"]); got != c.want {
					t.Errorf("%s = %q, want %q", c.name, got, c.want)
				}
			})
		}
		now, err := orm.Objects[Book](db).Values(orm.As("now", functions.Now())).First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ts, ok := now["now"].(time.Time); !ok || time.Since(ts).Abs() > time.Hour {
			t.Errorf("Now = %v", now["now"])
		}
		_, err = one.Values(orm.As("v", functions.Trunc("published_at", "fortnight"))).All(ctx)
		if !errors.Is(err, orm.ErrInvalidQuery) || !strings.Contains(err.Error(), "choices: year, quarter") {
			t.Errorf("an unknown Trunc kind is refused with the choices: %v", err)
		}
	})
}

// render formats a value for comparison across backends.
func render(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05")
	case decimal.Decimal:
		return x.String()
	case float64:
		return fmt.Sprintf("%g", x)
	case nil:
		return "<nil>"
	}
	return fmt.Sprint(v)
}

func TestExpressionsAndSubqueries(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		// Mixed types need an output kind, as in Django.
		_, err := orm.Objects[Book](db).Annotate(orm.As("x", orm.F("price").Add(orm.F("published_at")))).All(ctx)
		var fe *orm.FieldError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), "You must set output_field") {
			t.Errorf("mixed types: %v", err)
		}
		// OuterRef two levels deep: authors having a book with a review of 5 stars.
		fives := orm.Objects[Review](db).Filter(orm.Q{"book": orm.OuterRef("pk"), "stars": 5})
		booksWithFive := orm.Objects[Book](db).Filter(orm.Q{"author": orm.OuterRef("pk")}).Filter(orm.Exists(fives))
		names, err := orm.Objects[Author](db).Filter(orm.Exists(booksWithFive)).OrderBy("name").ValuesList("name").Flat().All(ctx)
		if err != nil || fmt.Sprint(names) != "[Jane Roe John Doe]" {
			t.Errorf("nested Exists: %v %v", names, err)
		}
		// Reviews under 3 stars, of a book (the middle query's row) by the
		// author of the outermost query: authors 2 and 5.
		low := orm.Objects[Review](db).Filter(orm.Q{"book": orm.OuterRef("pk"), "book__author": orm.OuterRef(orm.OuterRef("pk")), "stars__lt": 3})
		n, err := orm.Objects[Author](db).Filter(orm.Exists(orm.Objects[Book](db).Filter(orm.Q{"author": orm.OuterRef("pk")}).Filter(orm.Exists(low)))).Count(ctx)
		if err != nil || n != 2 {
			t.Errorf("OuterRef(OuterRef) = %d %v", n, err)
		}
		// Subquery in Update: each book's stock becomes its review count.
		reviews := orm.Objects[Review](db).Filter(orm.Q{"book": orm.OuterRef("pk")}).Values("book").
			Annotate(orm.As("c", orm.Count("id"))).Values("c")
		if _, err := orm.Objects[Book](db).Update(ctx, orm.Set{"stock_level": functions.Coalesce(orm.Subquery(reviews), orm.Value(0))}); err != nil {
			t.Fatal(err)
		}
		stocks, _ := orm.Objects[Book](db).OrderBy("id").ValuesList("stock_level").Flat().All(ctx)
		if fmt.Sprint(stocks) != "[2 1 0 0 3 0 0 1]" {
			t.Errorf("Subquery in Update: %v", stocks)
		}
		// An Aggregate entry may use an earlier one.
		r, err := orm.Objects[Book](db).Aggregate(ctx, orm.As("total", orm.Sum("sales_count")), orm.As("double", orm.F("total").Mul(2)))
		if err != nil || r["double"] != int64(10830) {
			t.Errorf("aggregate referring to an earlier alias: %v %v", r, err)
		}
		// Annotations land in tagged fields.
		rows, err := orm.Raw[AuthorStats](db, "SELECT a.id, a.name, COUNT(b.id) AS total_books, SUM(b.price) AS rev FROM author a LEFT JOIN book b ON b.author_id = a.id WHERE a.id <= ? GROUP BY a.id, a.name ORDER BY a.id", 2).All(ctx)
		if err != nil || len(rows) != 2 || rows[0].TotalBooks != 2 || rows[0].Revenue == nil || rows[0].Revenue.String() != "84.99" {
			t.Errorf("Raw with annotation fields: %+v %v", rows, err)
		}
	})
}

func TestRawAndExtra(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books, err := orm.Raw[Book](db, "SELECT id, title, price, 'x' AS note FROM book WHERE price > ? ORDER BY price DESC", 40).All(ctx)
		if err != nil || len(books) != 2 || books[0].ID != 5 || books[0].Annotation("note") != "x" {
			t.Fatalf("Raw: %v %v", books, err)
		}
		if d := books[0].DeferredFields(); len(d) != 6 {
			t.Errorf("Raw: missing columns are deferred: %v", d)
		}
		qs := orm.Objects[Book](db).Extra(orm.Extra{
			Select:  map[string]orm.SQLText{"half": "stock_level / 2"},
			Where:   []orm.SQLText{"sales_count > ?", "stock_level < ?"},
			Params:  []any{100, 12},
			OrderBy: []string{"-half"},
		})
		rows, err := qs.All(ctx)
		if err != nil || len(rows) != 4 || rows[0].ID != 8 || rows[0].Annotation("half") == nil {
			t.Errorf("Extra: %v %v", rows, err)
		}
		_, err = orm.Objects[Book](db).Extra(orm.Extra{Where: []orm.SQLText{"x = ?"}}).All(ctx)
		if !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("Extra placeholders without params: %v", err)
		}
		n, err := orm.Objects[Book](db).Filter(orm.RawSQL("price * ? > ?", 2, 100)).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("RawSQL condition: %d %v", n, err)
		}
	})
}

func TestGeneratedColumns(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Invoice{})
		inv := orm.NewObject[Invoice]()
		inv.Subtotal = decimal.RequireFromString("100.00")
		if err := db.Create(ctx, inv); err != nil {
			t.Fatal(err)
		}
		if !inv.Total.Equal(decimal.RequireFromString("110")) {
			t.Errorf("generated value read back on create: %s", inv.Total)
		}
		inv.Subtotal = decimal.RequireFromString("200.00")
		if err := db.Save(ctx, inv); err != nil {
			t.Fatal(err)
		}
		if !inv.Total.Equal(decimal.RequireFromString("220")) {
			t.Errorf("generated value read back on save: %s", inv.Total)
		}
		if err := db.Save(ctx, inv, "total"); !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("writing a generated column must be refused: %v", err)
		}
		if _, err := orm.Objects[Invoice](db).Update(ctx, orm.Set{"total": 1}); !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("updating a generated column must be refused: %v", err)
		}
		n, err := orm.Objects[Invoice](db).Filter(orm.Q{"total__gt": 200}).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("filter on a generated column: %d %v", n, err)
		}
	})
}

func TestFilteredRelation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[Author](db).
			Annotate(orm.As("published", orm.FilteredRelation("books", orm.Q{"books__is_published": true}))).
			Annotate(orm.As("n", orm.Count("published"))).OrderBy("id").ValuesList("id", "n").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(rows) != "[[1 2] [2 2] [3 0] [4 0] [5 2]]" {
			t.Errorf("Count over a FilteredRelation: %v", rows)
		}
		names, err := orm.Objects[Author](db).
			Alias(orm.As("unpublished", orm.FilteredRelation("books", orm.Q{"books__is_published": false}))).
			Filter(orm.Q{"unpublished__title__icontains": "été"}).ValuesList("name").Flat().All(ctx)
		if err != nil || fmt.Sprint(names) != "[Élodie Brûlé]" {
			t.Errorf("filter through a FilteredRelation: %v %v", names, err)
		}
	})
}
