package dialects_test

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

type arrBase struct{ ID int64 }

// arr stands in for postgres.Array: its value is the array's text form.
type arr struct{ text string }

func (a arr) Value() (driver.Value, error) { return a.text, nil }

func (a *arr) Scan(src any) error { a.text = fmt.Sprint(src); return nil }

type arrModel struct {
	arrBase
	Ints  arr `orm:"type=integer[]"`
	Names arr `orm:"type=varchar(20)[]"`
	Grid  arr `orm:"type=bigint[][]"`
	Money arr `orm:"type=numeric(5,2)[]"`
	When  arr `orm:"type=timestamptz[]"`
	Ips   arr `orm:"type=inet[]"`
	Bools arr `orm:"type=bool[]"`
}

func arrFields(t *testing.T) map[string]*registry.Field {
	r := registry.New(registry.Config{StateType: reflect.TypeOf(arrBase{}), IDField: "ID",
		Relation: func(reflect.Type) (registry.RelKind, reflect.Type, bool) { return 0, nil, false }})
	if err := r.Register(&arrModel{}); err != nil {
		t.Fatal(err)
	}
	m, _ := r.Lookup(reflect.TypeOf(arrModel{}))
	out := map[string]*registry.Field{}
	for _, f := range m.Fields {
		out[f.Name] = f
	}
	return out
}

// TestArrayColumns: PostgreSQL writes the element's type followed by []
// per dimension; CheckColumn refuses array columns elsewhere with a
// NotSupported error, and an array field without its element type
// everywhere.
func TestArrayColumns(t *testing.T) {
	fields := arrFields(t)
	want := map[string]string{"ints": "integer[]", "names": "varchar(20)[]", "grid": "bigint[][]", "money": "numeric(5, 2)[]",
		"when": "timestamp with time zone[]", "ips": "inet[]", "bools": "boolean[]"}
	for name, typ := range want {
		if got := all["postgres"].ColumnType(fields[name]); got != typ {
			t.Errorf("postgres %s: %q, want %q", name, got, typ)
		}
		for dn, d := range all {
			err := dialects.CheckColumn(d, fields[name])
			var ns *dialects.NotSupported
			switch {
			case dn == "postgres" && err != nil:
				t.Errorf("postgres %s: %v", name, err)
			case dn != "postgres" && !errors.As(err, &ns):
				t.Errorf("%s %s: %v, want a NotSupported error", dn, name, err)
			}
		}
	}
	if err := dialects.CheckColumn(all["sqlite"], fields["id"]); err != nil {
		t.Errorf("a plain column: %v", err)
	}
	bare := &registry.Field{Name: "tags", Kind: registry.Array} // as a migration's state rebuilds it
	if err := dialects.CheckColumn(all["postgres"], bare); err == nil {
		t.Errorf("an array field without its element type passed CheckColumn")
	}
	if got := all["postgres"].ColumnType(bare); got != `"ArrayField without its element type"` {
		t.Errorf("an array field without its element type: %q", got)
	}
}

// TestArrayRendering: the array lookups and transforms on PostgreSQL, and
// the refusals of the other backends.
func TestArrayRendering(t *testing.T) {
	pg := all["postgres"]
	cases := []struct {
		f    func(w *dialects.Writer)
		want string
	}{
		{func(w *dialects.Writer) { pg.Compare(w, dialects.ArrayContains, col("a"), col("b")) }, "a @> b"},
		{func(w *dialects.Writer) { pg.Compare(w, dialects.ArrayContainedBy, col("a"), col("b")) }, "a <@ b"},
		{func(w *dialects.Writer) { pg.Compare(w, dialects.ArrayOverlap, col("a"), col("b")) }, "a && b"},
		{func(w *dialects.Writer) {
			pg.Func(w, dialects.ArrayIndexFunc, []dialects.Node{col("a"), dialects.ArrayInt(1)})
		}, "(a)[1]"},
		{func(w *dialects.Writer) {
			pg.Func(w, dialects.ArrayIndexFunc, []dialects.Node{col("a"), dialects.ArrayInt(2), dialects.ArrayInt(3)})
		}, "(a)[2][3]"},
		{func(w *dialects.Writer) {
			pg.Func(w, dialects.ArraySliceFunc, []dialects.Node{col("a"), dialects.ArrayInt(1), dialects.ArrayInt(2)})
		}, "(a)[1:2]"},
		{func(w *dialects.Writer) { pg.Func(w, dialects.ArrayLenFunc, []dialects.Node{col("a")}) },
			"CASE WHEN a IS NULL THEN NULL ELSE COALESCE(ARRAY_LENGTH(a, 1), 0) END"},
	}
	for _, c := range cases {
		if got, err := render(pg, c.f); err != nil || got != c.want {
			t.Errorf("got %q, %v; want %q", got, err, c.want)
		}
	}
	for name, d := range all {
		if name == "postgres" {
			continue
		}
		for _, f := range []func(w *dialects.Writer){
			func(w *dialects.Writer) { d.Compare(w, dialects.ArrayContains, col("a"), col("b")) },
			func(w *dialects.Writer) { d.Compare(w, dialects.ArrayOverlap, col("a"), col("b")) },
			func(w *dialects.Writer) {
				d.Func(w, dialects.ArrayIndexFunc, []dialects.Node{col("a"), dialects.ArrayInt(1)})
			},
			func(w *dialects.Writer) { d.Func(w, dialects.ArrayLenFunc, []dialects.Node{col("a")}) },
		} {
			_, err := render(d, f)
			var ns *dialects.NotSupported
			if !errors.As(err, &ns) {
				t.Errorf("%s: %v, want a NotSupported error", name, err)
			}
		}
		if d.Features().Arrays {
			t.Errorf("%s claims array support", name)
		}
	}
}
