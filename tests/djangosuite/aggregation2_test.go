package djangosuite

import (
	"context"
	"fmt"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// More of Django's tests/aggregation/tests.py, AggregateTestCase.

func names[T any](t *testing.T, qs *orm.QuerySet[*T]) string {
	t.Helper()
	rows, err := qs.ValuesList("name").Flat().All(context.Background())
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(rows)
}

func TestAggregation_AggregateTestCase_test_count(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		if v := aggregate(t, orm.Objects[AggBook](db), orm.Count("rating"))["rating__count"]; v != int64(6) {
			t.Errorf("rating__count = %v, want 6", v)
		}
		if v := aggregate(t, orm.Objects[AggBook](db), orm.Count("rating").Distinct())["rating__count"]; v != int64(4) {
			t.Errorf("distinct rating__count = %v, want 4", v)
		}
	})
}

func TestAggregation_AggregateTestCase_test_non_grouped_annotation_not_in_group_by(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		rows, err := orm.Objects[AggBook](db).Annotate(orm.As("xprice", orm.F("price"))).Filter(orm.Q{"rating": 4.0}).
			Values("rating").Annotate(orm.As("count", orm.Count("publisher_id").Distinct())).Values("count", "rating").
			OrderBy("count").All(context.Background())
		if got := fmt.Sprint(rows); err != nil || got != "[map[count:2 rating:4]]" {
			t.Errorf("%s, %v; want [map[count:2 rating:4]]", got, err)
		}
	})
}

func TestAggregation_AggregateTestCase_test_grouped_annotation_in_group_by(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		rows, err := orm.Objects[AggBook](db).Annotate(orm.As("xprice", orm.F("price"))).Filter(orm.Q{"rating": 4.0}).
			Values("rating", "xprice").Annotate(orm.As("count", orm.Count("publisher_id").Distinct())).Values("count", "rating").
			OrderBy("count").All(context.Background())
		if got := fmt.Sprint(rows); err != nil || got != "[map[count:1 rating:4] map[count:2 rating:4]]" {
			t.Errorf("%s, %v; want two groups", got, err)
		}
	})
}

func TestAggregation_AggregateTestCase_test_annotate_ordering(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[AggBook](db).Values("rating").Annotate(orm.As("oldest", orm.Max("authors__age"))).
			OrderBy("oldest", "rating").ValuesList("rating", "oldest").All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[[4.5 35] [3 45] [4 57] [5 57]]" {
			t.Errorf("ascending: %s, %v", got, err)
		}
		rows, err = orm.Objects[AggBook](db).Values("rating").Annotate(orm.As("oldest", orm.Max("authors__age"))).
			OrderBy("-oldest", "-rating").ValuesList("rating", "oldest").All(ctx)
		if got := fmt.Sprint(rows); err != nil || got != "[[5 57] [4 57] [3 45] [4.5 35]]" {
			t.Errorf("descending: %s, %v", got, err)
		}
	})
}

func TestAggregation_AggregateTestCase_test_aggregate_annotation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		row := aggregate(t, orm.Objects[AggBook](db).Annotate(orm.As("num_authors", orm.Count("authors__id"))), orm.Avg("num_authors"))
		near(t, "num_authors__avg", row["num_authors__avg"], 1.66, 1)
	})
}

func TestAggregation_AggregateTestCase_test_sum_distinct_aggregate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		ctx := context.Background()
		d := loadIDs(t, db)
		authors := orm.Objects[AggAuthor](db).Filter(orm.Q{"book__in": []any{d[5], d[6]}})
		if n, err := authors.Count(ctx); err != nil || n != 3 {
			t.Errorf("authors of books 5 and 6: %d, %v; want 3", n, err)
		}
		if n, err := authors.Distinct().Count(ctx); err != nil || n != 2 {
			t.Errorf("distinct: %d, %v; want 2", n, err)
		}
		if v := aggregate(t, authors.Distinct(), orm.Sum("age"))["age__sum"]; num(v) != 103 {
			t.Errorf("age__sum = %v, want 103", v)
		}
	})
}

// loadIDs returns the keys of the books in setUpTestData's order (b1 at 1).
func loadIDs(t *testing.T, db *orm.DB) map[int]int64 {
	t.Helper()
	ids, err := orm.Objects[AggBook](db).OrderBy("id").ValuesList("id").Flat().All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]int64{}
	for i, id := range ids {
		out[i+1] = id.(int64)
	}
	return out
}

func TestAggregation_AggregateTestCase_test_annotation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadAggregation(t, db)
		if v := aggregate(t, orm.Objects[AggAuthor](db).Filter(orm.Q{"pk": d.a[1].ID}), orm.Count("friends__id"))["friends__id__count"]; v != int64(2) {
			t.Errorf("friends__id__count = %v, want 2", v)
		}
		checks := []struct {
			got, want string
		}{
			{names(t, orm.Objects[AggBook](db).Annotate(orm.As("num_authors", orm.Count("authors__name"))).Filter(orm.Q{"num_authors__exact": 2}).OrderBy("pk")),
				"[The Definitive Guide to Django: Web Development Done Right Artificial Intelligence: A Modern Approach]"},
			{names(t, orm.Objects[AggAuthor](db).Annotate(orm.As("num_friends", orm.Count("friends__id").Distinct())).Filter(orm.Q{"num_friends": 0}).OrderBy("pk")),
				"[Brad Dayley]"},
			{names(t, orm.Objects[AggPublisher](db).Annotate(orm.As("num_books", orm.Count("book__id"))).Filter(orm.Q{"num_books__gt": 1}).OrderBy("pk")),
				"[Apress Prentice Hall]"},
			{names(t, orm.Objects[AggPublisher](db).Filter(orm.Q{"book__price__lt": 40}).Annotate(orm.As("num_books", orm.Count("book__id"))).Filter(orm.Q{"num_books__gt": 1})),
				"[Apress]"},
			{names(t, orm.Objects[AggBook](db).Annotate(orm.As("num_authors", orm.Count("authors__id"))).Filter(orm.Q{"authors__name__contains": "Norvig", "num_authors__gt": 1})),
				"[Artificial Intelligence: A Modern Approach]"},
		}
		for i, c := range checks {
			if c.got != c.want {
				t.Errorf("query %d: %s, want %s", i+1, c.got, c.want)
			}
		}
	})
}

func TestAggregation_AggregateTestCase_test_even_more_aggregate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		rows, err := orm.Objects[AggPublisher](db).Annotate(orm.As("earliest_book", orm.Min("book__pubdate"))).
			Exclude(orm.Q{"earliest_book": nil}).OrderBy("earliest_book").ValuesList("name", "num_awards").All(context.Background())
		if got := fmt.Sprint(rows); err != nil || got != "[[Morgan Kaufmann 9] [Prentice Hall 7] [Apress 3] [Sams 1]]" {
			t.Errorf("publishers by earliest book: %s, %v", got, err)
		}
		row := aggregate(t, orm.Objects[AggStore](db), orm.Max("friday_night_closing"), orm.Min("original_opening"))
		if fmt.Sprint(row["friday_night_closing__max"]) != "0000-01-01 23:59:59 +0000 UTC" ||
			fmt.Sprint(row["original_opening__min"]) != "1945-04-25 16:24:14 +0000 UTC" {
			t.Errorf("store times: %v", row)
		}
	})
}

func TestAggregation_AggregateTestCase_test_values_aggregation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		if v := aggregate(t, orm.Objects[AggBook](db).Values("rating"), orm.As("max_rating", orm.Max("rating")))["max_rating"]; num(v) != 5 {
			t.Errorf("max_rating = %v, want 5", v)
		}
		row := aggregate(t, orm.Objects[AggBook](db).Values("rating").Annotate(orm.As("books_per_rating", orm.Count("id"))), orm.Max("books_per_rating"))
		if num(row["books_per_rating__max"]) != 3 {
			t.Errorf("books_per_rating__max = %v, want 3", row["books_per_rating__max"])
		}
	})
}

func TestAggregation_AggregateTestCase_test_ticket12886(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		row := aggregate(t, orm.Objects[AggBook](db).OrderBy("-rating").Slice(0, 3), orm.As("average_top3_rating", orm.Avg("rating")))
		near(t, "average_top3_rating", row["average_top3_rating"], 4.5, 2)
	})
}
