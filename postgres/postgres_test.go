package postgres_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/postgres"
)

func TestMain(m *testing.M) { testkit.Main(m, "pgcontrib") }

// Article is the model of the contrib tests (Django's postgres_tests use
// similar ones).
type Article struct {
	orm.Model
	Title  string `orm:"max_length=100"`
	Body   string `orm:"type=text"`
	Author string `orm:"max_length=50"`
	Score  int
	Draft  bool
}

func init() { orm.MustRegister(&Article{}) }

func load(t *testing.T, db *orm.DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.DropTables(ctx, &Article{}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTables(ctx, &Article{}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []*Article{
		{Title: "Django and Go", Body: "The ORM queries compose like a river of filters", Author: "ann", Score: 5},
		{Title: "Rivers of Norway", Body: "Cold water flows quickly through the valleys", Author: "bob", Score: 3, Draft: true},
		{Title: "Go concurrency", Body: "Goroutines and channels make servers simple", Author: "ann", Score: 6},
		{Title: "Crème brûlée", Body: "A dessert with burnt sugar", Author: "cid", Score: 1},
	} {
		if err := db.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAggregates(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		load(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[Article](db).Values("author").OrderBy("author").Annotate(
			orm.As("titles", postgres.ArrayAgg("title", postgres.Ordering("-score"))),
			orm.As("joined", postgres.StringAgg("title", "; ", postgres.Ordering("title"))),
			orm.As("all_final", postgres.BoolAnd(orm.Not(orm.Q{"draft": true}))),
			orm.As("any_draft", postgres.BoolOr("draft")),
			orm.As("bits", postgres.BitOr("score")),
			orm.As("scores", postgres.JSONBAgg("score", postgres.Ordering("score"))),
		).All(ctx)
		if db.Dialect().Name() != "postgresql" {
			var ns *orm.NotSupportedError
			if !errors.As(err, &ns) {
				t.Fatalf("want NotSupportedError off PostgreSQL, got %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		want := []orm.Row{
			{"author": "ann", "titles": []any{"Go concurrency", "Django and Go"}, "joined": "Django and Go; Go concurrency",
				"all_final": true, "any_draft": false, "bits": int64(5 | 6), "scores": []any{float64(5), float64(6)}},
			{"author": "bob", "titles": []any{"Rivers of Norway"}, "joined": "Rivers of Norway",
				"all_final": false, "any_draft": true, "bits": int64(3), "scores": []any{float64(3)}},
			{"author": "cid", "titles": []any{"Crème brûlée"}, "joined": "Crème brûlée",
				"all_final": true, "any_draft": false, "bits": int64(1), "scores": []any{float64(1)}},
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("got  %v\nwant %v", rows, want)
		}
		// Filter and Distinct on an ordered aggregate; Default over no rows.
		agg, err := orm.Objects[Article](db).Aggregate(ctx,
			orm.As("authors", postgres.ArrayAgg("author", postgres.Ordering("author")).Distinct().Filter(orm.Q{"score__gt": 2})),
			orm.As("none", postgres.StringAgg("title", ",").Filter(orm.Q{"score__gt": 100}).Default("-")),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(agg["authors"], []any{"ann", "bob"}) || agg["none"] != "-" {
			t.Errorf("aggregate: %v", agg)
		}
	})
}

func TestSearch(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		load(t, db)
		ctx := context.Background()
		ids := func(qs *orm.QuerySet[*Article]) ([]string, error) {
			rows, err := qs.OrderBy("id").ValuesList("title").Flat().All(ctx)
			out := make([]string, len(rows))
			for i, r := range rows {
				out[i] = r.(string)
			}
			return out, err
		}
		vector := postgres.SearchVector([]any{"title", "body"}, postgres.Config("english"))
		cases := []struct {
			name string
			qs   *orm.QuerySet[*Article]
			want []string
		}{
			{"search lookup", orm.Objects[Article](db).Filter(orm.Q{"body__search": "river"}), []string{"Django and Go"}},
			{"vector matches a stemmed query", orm.Objects[Article](db).Filter(postgres.Matches(vector, postgres.SearchQuery("rivers", postgres.Config("english")))),
				[]string{"Django and Go", "Rivers of Norway"}},
			{"phrase", orm.Objects[Article](db).Filter(postgres.Matches(vector, postgres.SearchQuery("burnt sugar", postgres.SearchType("phrase")))),
				[]string{"Crème brûlée"}},
			{"websearch with a negation", orm.Objects[Article](db).Filter(postgres.Matches(vector,
				postgres.SearchQuery("go -goroutines", postgres.SearchType("websearch"), postgres.Config("english")))),
				[]string{"Django and Go"}},
		}
		for _, c := range cases {
			got, err := ids(c.qs)
			if db.Dialect().Name() != "postgresql" {
				var ns *orm.NotSupportedError
				if !errors.As(err, &ns) {
					t.Errorf("%s: want NotSupportedError off PostgreSQL, got %v", c.name, err)
				}
				continue
			}
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
			}
		}
		if db.Dialect().Name() != "postgresql" {
			return
		}
		ranked, err := orm.Objects[Article](db).
			Annotate(orm.As("rank", postgres.SearchRank(postgres.SearchVector([]any{"title"}, postgres.Weight("A")), postgres.SearchQuery("go")))).
			Filter(orm.Q{"rank__gt": 0}).OrderBy("-rank", "id").ValuesList("title").Flat().All(ctx)
		if err != nil || len(ranked) != 2 {
			t.Errorf("ranked: %v, %v", ranked, err)
		}
		for _, bad := range []*orm.Expr{
			postgres.SearchQuery("x", postgres.SearchType("fuzzy")),
			postgres.SearchQuery("x", postgres.Config("english'; DROP TABLE article; --")),
			postgres.SearchVector(nil),
			postgres.SearchVector([]any{"title"}, postgres.Weight("E")),
		} {
			if _, err := orm.Objects[Article](db).Annotate(orm.As("x", bad)).All(ctx); !errors.Is(err, orm.ErrInvalidQuery) {
				t.Errorf("want ErrInvalidQuery, got %v", err)
			}
		}
	})
}

func TestTrigramAndUnaccent(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		load(t, db)
		ctx := context.Background()
		if db.Dialect().Name() != "postgresql" {
			_, err := orm.Objects[Article](db).Filter(orm.Q{"title__trigram_similar": "x"}).All(ctx)
			var ns *orm.NotSupportedError
			if !errors.As(err, &ns) {
				t.Errorf("want NotSupportedError off PostgreSQL, got %v", err)
			}
			return
		}
		// Each driver's test schema is its own search path: (re)install the
		// extensions there (an extension lives in one schema per database).
		for _, ext := range []string{"pg_trgm", "unaccent"} {
			for _, stmt := range []string{"DROP EXTENSION IF EXISTS " + ext + " CASCADE", "CREATE EXTENSION " + ext} {
				if _, err := db.Exec(ctx, orm.SQLText(stmt)); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
		}
		got, err := orm.Objects[Article](db).Filter(orm.Q{"title__trigram_similar": "Rivers of Norwy"}).ValuesList("title").Flat().All(ctx)
		if err != nil || !reflect.DeepEqual(got, []any{"Rivers of Norway"}) {
			t.Errorf("trigram_similar: %v, %v", got, err)
		}
		rows, err := orm.Objects[Article](db).Annotate(
			orm.As("sim", postgres.TrigramSimilarity("title", "Go concurency")),
			orm.As("dist", postgres.TrigramDistance("title", "Go concurency")),
			orm.As("word", postgres.TrigramWordSimilarity("body", "chanels")),
		).OrderBy("-sim").Values("title", "sim", "dist", "word").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0]["title"] != "Go concurrency" || rows[0]["sim"].(float64) < 0.5 ||
			rows[0]["sim"].(float64)+rows[0]["dist"].(float64) < 0.999 || rows[0]["word"].(float64) < 0.5 {
			t.Errorf("similarities: %v", rows[0])
		}
		got, err = orm.Objects[Article](db).Filter(orm.Q{"title__unaccent__icontains": "creme brulee"}).ValuesList("title").Flat().All(ctx)
		if err != nil || !reflect.DeepEqual(got, []any{"Crème brûlée"}) {
			t.Errorf("unaccent: %v, %v", got, err)
		}
	})
}
