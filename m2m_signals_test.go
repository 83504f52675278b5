package orm_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// m2m_changed runs around Add, Remove, Clear and Set through either
// side's manager, with the keys actually added or removed; a pre_ error
// stops the change.
func TestM2MChangedSignals(t *testing.T) {
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		testkit.LoadBookstore(t, shared)
		ctx := context.Background()
		db := orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect()) // signals of this test only
		var log []string
		veto := errors.New("no sci-fi")
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(orm.OnM2MChanged[Book](db, "tags", func(ctx context.Context, ev orm.M2MEvent) error {
			pks := slices.Clone(ev.PKs)
			slices.SortFunc(pks, func(a, b any) int { return int(a.(int64) - b.(int64)) })
			who := ""
			switch x := ev.Instance.(type) {
			case *Book:
				who = fmt.Sprintf("book %d", x.ID)
			case *Tag:
				who = fmt.Sprintf("tag %d", x.ID)
			}
			log = append(log, fmt.Sprintf("%s %s reverse=%v %s %v", ev.Action, who, ev.Reverse, ev.Model, pks))
			if ev.Action == "pre_add" && slices.Contains(ev.PKs, any(int64(2))) && !ev.Reverse {
				return veto
			}
			return nil
		}))
		b, err := orm.Objects[Book](db).Get(ctx, orm.Q{"pk": 4}) // book 4 has no tags
		must(err)
		tags := orm.Related[Tag](b, "tags")
		t1, _ := orm.Objects[Tag](db).Get(ctx, orm.Q{"pk": 1})
		t2, _ := orm.Objects[Tag](db).Get(ctx, orm.Q{"pk": 2})
		t3, _ := orm.Objects[Tag](db).Get(ctx, orm.Q{"pk": 3})
		must(tags.Add(ctx, t1, t3))
		must(tags.Add(ctx, t1)) // already there: signals with no keys, as Django
		if err := tags.Add(ctx, t2); !errors.Is(err, veto) {
			t.Errorf("vetoed add: %v", err)
		}
		must(tags.Remove(ctx, t3))
		must(orm.Related[Book](t2, "books").Add(ctx, b)) // the reverse side
		must(tags.Clear(ctx))
		want := []string{
			"pre_add book 4 reverse=false tag [1 3]", "post_add book 4 reverse=false tag [1 3]",
			"pre_add book 4 reverse=false tag []", "post_add book 4 reverse=false tag []",
			"pre_add book 4 reverse=false tag [2]",
			"pre_remove book 4 reverse=false tag [3]", "post_remove book 4 reverse=false tag [3]",
			"pre_add tag 2 reverse=true book [4]", "post_add tag 2 reverse=true book [4]",
			"pre_clear book 4 reverse=false tag []", "post_clear book 4 reverse=false tag []",
		}
		if strings.Join(log, "\n") != strings.Join(want, "\n") {
			t.Errorf("signals:\n%s\nwant\n%s", strings.Join(log, "\n"), strings.Join(want, "\n"))
		}
		left, err := orm.Related[Tag](b, "tags").Count(ctx)
		if err != nil || left != 0 {
			t.Errorf("after clear: %d tags, %v", left, err)
		}
		if err := orm.OnM2MChanged[Book](db, "nope", func(context.Context, orm.M2MEvent) error { return nil }); err == nil {
			t.Error("OnM2MChanged on an unknown field: no error")
		}
	})
}
