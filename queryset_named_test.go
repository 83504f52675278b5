package orm_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

func TestValuesListNamed(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		rows, err := orm.Objects[Book](db).Filter(orm.Q{"id__in": []int{1, 5}}).OrderBy("id").
			ValuesList("id", "author__name", orm.As("n", orm.Count("reviews"))).Named().All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("%d rows", len(rows))
		}
		if names := rows[0].Names(); !reflect.DeepEqual(names, []string{"id", "author__name", "n"}) {
			t.Errorf("names %q", names)
		}
		want := []orm.Row{
			{"id": int64(1), "author__name": "John Doe", "n": int64(2)},
			{"id": int64(5), "author__name": "Jane Roe", "n": int64(3)},
		}
		for i, r := range rows {
			if !reflect.DeepEqual(r.Row(), want[i]) {
				t.Errorf("row %d: %v, want %v", i, r.Row(), want[i])
			}
			if v, ok := r.Get("n"); !ok || v != want[i]["n"] {
				t.Errorf("row %d: Get(n) = %v, %v", i, v, ok)
			}
			if _, ok := r.Get("nope"); ok {
				t.Errorf("row %d: Get(nope) found a value", i)
			}
		}
		for _, qs := range []*orm.QuerySet[orm.NamedRow]{
			orm.Objects[Book](db).Named(),
			orm.Objects[Book](db).ValuesList("id").Flat().Named(),
		} {
			if _, err := qs.All(ctx); !errors.Is(err, orm.ErrInvalidQuery) {
				t.Errorf("want ErrInvalidQuery, got %v", err)
			}
		}
	})
}
