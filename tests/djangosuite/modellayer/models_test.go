package modellayer

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
)

var ctx = context.Background()

// The models of Django 3.2's tests/proxy_models/models.py. StatusPerson
// and LowerStatusPerson are Django's "non-proxy subclass of a proxy":
// their parent table is Person's, so in djorm they embed Person (djorm
// refuses embedding a proxy and asks for its concrete model). The models
// around ProxyTrackerUser (a proxy of the multi-table child TrackerUser:
// BaseUser, TrackerUser, ProxyTrackerUser, Issue, Bug, ProxyBug,
// ProxyProxyBug, Improvement, ProxyImprovement) are left out: djorm
// refuses proxies of a multi-table child. Abstract is an embedded struct
// without orm.Model (djorm's abstract base).
type (
	Person struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	MyPerson      struct{ Person }
	OtherPerson   struct{ Person }
	MyPersonProxy struct{ MyPerson }
	StatusPerson  struct {
		Person
		Status string `orm:"max_length=80"`
	}
	LowerStatusPerson struct {
		Person
		Status string `orm:"max_length=80"`
	}
	User struct {
		orm.Model
		Name string `orm:"max_length=100"`
	}
	UserProxy        struct{ User }
	AnotherUserProxy struct{ User }
	UserProxyProxy   struct{ UserProxy }
	Country          struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	State struct {
		orm.Model
		Name    string                  `orm:"max_length=50"`
		Country orm.ForeignKey[Country] `orm:"on_delete=cascade"`
	}
	StateProxy struct{ State }
	Abstract   struct {
		Data string `orm:"max_length=10"`
	}
)

func (Person) Meta() orm.Meta { return orm.Meta{Table: "proxy_models_person"} }
func (MyPerson) Meta() orm.Meta {
	return orm.Meta{Proxy: true, Ordering: []string{"name"}}
}
func (OtherPerson) Meta() orm.Meta {
	return orm.Meta{Proxy: true, Ordering: []string{"name"}}
}

// MyPersonProxy inherits MyPerson's ordering, as Django's proxy of a proxy.
func (MyPersonProxy) Meta() orm.Meta {
	return orm.Meta{Proxy: true, Ordering: []string{"name"}}
}
func (StatusPerson) Meta() orm.Meta { return orm.Meta{Table: "proxy_models_statusperson"} }
func (LowerStatusPerson) Meta() orm.Meta {
	return orm.Meta{Table: "proxy_models_lowerstatusperson"}
}
func (User) Meta() orm.Meta             { return orm.Meta{Table: "proxy_models_user"} }
func (UserProxy) Meta() orm.Meta        { return orm.Meta{Proxy: true} }
func (AnotherUserProxy) Meta() orm.Meta { return orm.Meta{Proxy: true} }
func (UserProxyProxy) Meta() orm.Meta   { return orm.Meta{Proxy: true} }
func (Country) Meta() orm.Meta          { return orm.Meta{Table: "proxy_models_country"} }
func (State) Meta() orm.Meta            { return orm.Meta{Table: "proxy_models_state"} }
func (StateProxy) Meta() orm.Meta       { return orm.Meta{Proxy: true} }

func (p *MyPerson) HasSpecialName() bool { return strings.ToLower(p.Name) == "special" }

var proxyModels = []any{&Person{}, &StatusPerson{}, &LowerStatusPerson{}, &User{}, &Country{}, &State{}}

// Managers: Person.objects and MyPerson.other are PersonManager (exclude
// fred), MyPerson.objects and OtherPerson.excluder are SubManager (exclude
// wilma). Default managers are default QuerySets; the others are plain
// functions, as djorm's README shows.
func myPersonOther(db *orm.DB) *orm.QuerySet[*MyPerson] {
	return orm.BaseObjects[MyPerson](db).Exclude(orm.Q{"name": "fred"})
}

func otherPersonExcluder(db *orm.DB) *orm.QuerySet[*OtherPerson] {
	return orm.BaseObjects[OtherPerson](db).Exclude(orm.Q{"name": "wilma"})
}

// The models of Django 3.2's tests/constraints/models.py. Django's
// "%(app_label)s_%(class)s_price_gt_0" is written out. The RawSQL and
// ExpressionWrapper checks of Django's Product are on models of their own
// (ProductRaw, ProductWrap) registered by the tests that use them.
type (
	Product struct {
		orm.Model
		Price           *int    `orm:"null"`
		DiscountedPrice *int    `orm:"null"`
		Unit            *string `orm:"max_length=15,null"`
	}
	UniqueConstraintProduct struct {
		orm.Model
		Name  string  `orm:"max_length=255"`
		Color *string `orm:"max_length=32,null"`
	}
	UniqueConstraintConditionProduct struct {
		orm.Model
		Name  string  `orm:"max_length=255"`
		Color *string `orm:"max_length=32,null"`
	}
	UniqueConstraintDeferrable struct {
		orm.Model
		Name  string `orm:"max_length=255"`
		Shelf string `orm:"max_length=31"`
	}
	UniqueConstraintInclude struct {
		orm.Model
		Name  string  `orm:"max_length=255"`
		Color *string `orm:"max_length=32,null"`
	}
)

func (Product) Meta() orm.Meta {
	return orm.Meta{Table: "constraints_product", Constraints: []orm.Constraint{
		orm.CheckConstraint{Name: "price_gt_discounted_price", Check: orm.Q{"price__gt": orm.F("discounted_price")}},
		orm.CheckConstraint{Name: "constraints_product_price_gt_0", Check: orm.Q{"price__gt": 0}},
		orm.CheckConstraint{Name: "unicode_unit_list", Check: orm.Or(orm.Q{"unit__isnull": true}, orm.Q{"unit__in": []string{"μg/mL", "ng/mL"}})},
	}}
}
func (UniqueConstraintProduct) Meta() orm.Meta {
	return orm.Meta{Table: "constraints_uniqueconstraintproduct", Constraints: []orm.Constraint{
		orm.UniqueConstraint{Name: "name_color_uniq", Fields: []string{"name", "color"}},
	}}
}
func (UniqueConstraintConditionProduct) Meta() orm.Meta {
	return orm.Meta{Table: "constraints_uniqueconstraintconditionproduct", Constraints: []orm.Constraint{
		orm.UniqueConstraint{Name: "name_without_color_uniq", Fields: []string{"name"}, Condition: orm.Q{"color__isnull": true}},
	}}
}
func (UniqueConstraintDeferrable) Meta() orm.Meta {
	return orm.Meta{Table: "constraints_uniqueconstraintdeferrable", Constraints: []orm.Constraint{
		orm.UniqueConstraint{Name: "name_init_deferred_uniq", Fields: []string{"name"}, Deferrable: orm.Deferred},
		orm.UniqueConstraint{Name: "sheld_init_immediate_uniq", Fields: []string{"shelf"}, Deferrable: orm.Immediate},
	}}
}
func (UniqueConstraintInclude) Meta() orm.Meta {
	return orm.Meta{Table: "constraints_uniqueconstraintinclude", Constraints: []orm.Constraint{
		orm.UniqueConstraint{Name: "name_include_color_uniq", Fields: []string{"name"}, Include: []string{"color"}},
	}}
}

var constraintModels = []any{&Product{}, &UniqueConstraintProduct{}, &UniqueConstraintConditionProduct{},
	&UniqueConstraintDeferrable{}, &UniqueConstraintInclude{}}

// The models of Django 3.2's tests/validation/models.py that the ported
// tests use. ModelToValidate.number is a NOT NULL integer, a plain int in
// djorm (a pointer must be tagged null): Django's None cannot be put in it.
// validate_answer_to_universe is the validator
// answer_to_universe. Django's limit_choices_to on parent has no djorm
// counterpart and is left out.
type (
	ModelToValidate struct {
		orm.Model
		Name                      string                            `orm:"max_length=100"`
		Created                   time.Time                         `orm:"default=now()"`
		Number                    int                               `orm:"column=number_val"`
		Parent                    orm.ForeignKey[ModelToValidate]   `orm:"null,blank,on_delete=set_null,related_name=children"`
		Email                     string                            `orm:"max_length=254,blank,validators=email"`
		Ufm                       orm.ForeignKey[UniqueFieldsModel] `orm:"null,blank,on_delete=set_null,to_field=unique_charfield"`
		URL                       string                            `orm:"column=url,max_length=200,blank,validators=url"`
		FWithCustomValidator      *int                              `orm:"null,blank,validators=answer_to_universe"`
		FWithIterableOfValidators *int                              `orm:"null,blank,validators=answer_to_universe"`
		Slug                      string                            `orm:"max_length=50,blank,validators=slug"`
	}
	UniqueFieldsModel struct {
		orm.Model
		UniqueCharfield    string `orm:"max_length=100,unique"`
		UniqueIntegerfield int    `orm:"unique"`
		NonUniqueField     int
	}
	UniqueErrorsModel struct {
		orm.Model
		Name string `orm:"max_length=100,unique"`
		No   int    `orm:"unique"`
	}
	GenericIPAddressTestModel struct {
		orm.Model
		GenericIP     *string `orm:"column=generic_ip,max_length=39,null,blank,unique,validators=ip"`
		V4IP          *string `orm:"column=v4_ip,max_length=39,null,blank,validators=ipv4"`
		V6IP          *string `orm:"column=v6_ip,max_length=39,null,blank,validators=ipv6"`
		IPVerboseName *string `orm:"column=ip_verbose_name,max_length=39,null,blank,validators=ip"`
	}
)

func (ModelToValidate) Meta() orm.Meta   { return orm.Meta{Table: "validation_modeltovalidate"} }
func (UniqueFieldsModel) Meta() orm.Meta { return orm.Meta{Table: "validation_uniquefieldsmodel"} }
func (UniqueErrorsModel) Meta() orm.Meta { return orm.Meta{Table: "validation_uniqueerrorsmodel"} }
func (GenericIPAddressTestModel) Meta() orm.Meta {
	return orm.Meta{Table: "validation_genericipaddresstestmodel"}
}

// Clean is Django's ModelToValidate.clean: number 11 is refused.
func (m *ModelToValidate) Clean(context.Context) error {
	if m.Number == 11 {
		return errors.New("Invalid number supplied!")
	}
	return nil
}

var validationModels = []any{&UniqueFieldsModel{}, &ModelToValidate{}, &UniqueErrorsModel{}, &GenericIPAddressTestModel{}}

const answerMessage = "This is not the answer to life, universe and everything!"

func init() {
	if err := orm.RegisterValidator("answer_to_universe", func(v any) error {
		if fmt.Sprint(v) != "42" {
			return errors.New(answerMessage)
		}
		return nil
	}); err != nil {
		panic(err)
	}
	orm.MustRegister(&Person{}, &MyPerson{}, &OtherPerson{}, &MyPersonProxy{}, &StatusPerson{}, &LowerStatusPerson{},
		&User{}, &UserProxy{}, &AnotherUserProxy{}, &UserProxyProxy{}, &Country{}, &State{}, &StateProxy{})
	orm.MustRegister(constraintModels...)
	orm.MustRegister(validationModels...)
	for _, err := range []error{
		orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*Person]) *orm.QuerySet[*Person] {
			return qs.Exclude(orm.Q{"name": "fred"})
		}),
		orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*MyPerson]) *orm.QuerySet[*MyPerson] {
			return qs.Exclude(orm.Q{"name": "wilma"})
		}),
	} {
		if err != nil {
			panic(err)
		}
	}
}

// resetTables drops and creates models: each Go test starts from empty
// tables, as each Django TestCase method does.
func resetTables(t *testing.T, db *orm.DB, models []any) {
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

func isIntegrityError(err error) bool {
	var ie *orm.IntegrityError
	return errors.As(err, &ie)
}

func ptr[T any](v T) *T { return &v }

// namesOf lists the names of objects in the order read.
func namesOf[T any](t *testing.T, qs *orm.QuerySet[*T], name func(*T) string) []string {
	t.Helper()
	objs, err := qs.All(ctx)
	must(t, err)
	out := []string{}
	for _, o := range objs {
		out = append(out, name(o))
	}
	return out
}

func assertNames(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// validationErrors runs Validate and returns its ValidationErrors (nil when
// it passes); any other error fails the test.
func validationErrors(t *testing.T, db *orm.DB, obj any, exclude ...string) orm.ValidationErrors {
	t.Helper()
	err := db.Validate(ctx, obj, exclude...)
	if err == nil {
		return nil
	}
	var ve orm.ValidationErrors
	if !errors.As(err, &ve) {
		t.Fatalf("Validate: %v, want ValidationErrors", err)
	}
	return ve
}

// assertFailsValidation is Django's ValidationAssertions.assertFailsValidation:
// Validate fails on exactly the fields named.
func assertFailsValidation(t *testing.T, db *orm.DB, obj any, fields []string, exclude ...string) orm.ValidationErrors {
	t.Helper()
	ve := validationErrors(t, db, obj, exclude...)
	got := []string{}
	for k := range ve {
		got = append(got, k)
	}
	sort.Strings(got)
	want := append([]string(nil), fields...)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Validate failed on %v, want %v (errors: %v)", got, want, ve)
	}
	return ve
}

// assertFieldFailsValidationWithMessage is Django's helper of that name:
// the field has exactly the messages given (djorm's prefix aside).
func assertFieldFailsValidationWithMessage(t *testing.T, db *orm.DB, obj any, field string, messages ...string) {
	t.Helper()
	ve := validationErrors(t, db, obj)
	errs := ve[field]
	if len(errs) != len(messages) {
		t.Fatalf("errors of %s = %v, want %d: %q", field, errs, len(messages), messages)
	}
	for i, e := range errs {
		if !strings.HasSuffix(e.Error(), messages[i]) {
			t.Errorf("error %d of %s = %q, want Django's %q", i, field, e.Error(), messages[i])
		}
	}
}

func assertValid(t *testing.T, db *orm.DB, obj any) {
	t.Helper()
	if ve := validationErrors(t, db, obj); ve != nil {
		t.Errorf("Validate = %v, want no error", ve)
	}
}
