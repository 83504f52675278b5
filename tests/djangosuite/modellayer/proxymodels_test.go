package modellayer

import (
	"context"
	"errors"
	"sort"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2's tests/proxy_models/tests.py.
//
// Skipped Django methods:
//   - ProxyModelTests.test_swappable: djorm has no swappable models.
//   - ProxyModelTests.test_permissions_created, test_content_type: no
//     contrib.auth permissions, no contenttypes.
//   - ProxyModelTests.test_proxy_for_model: djorm keeps only the concrete
//     model of a proxy (registry.Model.ProxyOf), not the proxy it embeds
//     (Django's _meta.proxy_for_model); test_concrete_model is ported.
//   - ProxyModelTests.test_filter_proxy_relation_reverse and test_proxy_bug:
//     they use ProxyTrackerUser, a proxy of the multi-table child
//     TrackerUser, which djorm refuses at registration ("djorm does not
//     support that yet").
//   - ProxyModelTests.test_proxy_load_from_fixture: no fixtures (loaddata).
//   - ProxyModelTests.test_eq: Python's Model.__eq__ (same concrete model
//     and pk); Go structs of different types do not compare.
//   - ProxyModelAdminTests (test_cascade_delete_proxy_model_admin_warning,
//     test_delete_str_in_model_admin): Django's admin.
//   - ProxyModelTests.test_otherperson_manager is in
//     modellayer_failing_test.go.
//   - ProxyModelTests.test_user_proxy_models' MultiUserProxy half (a proxy
//     of two proxies of User) is in modellayer_failing_test.go.

func proxySetUp(t *testing.T, db *orm.DB) {
	t.Helper()
	resetTables(t, db, proxyModels)
}

func personName(p *Person) string     { return p.Name }
func myPersonName(p *MyPerson) string { return p.Name }

func userName(u *User) string           { return u.Name }
func userProxyName(u *UserProxy) string { return u.Name }

func TestProxyModels_ProxyModelTests_test_same_manager_queries(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		mySQL, myArgs, err := myPersonOther(db).SQL()
		must(t, err)
		pSQL, pArgs, err := orm.Objects[Person](db).OrderBy("name").SQL()
		must(t, err)
		if mySQL != pSQL || len(myArgs) != len(pArgs) || len(myArgs) != 1 || myArgs[0] != pArgs[0] {
			t.Errorf("MyPerson.other.all():\n  %s %v\nPerson.objects.order_by(\"name\"):\n  %s %v\nwant the same", mySQL, myArgs, pSQL, pArgs)
		}
	})
}

func TestProxyModels_ProxyModelTests_test_inheritance_new_table(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		spSQL, _, err := orm.Objects[StatusPerson](db).SQL()
		must(t, err)
		pSQL, _, err := orm.Objects[Person](db).SQL()
		must(t, err)
		if spSQL == pSQL {
			t.Errorf("StatusPerson and Person query the same: %s", spSQL)
		}
	})
}

func TestProxyModels_ProxyModelTests_test_basic_proxy(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		person := &Person{Name: "Foo McBar"}
		must(t, orm.Objects[Person](db).Create(ctx, person))
		if n := len(namesOf(t, orm.Objects[Person](db), personName)); n != 1 {
			t.Errorf("len(Person.objects.all()) = %d, want 1", n)
		}
		if n := len(namesOf(t, orm.Objects[MyPerson](db), myPersonName)); n != 1 {
			t.Errorf("len(MyPerson.objects.all()) = %d, want 1", n)
		}
		got, err := orm.Objects[MyPerson](db).Get(ctx, orm.Q{"name": "Foo McBar"})
		must(t, err)
		if got.ID != person.ID {
			t.Errorf("MyPerson id = %d, want %d", got.ID, person.ID)
		}
		got, err = orm.Objects[MyPerson](db).Get(ctx, orm.Q{"id": person.ID})
		must(t, err)
		if got.HasSpecialName() {
			t.Error("has_special_name() = true, want false")
		}
	})
}

func TestProxyModels_ProxyModelTests_test_no_proxy(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		must(t, orm.Objects[Person](db).Create(ctx, &Person{Name: "Foo McBar"}))
		sps, err := orm.Objects[StatusPerson](db).All(ctx)
		must(t, err)
		if len(sps) != 0 {
			t.Errorf("StatusPerson.objects.all() = %d objects, want none", len(sps))
		}
	})
}

func TestProxyModels_ProxyModelTests_test_basic_proxy_reverse(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		must(t, orm.Objects[MyPerson](db).Create(ctx, &MyPerson{Person{Name: "Bazza del Frob"}}))
		if n := len(namesOf(t, orm.Objects[MyPerson](db), myPersonName)); n != 1 {
			t.Errorf("len(MyPerson.objects.all()) = %d, want 1", n)
		}
		if n := len(namesOf(t, orm.Objects[Person](db), personName)); n != 1 {
			t.Errorf("len(Person.objects.all()) = %d, want 1", n)
		}
		must(t, orm.Objects[LowerStatusPerson](db).Create(ctx, &LowerStatusPerson{Person: Person{Name: "homer"}, Status: "low"}))
		assertNames(t, "LowerStatusPerson names",
			namesOf(t, orm.Objects[LowerStatusPerson](db), func(p *LowerStatusPerson) string { return p.Name }), "homer")
	})
}

// createThree is the first half of test_correct_type_proxy_of_proxy and
// test_proxy_included_in_ancestors.
func createThree(t *testing.T, db *orm.DB) {
	t.Helper()
	must(t, orm.Objects[Person](db).Create(ctx, &Person{Name: "Foo McBar"}))
	must(t, orm.Objects[MyPerson](db).Create(ctx, &MyPerson{Person{Name: "Bazza del Frob"}}))
	must(t, orm.Objects[LowerStatusPerson](db).Create(ctx, &LowerStatusPerson{Person: Person{Name: "homer"}, Status: "low"}))
}

func TestProxyModels_ProxyModelTests_test_correct_type_proxy_of_proxy(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		createThree(t, db)
		pp := namesOf(t, orm.Objects[MyPersonProxy](db), func(p *MyPersonProxy) string { return p.Name })
		sort.Strings(pp)
		assertNames(t, "MyPersonProxy names", pp, "Bazza del Frob", "Foo McBar", "homer")
	})
}

func maxPersonID(t *testing.T, db *orm.DB) int64 {
	t.Helper()
	row, err := orm.Objects[Person](db).Aggregate(ctx, orm.As("max_id", orm.Max("id")))
	must(t, err)
	id, ok := row["max_id"].(int64)
	if !ok {
		t.Fatalf("max_id = %#v, want an int64", row["max_id"])
	}
	return id
}

func TestProxyModels_ProxyModelTests_test_proxy_included_in_ancestors(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		createThree(t, db)
		maxID := maxPersonID(t, db)
		if _, err := orm.Objects[MyPersonProxy](db).Get(ctx, orm.Q{"name": "Zathras"}); !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("MyPersonProxy get(name=Zathras): %v, want ErrDoesNotExist", err)
		}
		if _, err := orm.Objects[MyPersonProxy](db).Get(ctx, orm.Q{"id__lt": maxID + 1}); !errors.Is(err, orm.ErrMultipleObjectsReturned) {
			t.Errorf("MyPersonProxy get(id__lt=max+1): %v, want ErrMultipleObjectsReturned", err)
		}
		if _, err := orm.Objects[StatusPerson](db).Get(ctx, orm.Q{"name": "Zathras"}); !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("StatusPerson get(name=Zathras): %v, want ErrDoesNotExist", err)
		}
		must(t, orm.Objects[StatusPerson](db).Create(ctx, &StatusPerson{Person: Person{Name: "Bazza Jr."}}))
		must(t, orm.Objects[StatusPerson](db).Create(ctx, &StatusPerson{Person: Person{Name: "Foo Jr."}}))
		maxID = maxPersonID(t, db)
		if _, err := orm.Objects[StatusPerson](db).Get(ctx, orm.Q{"id__lt": maxID + 1}); !errors.Is(err, orm.ErrMultipleObjectsReturned) {
			t.Errorf("StatusPerson get(id__lt=max+1): %v, want ErrMultipleObjectsReturned", err)
		}
	})
}

// Django: TypeError "Abstract base class containing model fields not
// permitted for proxy model 'NoAbstract'."
func TestProxyModels_ProxyModelTests_test_abstract_base_with_model_fields(t *testing.T) {
	if err := orm.Register(&noAbstract{}); err == nil {
		t.Error("registering a proxy of an abstract base with fields: no error, want one")
	}
}

type noAbstract struct{ Abstract }

func (noAbstract) Meta() orm.Meta { return orm.Meta{Proxy: true} }

// Django: TypeError "Proxy model 'TooManyBases' has more than one
// non-abstract model base class."
func TestProxyModels_ProxyModelTests_test_too_many_concrete_classes(t *testing.T) {
	if err := orm.Register(&tooManyBases{}); err == nil {
		t.Error("registering a proxy of User and Person: no error, want one")
	}
}

type tooManyBases struct {
	User
	Person
}

func (tooManyBases) Meta() orm.Meta { return orm.Meta{Proxy: true} }

// Django: TypeError "Proxy model 'NoBaseClasses' has no non-abstract model
// base class."
func TestProxyModels_ProxyModelTests_test_no_base_classes(t *testing.T) {
	if err := orm.Register(&noBaseClasses{}); err == nil {
		t.Error("registering a proxy of no model: no error, want one")
	}
}

type noBaseClasses struct{ orm.Model }

func (noBaseClasses) Meta() orm.Meta { return orm.Meta{Proxy: true} }

// Django: the check error models.E017 "Proxy model 'NoNewFields' contains
// model fields."
func TestProxyModels_ProxyModelTests_test_new_fields(t *testing.T) {
	if err := orm.Register(&noNewFields{}); err == nil {
		t.Error("registering a proxy with a field of its own: no error, want one")
	}
}

type noNewFields struct {
	Person
	Newfield bool
}

func (noNewFields) Meta() orm.Meta { return orm.Meta{Proxy: true} }

func createFlintstones(t *testing.T, db *orm.DB) {
	t.Helper()
	for _, n := range []string{"fred", "wilma", "barney"} {
		must(t, orm.Objects[Person](db).Create(ctx, &Person{Name: n}))
	}
}

func TestProxyModels_ProxyModelTests_test_myperson_manager(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		createFlintstones(t, db)
		assertNames(t, "MyPerson.objects", namesOf(t, orm.Objects[MyPerson](db), myPersonName), "barney", "fred")
		// _default_manager is objects.
		assertNames(t, "MyPerson._default_manager", namesOf(t, orm.Objects[MyPerson](db).Filter(orm.Q{}), myPersonName), "barney", "fred")
	})
}

func TestProxyModels_ProxyModelTests_test_user_proxy_models(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		must(t, orm.Objects[User](db).Create(ctx, &User{Name: "Bruce"}))
		assertNames(t, "User", namesOf(t, orm.Objects[User](db), userName), "Bruce")
		assertNames(t, "UserProxy", namesOf(t, orm.Objects[UserProxy](db), userProxyName), "Bruce")
		assertNames(t, "UserProxyProxy", namesOf(t, orm.Objects[UserProxyProxy](db), func(u *UserProxyProxy) string { return u.Name }), "Bruce")
	})
}

func TestProxyModels_ProxyModelTests_test_concrete_model(t *testing.T) {
	upp, err := orm.ModelMeta(&UserProxyProxy{})
	must(t, err)
	u, err := orm.ModelMeta(&User{})
	must(t, err)
	if upp.Concrete() != u {
		t.Errorf("UserProxyProxy's concrete model = %s, want User", upp.Concrete().TypeName)
	}
}

func TestProxyModels_ProxyModelTests_test_proxy_delete(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		must(t, orm.Objects[User](db).Create(ctx, &User{Name: "Bruce"}))
		u2 := &UserProxy{User{Name: "George"}}
		must(t, orm.Objects[UserProxy](db).Create(ctx, u2))
		assertNames(t, "UserProxy before", namesOf(t, orm.Objects[UserProxy](db).OrderBy("id"), userProxyName), "Bruce", "George")
		_, err := db.Delete(ctx, u2)
		must(t, err)
		assertNames(t, "UserProxy after", namesOf(t, orm.Objects[UserProxy](db).OrderBy("id"), userProxyName), "Bruce")
	})
}

func TestProxyModels_ProxyModelTests_test_proxy_update(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		user := &User{Name: "Bruce"}
		must(t, orm.Objects[User](db).Create(ctx, user))
		cctx, captured := orm.CaptureQueries(ctx)
		_, err := orm.Objects[UserProxy](db).Filter(orm.Q{"id": user.ID}).Update(cctx, orm.Set{"name": "George"})
		must(t, err)
		if n := captured.Count(); n != 1 {
			t.Errorf("queries = %d, want 1: %v", n, captured.Queries())
		}
		must(t, db.Refresh(ctx, user))
		if user.Name != "George" {
			t.Errorf("name = %q, want George", user.Name)
		}
	})
}

func TestProxyModels_ProxyModelTests_test_select_related(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		country := &Country{Name: "Australia"}
		must(t, orm.Objects[Country](db).Create(ctx, country))
		must(t, orm.Objects[State](db).Create(ctx, &State{Name: "New South Wales", Country: orm.Ref(country)}))
		assertNames(t, "State.select_related()", namesOf(t, orm.Objects[State](db).SelectRelated(), func(s *State) string { return s.Name }), "New South Wales")
		stateProxyName := func(s *StateProxy) string { return s.Name }
		assertNames(t, "StateProxy.select_related()", namesOf(t, orm.Objects[StateProxy](db).SelectRelated(), stateProxyName), "New South Wales")
		sp, err := orm.Objects[StateProxy](db).Get(ctx, orm.Q{"name": "New South Wales"})
		must(t, err)
		if sp.Name != "New South Wales" {
			t.Errorf("StateProxy get name = %q", sp.Name)
		}
		sp, err = orm.Objects[StateProxy](db).SelectRelated().Get(ctx, orm.Q{"name": "New South Wales"})
		must(t, err)
		if sp.Name != "New South Wales" {
			t.Errorf("StateProxy select_related get name = %q", sp.Name)
		}
		c, err := sp.Country.Get(ctx)
		must(t, err)
		if !sp.Country.Loaded() || c.Name != "Australia" {
			t.Errorf("StateProxy.country = %+v loaded=%v, want Australia loaded by select_related", c, sp.Country.Loaded())
		}
	})
}

// newSignalDB opens a DB of its own on db's connection pool: signal
// receivers live on a DB and cannot be disconnected.
func newSignalDB(t *testing.T, db *orm.DB) *orm.DB {
	t.Helper()
	sdb, err := orm.New(db.SQLDB(), db.DriverName())
	must(t, err)
	return sdb
}

func TestProxyModels_ProxyModelTests_test_proxy_model_signals(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		sdb := newSignalDB(t, db)
		var output []string
		handler := func(s string) { output = append(output, s) }
		must(t, orm.OnPreSave(sdb, func(_ context.Context, _ *MyPerson, _ bool) error { handler("MyPerson pre save"); return nil }))
		must(t, orm.OnPostSave(sdb, func(_ context.Context, _ *MyPerson, _ bool) error { handler("MyPerson post save"); return nil }))
		must(t, orm.OnPreSave(sdb, func(_ context.Context, _ *Person, _ bool) error { handler("Person pre save"); return nil }))
		must(t, orm.OnPostSave(sdb, func(_ context.Context, _ *Person, _ bool) error { handler("Person post save"); return nil }))
		must(t, orm.Objects[MyPerson](sdb).Create(ctx, &MyPerson{Person{Name: "dino"}}))
		assertNames(t, "signals", output, "MyPerson pre save", "MyPerson post save")
		output = nil
		must(t, orm.OnPreSave(sdb, func(_ context.Context, _ *MyPersonProxy, _ bool) error { handler("MyPersonProxy pre save"); return nil }))
		must(t, orm.OnPostSave(sdb, func(_ context.Context, _ *MyPersonProxy, _ bool) error {
			handler("MyPersonProxy post save")
			return nil
		}))
		must(t, orm.Objects[MyPersonProxy](sdb).Create(ctx, &MyPersonProxy{MyPerson{Person{Name: "pebbles"}}}))
		assertNames(t, "signals", output, "MyPersonProxy pre save", "MyPersonProxy post save")
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestProxyModels_ProxyModelTests_test_otherperson_manager(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		createFlintstones(t, db)
		assertNames(t, "OtherPerson.objects", namesOf(t, orm.Objects[OtherPerson](db), otherName), "barney", "wilma")
		assertNames(t, "OtherPerson.excluder", namesOf(t, otherPersonExcluder(db), otherName), "barney", "fred")
		assertNames(t, "OtherPerson._default_manager", namesOf(t, orm.Objects[OtherPerson](db).Filter(orm.Q{}), otherName), "barney", "wilma")
	})
}

func otherName(p *OtherPerson) string { return p.Name }
