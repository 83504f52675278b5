package modelinheritance

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/ormtest"
)

func places(db *orm.DB) *orm.QuerySet[*Place]           { return orm.Objects[Place](db) }
func restaurants(db *orm.DB) *orm.QuerySet[*Restaurant] { return orm.Objects[Restaurant](db) }
func italians(db *orm.DB) *orm.QuerySet[*ItalianRestaurant] {
	return orm.Objects[ItalianRestaurant](db)
}
func suppliers(db *orm.DB) *orm.QuerySet[*Supplier] { return orm.Objects[Supplier](db) }

// names returns the Name of each row (assertQuerysetEqual with
// attrgetter("name")).
func names[T interface{ PlaceName() string }](t *testing.T, qs *orm.QuerySet[T]) []string {
	t.Helper()
	rows, err := qs.All(ctx)
	must(t, err)
	out := []string{}
	for _, r := range rows {
		out = append(out, r.PlaceName())
	}
	return out
}

// PlaceName is the name every place-derived model answers to.
func (p *Place) PlaceName() string { return p.Name }

func assertNames(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// dataSetUp is ModelInheritanceDataTests.setUpTestData.
func dataSetUp(t *testing.T, db *orm.DB) (*Restaurant, *ItalianRestaurant) {
	t.Helper()
	resetTables(t, db)
	r := &Restaurant{Place: Place{Name: "Demon Dogs", Address: "944 W. Fullerton"}, ServesHotDogs: true,
		Rating: Rating{i32(2)}}
	must(t, restaurants(db).Create(ctx, r))
	chef := &Chef{Name: "Albert"}
	must(t, orm.Objects[Chef](db).Create(ctx, chef))
	it := &ItalianRestaurant{Restaurant: Restaurant{Place: Place{Name: "Ristorante Miron", Address: "1234 W. Ash"},
		Rating: Rating{i32(4)}}, ServesGnocchi: true}
	it.Chef.Set(chef)
	must(t, italians(db).Create(ctx, it))
	return r, it
}

func TestModelInheritance_ModelInheritanceTests_test_reverse_relation_for_different_hierarchy_tree(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		assertNames(t, "Place.filter(supplier__name)", names(t, places(db).Filter(orm.Q{"supplier__name": "foo"})), []string{})
		_, err := restaurants(db).Filter(orm.Q{"supplier__name": "foo"}).All(ctx)
		if !isFieldError(err) {
			t.Fatalf("Restaurant.filter(supplier__name): err = %v, want a FieldError", err)
		}
		// Django's choices: the inherited fields and reverse relations
		// (lot), not a sibling's link (supplier); reviews is djorm's own
		// RReview model's key.
		want := "Choices are: address, chef, chef_id, id, italianrestaurant, lot, name, place_ptr, place_ptr_id, provider, rating, reviews, serves_hot_dogs, serves_pizza"
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not list %q", err, want)
		}
	})
}

func TestModelInheritance_ModelInheritanceTests_test_meta_fields_and_ordering(t *testing.T) {
	fieldNames := func(v any) []string {
		m, err := orm.ModelMeta(v)
		must(t, err)
		var out []string
		for _, f := range m.Fields {
			out = append(out, f.Name)
		}
		return out
	}
	assertNames(t, "Restaurant fields", fieldNames(&Restaurant{}),
		[]string{"id", "name", "address", "place_ptr", "rating", "serves_hot_dogs", "serves_pizza", "chef"})
	assertNames(t, "ItalianRestaurant fields", fieldNames(&ItalianRestaurant{}),
		[]string{"id", "name", "address", "place_ptr", "rating", "serves_hot_dogs", "serves_pizza", "chef", "restaurant_ptr", "serves_gnocchi"})
	m, err := orm.ModelMeta(&Restaurant{})
	must(t, err)
	if !reflect.DeepEqual(m.Meta.Ordering, []string{"-rating"}) {
		t.Errorf("Restaurant ordering = %q, want [-rating]", m.Meta.Ordering)
	}
}

// Django captures Place.objects.filter(pk=...).update(name=...)'s UPDATE
// and wants supplier.save(update_fields=('name',)) to send the same one.
func TestModelInheritance_ModelInheritanceTests_test_update_parent_filtering(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		s := &Supplier{Place: Place{Name: "Central market", Address: "610 some street"}}
		must(t, suppliers(db).Create(ctx, s))
		c, q := ormtest.CaptureQueries(t, ctx)
		_, err := places(db).Filter(orm.Q{"pk": s.ID}).Update(c, orm.Set{"name": s.Name})
		must(t, err)
		want := q.Records()[0].SQL
		q.Reset()
		must(t, db.Save(c, s, "name"))
		updates := 0
		for _, r := range q.Records() {
			if strings.Contains(r.SQL, "UPDATE") {
				updates++
				if r.SQL != want {
					t.Errorf("save(update_fields) sent %s, want %s", r.SQL, want)
				}
			}
		}
		if updates != 1 {
			t.Errorf("%d UPDATEs, want 1", updates)
		}
	})
}

// Equality does not cross models: a Place and a Restaurant with one id are
// different values (Go compares the types before anything else).
func TestModelInheritance_ModelInheritanceTests_test_eq(t *testing.T) {
	var a, b any = &Place{Model: orm.Model{ID: 1}}, &Restaurant{Place: Place{Model: orm.Model{ID: 1}}}
	if reflect.DeepEqual(a, b) {
		t.Error("Place(id=1) equals Restaurant(id=1)")
	}
}

// GrandChild.objects.create and GrandChild().save() insert one row per
// table and never try an UPDATE first (#27880).
func TestModelInheritance_ModelInheritanceTests_test_create_child_no_update(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		check := func(what string, fn func(c context.Context) error) {
			t.Helper()
			c, q := ormtest.CaptureQueries(t, ctx)
			must(t, fn(c))
			inserts := 0
			for _, r := range q.Records() {
				if strings.HasPrefix(r.SQL, "UPDATE") {
					t.Errorf("%s sent %s", what, r.SQL)
				}
				if strings.HasPrefix(r.SQL, "INSERT") {
					inserts++
				}
			}
			if inserts != 4 {
				t.Errorf("%s: %d INSERTs, want 4", what, inserts)
			}
		}
		check("create", func(c context.Context) error {
			return orm.Objects[GrandChild](db).Create(c, &GrandChild{Child: Child{Parent: Parent{GrandParent: GrandParent{FirstName: "a", LastName: "b", Email: "a@b.c"}}}})
		})
		check("save", func(c context.Context) error {
			return db.Save(c, &GrandChild{Child: Child{Parent: Parent{GrandParent: GrandParent{FirstName: "c", LastName: "d", Email: "c@d.e"}}}})
		})
	})
}

// A parent's Meta ordering "-pk" orders a child by its own key column.
func TestModelInheritance_ModelInheritanceTests_test_inherited_ordering_pk_desc(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		p1 := &Parent{GrandParent: GrandParent{FirstName: "I", LastName: "Parent", Email: "i@p.c"}}
		p2 := &Parent{GrandParent: GrandParent{FirstName: "II", LastName: "Parent", Email: "ii@p.c"}}
		must(t, db.Create(ctx, p1))
		must(t, db.Create(ctx, p2))
		c, q := ormtest.CaptureQueries(t, ctx)
		rows, err := orm.Objects[Parent](db).All(c)
		must(t, err)
		if len(rows) != 2 || rows[0].ID != p2.ID || rows[1].ID != p1.ID {
			t.Errorf("Parent.objects.all() = %v, want [p2 p1]", rows)
		}
		d := db.Dialect()
		quoted := string(d.AppendIdent(nil, "parent")) + "." + string(d.AppendIdent(nil, "grandparent_ptr_id"))
		if sql := q.Records()[0].SQL; !strings.Contains(sql, "ORDER BY "+quoted+" DESC") {
			t.Errorf("%s does not order by %s DESC", sql, quoted)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_filter_inherited_model(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		assertNames(t, "filter(address)", names(t, italians(db).Filter(orm.Q{"address": "1234 W. Ash"})), []string{"Ristorante Miron"})
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_update_inherited_model(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		_, it := dataSetUp(t, db)
		it.Address = "1234 W. Elm"
		must(t, db.Save(ctx, it))
		assertNames(t, "filter(address)", names(t, italians(db).Filter(orm.Q{"address": "1234 W. Elm"})), []string{"Ristorante Miron"})
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_parent_fields_available_for_filtering_in_child_model(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		assertNames(t, "Restaurant.filter(name)", names(t, restaurants(db).Filter(orm.Q{"name": "Demon Dogs"})), []string{"Demon Dogs"})
		assertNames(t, "ItalianRestaurant.filter(address)", names(t, italians(db).Filter(orm.Q{"address": "1234 W. Ash"})), []string{"Ristorante Miron"})
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_filter_on_parent_returns_object_of_parent_type(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		p, err := places(db).Get(ctx, orm.Q{"name": "Demon Dogs"})
		must(t, err)
		if reflect.TypeOf(p) != reflect.TypeOf(&Place{}) {
			t.Errorf("type %T, want *Place", p)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_parent_child_one_to_one_link(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		p, err := places(db).Get(ctx, orm.Q{"name": "Demon Dogs"})
		must(t, err)
		r, err := orm.Related[Restaurant](p, "restaurant").Get(ctx)
		must(t, err)
		want, err := restaurants(db).Get(ctx, orm.Q{"name": "Demon Dogs"})
		must(t, err)
		if r.ID != want.ID || r.Name != want.Name || *r.Rating.Rating != 2 || !r.ServesHotDogs {
			t.Errorf("place.restaurant = %+v, want %+v", r, want)
		}
		p2, err := places(db).Get(ctx, orm.Q{"name": "Ristorante Miron"})
		must(t, err)
		r2, err := orm.Related[Restaurant](p2, "restaurant").Get(ctx)
		must(t, err)
		ir, err := orm.Related[ItalianRestaurant](r2, "italianrestaurant").Get(ctx)
		must(t, err)
		if ir.Name != "Ristorante Miron" || !ir.ServesGnocchi || ir.ID != p2.ID {
			t.Errorf("place.restaurant.italianrestaurant = %+v", ir)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_parent_child_one_to_one_link_on_nonrelated_objects(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		p, err := places(db).Get(ctx, orm.Q{"name": "Demon Dogs"})
		must(t, err)
		r, err := orm.Related[Restaurant](p, "restaurant").Get(ctx)
		must(t, err)
		_, err = orm.Related[ItalianRestaurant](r, "italianrestaurant").Get(ctx)
		if !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("restaurant.italianrestaurant: err = %v, want ErrDoesNotExist", err)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_inherited_does_not_exist_exception(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		_, err := italians(db).Get(ctx, orm.Q{"name": "The Noodle Void"})
		if !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("err = %v, want ErrDoesNotExist", err)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_inherited_multiple_objects_returned_exception(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		_, err := restaurants(db).Get(ctx, orm.Q{"id__lt": 12321})
		if !errors.Is(err, orm.ErrMultipleObjectsReturned) {
			t.Errorf("err = %v, want ErrMultipleObjectsReturned", err)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_related_objects_for_inherited_models(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		r, it := dataSetUp(t, db)
		s1 := &Supplier{Place: Place{Name: "Joe's Chickens", Address: "123 Sesame St"}}
		must(t, suppliers(db).Create(ctx, s1))
		must(t, orm.Related[Restaurant](s1, "customers").Set(ctx, r, &it.Restaurant))
		s2 := &Supplier{Place: Place{Name: "Luigi's Pasta", Address: "456 Sesame St"}}
		must(t, suppliers(db).Create(ctx, s2))
		must(t, orm.Related[Restaurant](s2, "customers").Set(ctx, &it.Restaurant))

		p, err := places(db).Get(ctx, orm.Q{"name": "Joe's Chickens"})
		must(t, err)
		if _, err := orm.Related[Restaurant](p, "restaurant").Get(ctx); !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("p.restaurant: err = %v, want ErrDoesNotExist", err)
		}
		ps, err := orm.Related[Supplier](p, "supplier").Get(ctx)
		must(t, err)
		if ps.ID != s1.ID {
			t.Errorf("p.supplier = %d, want %d", ps.ID, s1.ID)
		}
		provider := orm.Related[Supplier](&it.Restaurant, "provider").OrderBy("-name")
		assertNames(t, "italian_restaurant.provider", names(t, provider), []string{"Luigi's Pasta", "Joe's Chickens"})
		assertNames(t, "Restaurant.filter(provider__name__contains)",
			names(t, restaurants(db).Filter(orm.Q{"provider__name__contains": "Chickens"})), []string{"Ristorante Miron", "Demon Dogs"})
		assertNames(t, "ItalianRestaurant.filter(provider__name__contains)",
			names(t, italians(db).Filter(orm.Q{"provider__name__contains": "Chickens"})), []string{"Ristorante Miron"})

		lot1 := &ParkingLot{Place: Place{Name: "Main St", Address: "111 Main St"}}
		lot1.MainSite.Set(&s1.Place)
		must(t, db.Create(ctx, lot1))
		lot2 := &ParkingLot{Place: Place{Name: "Well Lit", Address: "124 Sesame St"}}
		lot2.MainSite.Set(&it.Place)
		must(t, db.Create(ctx, lot2))
		got, err := restaurants(db).Get(ctx, orm.Q{"lot__name": "Well Lit"})
		must(t, err)
		if got.Name != "Ristorante Miron" {
			t.Errorf("Restaurant.get(lot__name) = %q", got.Name)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_update_works_on_parent_and_child_models_at_once(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		r, _ := dataSetUp(t, db)
		n, err := restaurants(db).Filter(orm.Q{"serves_hot_dogs": true, "name__contains": "D"}).
			Update(ctx, orm.Set{"name": "Demon Puppies", "serves_hot_dogs": false})
		must(t, err)
		if n != 1 {
			t.Errorf("rows = %d, want 1", n)
		}
		r1, err := restaurants(db).Get(ctx, orm.Q{"pk": r.ID})
		must(t, err)
		if r1.ServesHotDogs || r1.Name != "Demon Puppies" {
			t.Errorf("r1 = %+v", r1)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_values_works_on_parent_model_fields(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		rows, err := italians(db).Values("name", "rating").All(ctx)
		must(t, err)
		if len(rows) != 1 || rows[0]["name"] != "Ristorante Miron" || rows[0]["rating"] != int64(4) {
			t.Errorf("values = %v", rows)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_select_related_works_on_parent_model_fields(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		c, q := ormtest.CaptureQueries(t, ctx)
		first, err := italians(db).First(c)
		must(t, err)
		_, err = first.Chef.Get(c)
		must(t, err)
		q.AssertCount(2)
		q.Reset()
		first, err = italians(db).SelectRelated("chef").First(c)
		must(t, err)
		chef, err := first.Chef.Get(c)
		must(t, err)
		if chef.Name != "Albert" {
			t.Errorf("chef = %q", chef.Name)
		}
		q.AssertCount(1)
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_select_related_defer(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		qs := restaurants(db).SelectRelated("italianrestaurant").Defer("italianrestaurant__serves_gnocchi").OrderBy("rating")
		c, q := ormtest.CaptureQueries(t, ctx)
		objs, err := qs.All(c)
		must(t, err)
		if len(objs) != 2 {
			t.Fatalf("%d rows, want 2", len(objs))
		}
		ir, err := orm.Related[ItalianRestaurant](objs[1], "italianrestaurant").Get(c)
		must(t, err)
		must(t, db.Refresh(c, ir, "serves_gnocchi"))
		if !ir.ServesGnocchi {
			t.Error("serves_gnocchi = false")
		}
		q.AssertCount(2)
		if objs[0].Name != "Demon Dogs" || *objs[0].Rating.Rating != 2 {
			t.Errorf("qs[0] = %q %d", objs[0].Name, *objs[0].Rating.Rating)
		}
		if ir.Name != "Ristorante Miron" || *ir.Rating.Rating != 4 {
			t.Errorf("qs[1].italianrestaurant = %q %d", ir.Name, *ir.Rating.Rating)
		}
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_update_query_counts(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		_, it := dataSetUp(t, db)
		c, q := ormtest.CaptureQueries(t, ctx)
		must(t, db.Save(c, it))
		q.AssertCount(3)
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_filter_inherited_on_null(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		must(t, suppliers(db).Create(ctx, &Supplier{Place: Place{Name: "Central market", Address: "610 some street"}}))
		assertNames(t, "supplier__isnull=False", names(t, places(db).Filter(orm.Q{"supplier__isnull": false})), []string{"Central market"})
		assertNames(t, "supplier__isnull=True", names(t, places(db).Filter(orm.Q{"supplier__isnull": true}).OrderBy("name")),
			[]string{"Demon Dogs", "Ristorante Miron"})
	})
}

func TestModelInheritance_ModelInheritanceDataTests_test_exclude_inherited_on_null(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		must(t, suppliers(db).Create(ctx, &Supplier{Place: Place{Name: "Central market", Address: "610 some street"}}))
		assertNames(t, "exclude(supplier__isnull=False)", names(t, places(db).Exclude(orm.Q{"supplier__isnull": false}).OrderBy("name")),
			[]string{"Demon Dogs", "Ristorante Miron"})
		assertNames(t, "exclude(supplier__isnull=True)", names(t, places(db).Exclude(orm.Q{"supplier__isnull": true})), []string{"Central market"})
	})
}
