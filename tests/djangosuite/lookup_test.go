package djangosuite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/lookup/tests.py, LookupTests.

const lookupAll = "[Article 5 Article 6 Article 4 Article 2 Article 3 Article 7 Article 1]"

func TestLookup_LookupTests_test_exists(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		ctx := context.Background()
		if ok, err := orm.Objects[LookupArticle](db).Exists(ctx); err != nil || !ok {
			t.Errorf("exists = %v, %v; want true", ok, err)
		}
		arts, err := orm.Objects[LookupArticle](db).All(ctx)
		exprMust(t, err)
		for _, a := range arts {
			_, err := db.Delete(ctx, a)
			exprMust(t, err)
		}
		if ok, err := orm.Objects[LookupArticle](db).Exists(ctx); err != nil || ok {
			t.Errorf("exists after deleting = %v, %v; want false", ok, err)
		}
	})
}

func TestLookup_LookupTests_test_lookup_int_as_str(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"id__iexact": fmt.Sprint(d.a[1].ID)})); got != "[Article 1]" {
			t.Errorf("got %s, want [Article 1]", got)
		}
	})
}

func TestLookup_LookupTests_test_iterator(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		ctx := context.Background()
		collect := func(qs *orm.QuerySet[*LookupArticle]) string {
			var out []string
			for a, err := range qs.Iter(ctx) {
				if err != nil {
					return "error: " + err.Error()
				}
				out = append(out, a.Headline)
			}
			return "[" + strings.Join(out, " ") + "]"
		}
		if got := collect(orm.Objects[LookupArticle](db)); got != lookupAll {
			t.Errorf("iterator: %s", got)
		}
		if got := collect(orm.Objects[LookupArticle](db).Filter(orm.Q{"headline__endswith": "4"})); got != "[Article 4]" {
			t.Errorf("filtered iterator: %s", got)
		}
	})
}

func TestLookup_LookupTests_test_count(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		ctx := context.Background()
		arts := func() *orm.QuerySet[*LookupArticle] { return orm.Objects[LookupArticle](db) }
		cases := []struct {
			qs   *orm.QuerySet[*LookupArticle]
			want int64
		}{
			{arts(), 7},
			{arts().Filter(orm.Q{"pub_date__exact": time.Date(2005, 7, 27, 0, 0, 0, 0, time.UTC)}), 3},
			{arts().Filter(orm.Q{"headline__startswith": "Blah blah"}), 0},
			{arts().Slice(0, 4), 4},
			{arts().Slice(1, 100), 6},
			{arts().Slice(10, 100), 0},
		}
		for i, c := range cases {
			if n, err := c.qs.Count(ctx); err != nil || n != c.want {
				t.Errorf("case %d: %d, %v; want %d", i+1, n, err, c.want)
			}
		}
	})
}

func TestLookup_LookupTests_test_in_bulk(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		ctx := context.Background()
		arts, err := orm.Objects[LookupArticle](db).InBulk(ctx, d.a[1].ID, d.a[2].ID)
		if err != nil || len(arts) != 2 || arts[d.a[1].ID].Headline != "Article 1" || arts[d.a[2].ID].Headline != "Article 2" {
			t.Errorf("in_bulk([a1, a2]) = %v, %v", arts, err)
		}
		all, err := orm.Objects[LookupArticle](db).InBulkAll(ctx)
		if err != nil || len(all) != 7 {
			t.Errorf("in_bulk() = %d objects, %v; want 7", len(all), err)
		}
		for i := 1; i <= 7; i++ {
			if all[d.a[i].ID] == nil || all[d.a[i].ID].Headline != d.a[i].Headline {
				t.Errorf("in_bulk()[a%d] = %v", i, all[d.a[i].ID])
			}
		}
		if got, err := orm.Objects[LookupArticle](db).InBulk(ctx, d.a[3].ID); err != nil || len(got) != 1 || got[d.a[3].ID] == nil {
			t.Errorf("in_bulk([a3]) = %v, %v", got, err)
		}
		if got, err := orm.Objects[LookupArticle](db).InBulk(ctx, int64(1000)); err != nil || len(got) != 0 {
			t.Errorf("in_bulk([1000]) = %v, %v", got, err)
		}
		if got, err := orm.Objects[LookupArticle](db).InBulk(ctx); err != nil || len(got) != 0 {
			t.Errorf("in_bulk([]) = %v, %v", got, err)
		}
	})
}

func TestLookup_LookupTests_test_values(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[LookupArticle](db).Values("headline").All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[map[headline:Article 5] map[headline:Article 6] map[headline:Article 4] map[headline:Article 2] map[headline:Article 3] map[headline:Article 7] map[headline:Article 1]]" {
			t.Errorf("values(headline): %s, %v", got, err)
		}
		rows, err = orm.Objects[LookupArticle](db).Filter(orm.Q{"pub_date__exact": time.Date(2005, 7, 27, 0, 0, 0, 0, time.UTC)}).Values("id").All(ctx)
		if got, want := fmt.Sprint(rows), fmt.Sprintf("[map[id:%d] map[id:%d] map[id:%d]]", d.a[2].ID, d.a[3].ID, d.a[7].ID); err != nil || got != want {
			t.Errorf("values(id): %s, %v; want %s", got, err, want)
		}
		// The values() of extra(select) names are in lookup_failing_test.go.
		rows, err = orm.Objects[LookupArticle](db).Values("headline", "author__name").All(ctx)
		want := "[map[author__name:Author 2 headline:Article 5] map[author__name:Author 2 headline:Article 6] map[author__name:Author 1 headline:Article 4] " +
			"map[author__name:Author 1 headline:Article 2] map[author__name:Author 1 headline:Article 3] map[author__name:Author 2 headline:Article 7] map[author__name:Author 1 headline:Article 1]]"
		if got := fmt.Sprint(rows); err != nil || got != want {
			t.Errorf("values(headline, author__name): %s, %v", got, err)
		}
		vl, err := orm.Objects[LookupAuthor](db).OrderBy("name", "article__headline", "article__tag__name").
			ValuesList("name", "article__headline", "article__tag__name").All(ctx)
		want = "[[Author 1 Article 1 Tag 1] [Author 1 Article 2 Tag 1] [Author 1 Article 3 Tag 1] [Author 1 Article 3 Tag 2] [Author 1 Article 4 Tag 2] " +
			"[Author 2 Article 5 Tag 2] [Author 2 Article 5 Tag 3] [Author 2 Article 6 Tag 3] [Author 2 Article 7 Tag 3]]"
		if got := fmt.Sprint(vl); err != nil || got != want {
			t.Errorf("values across relations: %s, %v", got, err)
		}
		_, err = orm.Objects[LookupArticle](db).Extra(orm.Extra{Select: map[string]orm.SQLText{"id_plus_one": "id + 1"}}).Values("id", "id_plus_two").All(ctx)
		var fe *orm.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("values(id_plus_two): %v, want a FieldError", err)
		}
		rows, err = orm.Objects[LookupArticle](db).Filter(orm.Q{"id": d.a[5].ID}).Values().All(ctx)
		if err != nil || len(rows) != 1 || num(rows[0]["author_id"]) != float64(d.au2.ID) || rows[0]["headline"] != "Article 5" ||
			fmt.Sprint(rows[0]["pub_date"]) != "2005-08-01 09:00:00 +0000 UTC" || len(rows[0]) != 4 {
			t.Errorf("values(): %v, %v", rows, err)
		}
	})
}

func TestLookup_LookupTests_test_values_list(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		ctx := context.Background()
		ids := make([]any, 0, 7)
		for i := 1; i <= 7; i++ {
			ids = append(ids, d.a[i].ID)
		}
		flat, err := orm.Objects[LookupArticle](db).OrderBy("id").ValuesList("id").Flat().All(ctx)
		if got, want := fmt.Sprint(flat), fmt.Sprint(ids); err != nil || got != want {
			t.Errorf("flat ids: %s, %v; want %s", got, err, want)
		}
		// The values_list() of extra(select) names is in lookup_failing_test.go.
		if _, err := orm.Objects[LookupArticle](db).ValuesList("id", "headline").Flat().All(ctx); err == nil {
			t.Errorf("flat with two fields: no error; Django raises TypeError")
		}
	})
}

func TestLookup_LookupTests_test_escaping(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		ctx := context.Background()
		exprMust(t, db.Create(ctx, &LookupArticle{Headline: "Article_ with underscore", PubDate: time.Date(2005, 11, 20, 0, 0, 0, 0, time.UTC)}))
		arts := func() *orm.QuerySet[*LookupArticle] { return orm.Objects[LookupArticle](db) }
		if got := headlines(arts().Filter(orm.Q{"headline__startswith": "Article"})); got != "[Article_ with underscore "+lookupAll[1:] {
			t.Errorf("startswith Article: %s", got)
		}
		if got := headlines(arts().Filter(orm.Q{"headline__startswith": "Article_"})); got != "[Article_ with underscore]" {
			t.Errorf("startswith Article_: %s", got)
		}
		exprMust(t, db.Create(ctx, &LookupArticle{Headline: "Article% with percent sign", PubDate: time.Date(2005, 11, 21, 0, 0, 0, 0, time.UTC)}))
		if got := headlines(arts().Filter(orm.Q{"headline__startswith": "Article%"})); got != "[Article% with percent sign]" {
			t.Errorf("startswith Article%%: %s", got)
		}
		exprMust(t, db.Create(ctx, &LookupArticle{Headline: `Article with \ backslash`, PubDate: time.Date(2005, 11, 22, 0, 0, 0, 0, time.UTC)}))
		if got := headlines(arts().Filter(orm.Q{"headline__contains": `\`})); got != `[Article with \ backslash]` {
			t.Errorf("contains backslash: %s", got)
		}
	})
}

func TestLookup_LookupTests_test_exclude(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		ctx := context.Background()
		for i, h := range []string{"Article_ with underscore", "Article% with percent sign", `Article with \ backslash`} {
			exprMust(t, db.Create(ctx, &LookupArticle{Headline: h, PubDate: time.Date(2005, 11, 20+i, 0, 0, 0, 0, time.UTC)}))
		}
		arts := func() *orm.QuerySet[*LookupArticle] { return orm.Objects[LookupArticle](db) }
		if got := headlines(arts().Filter(orm.Q{"headline__contains": "Article"}).Exclude(orm.Q{"headline__contains": "with"})); got != lookupAll {
			t.Errorf("exclude with: %s", got)
		}
		if got, want := headlines(arts().Exclude(orm.Q{"headline__startswith": "Article_"})), `[Article with \ backslash Article% with percent sign `+lookupAll[1:]; got != want {
			t.Errorf("exclude Article_: %s", got)
		}
		if got, want := headlines(arts().Exclude(orm.Q{"headline": "Article 7"})),
			`[Article with \ backslash Article% with percent sign Article_ with underscore Article 5 Article 6 Article 4 Article 2 Article 3 Article 1]`; got != want {
			t.Errorf("exclude Article 7: %s", got)
		}
	})
}

func TestLookup_LookupTests_test_none(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		ctx := context.Background()
		arts := func() *orm.QuerySet[*LookupArticle] { return orm.Objects[LookupArticle](db) }
		for i, qs := range []*orm.QuerySet[*LookupArticle]{arts().None(), arts().None().Filter(orm.Q{"headline__startswith": "Article"}),
			arts().Filter(orm.Q{"headline__startswith": "Article"}).None()} {
			if got := headlines(qs); got != "[]" {
				t.Errorf("case %d: %s", i+1, got)
			}
		}
		if n, err := arts().None().Count(ctx); err != nil || n != 0 {
			t.Errorf("count = %d, %v", n, err)
		}
		if n, err := arts().None().Update(ctx, orm.Set{"headline": "This should not take effect"}); err != nil || n != 0 {
			t.Errorf("update = %d, %v", n, err)
		}
		for a, err := range arts().None().Iter(ctx) {
			t.Errorf("iterator gave %v, %v", a, err)
		}
	})
}

func TestLookup_LookupTests_test_in(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"id__in": []int64{}})); got != "[]" {
			t.Errorf("filter in []: %s", got)
		}
		if got := headlines(orm.Objects[LookupArticle](db).Exclude(orm.Q{"id__in": []int64{}})); got != lookupAll {
			t.Errorf("exclude in []: %s", got)
		}
	})
}

// lookupFieldError runs qs and wants a *FieldError.
func lookupFieldError[E any](t *testing.T, what string, qs *orm.QuerySet[E]) {
	t.Helper()
	_, err := qs.Count(context.Background())
	var fe *orm.FieldError
	if !errors.As(err, &fe) {
		t.Errorf("%s: %v, want a *FieldError", what, err)
	}
}

func TestLookup_LookupTests_test_error_messages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		lookupFieldError(t, "pub_date_year", orm.Objects[LookupArticle](db).Filter(orm.Q{"pub_date_year": "2005"}))
		lookupFieldError(t, "headline__starts", orm.Objects[LookupArticle](db).Filter(orm.Q{"headline__starts": "Article"}))
	})
}

func TestLookup_LookupTests_test_relation_nested_lookup_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		lookupFieldError(t, "author__editor__name", orm.Objects[LookupArticle](db).Filter(orm.Q{"author__editor__name": "James"}))
		lookupFieldError(t, "articles__foo", orm.Objects[LookupTag](db).Filter(orm.Q{"articles__foo": "bar"}))
	})
}

func TestLookup_LookupTests_test_nonfield_lookups(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		lookupFieldError(t, "headline__blahblah", orm.Objects[LookupArticle](db).Filter(orm.Q{"headline__blahblah": 99}))
		lookupFieldError(t, "headline__blahblah__exact", orm.Objects[LookupArticle](db).Filter(orm.Q{"headline__blahblah__exact": 99}))
		lookupFieldError(t, "blahblah", orm.Objects[LookupArticle](db).Filter(orm.Q{"blahblah": 99}))
	})
}

// regexArticles replaces the articles by ones with these headlines.
func regexArticles(t *testing.T, db *orm.DB, heads ...string) {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	for _, h := range heads {
		exprMust(t, db.Create(ctx, &LookupArticle{Headline: h, PubDate: now}))
	}
}

func TestLookup_LookupTests_test_regex(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		ctx := context.Background()
		_, err := orm.Objects[LookupArticle](db).Delete(ctx)
		exprMust(t, err)
		regexArticles(t, db, "f", "fo", "foo", "fooo", "hey-Foo", "bar", "AbBa", "baz", "baxZ")
		check := func(lookup, pattern, want string) {
			t.Helper()
			if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"headline__" + lookup: pattern}).OrderBy("headline")); got != want {
				t.Errorf("%s %q: %s, want %s", lookup, pattern, got, want)
			}
		}
		check("regex", "fo*", "[f fo foo fooo]")
		check("iregex", "fo*", "[f fo foo fooo hey-Foo]")
		check("regex", "fo+", "[fo foo fooo]")
		check("regex", "fooo?", "[foo fooo]")
		check("regex", "^b", "[bar baxZ baz]")
		check("iregex", "^a", "[AbBa]")
		check("regex", "z$", "[baz]")
		check("iregex", "z$", "[baxZ baz]")
		check("regex", "ba[rz]", "[bar baz]")
		check("regex", "ba.[RxZ]", "[baxZ]")
		check("iregex", "ba[RxZ]", "[bar baxZ baz]")
		regexArticles(t, db, "foobar", "foobaz", "ooF", "foobarbaz", "zoocarfaz", "barfoobaz", "bazbaRFOO")
		check("regex", "oo(f|b)", "[barfoobaz foobar foobarbaz foobaz]")
		check("iregex", "oo(f|b)", "[barfoobaz foobar foobarbaz foobaz ooF]")
		check("regex", "^foo(f|b)", "[foobar foobarbaz foobaz]")
		check("regex", "b.*az", "[barfoobaz baz bazbaRFOO foobarbaz foobaz]")
		check("iregex", "b.*ar", "[bar barfoobaz bazbaRFOO foobar foobarbaz]")
	})
}

func TestLookup_LookupTests_test_regex_null(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		lookupTables(t, db)
		exprMust(t, db.Create(context.Background(), &LookupSeason{Year: 2012}))
		if n, err := orm.Objects[LookupSeason](db).Filter(orm.Q{"gt__regex": "^$"}).Count(context.Background()); err != nil || n != 0 {
			t.Errorf("got %d, %v; want 0", n, err)
		}
	})
}

func TestLookup_LookupTests_test_regex_non_string(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		lookupTables(t, db)
		exprMust(t, db.Create(context.Background(), &LookupSeason{Year: 2013, Gt: exprInt(444)}))
		rows, err := orm.Objects[LookupSeason](db).Filter(orm.Q{"gt__regex": "^444$"}).ValuesList("year").Flat().All(context.Background())
		if got := fmt.Sprint(rows); err != nil || got != "[2013]" {
			t.Errorf("got %s, %v; want [2013]", got, err)
		}
	})
}

func TestLookup_LookupTests_test_regex_non_ascii(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		lookupTables(t, db)
		ctx := context.Background()
		exprMust(t, db.Create(ctx, &LookupPlayer{Name: "\u2660"}))
		if _, err := orm.Objects[LookupPlayer](db).Get(ctx, orm.Q{"name__regex": "\u2660"}); err != nil {
			t.Errorf("get: %v", err)
		}
	})
}

func TestLookup_LookupTests_test_lookup_collision(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		lookupTables(t, db)
		ctx := context.Background()
		season := func(year int16, gt int, aways ...string) {
			s := &LookupSeason{Year: year, Gt: exprInt(gt)}
			exprMust(t, db.Create(ctx, s))
			for _, a := range aways {
				exprMust(t, db.Create(ctx, &LookupGame{Season: orm.Ref(s), Home: "Houston Astros", Away: a}))
			}
		}
		season(2009, 111, "St. Louis Cardinals")
		season(2010, 222, "Chicago Cubs", "Milwaukee Brewers", "St. Louis Cardinals")
		season(2011, 333, "St. Louis Cardinals", "Milwaukee Brewers")
		player := func(name string, years ...int) {
			p := &LookupPlayer{Name: name}
			exprMust(t, db.Create(ctx, p))
			games, err := orm.Objects[LookupGame](db).Filter(orm.Q{"season__year__in": years}).All(ctx)
			exprMust(t, err)
			exprMust(t, orm.Related[LookupGame](p, "games").Set(ctx, games...))
		}
		player("Hunter Pence", 2009, 2010)
		player("Ivan Rodriquez", 2009)
		player("Pedro Feliz", 2011)
		player("Johnson", 2011)
		games := []struct {
			q    orm.Q
			want int64
		}{
			{orm.Q{"season__year": 2010}, 3}, {orm.Q{"season__year__exact": 2010}, 3}, {orm.Q{"season__gt": 222}, 3}, {orm.Q{"season__gt__exact": 222}, 3},
			{orm.Q{"season__year": 2011}, 2}, {orm.Q{"season__year__exact": 2011}, 2}, {orm.Q{"season__gt": 333}, 2}, {orm.Q{"season__gt__exact": 333}, 2},
			{orm.Q{"season__year__gt": 2010}, 2}, {orm.Q{"season__gt__gt": 222}, 2},
			{orm.Q{"season__year__in": []int{2010, 2011}}, 5}, {orm.Q{"season__year__gt": 2009}, 5}, {orm.Q{"season__gt__in": []int{222, 333}}, 5}, {orm.Q{"season__gt__gt": 111}, 5},
		}
		for _, c := range games {
			if n, err := orm.Objects[LookupGame](db).Filter(c.q).Count(ctx); err != nil || n != c.want {
				t.Errorf("games %v: %d, %v; want %d", c.q, n, err, c.want)
			}
		}
		players := []struct {
			q    orm.Q
			want int64
		}{
			{orm.Q{"games__season__year": 2009}, 2}, {orm.Q{"games__season__year__exact": 2009}, 2}, {orm.Q{"games__season__gt": 111}, 2}, {orm.Q{"games__season__gt__exact": 111}, 2},
			{orm.Q{"games__season__year": 2010}, 1}, {orm.Q{"games__season__year__exact": 2010}, 1}, {orm.Q{"games__season__gt": 222}, 1}, {orm.Q{"games__season__gt__exact": 222}, 1},
			{orm.Q{"games__season__year": 2011}, 2}, {orm.Q{"games__season__year__exact": 2011}, 2}, {orm.Q{"games__season__gt": 333}, 2},
			{orm.Q{"games__season__year__gt": 2010}, 2}, {orm.Q{"games__season__gt__gt": 222}, 2},
		}
		for _, c := range players {
			if n, err := orm.Objects[LookupPlayer](db).Filter(c.q).Distinct().Count(ctx); err != nil || n != c.want {
				t.Errorf("players %v: %d, %v; want %d", c.q, n, err, c.want)
			}
		}
	})
}

func TestLookup_LookupTests_test_chain_date_time_lookups(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		check := func(q orm.Q, want string) {
			t.Helper()
			if got := headlines(orm.Objects[LookupArticle](db).Filter(q).OrderBy("headline")); got != want {
				t.Errorf("%v: %s, want %s", q, got, want)
			}
		}
		check(orm.Q{"pub_date__month__gt": 7}, "[Article 5 Article 6]")
		check(orm.Q{"pub_date__day__gte": 27}, "[Article 2 Article 3 Article 4 Article 7]")
		check(orm.Q{"pub_date__hour__lt": 8}, "[Article 1 Article 2 Article 3 Article 4 Article 7]")
		check(orm.Q{"pub_date__minute__lte": 0}, "[Article 1 Article 2 Article 3 Article 4 Article 5 Article 6 Article 7]")
	})
}
