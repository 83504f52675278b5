package sqlq

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// The compiler's contract as one table, ent's builder tests' way: each
// row builds a query tree and names the SQL and arguments it compiles to,
// on PostgreSQL (the other dialects' spelling is pinned by the golden
// files of package orm, and by dialect-specific rows below).

type tblBase struct{ ID int64 }

type tblFK[T any] struct{ Ref registry.Ref }

type tblM2M[T any] struct{}

type (
	TblWriter struct {
		tblBase
		Name   string `orm:"max_length=50"`
		Rating *int32 `orm:"null"`
	}
	TblTag struct {
		tblBase
		Label string `orm:"max_length=20"`
	}
	TblPost struct {
		tblBase
		Title  string           `orm:"max_length=100"`
		Author tblFK[TblWriter] `orm:"on_delete=cascade,related_name=posts"`
		Price  decimal.Decimal  `orm:"max_digits=6,decimal_places=2"`
		Small  int16
		Day    time.Time      `orm:"type=date"`
		At     *time.Time     `orm:"null"`
		Tags   tblM2M[TblTag] `orm:"related_name=posts"`
	}
)

var tblTargets = map[reflect.Type]reflect.Type{
	reflect.TypeOf(tblFK[TblWriter]{}): reflect.TypeOf(TblWriter{}),
	reflect.TypeOf(tblM2M[TblTag]{}):   reflect.TypeOf(TblTag{}),
}

var tblModels = func() map[string]*registry.Model {
	r := registry.New(registry.Config{
		StateType: reflect.TypeOf(tblBase{}),
		IDField:   "ID",
		Relation: func(t reflect.Type) (registry.RelKind, reflect.Type, bool) {
			switch {
			case strings.HasPrefix(t.Name(), "tblFK["):
				return registry.ForeignKey, tblTargets[t], true
			case strings.HasPrefix(t.Name(), "tblM2M["):
				return registry.ManyToMany, tblTargets[t], true
			}
			return 0, nil, false
		},
	})
	if err := r.Register(&TblWriter{}, &TblTag{}, &TblPost{}); err != nil {
		panic(err)
	}
	out := map[string]*registry.Model{}
	for _, v := range []any{TblWriter{}, TblTag{}, TblPost{}} {
		m, _ := r.Lookup(reflect.TypeOf(v))
		out[m.Name] = m
	}
	return out
}()

func pair(key string, v any) Pair { return Pair{Key: key, Value: v} }

func and(ps ...Pair) *Tree { return &Tree{Pairs: ps} }

type tblCase struct {
	name     string
	model    string
	build    func(q *Query) error
	compile  func(q *Query) (*Compiled, error) // nil: Select
	wantSQL  string
	wantArgs []any
	wantErr  string // a substring of the error, instead of SQL
}

func filter(c CondSpec) func(q *Query) error {
	return func(q *Query) error { return q.AddFilter(c, false) }
}

func exclude(c CondSpec) func(q *Query) error {
	return func(q *Query) error { return q.AddFilter(c, true) }
}

var day = time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)

func steps(fs ...func(q *Query) error) func(q *Query) error {
	return func(q *Query) error {
		for _, f := range fs {
			if err := f(q); err != nil {
				return err
			}
		}
		return nil
	}
}

func order(names ...string) func(q *Query) error {
	return func(q *Query) error {
		items := make([]OrderItem, len(names))
		for i, n := range names {
			items[i] = OrderItem{Name: n}
		}
		return q.SetOrdering(items)
	}
}

func slice(lo, hi int64) func(q *Query) error {
	return func(q *Query) error { q.SetSlice(lo, hi); return nil }
}

func values(paths ...string) func(q *Query) error {
	return func(q *Query) error {
		items := make([]ValuesItem, len(paths))
		for i, p := range paths {
			items[i] = ValuesItem{Path: p}
		}
		return q.SetValues(items)
	}
}

func annotate(name string, e Spec) func(q *Query) error {
	return func(q *Query) error { return q.AddAnnotation(NamedSpec{Name: name, E: e}, true) }
}

func countOf(path string) Spec { return &AggSpec{Fn: "Count", Arg: &F{Path: path}} }

func update(field string, v any) func(q *Query) (*Compiled, error) {
	return func(q *Query) (*Compiled, error) {
		f := q.Model.Field(field)
		e, err := q.ResolveUpdateValue(f, v)
		if err != nil {
			return nil, err
		}
		return Update(q, []Assignment{{Field: f, Value: e}})
	}
}

const postCols = `"tbl_post"."id", "tbl_post"."title", "tbl_post"."author_id", "tbl_post"."price", "tbl_post"."small", "tbl_post"."day", "tbl_post"."at"`

var compilerCases = []tblCase{
	{name: "exact", model: "tblpost", build: filter(and(pair("title", "Go"))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."title" = $1`,
		wantArgs: []any{"Go"}},
	{name: "related path joins", model: "tblpost", build: filter(and(pair("author__name__icontains", "ann"))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" INNER JOIN "tbl_writer" ON ("tbl_post"."author_id" = "tbl_writer"."id") WHERE UPPER(("tbl_writer"."name")::text) LIKE UPPER($1) ESCAPE '!'`,
		wantArgs: []any{"%ann%"}},
	{name: "fk by id needs no join", model: "tblpost", build: filter(and(pair("author", int64(3)))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."author_id" = $1`,
		wantArgs: []any{int64(3)}},
	{name: "isnull true", model: "tblpost", build: filter(and(pair("at__isnull", true))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."at" IS NULL`,
		wantArgs: nil},
	{name: "nil means IS NULL", model: "tblpost", build: filter(and(pair("at", nil))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."at" IS NULL`,
		wantArgs: nil},
	{name: "in list drops nil and duplicates", model: "tblpost", build: filter(and(pair("small__in", []any{1, nil, 1, 2}))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."small" IN ($1, $2)`,
		wantArgs: []any{int64(1), int64(2)}},
	{name: "empty in list", model: "tblpost", build: filter(and(pair("small__in", []any{}))), wantErr: "matches nothing"},
	{name: "range", model: "tblpost", build: filter(and(pair("price__range", []any{1, "9.50"}))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."price" BETWEEN $1::numeric AND $2::numeric`,
		wantArgs: []any{"1", "9.5"}},
	{name: "year uses bounds", model: "tblpost", build: filter(and(pair("day__year", 2024))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."day" BETWEEN $1::date AND $2::date`,
		wantArgs: []any{"2024-01-01", "2024-12-31"}},
	{name: "year gt uses the end bound", model: "tblpost", build: filter(and(pair("day__year__gt", 2024))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."day" > $1`,
		wantArgs: []any{"2024-12-31"}},
	{name: "month extracts", model: "tblpost", build: filter(and(pair("day__month", 2))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE CAST(EXTRACT(MONTH FROM "tbl_post"."day") AS integer) = $1::integer`,
		wantArgs: []any{int64(2)}},
	{name: "smallint overflow is no row", model: "tblpost", build: filter(and(pair("small", 40000))), wantErr: "matches nothing"},
	{name: "smallint overflow below is every row", model: "tblpost", build: filter(and(pair("small__gt", -40000))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post"`,
		wantArgs: nil},
	{name: "range clamped to the column", model: "tblpost", build: filter(and(pair("small__range", []any{-40000, 5}))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE "tbl_post"."small" BETWEEN $1::smallint AND $2::smallint`,
		wantArgs: []any{int64(-32768), int64(5)}},
	{name: "exclude a nullable column", model: "tblwriter", build: exclude(and(pair("rating", 3))),
		wantSQL:  `SELECT "tbl_writer"."id", "tbl_writer"."name", "tbl_writer"."rating" FROM "tbl_writer" WHERE NOT ("tbl_writer"."rating" = $1 AND "tbl_writer"."rating" IS NOT NULL)`,
		wantArgs: []any{int64(3)}},
	{name: "exclude across a multi-valued relation is a subquery", model: "tblwriter", build: exclude(and(pair("posts__title", "x"))),
		wantSQL:  `SELECT "tbl_writer"."id", "tbl_writer"."name", "tbl_writer"."rating" FROM "tbl_writer" WHERE NOT (EXISTS(SELECT 1 AS "a" FROM "tbl_post" "U1" WHERE ("U1"."title" = $1 AND "U1"."author_id" = "tbl_writer"."id")))`,
		wantArgs: []any{"x"}},
	{name: "one filter call shares the join", model: "tblwriter", build: filter(and(pair("posts__title", "x"), pair("posts__small", 1))),
		wantSQL:  `SELECT "tbl_writer"."id", "tbl_writer"."name", "tbl_writer"."rating" FROM "tbl_writer" INNER JOIN "tbl_post" ON ("tbl_writer"."id" = "tbl_post"."author_id") WHERE ("tbl_post"."title" = $1 AND "tbl_post"."small" = $2)`,
		wantArgs: []any{"x", int64(1)}},
	{name: "two filter calls join twice", model: "tblwriter", build: steps(filter(and(pair("posts__title", "x"))), filter(and(pair("posts__small", 1)))),
		wantSQL:  `SELECT "tbl_writer"."id", "tbl_writer"."name", "tbl_writer"."rating" FROM "tbl_writer" INNER JOIN "tbl_post" ON ("tbl_writer"."id" = "tbl_post"."author_id") INNER JOIN "tbl_post" "T3" ON ("tbl_writer"."id" = "T3"."author_id") WHERE ("tbl_post"."title" = $1 AND "T3"."small" = $2)`,
		wantArgs: []any{"x", int64(1)}},
	{name: "or", model: "tblpost", build: filter(&Tree{Or: true, Pairs: []Pair{pair("small", 1), pair("title", "Go")}}),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" WHERE ("tbl_post"."small" = $1 OR "tbl_post"."title" = $2)`,
		wantArgs: []any{int64(1), "Go"}},
	{name: "F comparison", model: "tblpost", build: filter(and(pair("small__gt", &F{Path: "author__rating"}))),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" INNER JOIN "tbl_writer" ON ("tbl_post"."author_id" = "tbl_writer"."id") WHERE "tbl_post"."small" > "tbl_writer"."rating"`,
		wantArgs: nil},
	{name: "order slice", model: "tblpost", build: steps(order("-price", "title"), slice(5, 15)),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" ORDER BY "tbl_post"."price" DESC, "tbl_post"."title" ASC LIMIT 10 OFFSET 5`,
		wantArgs: nil},
	{name: "order by a relation uses its key", model: "tblpost", build: order("author"),
		wantSQL:  `SELECT ` + postCols + ` FROM "tbl_post" ORDER BY "tbl_post"."author_id" ASC`,
		wantArgs: nil},
	{name: "values across a relation", model: "tblpost", build: values("title", "author__name"),
		wantSQL:  `SELECT "tbl_post"."title", "tbl_writer"."name" FROM "tbl_post" INNER JOIN "tbl_writer" ON ("tbl_post"."author_id" = "tbl_writer"."id")`,
		wantArgs: nil},
	{name: "annotate count groups by every column", model: "tblwriter", build: annotate("n", countOf("posts")),
		wantSQL:  `SELECT "tbl_writer"."id", "tbl_writer"."name", "tbl_writer"."rating", COUNT("tbl_post"."id") AS "n" FROM "tbl_writer" LEFT OUTER JOIN "tbl_post" ON ("tbl_writer"."id" = "tbl_post"."author_id") GROUP BY "tbl_writer"."id", "tbl_writer"."name", "tbl_writer"."rating"`,
		wantArgs: nil},
	{name: "values then annotate groups by the values", model: "tblpost", build: steps(values("author__name"), annotate("n", countOf("id"))),
		wantSQL:  `SELECT "tbl_writer"."name", COUNT("tbl_post"."id") AS "n" FROM "tbl_post" INNER JOIN "tbl_writer" ON ("tbl_post"."author_id" = "tbl_writer"."id") GROUP BY "tbl_writer"."name"`,
		wantArgs: nil},
	{name: "count", model: "tblpost", build: filter(and(pair("title", "Go"))), compile: Count,
		wantSQL:  `SELECT COUNT(*) AS "__count" FROM "tbl_post" WHERE "tbl_post"."title" = $1`,
		wantArgs: []any{"Go"}},
	{name: "count of a slice is a subquery", model: "tblpost", build: slice(0, 3), compile: Count,
		wantSQL:  `SELECT COUNT(*) FROM (SELECT "tbl_post"."id" AS "col1", "tbl_post"."title" AS "col2", "tbl_post"."author_id" AS "col3", "tbl_post"."price" AS "col4", "tbl_post"."small" AS "col5", "tbl_post"."day" AS "col6", "tbl_post"."at" AS "col7" FROM "tbl_post" LIMIT 3) "subquery"`,
		wantArgs: nil},
	{name: "exists", model: "tblpost", build: filter(and(pair("title", "Go"))), compile: Exists,
		wantSQL:  `SELECT 1 AS "a" FROM "tbl_post" WHERE "tbl_post"."title" = $1 LIMIT 1`,
		wantArgs: []any{"Go"}},
	{name: "update with F", model: "tblpost", build: filter(and(pair("title", "Go"))),
		compile:  update("small", &ArithSpec{Op: "+", L: &F{Path: "small"}, R: &Value{V: int64(1)}}),
		wantSQL:  `UPDATE "tbl_post" SET "small" = ("tbl_post"."small" + $1::integer) WHERE "tbl_post"."title" = $2`,
		wantArgs: []any{int64(1), "Go"}},
	{name: "update across a join selects keys", model: "tblpost", build: filter(and(pair("author__name", "Ann"))), compile: update("title", "x"),
		wantSQL:  `UPDATE "tbl_post" SET "title" = $1 WHERE "id" IN (SELECT "tbl_post"."id" FROM "tbl_post" INNER JOIN "tbl_writer" ON ("tbl_post"."author_id" = "tbl_writer"."id") WHERE "tbl_writer"."name" = $2)`,
		wantArgs: []any{"x", "Ann"}},
	{name: "update with a float into an integer is refused", model: "tblpost",
		compile: update("small", &ArithSpec{Op: "*", L: &F{Path: "small"}, R: &Value{V: 1.5}}), wantErr: "mixed types"},
	{name: "integer division", model: "tblpost", build: annotate("r", &ArithSpec{Op: "/", L: &F{Path: "small"}, R: &Value{V: int64(2)}}),
		wantSQL:  `SELECT ` + postCols + `, DIV("tbl_post"."small", $1::integer) AS "r" FROM "tbl_post"`,
		wantArgs: []any{int64(2)}},
	{name: "unknown field", model: "tblpost", build: filter(and(pair("titel", "x"))), wantErr: "Cannot resolve keyword 'titel' into field TblPost"},
	{name: "unknown lookup", model: "tblpost", build: filter(and(pair("title__year", 2020))), wantErr: "Unsupported lookup 'year'"},
	{name: "bad alias", model: "tblpost", build: annotate("a b", countOf("id")), wantErr: "invalid alias"},
	{name: "alias conflicting with a field by case", model: "tblpost", build: annotate("Title", countOf("id")), wantErr: "conflicts with a field"},
}

func runCompilerCase(t *testing.T, d dialects.Dialect, c tblCase) (string, []any, error) {
	t.Helper()
	q := New(tblModels[c.model], d)
	if c.build != nil {
		if err := c.build(q); err != nil {
			return "", nil, err
		}
	}
	compile := c.compile
	if compile == nil {
		compile = Select
	}
	comp, err := compile(q)
	if err != nil {
		return "", nil, err
	}
	return comp.SQL, comp.Args, nil
}

func TestCompilerTable(t *testing.T) {
	d := postgres.New()
	for _, c := range compilerCases {
		t.Run(c.name, func(t *testing.T) {
			sql, args, err := runCompilerCase(t, d, c)
			if os.Getenv("TBL_PRINT") != "" { // to review a new row's output
				fmt.Printf("%s\t%q\t%#v\t%v\n", c.name, sql, args, err)
				return
			}
			switch {
			case c.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("want an error containing %q, got %v (SQL %s)", c.wantErr, err, sql)
				}
			case err != nil:
				t.Fatal(err)
			case sql != c.wantSQL:
				t.Errorf("SQL\n got: %s\nwant: %s", sql, c.wantSQL)
			case !reflect.DeepEqual(args, c.wantArgs) && !(len(args) == 0 && len(c.wantArgs) == 0):
				t.Errorf("args\n got: %#v\nwant: %#v", args, c.wantArgs)
			}
		})
	}
}

var _ = []dialects.Dialect{mysql.New(""), sqlite.New(true), oracle.New()}

// What each backend spells its own way, on three telling queries: a
// case-insensitive pattern across a join, a slice, and an integer division.
func TestCompilerTablePerDialect(t *testing.T) {
	cases := []struct {
		query string
		build func(q *Query) error
		want  map[string]string
	}{
		{"icontains across a join", filter(and(pair("author__name__icontains", "a%"))), map[string]string{
			"mysql":  "SELECT `tbl_post`.`id`, `tbl_post`.`title`, `tbl_post`.`author_id`, `tbl_post`.`price`, `tbl_post`.`small`, `tbl_post`.`day`, `tbl_post`.`at` FROM `tbl_post` INNER JOIN `tbl_writer` ON (`tbl_post`.`author_id` = `tbl_writer`.`id`) WHERE LOWER(`tbl_writer`.`name`) LIKE LOWER(?) ESCAPE '!'",
			"sqlite": `SELECT "tbl_post"."id", "tbl_post"."title", "tbl_post"."author_id", "tbl_post"."price", "tbl_post"."small", "tbl_post"."day", "tbl_post"."at" FROM "tbl_post" INNER JOIN "tbl_writer" ON ("tbl_post"."author_id" = "tbl_writer"."id") WHERE djorm_upper("tbl_writer"."name") LIKE djorm_upper(?) ESCAPE '!'`,
			"oracle": `SELECT "TBL_POST"."ID", "TBL_POST"."TITLE", "TBL_POST"."AUTHOR_ID", "TBL_POST"."PRICE", "TBL_POST"."SMALL", "TBL_POST"."DAY", "TBL_POST"."AT" FROM "TBL_POST" INNER JOIN "TBL_WRITER" ON ("TBL_POST"."AUTHOR_ID" = "TBL_WRITER"."ID") WHERE UPPER("TBL_WRITER"."NAME") LIKE UPPER(:1) ESCAPE '!'`,
		}},
		{"slice", steps(order("-price"), slice(5, 15)), map[string]string{
			"mysql":  "SELECT `tbl_post`.`id`, `tbl_post`.`title`, `tbl_post`.`author_id`, `tbl_post`.`price`, `tbl_post`.`small`, `tbl_post`.`day`, `tbl_post`.`at` FROM `tbl_post` ORDER BY `tbl_post`.`price` DESC LIMIT 10 OFFSET 5",
			"sqlite": `SELECT "tbl_post"."id", "tbl_post"."title", "tbl_post"."author_id", "tbl_post"."price", "tbl_post"."small", "tbl_post"."day", "tbl_post"."at" FROM "tbl_post" ORDER BY "tbl_post"."price" DESC LIMIT 10 OFFSET 5`,
			"oracle": `SELECT "TBL_POST"."ID", "TBL_POST"."TITLE", "TBL_POST"."AUTHOR_ID", "TBL_POST"."PRICE", "TBL_POST"."SMALL", "TBL_POST"."DAY", "TBL_POST"."AT" FROM "TBL_POST" ORDER BY "TBL_POST"."PRICE" DESC OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY`,
		}},
		{"integer division", annotate("r", &ArithSpec{Op: "/", L: &F{Path: "small"}, R: &F{Path: "small"}}), map[string]string{
			"mysql":  "SELECT `tbl_post`.`id`, `tbl_post`.`title`, `tbl_post`.`author_id`, `tbl_post`.`price`, `tbl_post`.`small`, `tbl_post`.`day`, `tbl_post`.`at`, (`tbl_post`.`small` DIV `tbl_post`.`small`) AS `r` FROM `tbl_post`",
			"sqlite": `SELECT "tbl_post"."id", "tbl_post"."title", "tbl_post"."author_id", "tbl_post"."price", "tbl_post"."small", "tbl_post"."day", "tbl_post"."at", ("tbl_post"."small" / "tbl_post"."small") AS "r" FROM "tbl_post"`,
			"oracle": `SELECT "TBL_POST"."ID", "TBL_POST"."TITLE", "TBL_POST"."AUTHOR_ID", "TBL_POST"."PRICE", "TBL_POST"."SMALL", "TBL_POST"."DAY", "TBL_POST"."AT", TRUNC("TBL_POST"."SMALL" / "TBL_POST"."SMALL") AS "R" FROM "TBL_POST"`,
		}},
	}
	ds := map[string]dialects.Dialect{"mysql": mysql.New("10.11.19-MariaDB"), "sqlite": sqlite.New(true), "oracle": oracle.New()}
	for _, c := range cases {
		for name, d := range ds {
			q := New(tblModels["tblpost"], d)
			if err := c.build(q); err != nil {
				t.Fatal(err)
			}
			comp, err := Select(q)
			if err != nil {
				t.Fatalf("%s on %s: %v", c.query, name, err)
			}
			got := comp.SQL
			if os.Getenv("TBL_PRINT") != "" {
				fmt.Printf("%s\t%s\t%q\n", c.query, name, got)
				continue
			}
			if want := c.want[name]; got != want {
				t.Errorf("%s on %s:\n got: %s\nwant: %s", c.query, name, got, want)
			}
		}
	}
}
