package registry_test

import (
	"database/sql/driver"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/djorm/orm/registry"
)

// arr stands in for postgres.Array: its value is the array's text form.
type arr struct{ text string }

func (a arr) Value() (driver.Value, error) { return a.text, nil }

func (a *arr) Scan(src any) error { a.text = fmt.Sprint(src); return nil }

type arrayModel struct {
	base
	Tags  arr `orm:"type=varchar(20)[]"`
	Grid  arr `orm:"type=integer[][],null"`
	Money arr `orm:"type=numeric(5, 2)[]"`
	Ips   arr `orm:"type=inet[]"`
	Note  arr `orm:"type=text"`
}

func TestArrayField(t *testing.T) {
	r := newRegistry()
	if err := r.Register(&arrayModel{}); err != nil {
		t.Fatal(err)
	}
	m, _ := r.Lookup(reflect.TypeOf(arrayModel{}))
	want := map[string]registry.ArrayType{
		"tags":  {Elem: registry.String, Name: "varchar", MaxLength: 20, Dims: 1},
		"grid":  {Elem: registry.Int, Name: "integer", Dims: 2},
		"money": {Elem: registry.Decimal, Name: "numeric", MaxDigits: 5, DecimalPlaces: 2, Dims: 1},
		"ips":   {Elem: registry.Text, Name: "inet", Dims: 1},
	}
	for _, f := range m.Fields {
		at, ok := f.ArrayType()
		w, isArray := want[f.Name]
		switch {
		case isArray && (f.Kind != registry.Array || !ok || at != w):
			t.Errorf("%s: kind %s, %+v, %v; want ArrayField %+v", f.Name, f.Kind, at, ok, w)
		case !isArray && (ok || f.Kind == registry.Array):
			t.Errorf("%s: kind %s, array type %+v; want no array", f.Name, f.Kind, at)
		}
	}
	if k, ok := registry.KindByName("ArrayField"); !ok || k != registry.Array || registry.Array.String() != "ArrayField" {
		t.Errorf("KindByName(ArrayField) = %v, %v", k, ok)
	}
	// The canonical value of an array is its text, from either driver form.
	if v, err := registry.Convert(registry.Array, []byte("{1,2}")); err != nil || v != "{1,2}" {
		t.Errorf("Convert([]byte) = %#v, %v", v, err)
	}
}

func TestParseArrayType(t *testing.T) {
	good := map[string]registry.ArrayType{
		"integer[]":            {Elem: registry.Int, Name: "integer", Dims: 1},
		"int[][]":              {Elem: registry.Int, Name: "int", Dims: 2},
		"BIGINT []":            {Elem: registry.BigInt, Name: "bigint", Dims: 1},
		"smallint[]":           {Elem: registry.SmallInt, Name: "smallint", Dims: 1},
		"text[]":               {Elem: registry.Text, Name: "text", Dims: 1},
		"string(3)[]":          {Elem: registry.String, Name: "string", MaxLength: 3, Dims: 1},
		"decimal(10,0)[]":      {Elem: registry.Decimal, Name: "decimal", MaxDigits: 10, Dims: 1},
		"double precision[]":   {Elem: registry.Float, Name: "double precision", Dims: 1},
		"boolean[]":            {Elem: registry.Bool, Name: "boolean", Dims: 1},
		"date[]":               {Elem: registry.Date, Name: "date", Dims: 1},
		"timestamptz[]":        {Elem: registry.DateTime, Name: "timestamptz", Dims: 1},
		"time[]":               {Elem: registry.Time, Name: "time", Dims: 1},
		"interval[]":           {Elem: registry.Duration, Name: "interval", Dims: 1},
		"uuid[]":               {Elem: registry.UUID, Name: "uuid", Dims: 1},
		"cidr[]":               {Elem: registry.Text, Name: "cidr", Dims: 1},
		"integer[][][][][][]":  {Elem: registry.Int, Name: "integer", Dims: 6},
		" varchar( 7 ) [] [] ": {Elem: registry.String, Name: "varchar", MaxLength: 7, Dims: 2},
		"numeric(5,5)[]":       {Elem: registry.Decimal, Name: "numeric", MaxDigits: 5, DecimalPlaces: 5, Dims: 1},
		"datetime[]":           {Elem: registry.DateTime, Name: "datetime", Dims: 1},
		"duration[]":           {Elem: registry.Duration, Name: "duration", Dims: 1},
		"float[]":              {Elem: registry.Float, Name: "float", Dims: 1},
		"bool[]":               {Elem: registry.Bool, Name: "bool", Dims: 1},
		"varchar(1)[]":         {Elem: registry.String, Name: "varchar", MaxLength: 1, Dims: 1},
		"numeric(1, 0)[]":      {Elem: registry.Decimal, Name: "numeric", MaxDigits: 1, Dims: 1},
		"integer[][][][][][] ": {Elem: registry.Int, Name: "integer", Dims: 6},
	}
	for in, want := range good {
		got, err := registry.ParseArrayType(in)
		if err != nil || got != want {
			t.Errorf("ParseArrayType(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"integer", "[]", "integer[][][][][][][]", "varchar[]", "varchar(0)[]", "varchar(2,1)[]",
		"numeric[]", "numeric(2)[]", "numeric(2,3)[]", "integer(4)[]", "json[]", "integer); DROP TABLE x; --[]",
		"varchar(x)[]", "varchar(-1)[]", "varchar(3[]"} {
		if got, err := registry.ParseArrayType(bad); err == nil || !strings.Contains(err.Error(), "element") {
			t.Errorf("ParseArrayType(%q) = %+v, %v; want an error naming the element types", bad, got, err)
		}
	}
	// On a field: the tag's type, and the refusals of options an array
	// does not take.
	type badArray struct {
		base
		Tags arr `orm:"type=varchar[]"`
	}
	type badDefault struct {
		base
		Tags arr `orm:"type=integer[],default={}"`
	}
	type badLength struct {
		base
		Tags arr `orm:"type=text[],max_length=3"`
	}
	for _, m := range []any{&badArray{}, &badDefault{}, &badLength{}} {
		if err := newRegistry().Register(m); err == nil {
			t.Errorf("%T registered, want an error", m)
		}
	}
}
