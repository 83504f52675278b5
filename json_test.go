package orm_test

import (
	"context"
	"encoding/json"
	"errors"
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
