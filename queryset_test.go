package orm_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

func TestLazinessAndResultCache(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		qs := orm.Objects[Book](db).Filter(orm.Q{"is_published": true}).Exclude(orm.Q{"price__gt": 100}).OrderBy("title")
		if captured.Count() != 0 {
			t.Fatal("chain calls must not touch the database")
		}
		rows, err := qs.All(ctx)
		if err != nil || len(rows) != 5 {
			t.Fatalf("rows=%d err=%v", len(rows), err)
		}
		if _, err := qs.All(ctx); err != nil {
			t.Fatal(err)
		}
		n, _ := qs.Len(ctx)
		c, _ := qs.Count(ctx)
		ex, _ := qs.Exists(ctx)
		first, _ := qs.First(ctx)
		last, _ := qs.Last(ctx)
		if captured.Count() != 1 || n != 5 || c != 5 || !ex || first.ID != rows[0].ID || last.ID != rows[4].ID {
			t.Fatalf("an evaluated QuerySet answers from its cache: %d queries, len %d count %d", captured.Count(), n, c)
		}
		// A clone starts with an empty cache.
		if _, err := qs.Filter(orm.Q{"stock_level__gt": 0}).All(ctx); err != nil || captured.Count() != 2 {
			t.Fatalf("a chained clone must query again: %d", captured.Count())
		}
		// Iter streams without filling a cache.
		fresh := orm.Objects[Book](db).OrderBy("id")
		seen := 0
		for b, err := range fresh.Iter(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			seen++
			if b.ID == 3 {
				break
			}
		}
		if seen != 3 {
			t.Errorf("Iter stops when the loop breaks: saw %d", seen)
		}
		before := captured.Count()
		if _, err := fresh.All(ctx); err != nil || captured.Count() != before+1 {
			t.Error("Iter must not fill the cache")
		}
	})
}

func TestChainsDoNotShareState(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		base := orm.Objects[Book](db).Filter(orm.Q{"is_published": true})
		sqlBefore, _, _ := base.SQL()
		cheap := base.Filter(orm.Q{"price__lt": 20})
		popular := base.Filter(orm.Q{"sales_count__gt": 1000})
		c1, _ := cheap.Count(ctx)
		c2, _ := popular.Count(ctx)
		c3, _ := base.Count(ctx)
		if c1 != 2 || c2 != 2 || c3 != 6 {
			t.Fatalf("branches of one parent must not see each other's filters: %d %d %d", c1, c2, c3)
		}
		if _, err := base.OrderBy("price").First(ctx); err != nil {
			t.Fatal(err)
		}
		if sqlAfter, _, _ := base.SQL(); sqlAfter != sqlBefore {
			t.Errorf("terminals must not change their receiver:\n%s\n%s", sqlBefore, sqlAfter)
		}
	})
}

func TestSharedQuerySetEvaluatesOnce(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		qs := orm.Objects[Book](db).SelectRelated("author").OrderBy("id")
		var wg sync.WaitGroup
		errs := make([]error, 8)
		lens := make([]int, 8)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				rows, err := qs.All(ctx)
				errs[i], lens[i] = err, len(rows)
			}(i)
		}
		wg.Wait()
		for i := range errs {
			if errs[i] != nil || lens[i] != 8 {
				t.Fatalf("goroutine %d: %d rows, %v", i, lens[i], errs[i])
			}
		}
		if captured.Count() != 1 {
			t.Errorf("eight goroutines evaluating one QuerySet must run one query, ran %d", captured.Count())
		}
	})
}

func TestBadInputIsRefusedBeforeSQL(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		books := orm.Objects[Book](db)
		var fe *orm.FieldError
		_, err := books.Filter(orm.Q{"titel": "x"}).All(ctx)
		if !errors.As(err, &fe) || fe.Model != "Book" || fe.Field != "titel" || !strings.Contains(err.Error(), "Choices are: author, author_id, editor, editor_id, id, is_published, price, published_at, reviews, sales_count, stock_level, tags, title") {
			t.Errorf("unknown field: %v", err)
		}
		_, err = books.Filter(orm.Q{"title__year": 2020}).All(ctx)
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), "Unsupported lookup 'year' for CharField") {
			t.Errorf("year on a string: %v", err)
		}
		_, err = books.Filter(orm.Q{"author__nmae": "x"}).All(ctx)
		if !errors.As(err, &fe) || fe.Model != "Author" {
			t.Errorf("unknown field behind a relation names the related model: %v", err)
		}
		attempts := []func() error{
			func() error { _, err := books.Filter(orm.Q{`title"; DROP TABLE book; --`: "x"}).All(ctx); return err },
			func() error { _, err := books.OrderBy(`title; DROP TABLE book`).All(ctx); return err },
			func() error { _, err := books.Values(`title" FROM book; --`).All(ctx); return err },
			func() error {
				_, err := books.Annotate(orm.As(`n"; DROP TABLE book; --`, orm.Count("id"))).All(ctx)
				return err
			},
			func() error { _, err := books.Aggregate(ctx, orm.As("a b", orm.Sum("price"))); return err },
			func() error { _, err := books.Filter(orm.Q{"sales_count": "1 OR 1=1"}).All(ctx); return err },
			func() error { _, err := books.Update(ctx, orm.Set{"price; --": 1}); return err },
			func() error { _, err := books.OrderBy("-").All(ctx); return err },
			func() error { _, err := books.Filter(orm.Q{"title__": "x"}).All(ctx); return err },
			func() error { _, err := books.Slice(-1, 3).All(ctx); return err },
			func() error { _, err := books.Distinct("title").All(ctx); return err },
		}
		for i, f := range attempts {
			err := f()
			if err == nil && !(i == len(attempts)-1 && db.Dialect().Name() == "postgresql") {
				t.Errorf("attempt %d: want an error", i)
			}
			var ns *orm.NotSupportedError
			if err != nil && !errors.As(err, &fe) && !errors.Is(err, orm.ErrInvalidQuery) && !errors.As(err, &ns) {
				t.Errorf("attempt %d: want a FieldError, ErrInvalidQuery or NotSupportedError, got %T %v", i, err, err)
			}
		}
		for _, q := range captured.Queries() {
			if !strings.HasPrefix(q.SQL, "SELECT DISTINCT ON") {
				t.Errorf("bad input must not reach the database: %s", q.SQL)
			}
		}
		if n, err := books.Count(context.Background()); err != nil || n != 8 {
			t.Fatalf("the table must be intact: %d %v", n, err)
		}
	})
}

func TestLikeEscapingAndUnicodeCase(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		titles := func(q orm.Q) []string {
			rows, err := orm.Objects[Book](db).Filter(q).OrderBy("id").ValuesList("title").Flat().All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range rows {
				out = append(out, r.(string))
			}
			return out
		}
		for q, want := range map[string]string{
			"50%":        "",
			"100%":       "100% Pure_Python",
			"e_P":        "100% Pure_Python",
			"%":          "100% Pure_Python",
			"_":          "100% Pure_Python",
			"été":        "été et hiver|ÉTÉ Indien",
			"ÉTÉ INDIEN": "ÉTÉ Indien",
		} {
			if got := strings.Join(titles(orm.Q{"title__icontains": q}), "|"); got != want {
				t.Errorf("icontains %q = %q, want %q", q, got, want)
			}
		}
		if got := strings.Join(titles(orm.Q{"title__contains": "orm"}), "|"); got != "" {
			t.Errorf("contains is case-sensitive on every backend: %q", got)
		}
	})
}

func TestUsingAlias(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		replica, err := orm.New(db.SQLDB(), db.DriverName(), orm.WithAlias("replica"))
		if err != nil {
			t.Fatal(err)
		}
		db.Attach("replica", replica)
		ctx, captured := orm.CaptureQueries(context.Background())
		if _, err := orm.Objects[Book](db).Using("replica").Count(ctx); err != nil {
			t.Fatal(err)
		}
		if q := captured.Queries(); len(q) != 1 || q[0].Database != "replica" {
			t.Errorf("Using must run on the attached database: %+v", q)
		}
		if _, err := orm.Objects[Book](db).Using("nope").Count(ctx); !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("unknown alias: %v", err)
		}
	})
}

// A set operation used as the value of an __in lookup is the whole
// combined query, not its first member (Django's
// test_union_in_with_ordering; it silently kept only the first member).
func TestSetOperationAsInValue(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		testkit.LoadBookstore(t, db)
		books := func() *orm.QuerySet[*testkit.Book] { return orm.Objects[testkit.Book](db) }
		all, err := books().Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cheap := books().Filter(orm.Q{"price__lt": 30})
		dear := books().Filter(orm.Q{"price__gte": 40})
		nCheap, _ := cheap.Count(ctx)
		nDear, _ := dear.Count(ctx)
		if nCheap == 0 || nDear == 0 || nCheap+nDear >= all {
			t.Fatalf("fixture: %d cheap, %d dear of %d", nCheap, nDear, all)
		}
		in, err := books().Filter(orm.Q{"id__in": cheap.Union(dear).Values("id")}).Count(ctx)
		if err != nil || in != nCheap+nDear {
			t.Errorf("filter(id__in=union): %d, %v; want %d", in, err, nCheap+nDear)
		}
		out, err := books().Exclude(orm.Q{"id__in": cheap.Union(dear).Values("id")}).Count(ctx)
		if err != nil || out != all-nCheap-nDear {
			t.Errorf("exclude(id__in=union): %d, %v; want %d", out, err, all-nCheap-nDear)
		}
		both, err := books().Filter(orm.Q{"id__in": books().Filter(orm.Q{"price__lt": 40}).Intersection(books().Filter(orm.Q{"price__gte": 30})).Values("id")}).Count(ctx)
		want, _ := books().Filter(orm.Q{"price__gte": 30, "price__lt": 40}).Count(ctx)
		if err != nil || both != want {
			t.Errorf("filter(id__in=intersection): %d, %v; want %d", both, err, want)
		}
	})
}
