//go:build djangosuite_failing

package djangosuite

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/lookup/tests.py where djorm answers differently
// from Django 3.2.

// The values() part of test_values that reads extra(select) names: Django
// returns them as columns; djorm's Values refuses the name (FieldError
// "Cannot resolve keyword 'id_plus_one' into field LookupArticle").
func TestLookup_LookupTests_test_values_extra_select(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		ctx, dump := exprCapture(t)
		defer dump()
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

// The values_list() part of test_values_list that reads extra(select)
// names; refused as in test_values_extra_select.
func TestLookup_LookupTests_test_values_list_extra_select(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := loadLookup(t, db)
		ctx, dump := exprCapture(t)
		defer dump()
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

// Fails on SQLite: djorm's REGEXP function is Go's regexp (RE2), which has
// no backreferences ("invalid escape sequence: \1"); Django's SQLite REGEXP
// is Python's re, and its SQLite backend has supports_regex_backreferencing.
func TestLookup_LookupTests_test_regex_backreferencing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadLookup(t, db)
		regexArticles(t, db, "foobar", "foobaz", "ooF", "foobarbaz", "zoocarfaz", "barfoobaz", "bazbaRFOO")
		_, dump := exprCapture(t)
		defer dump()
		if got := headlines(orm.Objects[LookupArticle](db).Filter(orm.Q{"headline__regex": `b(.).*b\1`}).OrderBy("headline")); got != "[barfoobaz bazbaRFOO foobarbaz]" {
			t.Errorf("got %s", got)
		}
	})
}

var _ = context.Background
