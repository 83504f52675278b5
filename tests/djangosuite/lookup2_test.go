package djangosuite

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// More of Django's tests/lookup/tests.py, LookupTests (cases of its 3.2
// version).

func TestLookup_LookupTests_test_count_date_string(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		// The last assertion of test_count: date and date/time lookups can
		// also be done with strings.
		n, err := orm.Objects[LookupArticle](db).Filter(orm.Q{"pub_date__exact": "2005-07-27 00:00:00"}).Count(context.Background())
		if err != nil || n != 3 {
			t.Errorf("count = %d, %v; want 3", n, err)
		}
	})
}

func TestLookup_LookupTests_test_lookup_date_as_str(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if d := db.DriverName(); d == "postgres" || d == "pgx" {
			t.Skip("Django: skipUnlessDBFeature('supports_date_lookup_using_string')")
		}
		loadLookup(t, db)
		if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"pub_date__startswith": "2005"})); got != lookupAll {
			t.Errorf("got %s", got)
		}
	})
}

func TestLookup_LookupTests_test_in_ignore_none(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"id__in": []any{nil, d.a[1].ID}})); got != "[Article 1]" {
			t.Errorf("got %s, want [Article 1]", got)
		}
	})
}

func TestLookup_LookupTests_test_in_ignore_solo_none(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"id__in": []any{nil}})); got != "[]" {
			t.Errorf("got %s, want []", got)
		}
	})
}

func TestLookup_LookupTests_test_exact_sliced_queryset_limit_one(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		qs := orm.Objects[LookupArticle](db).Filter(orm.Q{"author": orm.Objects[LookupAuthor](db).Slice(0, 1)}).OrderBy("headline")
		if got := headlines(qs); got != "[Article 1 Article 2 Article 3 Article 4]" {
			t.Errorf("got %s", got)
		}
	})
}

func TestLookup_LookupTests_test_exact_sliced_queryset_limit_one_offset(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		qs := orm.Objects[LookupArticle](db).Filter(orm.Q{"author": orm.Objects[LookupAuthor](db).Slice(1, 2)}).OrderBy("headline")
		if got := headlines(qs); got != "[Article 5 Article 6 Article 7]" {
			t.Errorf("got %s", got)
		}
	})
}

func TestLookup_LookupTests_test_exact_sliced_queryset_not_limited_to_one(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		for _, qs := range []*orm.QuerySet[*LookupAuthor]{orm.Objects[LookupAuthor](db).Slice(0, 2), orm.Objects[LookupAuthor](db)} {
			if _, err := orm.Objects[LookupArticle](db).Filter(orm.Q{"author": qs}).All(context.Background()); err == nil {
				t.Errorf("an exact lookup on a QuerySet of more than one row: no error; Django raises ValueError")
			}
		}
	})
}

func TestLookup_LookupTests_test_exact_exists(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		lookupTables(t, db)
		ctx := context.Background()
		for _, y := range []int16{2011, 2012} {
			exprMust(t, db.Create(ctx, &LookupSeason{Year: y}))
		}
		qs := orm.Objects[LookupArticle](db).Filter(orm.Q{"pk": orm.OuterRef("pk")})
		n, err := orm.Objects[LookupSeason](db).Annotate(orm.As("pk_exists", orm.Exists(qs))).Filter(orm.Q{"pk_exists": orm.Exists(qs)}).Count(ctx)
		if err != nil || n != 2 {
			t.Errorf("count = %d, %v; want 2", n, err)
		}
	})
}

func TestLookup_LookupTests_test_nested_outerref_lhs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		lookupTables(t, db)
		ctx := context.Background()
		tag := &LookupTag{Name: "The Author"}
		exprMust(t, db.Create(ctx, tag))
		au := &LookupAuthor{Name: "The Author"}
		exprMust(t, db.Create(ctx, au))
		art := &LookupArticle{Headline: "Article", PubDate: lookupDay(2005, 7, 26), Author: orm.Ref(au)}
		exprMust(t, db.Create(ctx, art))
		exprMust(t, orm.Related[LookupArticle](tag, "articles").Add(ctx, art))
		qs := orm.Objects[LookupTag](db).Annotate(orm.As("has_author_alias_match", orm.Exists(
			orm.Objects[LookupArticle](db).Annotate(orm.As("author_exists", orm.Exists(
				orm.Objects[LookupAuthor](db).Filter(orm.Q{"name": orm.OuterRef(orm.OuterRef("name"))}).Values("name")))).
				Filter(orm.Q{"author_exists": true})))).
			Filter(orm.Q{"has_author_alias_match": true})
		rows, err := qs.ValuesList("name").Flat().All(ctx)
		if err != nil || len(rows) != 1 || rows[0] != "The Author" {
			t.Errorf("got %v, %v; want [The Author]", rows, err)
		}
	})
}

// Values reads Extra(Select) names, as Django's values() does.
func TestLookup_LookupTests_test_values_extra_select(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[LookupArticle](db).Extra(orm.Extra{Select: map[string]orm.SQLText{"id_plus_one": "id + 1"}}).Values("id", "id_plus_one").All(ctx)
		if err != nil || len(rows) != 7 {
			t.Fatalf("values(id, id_plus_one): %v, %v", rows, err)
		}
		for _, r := range rows {
			if num(r["id_plus_one"]) != num(r["id"])+1 {
				t.Errorf("extra: %v", r)
			}
		}
		data := map[string]orm.SQLText{"id_plus_one": "id+1", "id_plus_two": "id+2", "id_plus_three": "id+3", "id_plus_four": "id+4"}
		row, err := orm.Objects[LookupArticle](db).Filter(orm.Q{"id": d.a[1].ID}).Extra(orm.Extra{Select: data}).
			Values("id_plus_one", "id_plus_two", "id_plus_three", "id_plus_four").Get(ctx)
		if err != nil || num(row["id_plus_four"]) != float64(d.a[1].ID+4) {
			t.Errorf("four extra names: %v, %v", row, err)
		}
	})
}

// ValuesList reads Extra(Select) names in the order named.
func TestLookup_LookupTests_test_values_list_extra_select(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[LookupArticle](db).Extra(orm.Extra{Select: map[string]orm.SQLText{"id_plus_one": "id+1"}}).OrderBy("id").
			ValuesList("id_plus_one", "id").All(ctx)
		if err != nil || len(rows) != 7 {
			t.Fatalf("values_list(id_plus_one, id): %v, %v", rows, err)
		}
		for i, r := range rows {
			if num(r[0]) != float64(d.a[i+1].ID+1) || num(r[1]) != float64(d.a[i+1].ID) {
				t.Errorf("row %d: %v", i, r)
			}
		}
	})
}

// Backreferences on every backend, SQLite's REGEXP included (a
// backtracking engine where RE2 cannot take the pattern).
func TestLookup_LookupTests_test_regex_backreferencing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		regexArticles(t, db, "foobar", "foobaz", "ooF", "foobarbaz", "zoocarfaz", "barfoobaz", "bazbaRFOO")
		if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"headline__regex": `b(.).*b\1`}).OrderBy("headline")); got != "[barfoobaz bazbaRFOO foobarbaz]" {
			t.Errorf("got %s", got)
		}
	})
}
