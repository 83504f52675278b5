package qscombinators

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

// The models of Django's tests/queries/models.py that test_qs_combinators
// uses. Author and Tag are QAuthor and QTag: the test harness registers
// models named author and tag already.
type (
	QTag struct {
		orm.Model
		Name   string               `orm:"max_length=10"`
		Parent orm.ForeignKey[QTag] `orm:"null,blank,on_delete=set_null,related_name=children"`
	}
	Note struct {
		orm.Model
		Note string               `orm:"max_length=100"`
		Misc string               `orm:"max_length=25"`
		Tag  orm.ForeignKey[QTag] `orm:"null,blank,on_delete=set_null"`
	}
	Annotation struct {
		orm.Model
		Name  string               `orm:"max_length=10"`
		Tag   orm.ForeignKey[QTag] `orm:"on_delete=cascade"`
		Notes orm.ManyToMany[Note]
	}
	ExtraInfo struct {
		orm.Model
		Info  string               `orm:"max_length=100"`
		Note  orm.ForeignKey[Note] `orm:"null,on_delete=cascade"`
		Value *int                 `orm:"null"`
	}
	QAuthor struct {
		orm.Model
		Name  string                    `orm:"max_length=10"`
		Num   int                       `orm:"unique"`
		Extra orm.ForeignKey[ExtraInfo] `orm:"on_delete=cascade"`
	}
	Number struct {
		orm.Model
		Num      int
		OtherNum *int `orm:"null"`
	}
	Celebrity struct {
		orm.Model
		Name string `orm:"max_length=20"`
	}
	ReservedName struct {
		orm.Model
		Name  string `orm:"max_length=20"`
		Order int
	}
	Article struct {
		orm.Model
		Name    string `orm:"max_length=20"`
		Created time.Time
	}
)

func (QTag) Meta() orm.Meta       { return orm.Meta{Table: "queries_tag", Ordering: []string{"name"}} }
func (Note) Meta() orm.Meta       { return orm.Meta{Table: "queries_note", Ordering: []string{"note"}} }
func (Annotation) Meta() orm.Meta { return orm.Meta{Table: "queries_annotation"} }
func (ExtraInfo) Meta() orm.Meta {
	return orm.Meta{Table: "queries_extrainfo", Ordering: []string{"info"}}
}
func (QAuthor) Meta() orm.Meta      { return orm.Meta{Table: "queries_author", Ordering: []string{"name"}} }
func (Number) Meta() orm.Meta       { return orm.Meta{Table: "queries_number"} }
func (Celebrity) Meta() orm.Meta    { return orm.Meta{Table: "queries_celebrity"} }
func (ReservedName) Meta() orm.Meta { return orm.Meta{Table: "queries_reservedname"} }
func (Article) Meta() orm.Meta      { return orm.Meta{Table: "queries_article"} }

var allModels = []any{&QTag{}, &Note{}, &Annotation{}, &ExtraInfo{}, &QAuthor{}, &Number{}, &Celebrity{}, &ReservedName{}, &Article{}}

func init() { orm.MustRegister(allModels...) }

var ctx = context.Background()

func intp(i int) *int { return &i }

// setUp recreates the tables and runs QuerySetSetOperationTests.setUpTestData:
// Number(num=i, other_num=10-i) for i in range(10).
func setUp(t *testing.T, db *orm.DB) {
	t.Helper()
	if err := db.DropTables(ctx, allModels...); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTables(ctx, allModels...); err != nil {
		t.Fatal(err)
	}
	var ns []*Number
	for i := 0; i < 10; i++ {
		ns = append(ns, &Number{Num: i, OtherNum: intp(10 - i)})
	}
	if err := orm.Objects[Number](db).BulkCreate(ctx, ns); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// assertNums is assertNumbersEqual(qs, want, ordered).
func assertNums(t *testing.T, what string, qs *orm.QuerySet[*Number], want []int, ordered bool) {
	t.Helper()
	rows, err := qs.All(ctx)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	got := make([]int, len(rows))
	for i, r := range rows {
		got[i] = r.Num
	}
	w := append([]int(nil), want...)
	if !ordered {
		sort.Ints(got)
		sort.Ints(w)
	}
	if fmt.Sprint(got) != fmt.Sprint(w) {
		t.Errorf("%s = %v, want %v (ordered=%v)", what, got, w, ordered)
	}
}

// assertRows compares the fmt.Sprint of each row of rows with want, in
// order or as a multiset (assertCountEqual).
func assertRows[E any](t *testing.T, what string, qs *orm.QuerySet[E], want []string, ordered bool) {
	t.Helper()
	rows, err := qs.All(ctx)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	got := make([]string, len(rows))
	for i, r := range rows {
		got[i] = fmt.Sprint(r)
	}
	w := append([]string(nil), want...)
	if !ordered {
		sort.Strings(got)
		sort.Strings(w)
	}
	if strings.Join(got, " | ") != strings.Join(w, " | ") {
		t.Errorf("%s = %v, want %v (ordered=%v)", what, got, w, ordered)
	}
}

// assertLen is assertEqual(len(qs), n).
func assertLen[E any](t *testing.T, what string, qs *orm.QuerySet[E], n int) {
	t.Helper()
	rows, err := qs.All(ctx)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	if len(rows) != n {
		t.Errorf("len(%s) = %d, want %d", what, len(rows), n)
	}
}

// refused reports whether err is djorm's refusal of a query Django refuses
// (NotSupportedError, DatabaseError raised before SQL): ErrInvalidQuery or
// a *NotSupportedError.
func refused(err error) bool {
	var ns *orm.NotSupportedError
	return errors.Is(err, orm.ErrInvalidQuery) || errors.As(err, &ns)
}

// assertRefused checks that a refusal Django makes is one in djorm too.
func assertRefused(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error; Django raises", what)
	} else if !refused(err) {
		t.Errorf("%s: %v (%T), want an error wrapping ErrInvalidQuery or a *NotSupportedError", what, err, err)
	}
}

func sliceInCompound(db *orm.DB) bool { return db.Dialect().Features().SliceInCompound }
func intersects(db *orm.DB) bool      { return db.Dialect().Features().Intersect }

// skipUnlessSliceInCompound is @skipUnlessDBFeature("supports_slicing_ordering_in_compound").
func skipUnlessSliceInCompound(t *testing.T, db *orm.DB) {
	t.Helper()
	if !sliceInCompound(db) {
		t.Skip("supports_slicing_ordering_in_compound is false on this backend (as in Django)")
	}
}

// skipUnlessIntersect is @skipUnlessDBFeature("supports_select_intersection") (and _difference).
func skipUnlessIntersect(t *testing.T, db *orm.DB) {
	t.Helper()
	if !intersects(db) {
		t.Skip("supports_select_intersection/difference is false on this backend")
	}
}

// captureSQL makes the rest of the test run its statements through a
// capturing context and logs them (the SQL djorm sent) when it fails. The
// tests of a package run one at a time, so swapping ctx is safe.
func captureSQL(t *testing.T) {
	t.Helper()
	old := ctx
	c, captured := orm.CaptureQueries(old)
	ctx = c
	t.Cleanup(func() {
		ctx = old
		if t.Failed() {
			for _, q := range captured.Queries() {
				t.Logf("SQL sent: %s %v (error: %v)", q.SQL, q.Args, q.Err)
			}
		}
	})
}
