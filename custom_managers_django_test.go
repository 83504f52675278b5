package orm_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/custom_managers/tests.py, case by case, named
// after them. A Django manager's get_queryset is RegisterDefaultQuerySet
// (the model's default manager), its extra methods are plain functions
// returning QuerySets, and _base_manager is BaseObjects. Not ported: the
// cases about Python's class machinery (methods copied from a QuerySet
// class, queryset_only, __init__ arguments, deconstruction), related
// managers chosen by name (favorite_books(manager='fun_people')), generic
// relations, and the bulk=False variants (djorm's Remove and Clear are the
// bulk ones).

type (
	CmPerson struct {
		orm.Model
		FirstName    string                 `orm:"max_length=30"`
		LastName     string                 `orm:"max_length=30"`
		Fun          bool                   `orm:"default=false"`
		FavoriteBook orm.ForeignKey[CmBook] `orm:"null,on_delete=set_null,related_name=favorite_books"`
	}
	CmFunPerson struct {
		orm.Model
		FirstName    string                 `orm:"max_length=30"`
		LastName     string                 `orm:"max_length=30"`
		Fun          bool                   `orm:"default=true"`
		FavoriteBook orm.ForeignKey[CmBook] `orm:"null,on_delete=set_null,related_name=fun_people_favorite_books"`
	}
	CmBook struct {
		orm.Model
		Title       string                      `orm:"max_length=50"`
		Author      string                      `orm:"max_length=30"`
		IsPublished bool                        `orm:"default=false"`
		Authors     orm.ManyToMany[CmPerson]    `orm:"related_name=books"`
		FunAuthors  orm.ManyToMany[CmFunPerson] `orm:"related_name=books"`
	}
	CmCar struct {
		orm.Model
		Name     string `orm:"max_length=10"`
		Mileage  int
		TopSpeed int
	}
	CmRelatedModel struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	CmRestrictedModel struct {
		orm.Model
		Name     string                         `orm:"max_length=50"`
		IsPublic bool                           `orm:"default=false"`
		Related  orm.ForeignKey[CmRelatedModel] `orm:"on_delete=cascade"`
	}
	CmOneToOneRestrictedModel struct {
		orm.Model
		Name     string                       `orm:"max_length=50"`
		IsPublic bool                         `orm:"default=false"`
		Related  orm.OneToOne[CmRelatedModel] `orm:"on_delete=cascade"`
	}
)

func (p *CmPerson) String() string { return p.FirstName + " " + p.LastName }

var cmModels = []any{&CmBook{}, &CmPerson{}, &CmFunPerson{}, &CmCar{}, &CmRelatedModel{}, &CmRestrictedModel{}, &CmOneToOneRestrictedModel{}}

func init() {
	orm.MustRegister(cmModels...)
	// Book's first manager, published_objects, is its default manager.
	mustRegisterDefault(orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*CmBook]) *orm.QuerySet[*CmBook] {
		return qs.Filter(orm.Q{"is_published": true})
	}))
	// FunPerson.objects = FunPeopleManager()
	mustRegisterDefault(orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*CmFunPerson]) *orm.QuerySet[*CmFunPerson] {
		return qs.Filter(orm.Q{"fun": true})
	}))
	// RestrictedModel.objects = RestrictedManager(), and the one-to-one's.
	mustRegisterDefault(orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*CmRestrictedModel]) *orm.QuerySet[*CmRestrictedModel] {
		return qs.Filter(orm.Q{"is_public": true})
	}))
	mustRegisterDefault(orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*CmOneToOneRestrictedModel]) *orm.QuerySet[*CmOneToOneRestrictedModel] {
		return qs.Filter(orm.Q{"is_public": true})
	}))
}

func mustRegisterDefault(err error) {
	if err != nil {
		panic(err)
	}
}

// GetFunPeople is PersonManager.get_fun_people: a named QuerySet constructor.
func GetFunPeople(db *orm.DB) *orm.QuerySet[*CmPerson] {
	return orm.Objects[CmPerson](db).Filter(orm.Q{"fun": true})
}

// FastCars is Car.fast_cars, a second manager with its own filtering.
func FastCars(db *orm.DB) *orm.QuerySet[*CmCar] {
	return orm.Objects[CmCar](db).Filter(orm.Q{"top_speed__gt": 150})
}

// cmFixture is CustomManagerTests.setUpTestData.
type cmFixture struct {
	db        *orm.DB
	b1, b2    *CmBook
	p1, droop *CmPerson
}

func cmCase(t *testing.T, body func(t *testing.T, ctx context.Context, f *cmFixture)) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ownTables(t, db, cmModels...)
		f := &cmFixture{db: db,
			b1: &CmBook{Title: "How to program", Author: "Rodney Dangerfield", IsPublished: true},
			b2: &CmBook{Title: "How to be smart", Author: "Albert Einstein"},
			p1: &CmPerson{FirstName: "Bugs", LastName: "Bunny", Fun: true}, droop: &CmPerson{FirstName: "Droopy", LastName: "Dog"}}
		for _, o := range []any{f.b1, f.b2, f.p1, f.droop} {
			mustDo(t, db.Create(ctx, o))
		}
		body(t, ctx, f)
	})
}

// firstNames lists the first names of people, sorted (ordered=False).
func firstNames[T any](t *testing.T, ctx context.Context, qs interface {
	All(context.Context) ([]*T, error)
}) string {
	t.Helper()
	objs, err := qs.All(ctx)
	mustDo(t, err)
	var names []string
	for _, o := range objs {
		switch p := any(o).(type) {
		case *CmPerson:
			names = append(names, p.FirstName)
		case *CmFunPerson:
			names = append(names, p.FirstName)
		case *CmBook:
			names = append(names, p.Title)
		case *CmCar:
			names = append(names, p.Name)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func wantNames(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: [%s], want [%s]", what, got, want)
	}
}

func TestCustomManagers_CustomManagerTests_test_custom_manager_basic(t *testing.T) {
	cmCase(t, func(t *testing.T, ctx context.Context, f *cmFixture) {
		people, err := GetFunPeople(f.db).All(ctx)
		mustDo(t, err)
		if fmt.Sprint(people) != "[Bugs Bunny]" {
			t.Errorf("GetFunPeople: %v, want [Bugs Bunny]", people)
		}
	})
}

func TestCustomManagers_CustomManagerTests_test_filtering(t *testing.T) {
	cmCase(t, func(t *testing.T, ctx context.Context, f *cmFixture) {
		wantNames(t, "Objects[Book]", firstNames[CmBook](t, ctx, orm.Objects[CmBook](f.db)), "How to program")
	})
}

func TestCustomManagers_CustomManagerTests_test_fk_related_manager(t *testing.T) {
	cmCase(t, func(t *testing.T, ctx context.Context, f *cmFixture) {
		for _, p := range []*CmPerson{{FirstName: "Bugs", LastName: "Bunny", Fun: true}, {FirstName: "Droopy", LastName: "Dog"}} {
			p.FavoriteBook.Set(f.b1)
			mustDo(t, f.db.Create(ctx, p))
		}
		for _, p := range []*CmFunPerson{{FirstName: "Bugs", LastName: "Bunny", Fun: true}, {FirstName: "Droopy", LastName: "Dog"}} {
			p.FavoriteBook.Set(f.b1)
			mustDo(t, f.db.Create(ctx, p))
		}
		wantNames(t, "b1.favorite_books", firstNames[CmPerson](t, ctx, orm.Related[CmPerson](f.b1, "favorite_books").OrderBy("first_name")), "Bugs, Droopy")
		wantNames(t, "b1.fun_people_favorite_books", firstNames[CmFunPerson](t, ctx, orm.Related[CmFunPerson](f.b1, "fun_people_favorite_books")), "Bugs")
	})
}

func TestCustomManagers_CustomManagerTests_test_m2m_related_manager(t *testing.T) {
	cmCase(t, func(t *testing.T, ctx context.Context, f *cmFixture) {
		authors := orm.Related[CmPerson](f.b1, "authors")
		funAuthors := orm.Related[CmFunPerson](f.b1, "fun_authors")
		for _, p := range []*CmPerson{{FirstName: "Bugs", LastName: "Bunny", Fun: true}, {FirstName: "Droopy", LastName: "Dog"}} {
			mustDo(t, f.db.Create(ctx, p))
			mustDo(t, authors.Add(ctx, p))
		}
		for _, p := range []*CmFunPerson{{FirstName: "Bugs", LastName: "Bunny", Fun: true}, {FirstName: "Droopy", LastName: "Dog"}} {
			mustDo(t, f.db.Create(ctx, p))
			mustDo(t, funAuthors.Add(ctx, p))
		}
		wantNames(t, "b1.authors", firstNames[CmPerson](t, ctx, authors.OrderBy("first_name")), "Bugs, Droopy")
		wantNames(t, "b1.fun_authors", firstNames[CmFunPerson](t, ctx, funAuthors.OrderBy("first_name")), "Bugs")
	})
}

func TestCustomManagers_CustomManagerTests_test_removal_through_default_fk_related_manager(t *testing.T) {
	cmCase(t, func(t *testing.T, ctx context.Context, f *cmFixture) {
		bugs := &CmFunPerson{FirstName: "Bugs", LastName: "Bunny", Fun: true}
		droopy := &CmFunPerson{FirstName: "Droopy", LastName: "Dog"}
		for _, p := range []*CmFunPerson{bugs, droopy} {
			p.FavoriteBook.Set(f.b1)
			mustDo(t, f.db.Create(ctx, p))
		}
		favorites := orm.Related[CmFunPerson](f.b1, "fun_people_favorite_books")
		base := func() string {
			return firstNames[CmFunPerson](t, ctx, orm.BaseObjects[CmFunPerson](f.db).Filter(orm.Q{"favorite_book": f.b1}))
		}
		mustDo(t, favorites.Remove(ctx, droopy))
		wantNames(t, "after removing a hidden droopy", base(), "Bugs, Droopy")
		mustDo(t, favorites.Remove(ctx, bugs))
		wantNames(t, "after removing bugs", base(), "Droopy")
		bugs.FavoriteBook.Set(f.b1)
		mustDo(t, f.db.Save(ctx, bugs))
		mustDo(t, favorites.Clear(ctx))
		wantNames(t, "after clear", base(), "Droopy")
	})
}

func TestCustomManagers_CustomManagerTests_test_removal_through_default_m2m_related_manager(t *testing.T) {
	cmCase(t, func(t *testing.T, ctx context.Context, f *cmFixture) {
		bugs := &CmFunPerson{FirstName: "Bugs", LastName: "Bunny", Fun: true}
		droopy := &CmFunPerson{FirstName: "Droopy", LastName: "Dog"}
		funAuthors := orm.Related[CmFunPerson](f.b1, "fun_authors")
		for _, p := range []*CmFunPerson{bugs, droopy} {
			mustDo(t, f.db.Create(ctx, p))
			mustDo(t, funAuthors.Add(ctx, p))
		}
		// b1.fun_authors.through._default_manager.all(): the join rows.
		through := func() string {
			rows, err := orm.Through[CmBook](f.db, "fun_authors").All(ctx)
			mustDo(t, err)
			var ids []any
			for _, r := range rows {
				for k, v := range r {
					if k != "id" && k != "cmbook_id" && k != "cmbook" {
						ids = append(ids, v)
					}
				}
			}
			return firstNames[CmFunPerson](t, ctx, orm.BaseObjects[CmFunPerson](f.db).Filter(orm.Q{"pk__in": ids}))
		}
		wantNames(t, "join rows", through(), "Bugs, Droopy")
		mustDo(t, funAuthors.Remove(ctx, droopy))
		wantNames(t, "after removing a hidden droopy", through(), "Bugs, Droopy")
		mustDo(t, funAuthors.Remove(ctx, bugs))
		wantNames(t, "after removing bugs", through(), "Droopy")
		mustDo(t, funAuthors.Add(ctx, bugs))
		mustDo(t, funAuthors.Clear(ctx))
		wantNames(t, "after clear", through(), "Droopy")
	})
}

func TestCustomManagers_TestCars_test_managers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		ownTables(t, db, cmModels...)
		mustDo(t, db.Create(ctx, &CmCar{Name: "Corvette", Mileage: 21, TopSpeed: 180}))
		mustDo(t, db.Create(ctx, &CmCar{Name: "Neon", Mileage: 31, TopSpeed: 100}))
		wantNames(t, "cars", firstNames[CmCar](t, ctx, orm.Objects[CmCar](db).OrderBy("name")), "Corvette, Neon")
		wantNames(t, "fast_cars", firstNames[CmCar](t, ctx, FastCars(db)), "Corvette")
	})
}

// regressCase runs a CustomManagersRegressTestCase case with fresh tables.
func regressCase(t *testing.T, body func(t *testing.T, ctx context.Context, db *orm.DB)) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ownTables(t, db, cmModels...)
		body(t, context.Background(), db)
	})
}

// Even though the default QuerySet filters out some rows, saving a hidden
// instance updates its row (#8990, #9527).
func TestCustomManagers_CustomManagersRegressTestCase_test_filtered_default_manager(t *testing.T) {
	regressCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		related := &CmRelatedModel{Name: "xyzzy"}
		mustDo(t, db.Create(ctx, related))
		obj := &CmRestrictedModel{Name: "hidden", Related: orm.Ref(related)}
		mustDo(t, db.Create(ctx, obj))
		obj.Name = "still hidden"
		mustDo(t, db.Save(ctx, obj))
		if n, err := orm.BaseObjects[CmRestrictedModel](db).Count(ctx); err != nil || n != 1 {
			t.Errorf("plain_manager.count(): %d, %v; want 1", n, err)
		}
	})
}

// Deleting related objects is not distracted by a restricted default
// QuerySet on the related model (#2698).
func TestCustomManagers_CustomManagersRegressTestCase_test_delete_related_on_filtered_manager(t *testing.T) {
	regressCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		related := &CmRelatedModel{Name: "xyzzy"}
		mustDo(t, db.Create(ctx, related))
		for _, r := range []struct {
			name   string
			public bool
		}{{"one", true}, {"two", false}, {"three", false}} {
			mustDo(t, db.Create(ctx, &CmRestrictedModel{Name: r.name, IsPublic: r.public, Related: orm.Ref(related)}))
		}
		obj, err := orm.Objects[CmRelatedModel](db).Get(ctx, orm.Q{"name": "xyzzy"})
		mustDo(t, err)
		_, err = db.Delete(ctx, obj)
		mustDo(t, err)
		if n, err := orm.BaseObjects[CmRestrictedModel](db).Count(ctx); err != nil || n != 0 {
			t.Errorf("plain_manager.all(): %d rows, %v; want 0", n, err)
		}
	})
}

func TestCustomManagers_CustomManagersRegressTestCase_test_delete_one_to_one_manager(t *testing.T) {
	regressCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		obj := &CmRelatedModel{Name: "xyzzy"}
		mustDo(t, db.Create(ctx, obj))
		o2o := &CmOneToOneRestrictedModel{Name: "foo"}
		o2o.Related.Set(obj)
		mustDo(t, db.Create(ctx, o2o))
		got, err := orm.Objects[CmRelatedModel](db).Get(ctx, orm.Q{"name": "xyzzy"})
		mustDo(t, err)
		_, err = db.Delete(ctx, got)
		mustDo(t, err)
		if n, err := orm.BaseObjects[CmOneToOneRestrictedModel](db).Count(ctx); err != nil || n != 0 {
			t.Errorf("plain_manager.all(): %d rows, %v; want 0", n, err)
		}
	})
}

// Refresh works for instances the default QuerySet hides.
func TestCustomManagers_CustomManagersRegressTestCase_test_refresh_from_db_when_default_manager_filters(t *testing.T) {
	regressCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		book := &CmBook{}
		mustDo(t, db.Create(ctx, book))
		_, err := orm.BaseObjects[CmBook](db).Filter(orm.Q{"pk": book.ID}).Update(ctx, orm.Set{"title": "Hi"})
		mustDo(t, err)
		mustDo(t, db.Refresh(ctx, book))
		if book.Title != "Hi" {
			t.Errorf("refreshed title %q, want Hi", book.Title)
		}
	})
}
