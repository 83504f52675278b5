package orm

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

type shapeProbe struct {
	Model
	Name  string `orm:"max_length=20"`
	Count int
}

// shapeState reports whether db holds a compiled shape for key and whether
// it is reusable.
func shapeState(db *DB, key []byte) (found, reusable bool) {
	m, err := metaOf(reflect.TypeFor[shapeProbe]())
	if err != nil {
		panic(err)
	}
	if _, ok := db.plans.Load(m); !ok {
		return false, false
	}
	p := db.planTable(m).Get(key)
	return p != nil, p != nil && p.Reusable
}

func keyOf(t *testing.T, term byte, qs *QuerySet[*shapeProbe], conds ...Condition) []byte {
	t.Helper()
	key, _, ok := shapeKey(nil, nil, planCall{term: term, ops: qs.ops, conds: conds})
	if !ok {
		t.Fatalf("no shape key for %v", conds)
	}
	return key
}

func TestShapesAreCompiledOnceAndReused(t *testing.T) {
	if err := Register(&shapeProbe{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateTables(ctx, &shapeProbe{}); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"a", "b", "c"} {
		if err := db.Create(ctx, &shapeProbe{Name: name, Count: i}); err != nil {
			t.Fatal(err)
		}
	}
	base := Objects[shapeProbe](db)
	byPK := keyOf(t, termGet, base, Q{"pk": 1})
	for id := int64(1); id <= 3; id++ {
		p, err := base.Get(ctx, Q{"pk": id})
		if err != nil || p.ID != id {
			t.Fatalf("Get(%d) = %v, %v", id, p, err)
		}
	}
	if found, reusable := shapeState(db, byPK); !found || !reusable {
		t.Errorf("Get by pk: shape found=%v reusable=%v", found, reusable)
	}
	counted := base.Filter(Q{"count__gte": 1})
	for _, min := range []int{1, 2} {
		if n, err := base.Filter(Q{"count__gte": min}).Count(ctx); err != nil || n != int64(3-min) {
			t.Fatalf("Count(count >= %d) = %d, %v", min, n, err)
		}
	}
	if found, reusable := shapeState(db, keyOf(t, termCount, counted)); !found || !reusable {
		t.Errorf("Count: shape found=%v reusable=%v", found, reusable)
	}
	like := keyOf(t, termAll, base.Filter(Q{"name__contains": "a"}))
	if _, err := base.Filter(Q{"name__contains": "a"}).All(ctx); err != nil {
		t.Fatal(err)
	}
	if found, reusable := shapeState(db, like); !found || reusable {
		t.Errorf("a LIKE pattern is not the value: shape found=%v reusable=%v", found, reusable)
	}
	upd := base.Filter(Q{"id__range": []int64{1, 2}})
	set := Set{"count": F("count").Add(1), "name": "z"}
	updKey, _, ok := shapeKey(nil, nil, planCall{term: termUpdate, ops: upd.ops, set: set})
	if !ok {
		t.Fatal("no shape key for a range filter and F()+1")
	}
	if n, err := upd.Update(ctx, set); err != nil || n != 2 {
		t.Fatalf("Update: %d, %v", n, err)
	}
	if found, reusable := shapeState(db, updKey); !found || !reusable {
		t.Errorf("Update: shape found=%v reusable=%v", found, reusable)
	}
	if _, _, ok := shapeKey(nil, nil, planCall{term: termAll, ops: base.OrderBy("id").ops}); ok {
		t.Error("OrderBy is not part of the shapes handled")
	}
}

func TestShapeKeysAreUnambiguous(t *testing.T) {
	a, _, _ := shapeKey(nil, nil, planCall{term: termAll, conds: []Condition{Q{"a\x01vb": 1}}})
	b, _, _ := shapeKey(nil, nil, planCall{term: termAll, conds: []Condition{Q{"a": 1, "b": 2}}})
	c, _, _ := shapeKey(nil, nil, planCall{term: termAll, conds: []Condition{Q{"a": 1}, Q{"b": 2}}})
	d, _, _ := shapeKey(nil, nil, planCall{term: termAll, conds: []Condition{Q{"a": nil, "b": 2}}})
	for i, x := range [][]byte{a, b, c, d} {
		for j, y := range [][]byte{a, b, c, d} {
			if i < j && bytes.Equal(x, y) {
				t.Errorf("keys %d and %d are equal: %q", i, j, x)
			}
		}
	}
}
