package orm_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// json.Marshal of a model writes a foreign key as its key, or as the
// object when it is loaded; reading JSON back sets the key.
func TestModelsMarshalJSON(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		b, err := orm.Objects[Book](db).OrderBy("id").First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		var plain map[string]any
		_ = json.Unmarshal(out, &plain)
		if plain["Author"] != float64(b.Author.ID().(int64)) || plain["Tags"] != nil {
			t.Errorf("unloaded relation: %s", out)
		}
		withAuthor, err := orm.Objects[Book](db).SelectRelated("author").Get(ctx, orm.Q{"pk": b.ID})
		if err != nil {
			t.Fatal(err)
		}
		out, _ = json.Marshal(withAuthor)
		var loaded map[string]map[string]any
		_ = json.Unmarshal(out, &loaded)
		a, _ := withAuthor.Author.Get(ctx)
		if loaded["Author"]["Name"] != a.Name {
			t.Errorf("loaded relation: %s", out)
		}
		var back Book
		if err := json.Unmarshal([]byte(`{"Title":"x","Author":7,"Editor":null}`), &back); err != nil {
			t.Fatal(err)
		}
		if back.Author.ID() != int64(7) || !back.Editor.IsNull() || back.Title != "x" {
			t.Errorf("unmarshalled: author %v editor null %v", back.Author.ID(), back.Editor.IsNull())
		}
		if err := json.Unmarshal([]byte(`{"Author":{"ID":3,"Name":"Z"}}`), &back); err != nil || back.Author.ID() != int64(3) ||
			!strings.Contains(back.Author.Cached().Name, "Z") {
			t.Errorf("unmarshal of an object: %v %v", err, back.Author.ID())
		}
	})
}
