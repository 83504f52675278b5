package deferlocks

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

// The models of Django 3.2's tests/defer/models.py. ChildProxy (a proxy of
// a multi-table child, which djorm refuses), ShadowParent/ShadowChild (a
// class attribute overriding an inherited field) and RefreshPrimaryProxy
// (a proxy overriding refresh_from_db) are left out: djorm has no
// overridable refresh. Child and BigChild are DChild and DBigChild below.
type (
	DSecondary struct {
		orm.Model
		First  string `orm:"max_length=50"`
		Second string `orm:"max_length=50"`
	}
	DPrimary struct {
		orm.Model
		Name    string                     `orm:"max_length=50"`
		Value   string                     `orm:"max_length=50"`
		Related orm.ForeignKey[DSecondary] `orm:"on_delete=cascade"`
	}
)

func (DSecondary) Meta() orm.Meta { return orm.Meta{Table: "defer_secondary"} }
func (DPrimary) Meta() orm.Meta   { return orm.Meta{Table: "defer_primary"} }

// DChild and DBigChild are Django's Child(Primary) and BigChild(Primary),
// multi-table children.
type (
	DChild    struct{ DPrimary }
	DBigChild struct {
		DPrimary
		Other string `orm:"max_length=50"`
	}
)

func (DChild) Meta() orm.Meta    { return orm.Meta{Table: "defer_child"} }
func (DBigChild) Meta() orm.Meta { return orm.Meta{Table: "defer_bigchild"} }

var deferModels = []any{&DSecondary{}, &DPrimary{}, &DChild{}, &DBigChild{}}

// The models of Django 3.2's tests/defer_regress/models.py (prefixed R).
// Base and Derived are RBase and RDerived (multi-table), below.
type (
	RItem struct {
		orm.Model
		Name       string `orm:"max_length=15"`
		Text       string `orm:"type=text,default=xyzzy"`
		Value      int
		OtherValue int `orm:"default=0"`
	}
	RRelatedItem struct {
		orm.Model
		Item orm.ForeignKey[RItem] `orm:"on_delete=cascade"`
	}
	RProxyRelated struct{ RRelatedItem }
	RChild        struct {
		orm.Model
		Name  string `orm:"max_length=10"`
		Value int
	}
	RLeaf struct {
		orm.Model
		Name        string                 `orm:"max_length=10"`
		Child       orm.ForeignKey[RChild] `orm:"on_delete=cascade"`
		SecondChild orm.ForeignKey[RChild] `orm:"null,on_delete=set_null,related_name=other"`
		Value       int                    `orm:"default=42"`
	}
	RResolveThis struct {
		orm.Model
		Num  float64
		Name string `orm:"max_length=16"`
	}
	RProxy      struct{ RItem }
	RSimpleItem struct {
		orm.Model
		Name  string `orm:"max_length=15"`
		Value int
	}
	RFeature struct {
		orm.Model
		Item orm.ForeignKey[RSimpleItem] `orm:"on_delete=cascade,related_name=feature"`
	}
	RSpecialFeature struct {
		orm.Model
		Feature orm.ForeignKey[RFeature] `orm:"on_delete=cascade"`
	}
	ROneToOneItem struct {
		orm.Model
		Item orm.OneToOne[RItem] `orm:"on_delete=cascade,related_name=one_to_one_item"`
		Name string              `orm:"max_length=15"`
	}
	RItemAndSimpleItem struct {
		orm.Model
		Item   orm.ForeignKey[RItem]       `orm:"on_delete=cascade"`
		Simple orm.ForeignKey[RSimpleItem] `orm:"on_delete=cascade"`
	}
	RProfile struct {
		orm.Model
		Profile1 string `orm:"max_length=255,default=profile1"`
	}
	RLocation struct {
		orm.Model
		Location1 string `orm:"max_length=255,default=location1"`
	}
	RRequest struct {
		orm.Model
		Profile  orm.ForeignKey[RProfile]  `orm:"null,blank,on_delete=set_null"`
		Location orm.ForeignKey[RLocation] `orm:"on_delete=cascade"`
		Items    orm.ManyToMany[RItem]
		Request1 string `orm:"max_length=255,default=request1"`
		Request2 string `orm:"max_length=255,default=request2"`
		Request3 string `orm:"max_length=255,default=request3"`
		Request4 string `orm:"max_length=255,default=request4"`
	}
)

func (RItem) Meta() orm.Meta              { return orm.Meta{Table: "defer_regress_item"} }
func (RRelatedItem) Meta() orm.Meta       { return orm.Meta{Table: "defer_regress_relateditem"} }
func (RProxyRelated) Meta() orm.Meta      { return orm.Meta{Proxy: true} }
func (RChild) Meta() orm.Meta             { return orm.Meta{Table: "defer_regress_child"} }
func (RLeaf) Meta() orm.Meta              { return orm.Meta{Table: "defer_regress_leaf"} }
func (RResolveThis) Meta() orm.Meta       { return orm.Meta{Table: "defer_regress_resolvethis"} }
func (RProxy) Meta() orm.Meta             { return orm.Meta{Proxy: true} }
func (RSimpleItem) Meta() orm.Meta        { return orm.Meta{Table: "defer_regress_simpleitem"} }
func (RFeature) Meta() orm.Meta           { return orm.Meta{Table: "defer_regress_feature"} }
func (RSpecialFeature) Meta() orm.Meta    { return orm.Meta{Table: "defer_regress_specialfeature"} }
func (ROneToOneItem) Meta() orm.Meta      { return orm.Meta{Table: "defer_regress_onetooneitem"} }
func (RItemAndSimpleItem) Meta() orm.Meta { return orm.Meta{Table: "defer_regress_itemandsimpleitem"} }
func (RProfile) Meta() orm.Meta           { return orm.Meta{Table: "defer_regress_profile"} }
func (RLocation) Meta() orm.Meta          { return orm.Meta{Table: "defer_regress_location"} }
func (RRequest) Meta() orm.Meta           { return orm.Meta{Table: "defer_regress_request"} }

// RBase and RDerived are defer_regress's Base and Derived(Base).
type (
	RBase struct {
		orm.Model
		Text string `orm:"type=text"`
	}
	RDerived struct {
		RBase
		OtherText string `orm:"type=text"`
	}
)

func (RBase) Meta() orm.Meta    { return orm.Meta{Table: "defer_regress_base"} }
func (RDerived) Meta() orm.Meta { return orm.Meta{Table: "defer_regress_derived"} }

var deferRegressModels = []any{&RItem{}, &RRelatedItem{}, &RChild{}, &RLeaf{}, &RResolveThis{},
	&RSimpleItem{}, &RFeature{}, &RSpecialFeature{}, &ROneToOneItem{}, &RItemAndSimpleItem{}, &RProfile{},
	&RLocation{}, &RRequest{}, &RBase{}, &RDerived{}}

// The models of Django 3.2's tests/select_for_update/models.py (prefixed
// S, but for the multi-table parents: djorm names a parent link after the
// parent's lower-cased Go type, so Entity and Country keep Django's names
// for the links entity_ptr and country_ptr). Country is a multi-table child
// of Entity and EUCountry of Country, as in Django. Django's
// CityCountryProxy is a model with a key to CountryProxyProxy (a proxy of a
// proxy of Country); djorm has no proxy of a multi-table child yet, so
// SCityCountryProxy is a proxy of City, whose key to Country gives the
// same joins, SQL text and choices as Django's.
type (
	Entity struct {
		orm.Model
	}
	Country struct {
		Entity
		Name string `orm:"max_length=30"`
	}
	EUCountry struct {
		Country
		JoinDate time.Time `orm:"type=date"`
	}
	SCity struct {
		orm.Model
		Name    string                  `orm:"max_length=30"`
		Country orm.ForeignKey[Country] `orm:"on_delete=cascade"`
	}
	SEUCity struct {
		orm.Model
		Name    string                    `orm:"max_length=30"`
		Country orm.ForeignKey[EUCountry] `orm:"on_delete=cascade"`
	}
	SCityCountryProxy struct{ SCity }
	SPerson           struct {
		orm.Model
		Name string                `orm:"max_length=30"`
		Born orm.ForeignKey[SCity] `orm:"on_delete=cascade,related_name=+"`
		Died orm.ForeignKey[SCity] `orm:"on_delete=cascade,related_name=+"`
	}
	SPersonProfile struct {
		orm.Model
		Person orm.OneToOne[SPerson] `orm:"on_delete=cascade,related_name=profile"`
	}
)

func (Entity) Meta() orm.Meta            { return orm.Meta{Table: "select_for_update_entity"} }
func (Country) Meta() orm.Meta           { return orm.Meta{Table: "select_for_update_country"} }
func (EUCountry) Meta() orm.Meta         { return orm.Meta{Table: "select_for_update_eucountry"} }
func (SCity) Meta() orm.Meta             { return orm.Meta{Table: "select_for_update_city"} }
func (SEUCity) Meta() orm.Meta           { return orm.Meta{Table: "select_for_update_eucity"} }
func (SCityCountryProxy) Meta() orm.Meta { return orm.Meta{Proxy: true} }
func (SPerson) Meta() orm.Meta           { return orm.Meta{Table: "select_for_update_person"} }
func (SPersonProfile) Meta() orm.Meta    { return orm.Meta{Table: "select_for_update_personprofile"} }

var sfuModels = []any{&Entity{}, &Country{}, &EUCountry{}, &SCity{}, &SEUCity{}, &SPerson{}, &SPersonProfile{}}

// The model of Django 3.2's tests/transactions/models.py.
type TReporter struct {
	orm.Model
	FirstName string `orm:"max_length=30"`
	LastName  string `orm:"max_length=20"`
	Email     string `orm:"max_length=254"`
}

func (TReporter) Meta() orm.Meta {
	return orm.Meta{Table: "transactions_reporter", Ordering: []string{"first_name", "last_name"}}
}

// String is Reporter.__str__: "first last", stripped.
func (r *TReporter) String() string { return strings.TrimSpace(r.FirstName + " " + r.LastName) }

var txModels = []any{&TReporter{}}

func init() {
	orm.MustRegister(deferModels...)
	orm.MustRegister(deferRegressModels...)
	orm.MustRegister(&RProxyRelated{}, &RProxy{})
	orm.MustRegister(sfuModels...)
	orm.MustRegister(&SCityCountryProxy{})
	orm.MustRegister(txModels...)
}

var ctx = context.Background()

// resetTables drops and creates models: each Go test starts from empty
// tables, as each Django TestCase method does.
func resetTables(t *testing.T, db *orm.DB, models []any) {
	t.Helper()
	if err := db.DropTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// captureSQL returns a context recording the statements run with it; they
// are logged (the SQL djorm sent) when the test fails.
func captureSQL(t *testing.T) (context.Context, *orm.Captured) {
	t.Helper()
	return captureFrom(t, ctx)
}

func captureFrom(t *testing.T, parent context.Context) (context.Context, *orm.Captured) {
	t.Helper()
	c, captured := orm.CaptureQueries(parent)
	t.Cleanup(func() {
		if t.Failed() {
			for _, q := range captured.Queries() {
				t.Logf("SQL sent: %s %v (error: %v)", q.SQL, q.Args, q.Err)
			}
		}
	})
	return c, captured
}

// deferred is get_deferred_fields() of an instance, sorted.
func deferred(m interface{ DeferredFields() []string }) []string {
	d := m.DeferredFields()
	sort.Strings(d)
	return d
}

// assertDelayed is AssertionMixin.assert_delayed: obj has num deferred
// fields.
func assertDelayed(t *testing.T, what string, obj interface{ DeferredFields() []string }, err error, num int) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	if got := deferred(obj); len(got) != num {
		t.Errorf("%s: %d deferred fields %v, want %d", what, len(got), got, num)
	}
}

// first is qs[0].
func first[T any](qs *orm.QuerySet[*T]) (*T, error) { return firstIn(ctx, qs) }

// firstIn is qs[0] evaluated with c.
func firstIn[T any](c context.Context, qs *orm.QuerySet[*T]) (*T, error) {
	rows, err := qs.Slice(0, 1).All(c)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, errors.New("qs[0]: IndexError, no row")
	}
	return rows[0], nil
}

// isFieldError is assertRaises(FieldError).
func isFieldError(err error) bool {
	var fe *orm.FieldError
	return errors.As(err, &fe)
}

// isNotSupported is assertRaises(NotSupportedError).
func isNotSupported(err error) bool {
	var ns *orm.NotSupportedError
	return errors.As(err, &ns)
}

func isIntegrityError(err error) bool {
	var ie *orm.IntegrityError
	return errors.As(err, &ie)
}

func sortedStrings(vs []string) string {
	c := append([]string(nil), vs...)
	sort.Strings(c)
	return fmt.Sprint(c)
}
