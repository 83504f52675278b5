package orm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/m2m_signals/tests.py (ManyToManySignalsTest),
// case by case, named after them. Django's receivers are connected per
// through model; djorm's OnM2MChanged per many-to-many field, on a DB of
// the case's own. Not ported: test_m2m_relations_signals_when_inheritance
// (SportsCar is a multi-table child of Car).

type (
	M2msPart struct {
		orm.Model
		Name string `orm:"max_length=20"`
	}
	M2msCar struct {
		orm.Model
		Name          string                   `orm:"max_length=20"`
		DefaultParts  orm.ManyToMany[M2msPart] `orm:"related_name=car_set"`
		OptionalParts orm.ManyToMany[M2msPart] `orm:"related_name=cars_optional"`
	}
	M2msPerson struct {
		orm.Model
		Name    string                     `orm:"max_length=20"`
		Fans    orm.ManyToMany[M2msPerson] `orm:"related_name=idols"`
		Friends orm.ManyToMany[M2msPerson] `orm:"symmetrical,related_name=+"`
	}
)

func (M2msPart) Meta() orm.Meta   { return orm.Meta{Ordering: []string{"name"}} }
func (M2msCar) Meta() orm.Meta    { return orm.Meta{Ordering: []string{"name"}} }
func (M2msPerson) Meta() orm.Meta { return orm.Meta{Ordering: []string{"name"}} }

var m2msModels = []any{&M2msPart{}, &M2msCar{}, &M2msPerson{}}

func init() { orm.MustRegister(m2msModels...) }

// m2msFixture is setUpTestData's objects and the messages the receiver
// recorded (Django's m2m_changed_messages).
type m2msFixture struct {
	db                                       *orm.DB
	vw, bmw, toyota                          *M2msCar
	wheelset, doors, engine, airbag, sunroof *M2msPart
	alice, bob, chuck, daisy                 *M2msPerson
	messages                                 []string
}

// m2msCase runs body on every backend with fresh tables and objects.
func m2msCase(t *testing.T, body func(t *testing.T, ctx context.Context, f *m2msFixture)) {
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		ctx := context.Background()
		ownTables(t, shared, m2msModels...)
		f := &m2msFixture{db: orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect())}
		car := func(name string) *M2msCar { c := &M2msCar{Name: name}; f.must(t, f.db.Create(ctx, c)); return c }
		part := func(name string) *M2msPart { p := &M2msPart{Name: name}; f.must(t, f.db.Create(ctx, p)); return p }
		person := func(name string) *M2msPerson { p := &M2msPerson{Name: name}; f.must(t, f.db.Create(ctx, p)); return p }
		f.vw, f.bmw, f.toyota = car("VW"), car("BMW"), car("Toyota")
		f.wheelset, f.doors, f.engine, f.airbag, f.sunroof = part("Wheelset"), part("Doors"), part("Engine"), part("Airbag"), part("Sunroof")
		f.alice, f.bob, f.chuck, f.daisy = person("Alice"), person("Bob"), person("Chuck"), person("Daisy")
		body(t, ctx, f)
	})
}

func (f *m2msFixture) must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// receiver is m2m_changed_signal_receiver: the instance, action, reverse
// flag and model, and the objects of the pk set (by name, ordered by the
// model's ordering) when it is not empty.
func (f *m2msFixture) receiver(ctx context.Context, ev orm.M2MEvent) error {
	msg := fmt.Sprintf("%s %s reverse=%v %s", instanceName(ev.Instance), ev.Action, ev.Reverse, ev.Model)
	if len(ev.PKs) > 0 {
		var names []any
		var err error
		switch ev.Model {
		case "m2mspart":
			names, err = orm.Objects[M2msPart](f.db).Filter(orm.Q{"pk__in": ev.PKs}).ValuesList("name").Flat().All(ctx)
		case "m2mscar":
			names, err = orm.Objects[M2msCar](f.db).Filter(orm.Q{"pk__in": ev.PKs}).ValuesList("name").Flat().All(ctx)
		case "m2msperson":
			names, err = orm.Objects[M2msPerson](f.db).Filter(orm.Q{"pk__in": ev.PKs}).ValuesList("name").Flat().All(ctx)
		}
		if err != nil {
			return err
		}
		msg += fmt.Sprint(" ", names)
	}
	f.messages = append(f.messages, msg)
	return nil
}

func instanceName(x any) string {
	switch o := x.(type) {
	case *M2msCar:
		return o.Name
	case *M2msPart:
		return o.Name
	case *M2msPerson:
		return o.Name
	}
	return fmt.Sprintf("%T", x)
}

// initializeSignalCar is _initialize_signal_car: a receiver on both
// relations of Car, optionally after adding a default part unobserved.
func (f *m2msFixture) initializeSignalCar(t *testing.T, ctx context.Context, addDefaultPartsBeforeSetSignal bool) {
	f.must(t, orm.OnM2MChanged[M2msCar](f.db, "optional_parts", f.receiver))
	if addDefaultPartsBeforeSetSignal {
		f.must(t, orm.Related[M2msPart](f.vw, "default_parts").Add(ctx, f.sunroof))
	}
	f.must(t, orm.OnM2MChanged[M2msCar](f.db, "default_parts", f.receiver))
}

func (f *m2msFixture) initializeSignalPerson(t *testing.T) {
	f.must(t, orm.OnM2MChanged[M2msPerson](f.db, "fans", f.receiver))
	f.must(t, orm.OnM2MChanged[M2msPerson](f.db, "friends", f.receiver))
}

func (f *m2msFixture) expect(t *testing.T, want ...string) {
	t.Helper()
	if strings.Join(f.messages, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(f.messages, "\n"), strings.Join(want, "\n"))
	}
}

// m2m_changed is always fired, even for repeated calls to the same
// method: add sends only the keys it will insert, remove every key given.
func TestM2MSignals_ManyToManySignalsTest_test_pk_set_on_repeated_add_remove(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		var sent []string
		f.must(t, orm.OnM2MChanged[M2msCar](f.db, "default_parts", func(ctx context.Context, ev orm.M2MEvent) error {
			if ev.Action == "pre_add" || ev.Action == "pre_remove" {
				sent = append(sent, fmt.Sprint(ev.PKs))
			}
			return nil
		}))
		parts := orm.Related[M2msPart](f.vw, "default_parts")
		f.must(t, parts.Add(ctx, f.wheelset))
		f.must(t, parts.Add(ctx, f.wheelset))
		f.must(t, parts.Remove(ctx, f.wheelset))
		f.must(t, parts.Remove(ctx, f.wheelset))
		pk := fmt.Sprint([]any{f.wheelset.ID})
		want := []string{pk, "[]", pk, pk}
		if strings.Join(sent, " ") != strings.Join(want, " ") {
			t.Errorf("pk sets %v, want %v", sent, want)
		}
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_add_remove_clear(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, true)
		f.must(t, orm.Related[M2msPart](f.vw, "default_parts").Add(ctx, f.wheelset, f.doors, f.engine))
		want := []string{
			"VW pre_add reverse=false m2mspart [Doors Engine Wheelset]",
			"VW post_add reverse=false m2mspart [Doors Engine Wheelset]",
		}
		f.expect(t, want...)
		// give the BMW and Toyota some doors as well
		f.must(t, orm.Related[M2msCar](f.doors, "car_set").Add(ctx, f.bmw, f.toyota))
		f.expect(t, append(want,
			"Doors pre_add reverse=true m2mscar [BMW Toyota]",
			"Doors post_add reverse=true m2mscar [BMW Toyota]")...)
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_signals_remove_relation(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, false)
		// remove the engine and the airbag (which is not set but is returned)
		f.must(t, orm.Related[M2msPart](f.vw, "default_parts").Remove(ctx, f.engine, f.airbag))
		f.expect(t,
			"VW pre_remove reverse=false m2mspart [Airbag Engine]",
			"VW post_remove reverse=false m2mspart [Airbag Engine]")
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_signals_give_the_self_vw_some_optional_parts(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, false)
		// give the vw some optional parts (second relation to the same model)
		f.must(t, orm.Related[M2msPart](f.vw, "optional_parts").Add(ctx, f.airbag, f.sunroof))
		want := []string{
			"VW pre_add reverse=false m2mspart [Airbag Sunroof]",
			"VW post_add reverse=false m2mspart [Airbag Sunroof]",
		}
		f.expect(t, want...)
		// add airbag to all the cars (even though the vw already has one)
		f.must(t, orm.Related[M2msCar](f.airbag, "cars_optional").Add(ctx, f.vw, f.bmw, f.toyota))
		f.expect(t, append(want,
			"Airbag pre_add reverse=true m2mscar [BMW Toyota]",
			"Airbag post_add reverse=true m2mscar [BMW Toyota]")...)
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_signals_reverse_relation_with_custom_related_name(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, false)
		// remove airbag from the vw (reverse relation with custom related_name)
		f.must(t, orm.Related[M2msCar](f.airbag, "cars_optional").Remove(ctx, f.vw))
		f.expect(t,
			"Airbag pre_remove reverse=true m2mscar [VW]",
			"Airbag post_remove reverse=true m2mscar [VW]")
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_signals_clear_all_parts_of_the_self_vw(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, false)
		f.must(t, orm.Related[M2msPart](f.vw, "default_parts").Clear(ctx))
		f.expect(t,
			"VW pre_clear reverse=false m2mspart",
			"VW post_clear reverse=false m2mspart")
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_signals_all_the_doors_off_of_cars(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, false)
		f.must(t, orm.Related[M2msCar](f.doors, "car_set").Clear(ctx))
		f.expect(t,
			"Doors pre_clear reverse=true m2mscar",
			"Doors post_clear reverse=true m2mscar")
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_signals_reverse_relation(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, false)
		// take all the airbags off of cars (clear reverse relation with custom related_name)
		f.must(t, orm.Related[M2msCar](f.airbag, "cars_optional").Clear(ctx))
		f.expect(t,
			"Airbag pre_clear reverse=true m2mscar",
			"Airbag post_clear reverse=true m2mscar")
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_signals_alternative_ways(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, false)
		parts := orm.Related[M2msPart](f.vw, "default_parts")
		// alternative ways of setting relation:
		f.must(t, parts.Create(ctx, &M2msPart{Name: "Windows"}))
		want := []string{
			"VW pre_add reverse=false m2mspart [Windows]",
			"VW post_add reverse=false m2mspart [Windows]",
		}
		f.expect(t, want...)
		// set removes what is not in the new set, then adds what is missing
		f.must(t, parts.Set(ctx, f.wheelset, f.doors, f.engine))
		f.expect(t, append(want,
			"VW pre_remove reverse=false m2mspart [Windows]",
			"VW post_remove reverse=false m2mspart [Windows]",
			"VW pre_add reverse=false m2mspart [Doors Engine Wheelset]",
			"VW post_add reverse=false m2mspart [Doors Engine Wheelset]")...)
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_signals_clearing_removing(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalCar(t, ctx, true)
		parts := orm.Related[M2msPart](f.vw, "default_parts")
		// set by clearing: Django's set(objs, clear=True) is clear() then add(*objs).
		f.must(t, orm.Atomic(ctx, f.db, func(ctx context.Context) error {
			if err := parts.Clear(ctx); err != nil {
				return err
			}
			return parts.Add(ctx, f.wheelset, f.doors, f.engine)
		}))
		want := []string{
			"VW pre_clear reverse=false m2mspart",
			"VW post_clear reverse=false m2mspart",
			"VW pre_add reverse=false m2mspart [Doors Engine Wheelset]",
			"VW post_add reverse=false m2mspart [Doors Engine Wheelset]",
		}
		f.expect(t, want...)
		// set by only removing what's necessary: nothing is added, so no add signals.
		f.must(t, parts.Set(ctx, f.wheelset, f.doors))
		f.expect(t, append(want,
			"VW pre_remove reverse=false m2mspart [Engine]",
			"VW post_remove reverse=false m2mspart [Engine]")...)
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_with_self_add_friends(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalPerson(t)
		f.must(t, orm.Related[M2msPerson](f.alice, "friends").Set(ctx, f.bob, f.chuck))
		// one pair: the mirror rows of a symmetrical relation send nothing
		f.expect(t,
			"Alice pre_add reverse=false m2msperson [Bob Chuck]",
			"Alice post_add reverse=false m2msperson [Bob Chuck]")
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_with_self_add_fan(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalPerson(t)
		f.must(t, orm.Related[M2msPerson](f.alice, "fans").Set(ctx, f.daisy))
		f.expect(t,
			"Alice pre_add reverse=false m2msperson [Daisy]",
			"Alice post_add reverse=false m2msperson [Daisy]")
	})
}

func TestM2MSignals_ManyToManySignalsTest_test_m2m_relations_with_self_add_idols(t *testing.T) {
	m2msCase(t, func(t *testing.T, ctx context.Context, f *m2msFixture) {
		f.initializeSignalPerson(t)
		f.must(t, orm.Related[M2msPerson](f.chuck, "idols").Set(ctx, f.alice, f.bob))
		f.expect(t,
			"Chuck pre_add reverse=true m2msperson [Alice Bob]",
			"Chuck post_add reverse=true m2msperson [Alice Bob]")
	})
}
