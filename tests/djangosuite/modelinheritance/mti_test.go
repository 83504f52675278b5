package modelinheritance

// djorm's own multi-table inheritance tests, beyond Django's test module:
// the SQL shapes and answers of docs/design/multi-table-inheritance.md
// (captured from Django 3.2), and the refusals.

import (
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/ormtest"
	"github.com/djorm/orm/registry"
)

// sqlOf returns the statements captured, quotes removed, for comparing
// shapes across dialects.
func sqlOf(q *ormtest.Queries) []string {
	var out []string
	for _, r := range q.Records() {
		out = append(out, strings.NewReplacer(`"`, "", "`", "").Replace(r.SQL))
	}
	return out
}

func TestMTI_ReadsJoinOnlyWhatTheyNeed(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		c, q := ormtest.CaptureQueries(t, ctx)
		n, err := restaurants(db).Count(c)
		must(t, err)
		ok, err := restaurants(db).Exists(c)
		must(t, err)
		agg, err := restaurants(db).Aggregate(c, orm.Avg("rating"))
		must(t, err)
		only, err := restaurants(db).Only("rating").OrderBy("pk").All(c)
		must(t, err)
		keys, err := restaurants(db).OrderBy("pk").ValuesList("pk", "id", "place_ptr").All(c)
		must(t, err)
		if n != 2 || !ok || len(only) != 2 || *only[1].Rating.Rating != 4 || only[1].Name != "" {
			t.Errorf("count %d, exists %v, only %+v", n, ok, only)
		}
		if agg["rating__avg"] != 3.0 {
			t.Errorf("avg = %v, want 3", agg["rating__avg"])
		}
		if len(keys) != 2 || keys[1][0] != keys[1][1] || keys[1][1] != keys[1][2] {
			t.Errorf("values_list(pk, id, place_ptr) = %v", keys)
		}
		for _, s := range sqlOf(q) {
			if strings.Contains(s, "JOIN") {
				t.Errorf("%s joins the parent; Django reads the child's table alone", s)
			}
		}
	})
}

func TestMTI_DeferParentField(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		rows, err := restaurants(db).Defer("address").OrderBy("pk").All(ctx)
		must(t, err)
		if len(rows) != 2 || rows[0].Name != "Demon Dogs" || rows[0].Address != "" || !rows[0].ServesHotDogs {
			t.Fatalf("defer(address) = %+v", rows)
		}
		must(t, db.Refresh(ctx, rows[0], "address"))
		if rows[0].Address != "944 W. Fullerton" {
			t.Errorf("refreshed address = %q", rows[0].Address)
		}
		names, err := restaurants(db).Only("name").OrderBy("name").ValuesList("name").Flat().All(ctx)
		must(t, err)
		if len(names) != 2 || names[0] != "Demon Dogs" {
			t.Errorf("only(name) names = %v", names)
		}
	})
}

func TestMTI_SelectRelatedThroughAKeyToAChild(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		_, it := dataSetUp(t, db)
		rv := &RReview{Text: "good"}
		rv.Restaurant.Set(&it.Restaurant)
		must(t, db.Create(ctx, rv))
		c, q := ormtest.CaptureQueries(t, ctx)
		got, err := orm.Objects[RReview](db).SelectRelated("restaurant").Get(c, orm.Q{"restaurant__name": "Ristorante Miron"})
		must(t, err)
		r, err := got.Restaurant.Get(c)
		must(t, err)
		if r.Name != "Ristorante Miron" || r.Address != "1234 W. Ash" || *r.Rating.Rating != 4 || r.ID != it.ID {
			t.Errorf("review.restaurant = %+v", r)
		}
		q.AssertCount(1)
		// The reverse relation of a child filters through the child's table.
		n, err := places(db).Filter(orm.Q{"restaurant__reviews__text": "good"}).Count(ctx)
		must(t, err)
		if n != 1 {
			t.Errorf("Place.filter(restaurant__reviews__text) count = %d, want 1", n)
		}
	})
}

// Deleting a child takes its ancestors' rows and its related rows;
// deleting a parent cascades to the child through the link. Django 3.2's
// counts (docs/design/multi-table-inheritance.md section 1.9).
func TestMTI_Delete(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		r, it := dataSetUp(t, db)
		rv := &RReview{Text: "x"}
		rv.Restaurant.Set(r)
		must(t, db.Create(ctx, rv))
		res, err := db.Delete(ctx, it)
		must(t, err)
		want := map[string]int64{"modelinheritance.ItalianRestaurant": 1, "modelinheritance.Restaurant": 1, "modelinheritance.Place": 1}
		if res.Total != 3 || len(res.PerModel) != 3 || res.PerModel["modelinheritance.Place"] != 1 || res.PerModel["modelinheritance.Restaurant"] != 1 {
			t.Errorf("delete(italian) = %+v, want 3 %v", res, want)
		}
		p, err := places(db).Get(ctx, orm.Q{"name": "Demon Dogs"})
		must(t, err)
		res, err = db.Delete(ctx, p)
		must(t, err)
		if res.Total != 3 || res.PerModel["modelinheritance.RReview"] != 1 || res.PerModel["modelinheritance.Restaurant"] != 1 {
			t.Errorf("delete(place) = %+v, want review, restaurant and place", res)
		}
		if n, _ := places(db).Count(ctx); n != 0 {
			t.Errorf("%d places left", n)
		}
		if n, _ := restaurants(db).Count(ctx); n != 0 {
			t.Errorf("%d restaurants left", n)
		}
	})
}

func TestMTI_QuerySetDeleteAndUpdateWithF(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dataSetUp(t, db)
		n, err := restaurants(db).Update(ctx, orm.Set{"name": orm.F("address")})
		must(t, err)
		if n != 2 {
			t.Errorf("update(name=F(address)) = %d, want 2", n)
		}
		got, err := places(db).OrderBy("pk").ValuesList("name").Flat().All(ctx)
		must(t, err)
		if len(got) != 2 || got[0] != "944 W. Fullerton" {
			t.Errorf("names = %v", got)
		}
		if _, err := restaurants(db).Update(ctx, orm.Set{"rating": orm.F("name")}); err == nil {
			t.Error("update(rating=F(name)) crossed tables without an error")
		}
		if _, err := restaurants(db).OrderBy("pk").Slice(0, 1).Update(ctx, orm.Set{"name": "x"}); !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("sliced update: err = %v, want ErrInvalidQuery", err)
		}
		res, err := restaurants(db).Filter(orm.Q{"name__startswith": "1234"}).Delete(ctx)
		must(t, err)
		if res.Total != 3 {
			t.Errorf("Restaurant.filter().delete() = %+v, want 3 rows (italian, restaurant, place)", res)
		}
	})
}

// Save of a child whose key is set but whose child row is missing inserts
// that row (Django's per-table UPDATE, then INSERT).
func TestMTI_SaveInsertsMissingRows(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		p := &Place{Name: "P", Address: "p"}
		must(t, db.Create(ctx, p))
		r := &Restaurant{Place: Place{Model: orm.Model{ID: p.ID}, Name: "P2", Address: "p2"}, Rating: Rating{i32(1)}}
		must(t, db.Save(ctx, r))
		got, err := restaurants(db).Get(ctx, orm.Q{"pk": p.ID})
		must(t, err)
		if got.Name != "P2" || *got.Rating.Rating != 1 {
			t.Errorf("restaurant = %+v", got)
		}
		if n, _ := places(db).Count(ctx); n != 1 {
			t.Errorf("%d places, want 1", n)
		}
		must(t, db.Save(ctx, got, "rating"))
	})
}

func TestMTI_Refusals(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		err := restaurants(db).BulkCreate(ctx, []*Restaurant{{Place: Place{Name: "b", Address: "b"}}})
		if !errors.Is(err, orm.ErrInvalidQuery) || !strings.Contains(err.Error(), "Can't bulk create a multi-table inherited model") {
			t.Errorf("BulkCreate: err = %v", err)
		}
		r := &Restaurant{Place: Place{Name: "D", Address: "d"}}
		must(t, db.Create(ctx, r))
		for _, f := range []string{"place_ptr", "id"} {
			if err := db.Save(ctx, r, f); !errors.Is(err, orm.ErrInvalidQuery) {
				t.Errorf("Save(update_fields=%s): err = %v, want ErrInvalidQuery", f, err)
			}
		}
	})
}

type (
	mtiBase struct {
		orm.Model
		Name string `orm:"max_length=10"`
	}
	mtiUnregistered struct {
		orm.Model
		Name string `orm:"max_length=10"`
	}
	mtiClash struct {
		mtiBase
		Name string `orm:"max_length=10"`
	}
	mtiPK struct {
		mtiBase
		Code string `orm:"pk,max_length=10"`
	}
	mtiSecond struct {
		orm.Model
		mtiBase
	}
	mtiOrphan struct {
		mtiUnregistered
		X int
	}
)

// Refused declarations, each with an error naming the way out.
func TestMTI_RegisterRefusals(t *testing.T) {
	must(t, orm.Register(&mtiBase{}))
	for _, c := range []struct {
		model any
		want  string
	}{
		{&mtiClash{}, "Local field 'name' in class 'mtiClash' clashes with field of the same name from base class 'mtiBase'"},
		{&mtiPK{}, "the primary key of a multi-table child is its parent link mtibase_ptr"},
		{&mtiSecond{}, "a parent model must be embedded first"},
		{&mtiOrphan{}, "register mtiUnregistered first (multi-table inheritance)"},
	} {
		err := orm.Register(c.model)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Register(%T) = %v, want an error containing %q", c.model, err, c.want)
		}
	}
	m, err := orm.ModelMeta(&Restaurant{})
	must(t, err)
	if m.Parent == nil || m.Parent.Name != "place_ptr" || m.PK != m.Parent || m.Table != "my_restaurant" {
		t.Errorf("Restaurant: parent link %v, table %s", m.Parent, m.Table)
	}
	im, err := orm.ModelMeta(&ItalianRestaurant{})
	must(t, err)
	if im.Table != registry.SnakeCase("ItalianRestaurant") || len(im.Parents()) != 2 {
		t.Errorf("ItalianRestaurant: table %s (Restaurant's Meta is not inherited but ordering), parents %d", im.Table, len(im.Parents()))
	}
}

// Validate of a new child checks its fields, not its unset parent link;
// a taken key given to a new child is a unique error, as in Django.
func TestMTI_Validate(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		r, _ := dataSetUp(t, db)
		must(t, db.Validate(ctx, &Restaurant{Place: Place{Name: "N", Address: "a"}}))
		err := db.Validate(ctx, &Restaurant{Place: Place{Name: "", Address: "a"}})
		var ve orm.ValidationErrors
		if !errors.As(err, &ve) || len(ve["name"]) != 1 || len(ve) != 1 {
			t.Errorf("blank name: %v, want one error on name", err)
		}
		err = db.Validate(ctx, &Restaurant{Place: Place{Model: orm.Model{ID: r.ID}, Name: "N", Address: "a"}})
		if !errors.As(err, &ve) || len(ve["place_ptr"]) != 1 {
			t.Errorf("taken key: %v, want a unique error on place_ptr", err)
		}
	})
}

// Values() without names, an aggregate annotation grouping by the child's
// rows, and an aggregate over Distinct() read inherited columns from the
// parent's table (Django's captured SQL in the design note, section 1.5).
func TestMTI_ValuesAndGrouping(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		r, it := dataSetUp(t, db)
		rv := &RReview{Text: "a"}
		rv.Restaurant.Set(r)
		must(t, db.Create(ctx, rv))
		rows, err := restaurants(db).OrderBy("pk").Values().All(ctx)
		must(t, err)
		if len(rows) != 2 || rows[0]["name"] != "Demon Dogs" || rows[0]["place_ptr_id"] != rows[0]["id"] || rows[1]["address"] != "1234 W. Ash" {
			t.Errorf("values() = %v", rows)
		}
		counted, err := restaurants(db).Annotate(orm.As("n", orm.Count("reviews"))).OrderBy("pk").Values("name", "n").All(ctx)
		must(t, err)
		if len(counted) != 2 || counted[0]["n"] != int64(1) || counted[1]["n"] != int64(0) || counted[1]["name"] != "Ristorante Miron" {
			t.Errorf("annotate(Count(reviews)).values(name, n) = %v", counted)
		}
		grouped, err := restaurants(db).Annotate(orm.As("n", orm.Count("reviews"))).Values().All(ctx)
		must(t, err)
		if len(grouped) != 2 {
			t.Errorf("annotate(Count).values() = %v", grouped)
		}
		agg, err := restaurants(db).Distinct().Aggregate(ctx, orm.As("c", orm.Count("name")))
		must(t, err)
		if agg["c"] != int64(2) {
			t.Errorf("distinct().aggregate(Count(name)) = %v", agg)
		}
		_ = it
	})
}
