package orm_test

// The staff graph of the differential tests (tools/djangoref/hr/models.py):
// self foreign keys (Department.parent, Employee.manager), a many-to-many
// (Employee.skills), two paths to Store (Employee.store, Sale.store) and a
// nullable field of every kind. Tables are dg_* as on the Django side; the
// rows come from the "dataset" of testdata/django/differential.json, so
// both sides hold the same rows with the same ids.

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/shopspring/decimal"
)

type (
	DgDepartment struct {
		orm.Model
		Name   string                       `orm:"max_length=50"`
		Budget *decimal.Decimal             `orm:"max_digits=10,decimal_places=2,null"`
		Parent orm.ForeignKey[DgDepartment] `orm:"null,on_delete=set_null,related_name=children"`
	}
	DgStore struct {
		orm.Model
		Name     string     `orm:"max_length=50"`
		City     *string    `orm:"max_length=50,null"`
		Opened   *time.Time `orm:"type=date,null"`
		Capacity int32
	}
	DgSkill struct {
		orm.Model
		Name  string `orm:"max_length=30"`
		Level *int32 `orm:"null"`
	}
	DgEmployee struct {
		orm.Model
		Name       string                       `orm:"max_length=50"`
		Department orm.ForeignKey[DgDepartment] `orm:"null,on_delete=set_null,related_name=employees"`
		Store      orm.ForeignKey[DgStore]      `orm:"on_delete=cascade,related_name=staff"`
		Manager    orm.ForeignKey[DgEmployee]   `orm:"null,on_delete=set_null,related_name=reports"`
		Salary     int32
		Bonus      *int32                  `orm:"null"`
		Rate       *float64                `orm:"null"`
		Hired      time.Time               `orm:"type=date"`
		LastLogin  *time.Time              `orm:"null"`
		Active     bool                    `orm:"default=true"`
		Nickname   *string                 `orm:"max_length=30,null"`
		Skills     orm.ManyToMany[DgSkill] `orm:"related_name=employees"`
	}
	DgSale struct {
		orm.Model
		Employee orm.ForeignKey[DgEmployee] `orm:"on_delete=cascade,related_name=sales"`
		Store    orm.ForeignKey[DgStore]    `orm:"on_delete=cascade,related_name=sales"`
		Amount   decimal.Decimal            `orm:"max_digits=8,decimal_places=2"`
		Qty      int32
		SoldOn   time.Time `orm:"type=date"`
		Note     *string   `orm:"type=text,null"`
	}
)

func (DgDepartment) Meta() orm.Meta { return orm.Meta{Table: "dg_department"} }
func (DgStore) Meta() orm.Meta      { return orm.Meta{Table: "dg_store"} }
func (DgSkill) Meta() orm.Meta      { return orm.Meta{Table: "dg_skill"} }
func (DgEmployee) Meta() orm.Meta   { return orm.Meta{Table: "dg_employee"} }
func (DgSale) Meta() orm.Meta       { return orm.Meta{Table: "dg_sale"} }

// dgStaff lists the staff models, parents first.
var dgStaff = []any{&DgDepartment{}, &DgStore{}, &DgSkill{}, &DgEmployee{}, &DgSale{}}

func init() { orm.MustRegister(dgStaff...) }

// dgTable is one table of the dataset: column names and rows.
type dgTable struct {
	Cols []string `json:"cols"`
	Rows [][]any  `json:"rows"`
}

// dgRow reads one dataset row by column name.
type dgRow struct {
	t   *testing.T
	tab string
	col map[string]int
	r   []any
}

func (r dgRow) v(name string) any {
	i, ok := r.col[name]
	if !ok {
		r.t.Fatalf("dataset %s has no column %q", r.tab, name)
	}
	return r.r[i]
}

func (r dgRow) id(name string) int64 {
	n, ok := r.v(name).(json.Number)
	if !ok {
		r.t.Fatalf("dataset %s.%s: %v is not an integer", r.tab, name, r.v(name))
	}
	i, err := n.Int64()
	if err != nil {
		r.t.Fatal(err)
	}
	return i
}

func (r dgRow) null(name string) bool { return r.v(name) == nil }
func (r dgRow) i32(name string) int32 { return int32(r.id(name)) }
func (r dgRow) str(name string) string {
	s, ok := r.v(name).(string)
	if !ok {
		r.t.Fatalf("dataset %s.%s: %v is not a string", r.tab, name, r.v(name))
	}
	return s
}
func (r dgRow) strPtr(name string) *string {
	if r.null(name) {
		return nil
	}
	s := r.str(name)
	return &s
}
func (r dgRow) i32Ptr(name string) *int32 {
	if r.null(name) {
		return nil
	}
	v := r.i32(name)
	return &v
}
func (r dgRow) f64Ptr(name string) *float64 {
	if r.null(name) {
		return nil
	}
	f, err := r.v(name).(json.Number).Float64()
	if err != nil {
		r.t.Fatal(err)
	}
	return &f
}
func (r dgRow) dec(name string) decimal.Decimal { return decimal.RequireFromString(r.str(name)) }
func (r dgRow) decPtr(name string) *decimal.Decimal {
	if r.null(name) {
		return nil
	}
	d := r.dec(name)
	return &d
}
func (r dgRow) date(name string) time.Time {
	t, err := time.Parse("2006-01-02", r.str(name))
	if err != nil {
		r.t.Fatal(err)
	}
	return t
}
func (r dgRow) datePtr(name string) *time.Time {
	if r.null(name) {
		return nil
	}
	t := r.date(name)
	return &t
}
func (r dgRow) timePtr(name string) *time.Time {
	if r.null(name) {
		return nil
	}
	t, err := time.Parse(time.RFC3339, r.str(name))
	if err != nil {
		r.t.Fatal(err)
	}
	t = t.UTC()
	return &t
}

// loadStaff recreates the staff tables and loads the dataset's rows with
// their ids.
func loadStaff(t *testing.T, db *orm.DB, data map[string]dgTable) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	rows := func(tab string) []dgRow {
		tb, ok := data[tab]
		if !ok || len(tb.Rows) == 0 {
			t.Fatalf("differential.json: no rows for %s", tab)
		}
		col := map[string]int{}
		for i, c := range tb.Cols {
			col[c] = i
		}
		out := make([]dgRow, len(tb.Rows))
		for i, r := range tb.Rows {
			if len(r) != len(tb.Cols) {
				t.Fatalf("differential.json: %s row %d has %d values for %d columns", tab, i, len(r), len(tb.Cols))
			}
			out[i] = dgRow{t: t, tab: tab, col: col, r: r}
		}
		return out
	}
	must(db.DropTables(ctx, dgStaff...))
	must(db.CreateTables(ctx, dgStaff...))
	for _, r := range rows("dg_department") {
		d := &DgDepartment{Name: r.str("name"), Budget: r.decPtr("budget")}
		d.ID = r.id("id")
		if !r.null("parent_id") {
			d.Parent.SetID(r.id("parent_id"))
		}
		must(db.Create(ctx, d))
	}
	for _, r := range rows("dg_store") {
		s := &DgStore{Name: r.str("name"), City: r.strPtr("city"), Opened: r.datePtr("opened"), Capacity: r.i32("capacity")}
		s.ID = r.id("id")
		must(db.Create(ctx, s))
	}
	for _, r := range rows("dg_skill") {
		s := &DgSkill{Name: r.str("name"), Level: r.i32Ptr("level")}
		s.ID = r.id("id")
		must(db.Create(ctx, s))
	}
	employees := map[int64]*DgEmployee{}
	for _, r := range rows("dg_employee") {
		active, ok := r.v("active").(bool)
		if !ok {
			t.Fatalf("dg_employee.active: %v", r.v("active"))
		}
		e := &DgEmployee{Name: r.str("name"), Salary: r.i32("salary"), Bonus: r.i32Ptr("bonus"), Rate: r.f64Ptr("rate"),
			Hired: r.date("hired"), LastLogin: r.timePtr("last_login"), Active: active, Nickname: r.strPtr("nickname")}
		e.ID = r.id("id")
		if !r.null("department_id") {
			e.Department.SetID(r.id("department_id"))
		}
		e.Store.SetID(r.id("store_id"))
		if !r.null("manager_id") {
			e.Manager.SetID(r.id("manager_id"))
		}
		must(db.Create(ctx, e))
		employees[e.ID] = e
	}
	for _, r := range rows("dg_sale") {
		s := &DgSale{Amount: r.dec("amount"), Qty: r.i32("qty"), SoldOn: r.date("sold_on"), Note: r.strPtr("note")}
		s.ID = r.id("id")
		s.Employee.SetID(r.id("employee_id"))
		s.Store.SetID(r.id("store_id"))
		must(db.Create(ctx, s))
	}
	must(db.ResetSequences(ctx, dgStaff...))
	// The many-to-many rows, in the dataset's order (their own ids are not
	// reachable from a queryset).
	for _, r := range rows("dg_employee_skills") {
		e := employees[r.id("employee_id")]
		if e == nil {
			t.Fatalf("dg_employee_skills: no employee %d", r.id("employee_id"))
		}
		sk := &DgSkill{}
		sk.ID = r.id("skill_id")
		must(orm.Related[DgSkill](e, "skills").Add(ctx, sk))
	}
	// The loaded rows must be the dataset's: a count per table.
	counts := map[string]func(context.Context) (int64, error){
		"dg_department":      orm.Objects[DgDepartment](db).Count,
		"dg_store":           orm.Objects[DgStore](db).Count,
		"dg_skill":           orm.Objects[DgSkill](db).Count,
		"dg_employee":        orm.Objects[DgEmployee](db).Count,
		"dg_sale":            orm.Objects[DgSale](db).Count,
		"dg_employee_skills": orm.Objects[DgSkill](db).Filter(orm.Q{"employees__isnull": false}).Count,
	}
	for tab, count := range counts {
		n, err := count(ctx)
		must(err)
		if want := len(data[tab].Rows); n != int64(want) {
			must(fmt.Errorf("%s holds %d rows after loading, want %d", tab, n, want))
		}
	}
}
