package orm_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// DocMeta is a struct stored as JSON (type=json).
type DocMeta struct {
	Owner string   `json:"owner"`
	Score float64  `json:"score"`
	Tags  []string `json:"tags,omitempty"`
}

// Doc has a JSON field of each Go shape djorm takes.
type Doc struct {
	orm.Model
	Name string          `orm:"max_length=20"`
	Data map[string]any  // nil is JSON null
	Tags []string        `orm:"null"` // nil is SQL NULL
	Meta DocMeta         `orm:"type=json"`
	Raw  json.RawMessage `orm:"null"`
	Any  any             `orm:"null"`
}

func init() { orm.MustRegister(&Doc{}) }

func TestJSONFieldRoundTrip(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Doc{})
		full := &Doc{Name: "full",
			Data: map[string]any{"owner": map[string]any{"name": "ann", "age": 41.0}, "items": []any{map[string]any{"sku": "A1"}}, "ok": true, "none": nil},
			Tags: []string{"x", "ü\"'\\"}, Meta: DocMeta{Owner: "bob", Score: 2.5, Tags: []string{"a"}},
			Raw: json.RawMessage(`{"k": [1, 2]}`), Any: []any{1.5, "two", nil}}
		empty := &Doc{Name: "empty"}
		for _, want := range []*Doc{full, empty} {
			if err := db.Create(ctx, want); err != nil {
				t.Fatalf("%s: %v", want.Name, err)
			}
			got, err := orm.Objects[Doc](db).Get(ctx, orm.Q{"pk": want.ID})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Data, want.Data) || !reflect.DeepEqual(got.Tags, want.Tags) ||
				!reflect.DeepEqual(got.Meta, want.Meta) || !reflect.DeepEqual(got.Any, want.Any) {
				t.Errorf("%s: read back %+v, want %+v", want.Name, got, want)
			}
			var gotRaw, wantRaw any
			if want.Raw != nil {
				_ = json.Unmarshal(got.Raw, &gotRaw)
				_ = json.Unmarshal(want.Raw, &wantRaw)
			}
			if !reflect.DeepEqual(gotRaw, wantRaw) || (want.Raw == nil) != (got.Raw == nil) {
				t.Errorf("%s: raw %s, want %s", want.Name, got.Raw, want.Raw)
			}
		}
		// SQL NULL and JSON null are kept apart: Tags (null) is NULL, Data
		// (not null) holds JSON null.
		n, err := orm.Objects[Doc](db).Filter(orm.Q{"tags__isnull": true}).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("tags IS NULL: %d, %v; want 1", n, err)
		}
		n, err = orm.Objects[Doc](db).Filter(orm.Q{"data__isnull": true}).Count(ctx)
		if err != nil || n != 0 {
			t.Errorf("data IS NULL: %d, %v; want 0 (JSON null is not SQL NULL)", n, err)
		}
		// Values decodes the JSON.
		rows, err := orm.Objects[Doc](db).Filter(orm.Q{"name": "full"}).Values("meta", "tags").All(ctx)
		if err != nil || len(rows) != 1 {
			t.Fatalf("values: %v %v", rows, err)
		}
		if m, ok := rows[0]["meta"].(map[string]any); !ok || m["owner"] != "bob" || m["score"] != 2.5 {
			t.Errorf("values meta: %#v", rows[0]["meta"])
		}
	})
}

// A value that cannot be JSON is a ValidationError before any SQL.
func TestJSONFieldRefusesWhatCannotBeEncoded(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Doc{})
		ctxQ, captured := orm.CaptureQueries(ctx)
		for name, d := range map[string]*Doc{
			"NaN":         {Name: "nan", Data: map[string]any{"x": math.NaN()}},
			"channel":     {Name: "ch", Any: make(chan int)},
			"invalid raw": {Name: "raw", Raw: json.RawMessage(`{"a":`)},
		} {
			var ve *orm.ValidationError
			if err := db.Create(ctxQ, d); !errors.As(err, &ve) {
				t.Errorf("%s: %v, want a ValidationError", name, err)
			}
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("refused values sent %d statements", n)
		}
	})
}

func loadDocs(t *testing.T, db *orm.DB) {
	t.Helper()
	freshTables(t, db, &Doc{})
	docs := []*Doc{
		{Name: "ann", Data: map[string]any{"owner": map[string]any{"name": "Ann", "age": 41}, "items": []any{map[string]any{"sku": "A1"}, map[string]any{"sku": "B2"}}, "n": 5, "flag": true, "none": nil}},
		{Name: "bob", Data: map[string]any{"owner": map[string]any{"name": "Bob", "age": 9}, "items": []any{}, "n": 30, "flag": false}},
		{Name: "cy", Data: map[string]any{"owner": "nobody", "n": 12.5, "quote": `it's "q"`}},
		{Name: "dee"}, // JSON null
	}
	for _, d := range docs {
		if err := db.Create(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
}

// Key transforms and JSON lookups answer as Django's on every backend.
func TestJSONFieldLookups(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadDocs(t, db)
		ctx := context.Background()
		native := db.Dialect().Name() == "postgres"
		cases := []struct {
			q    orm.Q
			want string
			pg   bool // PostgreSQL only (containment is refused on SQLite, as in Django)
		}{
			{orm.Q{"data__owner__name": "Ann"}, "ann", false},
			{orm.Q{"data__owner__age": 9}, "bob", false},
			{orm.Q{"data__owner": "nobody"}, "cy", false},
			{orm.Q{"data__items__1__sku": "B2"}, "ann", false},
			{orm.Q{"data__items__0__sku": "B2"}, "", false},
			{orm.Q{"data__flag": true}, "ann", false},
			{orm.Q{"data__flag": false}, "bob", false},
			{orm.Q{"data__none": nil}, "ann", false}, // the key holds JSON null
			{orm.Q{"data__none__isnull": true}, "bob,cy,dee", false},
			{orm.Q{"data__none__isnull": false}, "ann", false},
			{orm.Q{"data__quote": `it's "q"`}, "cy", false},
			{orm.Q{"data__has_key": "items"}, "ann,bob", false},
			{orm.Q{"data__has_keys": []any{"items", "flag"}}, "ann,bob", false},
			{orm.Q{"data__has_any_keys": []any{"quote", "flag"}}, "ann,bob,cy", false},
			{orm.Q{"data__owner__has_key": "age"}, "ann,bob", false},
			{orm.Q{"data__n__gt": 10}, "bob,cy", false},
			{orm.Q{"data__n__lte": 12.5}, "ann,cy", false},
			{orm.Q{"data__owner__name__icontains": "an"}, "ann", false},
			{orm.Q{"data__owner__name__startswith": "B"}, "bob", false},
			{orm.Q{"data": map[string]any{"owner": "nobody", "n": 12.5, "quote": `it's "q"`}}, "cy", false},
			{orm.Q{"data__isnull": false}, "ann,bob,cy,dee", false},
			{orm.Q{"data__contains": map[string]any{"owner": map[string]any{"name": "Ann"}}}, "ann", true},
			{orm.Q{"data__contained_by": map[string]any{"owner": "nobody", "n": 12.5, "quote": `it's "q"`, "x": 1}}, "cy", true},
		}
		for _, c := range cases {
			got, err := orm.Objects[Doc](db).Filter(c.q).OrderBy("name").ValuesList("name").Flat().All(ctx)
			if c.pg && db.Dialect().Name() == "sqlite" {
				var ns *orm.NotSupportedError
				if !errors.As(err, &ns) {
					t.Errorf("%v on SQLite: %v, want a NotSupportedError", c.q, err)
				}
				continue
			}
			names := ""
			for i, n := range got {
				if i > 0 {
					names += ","
				}
				names += n.(string)
			}
			if err != nil || names != c.want {
				t.Errorf("%v: %q, %v; want %q", c.q, names, err, c.want)
			}
		}
		_ = native
	})
}

// Values, OrderBy and F() read keys: a key's value comes back decoded.
func TestJSONKeysInValuesAndOrdering(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadDocs(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[Doc](db).Filter(orm.Q{"data__has_key": "items"}).OrderBy("name").
			Values("name", "data__owner__name", "data__items__0").All(ctx)
		if err != nil || len(rows) != 2 {
			t.Fatalf("values: %v %v", rows, err)
		}
		if rows[0]["data__owner__name"] != "Ann" || rows[1]["data__owner__name"] != "Bob" {
			t.Errorf("owner names: %v", rows)
		}
		if m, ok := rows[0]["data__items__0"].(map[string]any); !ok || m["sku"] != "A1" || rows[1]["data__items__0"] != nil {
			t.Errorf("first items: %#v, %#v", rows[0]["data__items__0"], rows[1]["data__items__0"])
		}
		names, err := orm.Objects[Doc](db).Filter(orm.Q{"data__has_key": "n"}).OrderBy("-data__n").ValuesList("name").Flat().All(ctx)
		want := "[bob cy ann]" // 30, 12.5, 5
		if db.Dialect().Name() == "mariadb" {
			want = "[ann bob cy]" // MariaDB orders JSON as its text ("5" > "30" > "12.5"), as Django's answer there
		}
		if got := fmt.Sprint(names); err != nil || got != want {
			t.Errorf("ordered by data__n descending: %v %v, want %s", got, err, want)
		}
		names, err = orm.Objects[Doc](db).Filter(orm.Q{"data__has_key": "n"}).OrderBy(orm.F("data__n").Desc()).ValuesList("name").Flat().All(ctx)
		if got := fmt.Sprint(names); err != nil || got != want {
			t.Errorf("ordered by F(data__n).Desc(): %v %v, want %s", got, err, want)
		}
	})
}
