package modelinheritance

import (
	"context"
	"errors"
	"testing"

	"github.com/djorm/orm"
)

// The multi-table models of Django 3.2's tests/model_inheritance/models.py.
type (
	Chef struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	Place struct {
		orm.Model
		Name    string `orm:"max_length=50"`
		Address string `orm:"max_length=80"`
	}
	// Rating is Django's abstract Rating: fields shared by embedding, no
	// table of its own.
	Rating struct {
		Rating *int32 `orm:"null,blank"`
	}
	Restaurant struct {
		Place
		Rating
		ServesHotDogs bool                 `orm:"default=false"`
		ServesPizza   bool                 `orm:"default=false"`
		Chef          orm.ForeignKey[Chef] `orm:"null,blank,on_delete=set_null"`
	}
	ItalianRestaurant struct {
		Restaurant
		ServesGnocchi bool `orm:"default=false"`
	}
	Supplier struct {
		Place
		Customers orm.ManyToMany[Restaurant] `orm:"related_name=provider"`
	}
	ParkingLot struct {
		Place
		MainSite orm.ForeignKey[Place] `orm:"on_delete=cascade,related_name=lot"`
	}
	GrandParent struct {
		orm.Model
		FirstName string                `orm:"max_length=80"`
		LastName  string                `orm:"max_length=80"`
		Email     string                `orm:"max_length=254,unique"`
		Place     orm.ForeignKey[Place] `orm:"null,on_delete=cascade,related_name=+"`
	}
	// RReview is djorm's own: a key to a multi-table child.
	RReview struct {
		orm.Model
		Restaurant orm.ForeignKey[Restaurant] `orm:"on_delete=cascade,related_name=reviews"`
		Text       string                     `orm:"max_length=100"`
	}
	Parent     struct{ GrandParent }
	Child      struct{ Parent }
	GrandChild struct{ Child }
)

func (Restaurant) Meta() orm.Meta {
	return orm.Meta{Table: "my_restaurant", Ordering: []string{"-rating"}}
}

func (GrandParent) Meta() orm.Meta {
	return orm.Meta{Ordering: []string{"-pk"}, UniqueTogether: [][]string{{"first_name", "last_name"}}}
}

var models = []any{&Chef{}, &Place{}, &Restaurant{}, &ItalianRestaurant{}, &Supplier{}, &ParkingLot{},
	&GrandParent{}, &Parent{}, &Child{}, &GrandChild{}, &RReview{}}

func init() { orm.MustRegister(models...) }

var ctx = context.Background()

// resetTables drops and creates the models: each Go test starts from
// empty tables, as each Django TestCase method does.
func resetTables(t *testing.T, db *orm.DB) {
	t.Helper()
	must(t, db.DropTables(ctx, models...))
	must(t, db.CreateTables(ctx, models...))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func i32(v int32) *int32 { return &v }

func isFieldError(err error) bool {
	var fe *orm.FieldError
	return errors.As(err, &fe)
}
