package registry_test

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// base stands in for orm.Model; ref for orm.ForeignKey.
type base struct{ ID int64 }

type fk[T any] struct{ Ref registry.Ref }

type m2m[T any] struct{}

func newRegistry() *registry.Registry {
	return registry.New(registry.Config{
		StateType: reflect.TypeOf(base{}),
		IDField:   "ID",
		Relation: func(t reflect.Type) (registry.RelKind, reflect.Type, bool) {
			if t.PkgPath() != reflect.TypeOf(base{}).PkgPath() || t.NumField() == 0 && !strings.HasPrefix(t.Name(), "m2m[") {
				return 0, nil, false
			}
			switch {
			case strings.HasPrefix(t.Name(), "fk["):
				return registry.ForeignKey, targets[t], true
			case strings.HasPrefix(t.Name(), "m2m["):
				return registry.ManyToMany, targets[t], true
			}
			return 0, nil, false
		},
	})
}

type (
	Writer struct {
		base
		Name string `orm:"max_length=50"`
	}
	Post struct {
		base
		Title  string          `orm:"max_length=200,index"`
		Author fk[Writer]      `orm:"on_delete=cascade,related_name=posts"`
		Tags   m2m[Writer]     `orm:"related_name=tagged"`
		Price  decimal.Decimal `orm:"max_digits=5,decimal_places=2"`
		When   time.Time       `orm:"type=date"`
		Skip   chan int        `orm:"-"`
	}
	Orphan struct {
		base
		Parent fk[Ghost] `orm:"on_delete=cascade"`
	}
	Ghost struct{ base }
)

var targets = map[reflect.Type]reflect.Type{
	reflect.TypeOf(fk[Writer]{}):  reflect.TypeOf(Writer{}),
	reflect.TypeOf(m2m[Writer]{}): reflect.TypeOf(Writer{}),
	reflect.TypeOf(fk[Ghost]{}):   reflect.TypeOf(Ghost{}),
}

func TestRegisterDerivesMetadata(t *testing.T) {
	r := newRegistry()
	if err := r.Register(&Writer{}, &Post{}); err != nil {
		t.Fatal(err)
	}
	m, _ := r.Lookup(reflect.TypeOf(Post{}))
	if m.Table != "post" || m.Name != "post" || m.PK.Name != "id" || !m.PK.Auto {
		t.Fatalf("table/name/pk: %+v", m)
	}
	a := m.Field("author")
	if a == nil || a.Column != "author_id" || m.Field("author_id") != a || a.Kind != registry.BigInt || !a.DBIndex {
		t.Fatalf("author field: %+v", a)
	}
	w, _ := r.Lookup(reflect.TypeOf(Writer{}))
	if rel := w.ReverseByQueryName("posts"); rel == nil || rel.From != m {
		t.Fatalf("reverse relation posts missing: %v", w.Choices())
	}
	th := m.ManyToManyField("tags").Rel.Through()
	if th == nil || th.Model.Table != "post_tags" || th.From.Column != "post_id" || th.To.Column != "writer_id" {
		t.Fatalf("through table: %+v", th)
	}
	if got := strings.Join(m.Choices(), ","); got != "author,author_id,id,price,tags,title,when" {
		t.Errorf("choices = %s", got)
	}
}

func TestRegisterErrors(t *testing.T) {
	type unknownOpt struct {
		base
		X string `orm:"max_length=5,colour=red"`
	}
	type badType struct {
		base
		X chan int
	}
	type noDigits struct {
		base
		X decimal.Decimal
	}
	type noLength struct {
		base
		X string
	}
	type noBase struct {
		X string `orm:"max_length=5"`
	}
	type nullPlain struct {
		base
		X int `orm:"null"`
	}
	type ptrNoNull struct {
		base
		X *int
	}
	type noOnDelete struct {
		base
		W fk[Writer]
	}
	type badColumn struct {
		base
		X int `orm:"column=a;b"`
	}
	type twoPK struct {
		base
		A string `orm:"pk,max_length=5"`
		B string `orm:"pk,max_length=5"`
	}
	cases := []struct {
		model any
		want  string
	}{
		{&unknownOpt{}, `unknown tag option "colour"`},
		{&badType{}, "unsupported Go type chan int"},
		{&noDigits{}, "decimal.Decimal needs max_digits=N and decimal_places=M"},
		{&noLength{}, "needs max_length=N"},
		{&noBase{}, "must embed orm.Model"},
		{&nullPlain{}, "null needs a pointer"},
		{&ptrNoNull{}, "add the null tag option"},
		{&noOnDelete{}, "needs on_delete="},
		{&badColumn{}, `column="a;b" must match`},
		{&twoPK{}, "a second pk"},
	}
	for _, c := range cases {
		r := newRegistry()
		_ = r.Register(&Writer{})
		err := r.Register(c.model)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%T: want error containing %q, got %v", c.model, c.want, err)
		}
	}
}

func TestTwoModelsOneTable(t *testing.T) {
	type a struct{ base }
	type A struct{ base }
	r := newRegistry()
	err := r.Register(&a{}, &A{})
	if err == nil || !strings.Contains(err.Error(), `both use table "a"`) {
		t.Fatalf("want a table clash, got %v", err)
	}
}

func TestRelationsResolveLazily(t *testing.T) {
	r := newRegistry()
	if err := r.Register(&Orphan{}); err != nil {
		t.Fatal(err)
	}
	m, _ := r.Lookup(reflect.TypeOf(Orphan{}))
	if m.Ready() || !strings.Contains(m.Unresolved(), "Ghost, which is not registered") {
		t.Fatalf("an unregistered target must leave the model pending: ready=%v %q", m.Ready(), m.Unresolved())
	}
	if err := r.Register(&Ghost{}); err != nil {
		t.Fatal(err)
	}
	if !m.Ready() || m.Field("parent").Rel.To() == nil {
		t.Fatal("registering the target must resolve the relation")
	}
}

// Maps, slices (not []byte), any and json.RawMessage are JSON fields
// without a tag; other types need type=json. A nil map is SQL NULL only in
// a null field.
func TestJSONFields(t *testing.T) {
	type meta struct{ A int }
	type docs struct {
		base
		M    map[string]any
		S    []string `orm:"null"`
		Meta meta     `orm:"type=json"`
		Blob []byte
	}
	r := newRegistry()
	if err := r.Register(&docs{}); err != nil {
		t.Fatal(err)
	}
	m, _ := r.Lookup(reflect.TypeOf(docs{}))
	for name, want := range map[string]registry.Kind{"m": registry.JSON, "s": registry.JSON, "meta": registry.JSON, "blob": registry.Bytes} {
		if f := m.Field(name); f == nil || f.Kind != want {
			t.Errorf("%s: %v, want %s", name, f, want)
		}
	}
	d := &docs{}
	if v := m.Field("m").Get(objptr.Of(unsafe.Pointer(d))); v != "null" {
		t.Errorf("nil map in a NOT NULL JSON field: %#v, want JSON null", v)
	}
	if v := m.Field("s").Get(objptr.Of(unsafe.Pointer(d))); v != nil {
		t.Errorf("nil slice in a null JSON field: %#v, want SQL NULL", v)
	}
	d.Meta.A = 3
	if v := m.Field("meta").Get(objptr.Of(unsafe.Pointer(d))); v != `{"A":3}` {
		t.Errorf("struct: %#v", v)
	}
	if err := m.Field("m").Set(objptr.Of(unsafe.Pointer(d)), []byte(`{"x":[1,"y"]}`)); err != nil || !reflect.DeepEqual(d.M, map[string]any{"x": []any{1.0, "y"}}) {
		t.Errorf("decode: %v %#v", err, d.M)
	}

	type badNull struct {
		base
		Meta meta `orm:"type=json,null"`
	}
	type plainStruct struct {
		base
		Meta meta
	}
	type uniqueJSON struct {
		base
		M map[string]any `orm:"unique"`
	}
	refusedModels(t, []refusedModel{
		{&badNull{}, "null needs a pointer"},
		{&plainStruct{}, "unsupported Go type"},
		{&uniqueJSON{}, "JSON field cannot be a primary key or unique"},
	})
}

func TestAutoNowOptions(t *testing.T) {
	type onString struct {
		base
		X string `orm:"max_length=5,auto_now"`
	}
	type both struct {
		base
		X time.Time `orm:"auto_now,auto_now_add"`
	}
	type withDefault struct {
		base
		X time.Time `orm:"auto_now_add,default=2020-01-01T00:00:00Z"`
	}
	type good struct {
		base
		C time.Time `orm:"auto_now_add"`
		U time.Time `orm:"type=date,auto_now"`
	}
	refusedModels(t, []refusedModel{
		{&onString{}, "apply to date, datetime and time fields"},
		{&both{}, "mutually exclusive"},
		{&withDefault{}, "mutually exclusive"},
	})
	r := newRegistry()
	if err := r.Register(&good{}); err != nil {
		t.Fatal(err)
	}
	m, _ := r.Lookup(reflect.TypeOf(good{}))
	if !m.HasTimestamps() || !m.Field("c").AutoNowAdd || !m.Field("u").AutoNow || !m.Field("c").Blank {
		t.Errorf("auto_now options not recorded: %+v %+v", m.Field("c"), m.Field("u"))
	}
}

type selfCoded struct{ v string }

func (s selfCoded) Value() (driver.Value, error) { return s.v, nil }
func (s *selfCoded) Scan(src any) error {
	s.v = fmt.Sprint(src)
	return nil
}

// A type that reads and writes itself (sql.Scanner, driver.Valuer) needs
// its column kind; sql.Null types and decimals are read by djorm.
func TestCustomTypes(t *testing.T) {
	type noKind struct {
		base
		X selfCoded
	}
	type noLength struct {
		base
		X selfCoded `orm:"type=string"`
	}
	type good struct {
		base
		X selfCoded       `orm:"type=text,null"`
		N sql.NullString  `orm:"max_length=5,null"`
		D decimal.Decimal `orm:"max_digits=5,decimal_places=2"`
	}
	refusedModels(t, []refusedModel{
		{&noKind{}, "give its column kind with type="},
		{&noLength{}, "needs max_length=N"},
	})
	r := newRegistry()
	if err := r.Register(&good{}); err != nil {
		t.Fatal(err)
	}
	m, _ := r.Lookup(reflect.TypeOf(good{}))
	if m.Field("x").Kind != registry.Text || m.Field("n").Kind != registry.String || m.Field("d").Kind != registry.Decimal {
		t.Errorf("kinds: %s %s %s", m.Field("x").Kind, m.Field("n").Kind, m.Field("d").Kind)
	}
	g := &good{X: selfCoded{"hi"}}
	if v := m.Field("x").Get(objptr.Of(unsafe.Pointer(g))); v != "hi" {
		t.Errorf("Value: %#v", v)
	}
}

func TestDefaultFunctions(t *testing.T) {
	type unknown struct {
		base
		X string `orm:"max_length=5,default=nope()"`
	}
	if err := newRegistry().Register(&unknown{}); err == nil || !strings.Contains(err.Error(), "register it with orm.RegisterDefault") {
		t.Errorf("an unknown default function: %v", err)
	}
	r := newRegistry()
	if err := r.RegisterDefault("now", func() any { return 1 }); err == nil {
		t.Error("a built-in name registered again")
	}
	if err := r.RegisterDefault("bad name", func() any { return 1 }); err == nil {
		t.Error("a name that is not an identifier")
	}
	if err := r.RegisterDefault("seven", func() any { return int64(7) }); err != nil {
		t.Fatal(err)
	}
	type good struct {
		base
		N int64     `orm:"default=seven()"`
		U string    `orm:"type=uuid,default=uuid4()"`
		T time.Time `orm:"default=now()"`
	}
	if err := r.Register(&good{}); err != nil {
		t.Fatal(err)
	}
	m, _ := r.Lookup(reflect.TypeOf(good{}))
	if !m.HasDefaultFuncs() || m.Field("n").DefaultFunc() != int64(7) || m.Field("n").HasDefault {
		t.Errorf("default=seven(): %+v", m.Field("n"))
	}
	a, b := m.Field("u").DefaultFunc().(string), m.Field("u").DefaultFunc().(string)
	if len(a) != 36 || a == b || a[14] != '4' {
		t.Errorf("uuid4(): %q %q", a, b)
	}
}

type refusedModel struct {
	model any
	want  string
}

// refusedModels checks that registering each model fails with an error
// containing its want.
func refusedModels(t *testing.T, cases []refusedModel) {
	t.Helper()
	for _, c := range cases {
		if err := newRegistry().Register(c.model); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%T: %v, want an error containing %q", c.model, err, c.want)
		}
	}
}
