package prefetch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// CustomPrefetchTests: the fixture of setUpTestData.
type houses struct {
	person1, person2                   *Person
	house1, house2, house3, house4     *House
	room1_1, room1_2, room1_3, room2_1 *Room
}

func setUpHouses(t *testing.T, db *orm.DB) *houses {
	t.Helper()
	resetTables(t, db)
	d := &houses{}
	d.person1 = create(t, db, &Person{Name: "Joe"})
	d.person2 = create(t, db, &Person{Name: "Mary"})
	mk := func(name, address string, owner *Person) (*House, []*Room) {
		h := create(t, db, &House{Name: name, Address: address, Owner: orm.Ref(owner)})
		var rooms []*Room
		for _, rn := range []string{"Dining room", "Lounge", "Kitchen"} {
			rooms = append(rooms, create(t, db, &Room{Name: rn, House: orm.Ref(h)}))
		}
		h.MainRoom = orm.OneToOne[Room]{ForeignKey: orm.Ref(rooms[0])}
		must(t, db.Save(ctx, h))
		must(t, orm.Related[House](owner, "houses").Add(ctx, h))
		return h, rooms
	}
	var r1, r2 []*Room
	d.house1, r1 = mk("House 1", "123 Main St", d.person1)
	d.house2, r2 = mk("House 2", "45 Side St", d.person1)
	d.house3, _ = mk("House 3", "6 Downing St", d.person2)
	d.house4, _ = mk("house 4", "7 Regents St", d.person2)
	d.room1_1, d.room1_2, d.room1_3, d.room2_1 = r1[0], r1[1], r1[2], r2[0]
	return d
}

func persons(db *orm.DB) *orm.QuerySet[*Person] { return orm.Objects[Person](db) }
func houseQS(db *orm.DB) *orm.QuerySet[*House]  { return orm.Objects[House](db) }
func rooms(db *orm.DB) *orm.QuerySet[*Room]     { return orm.Objects[Room](db) }

func hs(h *House) string {
	if h == nil {
		return "None"
	}
	return fmt.Sprintf("H%d", h.ID)
}
func rs(r *Room) string   { return fmt.Sprintf("R%d", r.ID) }
func ps(p *Person) string { return fmt.Sprintf("P%d", p.ID) }

// tree renders traverse_qs's (obj, [related...]) lists.
func tree(obj string, children []string) string {
	return obj + "(" + strings.Join(children, " ") + ")"
}

// attr is getattr(obj, name) for a ToAttr list kept in the prefetch store.
func attr[T any](t *testing.T, obj any, name string) []*T {
	t.Helper()
	v, ok := orm.Prefetched[T](obj, name)
	if !ok {
		t.Fatalf("%T has no prefetched %q", obj, name)
	}
	return v
}

// personHouses is traverse_qs(persons, [['houses']]) with houses read by get.
func personHouses(ps0 []*Person, get func(*Person) []*House) string {
	var out []string
	for _, p := range ps0 {
		var ch []string
		for _, h := range get(p) {
			ch = append(ch, tree(hs(h), nil))
		}
		out = append(out, tree(ps(p), ch))
	}
	return strings.Join(out, " ")
}

// personHouseRooms is traverse_qs(persons, [['houses', 'rooms']]).
func personHouseRooms(ps0 []*Person, houses func(*Person) []*House, rooms func(*House) []*Room) string {
	var out []string
	for _, p := range ps0 {
		var ch []string
		for _, h := range houses(p) {
			var rr []string
			for _, r := range rooms(h) {
				rr = append(rr, tree(rs(r), nil))
			}
			ch = append(ch, tree(hs(h), rr))
		}
		out = append(out, tree(ps(p), ch))
	}
	return strings.Join(out, " ")
}

func TestPrefetchRelated_CustomPrefetchTests_test_traverse_qs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpHouses(t, db)
		qs := persons(db).PrefetchRelated("houses")
		var normal []string
		for _, p := range all(t, ctx, qs) {
			normal = append(normal, fmt.Sprint(names(related[House](t, ctx, p, "houses"), hs)))
		}
		var traversed []string
		for _, p := range all(t, ctx, qs) {
			var hh []string
			for _, h := range related[House](t, ctx, p, "houses") {
				hh = append(hh, hs(h))
			}
			traversed = append(traversed, fmt.Sprint(hh))
		}
		eq(t, "traverse", traversed, normal)
		eq(t, "houses", normal, fmt.Sprint([]string{
			fmt.Sprint([]string{hs(d.house1), hs(d.house2)}), fmt.Sprint([]string{hs(d.house3), hs(d.house4)})}))
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_m2m(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpHouses(t, db)
		var lst1, lst2 string
		numQueries(t, "control", 2, func(c context.Context) {
			lst1 = personHouses(all(t, c, persons(db).PrefetchRelated("houses")),
				func(p *Person) []*House { return related[House](t, c, p, "houses") })
		})
		numQueries(t, "Prefetch('houses')", 2, func(c context.Context) {
			lst2 = personHouses(all(t, c, persons(db).PrefetchRelated(orm.Prefetch("houses", nil))),
				func(p *Person) []*House { return related[House](t, c, p, "houses") })
		})
		eq(t, "lst2", lst2, lst1)
		numQueries(t, "to_attr", 2, func(c context.Context) {
			lst2 = personHouses(all(t, c, persons(db).PrefetchRelated(orm.Prefetch("houses", nil).ToAttr("houses_lst"))),
				func(p *Person) []*House { return p.HousesLst })
		})
		eq(t, "lst2 (to_attr)", lst2, lst1)
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_reverse_m2m(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpHouses(t, db)
		trav := func(hh []*House, get func(*House) []*Person) string {
			var out []string
			for _, h := range hh {
				var ch []string
				for _, p := range get(h) {
					ch = append(ch, tree(ps(p), nil))
				}
				out = append(out, tree(hs(h), ch))
			}
			return strings.Join(out, " ")
		}
		var lst1, lst2 string
		numQueries(t, "control", 2, func(c context.Context) {
			lst1 = trav(all(t, c, houseQS(db).PrefetchRelated("occupants")),
				func(h *House) []*Person { return related[Person](t, c, h, "occupants") })
		})
		numQueries(t, "Prefetch('occupants')", 2, func(c context.Context) {
			lst2 = trav(all(t, c, houseQS(db).PrefetchRelated(orm.Prefetch("occupants", nil))),
				func(h *House) []*Person { return related[Person](t, c, h, "occupants") })
		})
		eq(t, "lst2", lst2, lst1)
		numQueries(t, "to_attr", 2, func(c context.Context) {
			lst2 = trav(all(t, c, houseQS(db).PrefetchRelated(orm.Prefetch("occupants", nil).ToAttr("occupants_lst"))),
				func(h *House) []*Person { return attr[Person](t, h, "occupants_lst") })
		})
		eq(t, "lst2 (to_attr)", lst2, lst1)
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_m2m_through_fk(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpHouses(t, db)
		trav := func(c context.Context, rr []*Room, get func(*House) []*Person) string {
			var out []string
			for _, r := range rr {
				h, err := r.House.Get(c)
				must(t, err)
				var ch []string
				for _, p := range get(h) {
					ch = append(ch, tree(ps(p), nil))
				}
				out = append(out, tree(rs(r), []string{tree(hs(h), ch)}))
			}
			return strings.Join(out, " ")
		}
		var lst1, lst2 string
		numQueries(t, "control", 3, func(c context.Context) {
			lst1 = trav(c, all(t, c, rooms(db).PrefetchRelated("house__occupants")),
				func(h *House) []*Person { return related[Person](t, c, h, "occupants") })
		})
		numQueries(t, "Prefetch('house__occupants')", 3, func(c context.Context) {
			lst2 = trav(c, all(t, c, rooms(db).PrefetchRelated(orm.Prefetch("house__occupants", nil))),
				func(h *House) []*Person { return related[Person](t, c, h, "occupants") })
		})
		eq(t, "lst2", lst2, lst1)
		numQueries(t, "to_attr", 3, func(c context.Context) {
			lst2 = trav(c, all(t, c, rooms(db).PrefetchRelated(orm.Prefetch("house__occupants", nil).ToAttr("occupants_lst"))),
				func(h *House) []*Person { return attr[Person](t, h, "occupants_lst") })
		})
		eq(t, "lst2 (to_attr)", lst2, lst1)
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_o2m_through_m2m(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpHouses(t, db)
		var lst1 string
		viaHouses := func(c context.Context) func(*Person) []*House {
			return func(p *Person) []*House { return related[House](t, c, p, "houses") }
		}
		viaRooms := func(c context.Context) func(*House) []*Room {
			return func(h *House) []*Room { return related[Room](t, c, h, "rooms") }
		}
		lstHouses := func(p *Person) []*House { return p.HousesLst }
		lstRooms := func(h *House) []*Room { return h.RoomsLst }
		numQueries(t, "control", 3, func(c context.Context) {
			lst1 = personHouseRooms(all(t, c, persons(db).PrefetchRelated("houses", "houses__rooms")), viaHouses(c), viaRooms(c))
		})
		cases := []struct {
			name    string
			lookups []any
			houses  func(context.Context) func(*Person) []*House
			rooms   func(context.Context) func(*House) []*Room
		}{
			{"Prefetch('houses'), 'houses__rooms'", []any{orm.Prefetch("houses", nil), "houses__rooms"}, viaHouses, viaRooms},
			{"Prefetch('houses'), Prefetch('houses__rooms')", []any{orm.Prefetch("houses", nil), orm.Prefetch("houses__rooms", nil)}, viaHouses, viaRooms},
			{"houses_lst, houses_lst__rooms", []any{orm.Prefetch("houses", nil).ToAttr("houses_lst"), "houses_lst__rooms"},
				func(context.Context) func(*Person) []*House { return lstHouses }, viaRooms},
			{"houses_lst, houses_lst__rooms to rooms_lst", []any{orm.Prefetch("houses", nil).ToAttr("houses_lst"),
				orm.Prefetch("houses_lst__rooms", nil).ToAttr("rooms_lst")},
				func(context.Context) func(*Person) []*House { return lstHouses },
				func(context.Context) func(*House) []*Room { return lstRooms }},
		}
		for _, tc := range cases {
			var lst2 string
			numQueries(t, tc.name, 3, func(c context.Context) {
				lst2 = personHouseRooms(all(t, c, persons(db).PrefetchRelated(tc.lookups...)), tc.houses(c), tc.rooms(c))
			})
			eq(t, tc.name, lst2, lst1)
		}
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_nested_prefetch_related_are_not_overwritten(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpHouses(t, db)
		houses2 := houseQS(db).PrefetchRelated(orm.Prefetch("rooms", nil))
		ps0 := persons(db).PrefetchRelated(orm.Prefetch("houses", houses2))
		hh := houseQS(db).PrefetchRelated(orm.Prefetch("occupants", ps0))
		all(t, ctx, hh)
		h0 := all(t, ctx, hh)[0]
		p0 := related[Person](t, ctx, h0, "occupants")[0]
		h1 := related[House](t, ctx, p0, "houses")[1]
		r0 := related[Room](t, ctx, h1, "rooms")[0]
		eq(t, "houses[0].occupants[0].houses[1].rooms[0]", rs(r0), rs(d.room2_1))
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_nested_prefetch_related_with_duplicate_prefetcher(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpHouses(t, db)
		occupants := persons(db).PrefetchRelated(
			orm.Prefetch("houses", nil).ToAttr("some_attr_name"),
			orm.Prefetch("houses", houseQS(db).PrefetchRelated("main_room")),
		)
		hh := houseQS(db).PrefetchRelated(orm.Prefetch("occupants", occupants))
		numQueries(t, "traverse", 5, func(c context.Context) {
			for _, h := range all(t, c, hh) {
				for _, p := range related[Person](t, c, h, "occupants") {
					for _, ph := range related[House](t, c, p, "houses") {
						_, err := ph.MainRoom.Get(c)
						must(t, err)
					}
				}
			}
		})
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_values_queryset(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpHouses(t, db)
		for what, qs := range map[string]orm.Queryable{
			"values":      houseQS(db).Values("pk"),
			"values_list": houseQS(db).ValuesList("pk"),
		} {
			_, err := persons(db).PrefetchRelated(orm.Prefetch("houses", qs)).All(ctx)
			if !errors.Is(err, orm.ErrInvalidQuery) {
				t.Errorf("%s: err = %v, want ValueError 'Prefetch querysets cannot use raw(), values(), and values_list().'", what, err)
			}
		}
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_raw_queryset(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpHouses(t, db)
		_, err := persons(db).PrefetchRelated(orm.Prefetch("houses", orm.Raw[House](db, "select id from prefetch_related_house"))).All(ctx)
		if !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("err = %v, want ValueError 'Prefetch querysets cannot use raw(), values(), and values_list().'", err)
		}
	})
}

// house.rooms.all() is a QuerySet, not the to_attr list: it queries.
func TestPrefetchRelated_CustomPrefetchTests_test_to_attr_doesnt_cache_through_attr_as_list(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpHouses(t, db)
		house, err := houseQS(db).PrefetchRelated(orm.Prefetch("rooms", rooms(db)).ToAttr("to_rooms")).Get(ctx, orm.Q{"pk": d.house3.ID})
		must(t, err)
		numQueries(t, "house.rooms.all()", 1, func(c context.Context) {
			eq(t, "rooms", len(related[Room](t, c, house, "rooms")), 3)
		})
	})
}

func TestPrefetchRelated_CustomPrefetchTests_test_to_attr_cached_property(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpHouses(t, db)
		qs := persons(db).PrefetchRelated(orm.Prefetch("houses", houseQS(db)).ToAttr("cached_all_houses"))
		for _, p := range all(t, ctx, qs) {
			want := all(t, ctx, houseQS(db).Filter(orm.Q{"occupants": p}))
			numQueries(t, "cached_all_houses", 0, func(context.Context) {
				eq(t, "cached_all_houses", names(p.CachedAllHouses, hs), names(want, hs))
			})
		}
	})
}
