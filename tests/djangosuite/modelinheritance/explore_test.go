package modelinheritance

import (
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/ormtest"
)

func TestExplore(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		c, q := ormtest.CaptureQueries(t, ctx)
		r := &Restaurant{Place: Place{Name: "Demon Dogs", Address: "944 W. Fullerton"}, ServesHotDogs: true, Rating: Rating{i32(2)}}
		must(t, orm.Objects[Restaurant](db).Create(c, r))
		it := &ItalianRestaurant{Restaurant: Restaurant{Place: Place{Name: "Ristorante Miron", Address: "1234 W. Ash"}, Rating: Rating{i32(4)}}, ServesGnocchi: true}
		must(t, orm.Objects[ItalianRestaurant](db).Create(c, it))
		got, err := orm.Objects[ItalianRestaurant](db).Filter(orm.Q{"address": "1234 W. Ash"}).All(c)
		must(t, err)
		t.Logf("%+v", got[0])
		rs, err := orm.Objects[Restaurant](db).Filter(orm.Q{"pk": 1}).All(c)
		must(t, err)
		t.Logf("%+v", rs)
		t.Log(q)
	})
}
