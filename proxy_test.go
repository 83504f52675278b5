package orm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// The proxy test's own models (kept apart from the bookstore, whose
// deletes must not reach these tables in other tests).
type (
	PxMaker struct {
		orm.Model
		Name string `orm:"max_length=20"`
	}
	PxItem struct {
		orm.Model
		Name  string                  `orm:"max_length=20"`
		Price int                     `orm:"default=0"`
		Maker orm.ForeignKey[PxMaker] `orm:"on_delete=cascade,related_name=items"`
	}
	// PxDear is a proxy of PxItem (Django's proxy = True): the same table
	// and fields, its own ordering and methods.
	PxDear struct{ PxItem }
	PxNote struct {
		orm.Model
		Text string                 `orm:"max_length=20"`
		Item orm.ForeignKey[PxItem] `orm:"on_delete=cascade,related_name=notes"`
	}
	// PxShelf points at the proxy: a key to a proxy is a key to its table.
	PxShelf struct {
		orm.Model
		Top orm.ForeignKey[PxDear] `orm:"null,on_delete=set_null,related_name=top_of"`
	}
)

// Meta makes PxDear a proxy ordered by price, dearest first.
func (PxDear) Meta() orm.Meta { return orm.Meta{Proxy: true, Ordering: []string{"-price"}} }

// Dear is a method of the proxy only.
func (d *PxDear) Dear() bool { return d.Price >= 40 }

var pxModels = []any{&PxMaker{}, &PxItem{}, &PxDear{}, &PxNote{}, &PxShelf{}}

func init() { orm.MustRegister(pxModels...) }

func TestProxyModels(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		ownTables(t, db, pxModels...)
		mk := &PxMaker{Name: "acme"}
		must(db.Create(ctx, mk))
		for i, p := range []int{10, 50, 30} {
			it := &PxItem{Name: []string{"cheap", "dear", "mid"}[i], Price: p}
			it.Maker.Set(mk)
			must(db.Create(ctx, it))
			must(db.Create(ctx, &PxNote{Text: "n", Item: orm.Ref(it)}))
		}
		// Same rows, the proxy's ordering and methods.
		dear, err := orm.Objects[PxDear](db).All(ctx)
		must(err)
		if len(dear) != 3 || dear[0].Name != "dear" || !dear[0].Dear() || dear[2].Dear() {
			t.Fatalf("proxy rows: %+v", dear)
		}
		// Relations of the concrete model work from the proxy, both ways.
		n, err := orm.Objects[PxDear](db).Filter(orm.Q{"maker__name": "acme", "notes__text": "n", "price__gt": 20}).Count(ctx)
		if err != nil || n != 2 {
			t.Errorf("proxy across relations: %d, %v; want 2", n, err)
		}
		viaMaker, err := orm.Objects[PxMaker](db).Filter(orm.Q{"items__name": "mid"}).Count(ctx)
		if err != nil || viaMaker != 1 {
			t.Errorf("the concrete reverse relation: %d, %v", viaMaker, err)
		}
		// Written through the proxy, read through the concrete model.
		p := &PxDear{}
		p.Name, p.Price = "new", 99
		p.Maker.Set(mk)
		must(db.Create(ctx, p))
		it, err := orm.Objects[PxItem](db).Get(ctx, orm.Q{"pk": p.ID})
		if err != nil || it.Name != "new" {
			t.Fatalf("read back through the concrete model: %v, %v", it, err)
		}
		// A key to the proxy, followed by SelectRelated.
		s := &PxShelf{}
		s.Top.SetID(p.ID)
		must(db.Create(ctx, s))
		top, err := orm.Objects[PxShelf](db).SelectRelated("top").Get(ctx, orm.Q{"top__name": "new"})
		if err != nil || top.Top.Cached() == nil || !top.Top.Cached().Dear() {
			t.Errorf("a key to the proxy: %v, %v", top, err)
		}
		// Deleting through the proxy runs the concrete model's cascades, and
		// deleting through the concrete model follows keys to the proxy.
		_, err = orm.Objects[PxDear](db).Filter(orm.Q{"name": "dear"}).Delete(ctx)
		must(err)
		notes, _ := orm.Objects[PxNote](db).Count(ctx)
		if notes != 2 {
			t.Errorf("%d notes after deleting an item through the proxy, want 2", notes)
		}
		_, err = orm.Objects[PxItem](db).Filter(orm.Q{"pk": p.ID}).Delete(ctx)
		must(err)
		if s2, err := orm.Objects[PxShelf](db).Get(ctx, orm.Q{"pk": s.ID}); err != nil || !s2.Top.IsNull() {
			t.Errorf("the shelf's key to the deleted item is not NULL: %v, %v", s2, err)
		}
		// No table of its own.
		stmts, err := db.CreateTablesSQL(&PxDear{})
		if err != nil || len(stmts) != 0 {
			t.Errorf("CreateTablesSQL of a proxy: %v, %v", stmts, err)
		}
	})
}

// Misdeclared proxies are refused at registration, naming the fix.
func TestProxyRefusals(t *testing.T) {
	cases := []struct {
		model any
		want  string
	}{
		{&badProxyTable{}, "remove Meta.Table"},
		{&badProxyField{}, "proxies add no fields"},
		{&badProxyBase{}, "must embed a registered model struct"},
	}
	for _, c := range cases {
		r := orm.NewRegistry()
		if err := r.Register(&PxMaker{}, &PxItem{}); err != nil {
			t.Fatal(err)
		}
		err := r.Register(c.model)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%T: %v, want an error containing %q", c.model, err, c.want)
		}
		if err != nil && errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("%T: a registration error is not a query error", c.model)
		}
	}
}

type badProxyTable struct{ PxItem }

func (badProxyTable) Meta() orm.Meta { return orm.Meta{Proxy: true, Table: "other"} }

type badProxyField struct {
	PxItem
	Extra string `orm:"max_length=10"`
}

func (badProxyField) Meta() orm.Meta { return orm.Meta{Proxy: true} }

type badProxyBase struct {
	orm.Model
	Name string `orm:"max_length=10"`
}

func (badProxyBase) Meta() orm.Meta { return orm.Meta{Proxy: true} }
