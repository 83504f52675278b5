package modelfields

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
)

// The models of Django 3.2's tests/model_fields/models.py that the ports
// use. Django's IntegerField is an int32 (djorm's int is a
// BigIntegerField), SmallIntegerField an int16, BigIntegerField an int64.
// Django's custom JSON encoder/decoder (value_custom) is Python-only:
// ValueCustom is a plain JSON field.
type (
	Foo struct {
		orm.Model
		A string          `orm:"max_length=10"`
		D decimal.Decimal `orm:"max_digits=5,decimal_places=3"`
	}
	Whiz struct {
		orm.Model
		C *WhizChoice `orm:"null"`
	}
	BigD struct {
		orm.Model
		D decimal.Decimal `orm:"max_digits=32,decimal_places=30"`
	}
	FloatModel struct {
		orm.Model
		Size float64
	}
	SmallIntegerModel struct {
		orm.Model
		Value int16
	}
	IntegerModel struct {
		orm.Model
		Value int32
	}
	BigIntegerModel struct {
		orm.Model
		Value     int64
		NullValue *int64 `orm:"null,blank"`
	}
	Post struct {
		orm.Model
		Title string `orm:"max_length=100"`
		Body  string `orm:"type=text"`
	}
	NullBooleanModel struct {
		orm.Model
		Nbfield *bool `orm:"null,blank"` // Django 3.2: BooleanField(null=True, blank=True)
	}
	BooleanModel struct {
		orm.Model
		Bfield bool
		String string `orm:"max_length=10,default=abc"`
	}
	DateTimeModel struct {
		orm.Model
		D  time.Time `orm:"type=date"`
		Dt time.Time
		T  time.Time `orm:"type=time"`
	}
	DurationModel struct {
		orm.Model
		Field time.Duration
	}
	NullDurationModel struct {
		orm.Model
		Field *time.Duration `orm:"null"`
	}
	FksToBooleans struct {
		orm.Model
		Bf  orm.ForeignKey[BooleanModel]     `orm:"on_delete=cascade"`
		Nbf orm.ForeignKey[NullBooleanModel] `orm:"on_delete=cascade"`
	}
	DataModel struct {
		orm.Model
		ShortData []byte `orm:"default=shortdata()"`
		Data      []byte
	}
	UUIDModel struct {
		orm.Model
		Field string `orm:"type=uuid"`
	}
	NullableUUIDModel struct {
		orm.Model
		Field *string `orm:"type=uuid,null,blank"`
	}
	PrimaryKeyUUIDModel struct {
		orm.Model
		ID string `orm:"pk,type=uuid,default=uuid4()"`
	}
	RelatedToUUIDModel struct {
		orm.Model
		UUIDFk orm.ForeignKey[PrimaryKeyUUIDModel] `orm:"on_delete=cascade,column=uuid_fk_id"`
	}
	JSONModel struct {
		orm.Model
		Value any `orm:"type=json"`
	}
	NullableJSONModel struct {
		orm.Model
		Value       any `orm:"null,blank"`
		ValueCustom any `orm:"null"`
	}
	RelatedJSONModel struct {
		orm.Model
		Value     any                               `orm:"type=json"`
		JSONModel orm.ForeignKey[NullableJSONModel] `orm:"on_delete=cascade,column=json_model_id"`
	}
)

// WhizChoice is Whiz.CHOICES (its groups flattened: djorm's choices have
// no groups).
type WhizChoice int32

func (WhizChoice) Choices() []orm.Choice {
	return []orm.Choice{{Value: WhizChoice(1), Label: "First"}, {Value: WhizChoice(2), Label: "Second"},
		{Value: WhizChoice(3), Label: "Third"}, {Value: WhizChoice(4), Label: "Fourth"}, {Value: WhizChoice(0), Label: "Other"}}
}

func (Foo) Meta() orm.Meta               { return orm.Meta{Table: "model_fields_foo"} }
func (Whiz) Meta() orm.Meta              { return orm.Meta{Table: "model_fields_whiz"} }
func (BigD) Meta() orm.Meta              { return orm.Meta{Table: "model_fields_bigd"} }
func (FloatModel) Meta() orm.Meta        { return orm.Meta{Table: "model_fields_floatmodel"} }
func (SmallIntegerModel) Meta() orm.Meta { return orm.Meta{Table: "model_fields_smallintegermodel"} }
func (IntegerModel) Meta() orm.Meta      { return orm.Meta{Table: "model_fields_integermodel"} }
func (BigIntegerModel) Meta() orm.Meta   { return orm.Meta{Table: "model_fields_bigintegermodel"} }
func (Post) Meta() orm.Meta              { return orm.Meta{Table: "model_fields_post"} }
func (NullBooleanModel) Meta() orm.Meta  { return orm.Meta{Table: "model_fields_nullbooleanmodel"} }
func (BooleanModel) Meta() orm.Meta      { return orm.Meta{Table: "model_fields_booleanmodel"} }
func (DateTimeModel) Meta() orm.Meta     { return orm.Meta{Table: "model_fields_datetimemodel"} }
func (DurationModel) Meta() orm.Meta     { return orm.Meta{Table: "model_fields_durationmodel"} }
func (NullDurationModel) Meta() orm.Meta { return orm.Meta{Table: "model_fields_nulldurationmodel"} }
func (FksToBooleans) Meta() orm.Meta     { return orm.Meta{Table: "model_fields_fkstobooleans"} }
func (DataModel) Meta() orm.Meta         { return orm.Meta{Table: "model_fields_datamodel"} }
func (UUIDModel) Meta() orm.Meta         { return orm.Meta{Table: "model_fields_uuidmodel"} }
func (NullableUUIDModel) Meta() orm.Meta { return orm.Meta{Table: "model_fields_nullableuuidmodel"} }
func (PrimaryKeyUUIDModel) Meta() orm.Meta {
	return orm.Meta{Table: "model_fields_primarykeyuuidmodel"}
}
func (RelatedToUUIDModel) Meta() orm.Meta { return orm.Meta{Table: "model_fields_relatedtouuidmodel"} }
func (JSONModel) Meta() orm.Meta          { return orm.Meta{Table: "model_fields_jsonmodel"} }
func (NullableJSONModel) Meta() orm.Meta  { return orm.Meta{Table: "model_fields_nullablejsonmodel"} }
func (RelatedJSONModel) Meta() orm.Meta   { return orm.Meta{Table: "model_fields_relatedjsonmodel"} }

var allModels = []any{&Foo{}, &Whiz{}, &BigD{}, &FloatModel{}, &SmallIntegerModel{}, &IntegerModel{},
	&BigIntegerModel{}, &Post{}, &NullBooleanModel{}, &BooleanModel{}, &DateTimeModel{}, &DurationModel{},
	&NullDurationModel{}, &FksToBooleans{}, &DataModel{}, &UUIDModel{}, &NullableUUIDModel{},
	&PrimaryKeyUUIDModel{}, &RelatedToUUIDModel{}, &JSONModel{}, &NullableJSONModel{}, &RelatedJSONModel{}}

func init() {
	// DataModel.short_data's default=b'\x08': djorm takes no literal
	// default on a []byte field, a registered function instead.
	if err := orm.RegisterDefault("shortdata", func() any { return []byte{8} }); err != nil {
		panic(err)
	}
	orm.MustRegister(allModels...)
}

var ctx = context.Background()

// resetTables drops and creates models: each Go test starts from empty
// tables, as each Django TestCase method does.
func resetTables(t *testing.T, db *orm.DB, models ...any) {
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

func vendor(db *orm.DB) string { return db.Dialect().Name() }

// supportsJSONContains is Django's supports_json_field_contains (False on
// SQLite and Oracle).
func supportsJSONContains(db *orm.DB) bool {
	v := vendor(db)
	return v != "sqlite" && v != "oracle"
}

// captureSQL returns a context recording the statements run with it; they
// are logged when the test fails.
func captureSQL(t *testing.T) context.Context {
	t.Helper()
	c, captured := orm.CaptureQueries(ctx)
	t.Cleanup(func() {
		if t.Failed() {
			for _, q := range captured.Queries() {
				t.Logf("SQL sent: %s %v (error: %v)", q.SQL, q.Args, q.Err)
			}
		}
	})
	return c
}

// pkList formats primary keys for comparison.
func pkList[T any](objs []*T, pk func(*T) int64, sorted bool) string {
	out := make([]int64, len(objs))
	for i, o := range objs {
		out[i] = pk(o)
	}
	if sorted {
		sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	}
	return fmt.Sprint(out)
}

func jsonPK(o *NullableJSONModel) int64 { return o.ID }

// assertJSONRows is assertCountEqual (ordered false) or assertSequenceEqual
// (ordered true) of a NullableJSONModel QuerySet against objs.
func assertJSONRows(t *testing.T, what string, qs *orm.QuerySet[*NullableJSONModel], ordered bool, want ...*NullableJSONModel) {
	t.Helper()
	got, err := qs.All(captureSQL(t))
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	if g, w := pkList(got, jsonPK, !ordered), pkList(want, jsonPK, !ordered); g != w {
		t.Errorf("%s = %s, want %s", what, g, w)
	}
}

// assertExists is assertIs(qs.exists(), want).
func assertExists[E any](t *testing.T, what string, qs *orm.QuerySet[E], want bool) {
	t.Helper()
	got, err := qs.Exists(captureSQL(t))
	if err != nil {
		t.Errorf("%s: %v", what, err)
	} else if got != want {
		t.Errorf("%s: exists() = %v, want %v", what, got, want)
	}
}

// assertNotSupported is assertRaisesMessage(NotSupportedError, ...).
func assertNotSupported(t *testing.T, what string, err error, msg string) {
	t.Helper()
	var ns *orm.NotSupportedError
	if !errors.As(err, &ns) {
		t.Errorf("%s: %v (%T), want a *orm.NotSupportedError (Django: %s)", what, err, err, msg)
	}
}

// assertValidationError checks that err is a ValidationError for field
// (a *ValidationError or orm.ValidationErrors holding field) whose message
// holds each of parts.
func assertValidationError(t *testing.T, what string, err error, field string, parts ...string) {
	t.Helper()
	var msg string
	var ves orm.ValidationErrors
	var ve *orm.ValidationError
	switch {
	case errors.As(err, &ves):
		if len(ves[field]) == 0 {
			t.Errorf("%s: %v, want a ValidationError for %q", what, err, field)
			return
		}
		msg = ves[field][0].Error()
	case errors.As(err, &ve):
		if ve.Field != field {
			t.Errorf("%s: ValidationError for %q, want %q (%v)", what, ve.Field, field, err)
		}
		msg = ve.Error()
	default:
		t.Errorf("%s: %v (%T), want a ValidationError for %q", what, err, err, field)
		return
	}
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("%s: message %q does not hold %q", what, msg, p)
		}
	}
}

func isIntegrityError(err error) bool {
	var ie *orm.IntegrityError
	return errors.As(err, &ie)
}
