package writes

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

// The models of Django 3.2's tests/get_or_create/models.py. Tag, Publisher,
// Author and Book are GTag, GPublisher, GAuthor and GBook: the test harness
// registers models with those names already (a model's name is its
// lower-cased Go type name).
type (
	Person struct {
		orm.Model
		FirstName string    `orm:"max_length=100,unique"`
		LastName  string    `orm:"max_length=100"`
		Birthday  time.Time `orm:"type=date"`
		Defaults  string    `orm:"type=text"`
	}
	DefaultPerson struct {
		orm.Model
		FirstName string `orm:"max_length=100,default=Anonymous"`
	}
	ManualPrimaryKeyTest struct {
		orm.Model
		ID   int    `orm:"pk"`
		Data string `orm:"max_length=100"`
	}
	Profile struct {
		orm.Model
		Person orm.ForeignKey[Person] `orm:"pk,on_delete=cascade"`
	}
	GTag struct {
		orm.Model
		Text string `orm:"max_length=255,unique"`
	}
	// Thing's Python properties capitalized_name_property (with a setter)
	// and name_in_all_caps (without) have no Go counterpart a Set could
	// reach; NameInAllCaps is the read-only one, as a method.
	Thing struct {
		orm.Model
		Name string               `orm:"max_length=255"`
		Tags orm.ManyToMany[GTag] `orm:"related_name=thing"`
	}
	GPublisher struct {
		orm.Model
		Name string `orm:"max_length=100"`
	}
	GAuthor struct {
		orm.Model
		Name string `orm:"max_length=100"`
	}
	GBook struct {
		orm.Model
		Name      string                     `orm:"max_length=100"`
		Authors   orm.ManyToMany[GAuthor]    `orm:"related_name=books"`
		Publisher orm.ForeignKey[GPublisher] `orm:"column=publisher_id_column,on_delete=cascade,related_name=books"`
	}
)

func (t *Thing) NameInAllCaps() string { return strings.ToUpper(t.Name) }

func (Person) Meta() orm.Meta        { return orm.Meta{Table: "get_or_create_person"} }
func (DefaultPerson) Meta() orm.Meta { return orm.Meta{Table: "get_or_create_defaultperson"} }
func (ManualPrimaryKeyTest) Meta() orm.Meta {
	return orm.Meta{Table: "get_or_create_manualprimarykeytest"}
}
func (Profile) Meta() orm.Meta    { return orm.Meta{Table: "get_or_create_profile"} }
func (GTag) Meta() orm.Meta       { return orm.Meta{Table: "get_or_create_tag"} }
func (Thing) Meta() orm.Meta      { return orm.Meta{Table: "get_or_create_thing"} }
func (GPublisher) Meta() orm.Meta { return orm.Meta{Table: "get_or_create_publisher"} }
func (GAuthor) Meta() orm.Meta    { return orm.Meta{Table: "get_or_create_author"} }
func (GBook) Meta() orm.Meta      { return orm.Meta{Table: "get_or_create_book"} }

var gocModels = []any{&Person{}, &DefaultPerson{}, &ManualPrimaryKeyTest{}, &Profile{}, &GTag{}, &Thing{},
	&GPublisher{}, &GAuthor{}, &GBook{}}

// The models of Django 3.2's tests/queries/models.py that test_bulk_update
// uses (Tag is QTag). SpecialCategory (multi-table inheritance) is left
// out: djorm has no multi-table inheritance.
type (
	QTag struct {
		orm.Model
		Name   string               `orm:"max_length=10"`
		Parent orm.ForeignKey[QTag] `orm:"null,blank,on_delete=set_null,related_name=children"`
	}
	Note struct {
		orm.Model
		Note   string               `orm:"max_length=100"`
		Misc   string               `orm:"max_length=25"`
		Tag    orm.ForeignKey[QTag] `orm:"null,blank,on_delete=set_null"`
		Negate bool                 `orm:"default=true"`
	}
	Number struct {
		orm.Model
		Num      int
		OtherNum *int `orm:"null"`
	}
	Valid struct {
		orm.Model
		Valid  string                `orm:"max_length=10"`
		Parent orm.ManyToMany[Valid] `orm:"symmetrical"`
	}
	Detail struct {
		orm.Model
		Data string `orm:"max_length=10"`
	}
	Member struct {
		orm.Model
		Name    string               `orm:"max_length=10"`
		Details orm.OneToOne[Detail] `orm:"pk,on_delete=cascade,related_name=member"`
	}
	CustomPk struct {
		orm.Model
		Name  string `orm:"pk,max_length=10"`
		Extra string `orm:"max_length=10"`
	}
	Article struct {
		orm.Model
		Name    string `orm:"max_length=20"`
		Created time.Time
	}
	Paragraph struct {
		orm.Model
		Text string               `orm:"type=text"`
		Page orm.ManyToMany[Page] `orm:"related_name=paragraph"`
	}
	Page struct {
		orm.Model
		Text string `orm:"type=text"`
	}
	Order struct {
		orm.Model
		ID   int     `orm:"pk"`
		Name *string `orm:"max_length=12,null"`
	}
	Individual struct {
		orm.Model
		Alive bool
	}
	CustomDbColumn struct {
		orm.Model
		CustomColumn *int    `orm:"column=custom_name,null"`
		IPAddress    *string `orm:"max_length=39,null,validators=ip"`
	}
	JSONFieldNullable struct {
		orm.Model
		JSONField map[string]any `orm:"null,blank"`
	}
)

func (QTag) Meta() orm.Meta   { return orm.Meta{Table: "queries_tag", Ordering: []string{"name"}} }
func (Note) Meta() orm.Meta   { return orm.Meta{Table: "queries_note", Ordering: []string{"note"}} }
func (Number) Meta() orm.Meta { return orm.Meta{Table: "queries_number"} }
func (Valid) Meta() orm.Meta  { return orm.Meta{Table: "queries_valid", Ordering: []string{"valid"}} }
func (Detail) Meta() orm.Meta { return orm.Meta{Table: "queries_detail"} }
func (Member) Meta() orm.Meta { return orm.Meta{Table: "queries_member"} }
func (CustomPk) Meta() orm.Meta {
	return orm.Meta{Table: "queries_custompk", Ordering: []string{"name", "extra"}}
}
func (Article) Meta() orm.Meta { return orm.Meta{Table: "queries_article"} }
func (Paragraph) Meta() orm.Meta {
	return orm.Meta{Table: "queries_paragraph"}
}
func (Page) Meta() orm.Meta              { return orm.Meta{Table: "queries_page"} }
func (Order) Meta() orm.Meta             { return orm.Meta{Table: "queries_order", Ordering: []string{"pk"}} }
func (Individual) Meta() orm.Meta        { return orm.Meta{Table: "queries_individual"} }
func (CustomDbColumn) Meta() orm.Meta    { return orm.Meta{Table: "queries_customdbcolumn"} }
func (JSONFieldNullable) Meta() orm.Meta { return orm.Meta{Table: "queries_jsonfieldnullable"} }

var queriesModels = []any{&QTag{}, &Note{}, &Number{}, &Valid{}, &Detail{}, &Member{}, &CustomPk{}, &Article{},
	&Paragraph{}, &Page{}, &Order{}, &Individual{}, &CustomDbColumn{}, &JSONFieldNullable{}}

func init() {
	orm.MustRegister(gocModels...)
	orm.MustRegister(queriesModels...)
}

var ctx = context.Background()

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

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

// count is Model.objects.count().
func count[T any](t *testing.T, qs *orm.QuerySet[*T]) int64 {
	t.Helper()
	n, err := qs.Count(ctx)
	must(t, err)
	return n
}

// isIntegrityError is assertRaises(IntegrityError).
func isIntegrityError(err error) bool {
	var ie *orm.IntegrityError
	return errors.As(err, &ie)
}

// isFieldError is assertRaises(FieldError) / FieldDoesNotExist.
func isFieldError(err error) bool {
	var fe *orm.FieldError
	return errors.As(err, &fe)
}

// assertFieldError checks err is a *FieldError for field name whose
// choices are want (Django's "Choices are: ..."), when want is not nil.
func assertFieldError(t *testing.T, what string, err error, name string, want []string) {
	t.Helper()
	var fe *orm.FieldError
	if !errors.As(err, &fe) {
		t.Errorf("%s: %v (%T), want a *orm.FieldError (Django's FieldError)", what, err, err)
		return
	}
	if fe.Field != name {
		t.Errorf("%s: FieldError for %q, want %q (%v)", what, fe.Field, name, err)
	}
	if want != nil {
		got := append([]string(nil), fe.Choices...)
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: choices %v, want %v", what, got, want)
		}
	}
}

// assertRefused is assertRaises(ValueError) for a refusal before any SQL.
func assertRefused(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error; Django raises ValueError", what)
	} else if !errors.Is(err, orm.ErrInvalidQuery) {
		t.Errorf("%s: %v (%T), want an error wrapping orm.ErrInvalidQuery (Django's ValueError)", what, err, err)
	}
}

// ids returns the primary keys of objs, sorted.
func ids[T any](objs []*T, pk func(*T) any) []string {
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = fmt.Sprint(pk(o))
	}
	sort.Strings(out)
	return out
}

// assertSameRows is assertCountEqual(qs, objs) on primary keys.
func assertSameRows[T any](t *testing.T, what string, qs *orm.QuerySet[*T], objs []*T, pk func(*T) any) {
	t.Helper()
	rows, err := qs.All(ctx)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	if got, want := ids(rows, pk), ids(objs, pk); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// assertFlat is assertCountEqual(qs.values_list(field, flat=True), want).
func assertFlat[T any](t *testing.T, what string, qs *orm.QuerySet[*T], field string, want []string) {
	t.Helper()
	vals, err := qs.ValuesList(field).Flat().All(ctx)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	got := make([]string, len(vals))
	for i, v := range vals {
		got[i] = fmt.Sprint(v)
	}
	w := append([]string(nil), want...)
	sort.Strings(got)
	sort.Strings(w)
	if strings.Join(got, "|") != strings.Join(w, "|") {
		t.Errorf("%s = %v, want %v", what, got, w)
	}
}

// captureSQL returns a context recording the statements run with it; they
// are logged (the SQL djorm sent) when the test fails.
func captureSQL(t *testing.T) (context.Context, *orm.Captured) {
	t.Helper()
	c, captured := orm.CaptureQueries(ctx)
	t.Cleanup(func() {
		if t.Failed() {
			for _, q := range captured.Queries() {
				t.Logf("SQL sent: %s %v (error: %v)", q.SQL, q.Args, q.Err)
			}
		}
	})
	return c, captured
}

// isRefusal reports whether err wraps orm.ErrInvalidQuery.
func isRefusal(err error) bool { return errors.Is(err, orm.ErrInvalidQuery) }
