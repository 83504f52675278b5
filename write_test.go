package orm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Country has a natural primary key.
type Country struct {
	orm.Model
	Code string `orm:"pk,max_length=2"`
	Name string `orm:"max_length=50,unique"`
}

func init() { orm.MustRegister(&Country{}) }

func TestCreateSaveRefreshDelete(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		a := &Author{Name: "Ann", JoinedDate: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)}
		if err := db.Save(ctx, a); err != nil || a.ID == 0 || !a.Saved() {
			t.Fatalf("Save of a new instance inserts: id=%d err=%v", a.ID, err)
		}
		a.Name = "Anne"
		cctx, captured := orm.CaptureQueries(ctx)
		if err := db.Save(cctx, a, "name"); err != nil {
			t.Fatal(err)
		}
		if q := captured.Queries(); len(q) != 1 || !strings.Contains(q[0].SQL, "UPDATE") || strings.Contains(q[0].SQL, "joined_date") {
			t.Errorf("update_fields must write only name: %v", q)
		}
		got, err := orm.Objects[Author](db).Get(ctx, orm.Q{"pk": a.ID})
		if err != nil || got.Name != "Anne" {
			t.Fatalf("saved name: %v %v", got, err)
		}
		// A deferred instance saves only what it loaded.
		partial, err := orm.Objects[Author](db).Only("name").Get(ctx, orm.Q{"pk": a.ID})
		if err != nil {
			t.Fatal(err)
		}
		if d := partial.DeferredFields(); len(d) != 3 {
			t.Errorf("deferred fields = %v", d)
		}
		partial.Name = "Annie"
		captured.Reset()
		if err := db.Save(cctx, partial); err != nil {
			t.Fatal(err)
		}
		if q := captured.Queries(); len(q) != 1 || strings.Contains(q[0].SQL, "joined_date") {
			t.Errorf("a deferred instance must write only loaded fields: %v", q)
		}
		deferred := len(partial.DeferredFields())
		if err := db.Refresh(ctx, partial); err != nil || !partial.JoinedDate.IsZero() || len(partial.DeferredFields()) != deferred {
			t.Errorf("Refresh() reloads the loaded fields only (Django's refresh_from_db): %v %v %v", partial.JoinedDate, partial.DeferredFields(), err)
		}
		if err := db.Refresh(ctx, partial, "joined_date"); err != nil || !partial.JoinedDate.Equal(a.JoinedDate) || len(partial.DeferredFields()) != deferred-1 {
			t.Errorf("Refresh(joined_date) loads the deferred field: %v %v %v", partial.JoinedDate, partial.DeferredFields(), err)
		}
		// Deleting an author cascades to books, their reviews and tag links;
		// books it edits lose their editor (set_null).
		jane, err := orm.Objects[Author](db).Get(ctx, orm.Q{"name": "Jane Roe"})
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.Delete(ctx, jane)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{"testkit.Author": 1, "testkit.Book": 2, "testkit.Review": 4, "testkit.Book_tags": 3}
		if res.Total != 10 || len(res.PerModel) != len(want) {
			t.Errorf("delete result = %+v, want total 10 and %v", res, want)
		}
		for k, v := range want {
			if res.PerModel[k] != v {
				t.Errorf("deleted %s: %d, want %d", k, res.PerModel[k], v)
			}
		}
		if jane.ID != 0 || jane.Saved() {
			t.Errorf("a deleted instance loses its pk: %d %v", jane.ID, jane.Saved())
		}
		n, err := orm.Objects[Book](db).Filter(orm.Q{"editor__isnull": true}).Count(ctx)
		if err != nil || n != 4 { // books 4 and 6 had none; 1 and 8 lost Jane
			t.Errorf("books without editor after set_null: %d %v", n, err)
		}
	})
}

func TestNaturalPrimaryKeyAndIntegrity(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Country{})
		if err := db.CreateTables(ctx, &Country{}); err != nil {
			t.Fatalf("CreateTables twice must be harmless: %v", err)
		}
		fr := &Country{Code: "FR", Name: "France"}
		if err := db.Save(ctx, fr); err != nil {
			t.Fatal(err)
		}
		fr.Name = "République française"
		if err := db.Save(ctx, fr); err != nil {
			t.Fatal(err)
		}
		if n, _ := orm.Objects[Country](db).Count(ctx); n != 1 {
			t.Fatalf("saving twice with a natural key must update, not insert: %d rows", n)
		}
		got, err := orm.Objects[Country](db).Get(ctx, orm.Q{"pk": "FR"})
		if err != nil || got.Name != fr.Name {
			t.Fatalf("get by natural key: %v %v", got, err)
		}
		err = db.Create(ctx, &Country{Code: "XF", Name: fr.Name})
		var ie *orm.IntegrityError
		if !errors.As(err, &ie) || ie.Kind != "unique" {
			t.Fatalf("a duplicate unique value is an IntegrityError(unique), got %v", err)
		}
		_, err = orm.Objects[Country](db).Get(ctx, orm.Q{"code": "ZZ"})
		if !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("want ErrDoesNotExist, got %v", err)
		}
		if err := db.Create(ctx, &Country{Code: "DE", Name: "Deutschland"}); err != nil {
			t.Fatal(err)
		}
		_, err = orm.Objects[Country](db).Get(ctx)
		if !errors.Is(err, orm.ErrMultipleObjectsReturned) || !strings.Contains(err.Error(), "it returned 2") {
			t.Errorf("want ErrMultipleObjectsReturned naming 2 rows, got %v", err)
		}
	})
}

// Owner, Pet, Ticket and Note exercise every on_delete behaviour.
type (
	Owner struct {
		orm.Model
		Name string `orm:"max_length=20"`
	}
	Pet struct {
		orm.Model
		Name   string                `orm:"max_length=20"`
		Owner  orm.ForeignKey[Owner] `orm:"on_delete=cascade,related_name=pets"`
		Sitter orm.ForeignKey[Owner] `orm:"null,on_delete=set_null,related_name=sat_pets"`
	}
	Ticket struct {
		orm.Model
		Pet orm.ForeignKey[Pet] `orm:"on_delete=protect,related_name=tickets"`
	}
	Note struct {
		orm.Model
		Owner orm.ForeignKey[Owner] `orm:"on_delete=restrict,related_name=notes"`
		Pet   orm.ForeignKey[Pet]   `orm:"on_delete=cascade,related_name=notes"`
	}
	Memo struct {
		orm.Model
		Owner orm.ForeignKey[Owner] `orm:"on_delete=do_nothing,related_name=+"`
	}
)

func init() { orm.MustRegister(&Owner{}, &Pet{}, &Ticket{}, &Note{}, &Memo{}) }

func TestOnDelete(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		all := []any{&Owner{}, &Pet{}, &Ticket{}, &Note{}, &Memo{}, &Profile{}}
		freshTables(t, db, all...)
		ann, bob := &Owner{Name: "ann"}, &Owner{Name: "bob"}
		for _, o := range []*Owner{ann, bob} {
			if err := db.Create(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		rex := &Pet{Name: "rex", Owner: orm.Ref(ann), Sitter: orm.Ref(bob)}
		tom := &Pet{Name: "tom", Owner: orm.Ref(bob), Sitter: orm.Ref(ann)}
		for _, p := range []*Pet{rex, tom} {
			if err := db.Create(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		ticket := &Ticket{Pet: orm.Ref(rex)}
		if err := db.Create(ctx, ticket); err != nil {
			t.Fatal(err)
		}
		// protect: ann's pet rex has a ticket; nothing is deleted.
		_, err := db.Delete(ctx, ann)
		var pe *orm.ProtectedError
		var ie *orm.IntegrityError
		if !errors.As(err, &pe) || !errors.As(err, &ie) || pe.Model != "Ticket" {
			t.Fatalf("want a ProtectedError (also an IntegrityError) naming Ticket, got %v", err)
		}
		if n, _ := orm.Objects[Pet](db).Count(ctx); n != 2 {
			t.Fatalf("a refused delete must delete nothing; %d pets left", n)
		}
		if _, err := db.Delete(ctx, ticket); err != nil {
			t.Fatal(err)
		}
		// restrict: a note on ann through tom (bob's pet) blocks deleting ann,
		// unless the note is deleted anyway by a cascade.
		note := &Note{Owner: orm.Ref(ann), Pet: orm.Ref(tom)}
		if err := db.Create(ctx, note); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Delete(ctx, ann); !errors.As(err, &pe) || !pe.Restricted {
			t.Fatalf("want a restricted ProtectedError, got %v", err)
		}
		memo := &Memo{Owner: orm.Ref(bob)}
		if err := db.Create(ctx, memo); err != nil {
			t.Fatal(err)
		}
		// do_nothing leaves the database's constraint to act, as in Django:
		// an IntegrityError, and the whole delete rolled back.
		if _, err := orm.Objects[Owner](db).Filter(orm.Q{"name": "bob"}).Delete(ctx); !errors.As(err, &ie) || ie.Kind != "foreign_key" {
			t.Fatalf("do_nothing with a referencing row: want IntegrityError(foreign_key), got %v", err)
		}
		if n, _ := orm.Objects[Pet](db).Count(ctx); n != 2 {
			t.Fatalf("the failed delete must roll back; %d pets left", n)
		}
		if _, err := db.Delete(ctx, memo); err != nil {
			t.Fatal(err)
		}
		// Deleting bob cascades to tom and tom's note (so the restrict on ann
		// is not involved), nulls rex's sitter, and leaves the memo (do_nothing).
		res, err := orm.Objects[Owner](db).Filter(orm.Q{"name": "bob"}).Delete(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 3 || res.PerModel["orm_test.Owner"] != 1 || res.PerModel["orm_test.Pet"] != 1 || res.PerModel["orm_test.Note"] != 1 {
			t.Errorf("delete result %+v", res)
		}
		if err := db.Refresh(ctx, rex); err != nil || !rex.Sitter.IsNull() {
			t.Errorf("set_null: rex's sitter = %v (%v)", rex.Sitter.ID(), err)
		}
	})
}

func TestSetExprIsEvaluatedByTheDatabase(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		b, err := orm.Objects[Book](db).Get(ctx, orm.Q{"pk": 1})
		if err != nil {
			t.Fatal(err)
		}
		b.SetExpr("sales_count", orm.F("sales_count").Add(1))
		if err := db.Save(ctx, b, "sales_count"); err != nil {
			t.Fatal(err)
		}
		if b.SalesCount != 1501 {
			t.Errorf("the expression's value is read back after Save: %d", b.SalesCount)
		}
		books, _ := orm.Objects[Book](db).Filter(orm.Q{"pk__in": []int{2, 3}}).OrderBy("id").All(ctx)
		for _, bk := range books {
			bk.SetExpr("stock_level", orm.F("stock_level").Add(100))
		}
		if n, err := orm.Objects[Book](db).BulkUpdate(ctx, books, []string{"stock_level"}); err != nil || n != 2 {
			t.Fatalf("BulkUpdate with SetExpr: %d %v", n, err)
		}
		stocks, _ := orm.Objects[Book](db).Filter(orm.Q{"pk__in": []int{2, 3}}).OrderBy("id").ValuesList("stock_level").Flat().All(ctx)
		if fmt.Sprint(stocks) != "[100 125]" {
			t.Errorf("BulkUpdate honours SetExpr: %v", stocks)
		}
	})
}

// Token has nothing but its automatic primary key.
type Token struct{ orm.Model }

func init() { orm.MustRegister(&Token{}) }

// Rows of defaults cannot share a multi-row INSERT: BulkCreate sends one
// each and still sets every key.
func TestBulkCreateOfKeyOnlyRows(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Token{})
		objs := []*Token{{}, {}, {}}
		cctx, captured := orm.CaptureQueries(ctx)
		if err := orm.Objects[Token](db).BulkCreate(cctx, objs); err != nil {
			t.Fatal(err)
		}
		if n := captured.Count(); n != 3 {
			t.Errorf("statements = %d, want 3", n)
		}
		if n, err := orm.Objects[Token](db).Count(ctx); n != 3 || err != nil {
			t.Fatalf("rows = %d, %v", n, err)
		}
		seen := map[int64]bool{}
		for _, o := range objs {
			seen[o.ID] = o.ID > 0
		}
		if len(seen) != 3 && testkitName(t) != "mysql" {
			t.Errorf("keys set: %v", seen)
		}
	})
}

// An object holding an expression goes through the compiler in Create and
// in BulkCreate, next to objects whose values are bound up front.
func TestInsertsWithExpressions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx := context.Background()
		one := &Stock{Name: "one"}
		one.SetExpr("qty", orm.Value(40).Add(2))
		if err := db.Create(ctx, one); err != nil {
			t.Fatal(err)
		}
		if one.Qty != 42 {
			t.Errorf("Create reads the expression's value back: %d", one.Qty)
		}
		mixed := []*Stock{{Name: "plain", Qty: 7}, {Name: "expr"}, {Name: "plain2", Qty: -3}}
		mixed[1].SetExpr("qty", orm.Value(10).Mul(3))
		if err := orm.Objects[Stock](db).BulkCreate(ctx, mixed); err != nil {
			t.Fatal(err)
		}
		got, err := orm.Objects[Stock](db).OrderBy("name").ValuesList("name", "qty").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s := fmt.Sprint(got); s != "[[expr 30] [one 42] [plain 7] [plain2 -3]]" {
			t.Errorf("rows = %s", s)
		}
	})
}
