package djangosuite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/aggregation/tests.py, AggregateTestCase.

func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	case interface{ InexactFloat64() float64 }:
		return x.InexactFloat64()
	}
	return math.NaN()
}

func near(t *testing.T, what string, got any, want float64, places int) {
	t.Helper()
	if math.Abs(num(got)-want) > 0.5*math.Pow(10, -float64(places)) {
		t.Errorf("%s = %v, want %v (to %d places)", what, got, want, places)
	}
}

func aggregate[E any](t *testing.T, qs *orm.QuerySet[E], exprs ...orm.Expression) orm.Row {
	t.Helper()
	row, err := qs.Aggregate(context.Background(), exprs...)
	if err != nil {
		t.Fatal(err)
	}
	return row
}

func TestAggregation_AggregateTestCase_test_single_aggregate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		near(t, "age__avg", aggregate(t, orm.Objects[AggAuthor](db), orm.Avg("age"))["age__avg"], 37.4, 1)
	})
}

func TestAggregation_AggregateTestCase_test_multiple_aggregates(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		row := aggregate(t, orm.Objects[AggAuthor](db), orm.Sum("age"), orm.Avg("age"))
		if num(row["age__sum"]) != 337 {
			t.Errorf("age__sum = %v, want 337", row["age__sum"])
		}
		near(t, "age__avg", row["age__avg"], 37.4, 1)
	})
}

func TestAggregation_AggregateTestCase_test_filter_aggregate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		row := aggregate(t, orm.Objects[AggAuthor](db).Filter(orm.Q{"age__gt": 29}), orm.Sum("age"))
		if len(row) != 1 || num(row["age__sum"]) != 254 {
			t.Errorf("%v, want age__sum 254", row)
		}
	})
}

func TestAggregation_AggregateTestCase_test_related_aggregate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		near(t, "friends__age__avg", aggregate(t, orm.Objects[AggAuthor](db), orm.Avg("friends__age"))["friends__age__avg"], 34.07, 2)
		near(t, "authors__age__avg", aggregate(t, orm.Objects[AggBook](db).Filter(orm.Q{"rating__lt": 4.5}), orm.Avg("authors__age"))["authors__age__avg"], 38.2857, 2)
		near(t, "book__rating__avg", aggregate(t, orm.Objects[AggAuthor](db).Filter(orm.Q{"name__contains": "a"}), orm.Avg("book__rating"))["book__rating__avg"], 4.0, 6)
		if v := aggregate(t, orm.Objects[AggBook](db), orm.Sum("publisher__num_awards"))["publisher__num_awards__sum"]; num(v) != 30 {
			t.Errorf("publisher__num_awards__sum = %v, want 30", v)
		}
		if v := aggregate(t, orm.Objects[AggPublisher](db), orm.Sum("book__price"))["book__price__sum"]; fmt.Sprint(v) != "270.27" {
			t.Errorf("book__price__sum = %v, want 270.27", v)
		}
	})
}

func TestAggregation_AggregateTestCase_test_aggregate_multi_join(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		if v := aggregate(t, orm.Objects[AggStore](db), orm.Max("books__authors__age"))["books__authors__age__max"]; num(v) != 57 {
			t.Errorf("books__authors__age__max = %v, want 57", v)
		}
		if v := aggregate(t, orm.Objects[AggAuthor](db), orm.Min("book__publisher__num_awards"))["book__publisher__num_awards__min"]; num(v) != 1 {
			t.Errorf("book__publisher__num_awards__min = %v, want 1", v)
		}
	})
}

func TestAggregation_AggregateTestCase_test_aggregate_alias(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		row := aggregate(t, orm.Objects[AggStore](db).Filter(orm.Q{"name": "Amazon.com"}), orm.As("amazon_mean", orm.Avg("books__rating")))
		near(t, "amazon_mean", row["amazon_mean"], 4.08, 2)
	})
}

func TestAggregation_AggregateTestCase_test_aggregate_in_order_by(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		_, err := orm.Objects[AggAuthor](db).Values("age").OrderBy(orm.Avg("book__rating")).All(context.Background())
		if !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("an aggregate in OrderBy: %v, want a refusal", err)
		}
	})
}

// pairs writes (name, value) rows of a ValuesList, floats to one place;
// an error is written instead, so the comparison shows it.
func pairs(rows [][]any, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	out := ""
	for _, r := range rows {
		v := r[1]
		if f, ok := v.(float64); ok {
			v = math.Round(f*10) / 10
		}
		out += fmt.Sprintf("(%v, %v) ", r[0], v)
	}
	return out
}

func TestAggregation_AggregateTestCase_test_annotate_m2m(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		ctx := context.Background()
		got := pairs(orm.Objects[AggBook](db).Filter(orm.Q{"rating__lt": 4.5}).Annotate(orm.Avg("authors__age")).
			OrderBy("name").ValuesList("name", "authors__age__avg").All(ctx))
		want := "(Artificial Intelligence: A Modern Approach, 51.5) (Practical Django Projects, 29) " +
			"(Python Web Development with Django, 30.3) (Sams Teach Yourself Django in 24 Hours, 45) "
		if got != want {
			t.Errorf("mean author ages:\n got %s\nwant %s", got, want)
		}
		got = pairs(orm.Objects[AggBook](db).Annotate(orm.As("num_authors", orm.Count("authors"))).
			OrderBy("name").ValuesList("name", "num_authors").All(ctx))
		want = "(Artificial Intelligence: A Modern Approach, 2) (Paradigms of Artificial Intelligence Programming: Case Studies in Common Lisp, 1) " +
			"(Practical Django Projects, 1) (Python Web Development with Django, 3) (Sams Teach Yourself Django in 24 Hours, 1) " +
			"(The Definitive Guide to Django: Web Development Done Right, 2) "
		if got != want {
			t.Errorf("author counts:\n got %s\nwant %s", got, want)
		}
	})
}

func TestAggregation_AggregateTestCase_test_backwards_m2m_annotate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		ctx := context.Background()
		got := pairs(orm.Objects[AggAuthor](db).Filter(orm.Q{"name__contains": "a"}).Annotate(orm.Avg("book__rating")).
			OrderBy("name").ValuesList("name", "book__rating__avg").All(ctx))
		want := "(Adrian Holovaty, 4.5) (Brad Dayley, 3) (Jacob Kaplan-Moss, 4.5) (James Bennett, 4) (Paul Bissex, 4) (Stuart Russell, 4) "
		if got != want {
			t.Errorf("mean ratings:\n got %s\nwant %s", got, want)
		}
		got = pairs(orm.Objects[AggAuthor](db).Annotate(orm.As("num_books", orm.Count("book"))).
			OrderBy("name").ValuesList("name", "num_books").All(ctx))
		want = "(Adrian Holovaty, 1) (Brad Dayley, 1) (Jacob Kaplan-Moss, 1) (James Bennett, 1) (Jeffrey Forcier, 1) " +
			"(Paul Bissex, 1) (Peter Norvig, 2) (Stuart Russell, 1) (Wesley J. Chun, 1) "
		if got != want {
			t.Errorf("book counts:\n got %s\nwant %s", got, want)
		}
	})
}

func TestAggregation_AggregateTestCase_test_reverse_fkey_annotate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadAggregation(t, db)
		ctx := context.Background()
		got := pairs(orm.Objects[AggBook](db).Annotate(orm.Sum("publisher__num_awards")).
			OrderBy("name").ValuesList("name", "publisher__num_awards__sum").All(ctx))
		want := "(Artificial Intelligence: A Modern Approach, 7) (Paradigms of Artificial Intelligence Programming: Case Studies in Common Lisp, 9) " +
			"(Practical Django Projects, 3) (Python Web Development with Django, 7) (Sams Teach Yourself Django in 24 Hours, 1) " +
			"(The Definitive Guide to Django: Web Development Done Right, 3) "
		if got != want {
			t.Errorf("publisher awards:\n got %s\nwant %s", got, want)
		}
		got = pairs(orm.Objects[AggPublisher](db).Annotate(orm.Sum("book__price")).
			OrderBy("name").ValuesList("name", "book__price__sum").All(ctx))
		want = "(Apress, 59.69) (Jonno's House of Books, <nil>) (Morgan Kaufmann, 75) (Prentice Hall, 112.49) (Sams, 23.09) "
		if got != want {
			t.Errorf("publisher prices:\n got %s\nwant %s", got, want)
		}
	})
}
