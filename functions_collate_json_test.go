package orm_test

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Collate changes how a column compares: a case-insensitive collation
// matches other cases (SQLite NOCASE, MariaDB utf8mb4_general_ci);
// PostgreSQL's "C" orders by bytes.
func TestCollate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		if db.Dialect().Name() == "postgresql" {
			got, err := orm.Objects[Book](db).OrderBy(functions.Collate("title", "C").Asc()).ValuesList("title").Flat().All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var titles, want []string
			for _, v := range got {
				titles = append(titles, v.(string))
			}
			want = append(want, titles...)
			sort.Strings(want) // Go compares bytes, as the C collation
			if !reflect.DeepEqual(titles, want) {
				t.Errorf("ORDER BY title COLLATE \"C\": %q, want %q", titles, want)
			}
			return
		}
		collation := map[string]string{"sqlite": "NOCASE", "mariadb": "utf8mb4_general_ci", "mysql": "utf8mb4_general_ci"}[db.Dialect().Name()]
		n, err := orm.Objects[Book](db).Annotate(orm.As("t", functions.Collate("title", collation))).
			Filter(orm.Q{"t": "GO CONCURRENCY"}).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := orm.Objects[Book](db).Filter(orm.Q{"title": "GO CONCURRENCY"}).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 || plain != 0 {
			t.Errorf("%s collation matched %d rows (want 1); the plain column %d (want 0)", collation, n, plain)
		}
	})
	for _, bad := range []string{"", "x\" ; DROP TABLE book --", "a b"} {
		if _, _, err := orm.Objects[Book](testkit.Recorder("sqlite3", nil)).Annotate(orm.As("t", functions.Collate("title", bad))).SQL(); err == nil ||
			!strings.Contains(err.Error(), "invalid collation name") {
			t.Errorf("Collate(%q): %v, want invalid collation name", bad, err)
		}
	}
}

// JSONObject builds an object of fields, expressions and values, read
// back as a map on every backend.
func TestJSONObject(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[Book](db).Filter(orm.Q{"id__in": []int{1, 4}}).OrderBy("id").Values(
			orm.As("obj", functions.JSONObject(map[string]any{
				"title":  functions.Lower("title"),
				"sales":  "sales_count",
				"double": orm.F("stock_level").Mul(2),
				"kind":   orm.Value("book"),
				"author": "author__name",
			}))).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []map[string]any{
			{"title": "django orm deep dive", "sales": float64(1500), "double": float64(6), "kind": "book", "author": "John Doe"},
			{"title": "draft: untitled", "sales": float64(0), "double": float64(24), "kind": "book", "author": "Élodie Brûlé"},
		}
		if len(rows) != 2 {
			t.Fatalf("got %d rows", len(rows))
		}
		for i, r := range rows {
			if !reflect.DeepEqual(r["obj"], want[i]) {
				t.Errorf("row %d: %#v, want %#v", i, r["obj"], want[i])
			}
		}
	})
}
