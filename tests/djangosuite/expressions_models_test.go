package djangosuite

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
)

// The models of Django's tests/expressions.
type (
	ExprManager struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	ExprEmployee struct {
		orm.Model
		Firstname string                      `orm:"max_length=50"`
		Lastname  string                      `orm:"max_length=50"`
		Salary    *int                        `orm:"null,blank"`
		Manager   orm.ForeignKey[ExprManager] `orm:"null,on_delete=cascade"`
	}
	ExprCompany struct {
		orm.Model
		Name           string                       `orm:"max_length=100"`
		NumEmployees   int                          `orm:""`
		NumChairs      int                          `orm:""`
		BasedInEu      *bool                        `orm:"null,default=false"`
		Ceo            orm.ForeignKey[ExprEmployee] `orm:"on_delete=cascade,related_name=company_ceo_set"`
		PointOfContact orm.ForeignKey[ExprEmployee] `orm:"null,on_delete=set_null,related_name=company_point_of_contact_set"`
	}
	ExprNumber struct {
		orm.Model
		Integer      int64            `orm:"column=the_integer"`
		Float        *float64         `orm:"null,column=the_float"`
		DecimalValue *decimal.Decimal `orm:"null,max_digits=20,decimal_places=17"`
	}
	ExprExperiment struct {
		orm.Model
		Name          string        `orm:"max_length=24"`
		Assigned      time.Time     `orm:"type=date"`
		Completed     time.Time     `orm:"type=date"`
		EstimatedTime time.Duration `orm:""`
		Start         time.Time
		End           time.Time
		Scalar        *int `orm:"null"`
	}
	ExprResult struct {
		orm.Model
		Experiment orm.ForeignKey[ExprExperiment] `orm:"on_delete=cascade"`
		ResultTime time.Time
	}
	ExprTime struct {
		orm.Model
		Time *time.Time `orm:"type=time,null"`
	}
	ExprSimulationRun struct {
		orm.Model
		Start    orm.ForeignKey[ExprTime] `orm:"null,on_delete=cascade,related_name=+"`
		End      orm.ForeignKey[ExprTime] `orm:"null,on_delete=cascade,related_name=+"`
		Midpoint time.Time                `orm:"type=time"`
	}
	ExprUUIDPK struct {
		orm.Model
		Key string `orm:"pk,column=id,type=uuid,default=uuid4()"`
	}
	ExprUUID struct {
		orm.Model
		UUID   *string                    `orm:"type=uuid,null"`
		UUIDFk orm.ForeignKey[ExprUUIDPK] `orm:"null,on_delete=cascade"`
	}
)

func (ExprManager) Meta() orm.Meta  { return orm.Meta{Table: "expressions_manager"} }
func (ExprEmployee) Meta() orm.Meta { return orm.Meta{Table: "expressions_employee"} }
func (ExprCompany) Meta() orm.Meta  { return orm.Meta{Table: "expressions_company"} }
func (ExprNumber) Meta() orm.Meta   { return orm.Meta{Table: "expressions_number"} }
func (ExprExperiment) Meta() orm.Meta {
	return orm.Meta{Table: "expressions_experiment", Ordering: []string{"name"}}
}
func (ExprResult) Meta() orm.Meta        { return orm.Meta{Table: "expressions_result"} }
func (ExprTime) Meta() orm.Meta          { return orm.Meta{Table: "expressions_time"} }
func (ExprSimulationRun) Meta() orm.Meta { return orm.Meta{Table: "expressions_simulationrun"} }
func (ExprUUIDPK) Meta() orm.Meta        { return orm.Meta{Table: "expressions_uuidpk"} }
func (ExprUUID) Meta() orm.Meta          { return orm.Meta{Table: "expressions_uuid"} }

func init() {
	orm.MustRegister(&ExprManager{}, &ExprEmployee{}, &ExprCompany{}, &ExprNumber{}, &ExprExperiment{},
		&ExprResult{}, &ExprTime{}, &ExprSimulationRun{}, &ExprUUIDPK{}, &ExprUUID{})
}

// exprTables creates the expressions tables empty.
func exprTables(t *testing.T, db *orm.DB) {
	t.Helper()
	ctx := context.Background()
	models := []any{&ExprManager{}, &ExprEmployee{}, &ExprCompany{}, &ExprNumber{}, &ExprExperiment{},
		&ExprResult{}, &ExprTime{}, &ExprSimulationRun{}, &ExprUUIDPK{}, &ExprUUID{}}
	if err := db.DropTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
}

// exprMust fails the test on err.
func exprMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func exprInt(n int) *int              { return &n }
func exprFloat(f float64) *float64    { return &f }
func exprBool(b bool) *bool           { return &b }
func exprClock(h, m, s int) time.Time { return time.Date(0, 1, 1, h, m, s, 0, time.UTC) }

// exprEmployee creates an employee.
func exprEmployee(t *testing.T, db *orm.DB, first, last string, salary *int) *ExprEmployee {
	t.Helper()
	e := &ExprEmployee{Firstname: first, Lastname: last, Salary: salary}
	exprMust(t, db.Create(context.Background(), e))
	return e
}

// exprCompany creates a company.
func exprCompany(t *testing.T, db *orm.DB, name string, employees, chairs int, ceo *ExprEmployee, eu bool) *ExprCompany {
	t.Helper()
	c := &ExprCompany{Name: name, NumEmployees: employees, NumChairs: chairs, Ceo: orm.Ref(ceo), BasedInEu: exprBool(eu)}
	exprMust(t, db.Create(context.Background(), c))
	return c
}

// basicData is BasicExpressionsTests.setUpTestData.
type basicData struct {
	exampleInc, foobarLtd, gmbh *ExprCompany
	joe, frank, max             *ExprEmployee
}

func loadBasicExpressions(t *testing.T, db *orm.DB) *basicData {
	t.Helper()
	exprTables(t, db)
	d := &basicData{}
	d.joe = exprEmployee(t, db, "Joe", "Smith", exprInt(10))
	d.exampleInc = exprCompany(t, db, "Example Inc.", 2300, 5, d.joe, false)
	d.frank = exprEmployee(t, db, "Frank", "Meyer", exprInt(20))
	d.foobarLtd = exprCompany(t, db, "Foobar Ltd.", 3, 4, d.frank, true)
	d.max = exprEmployee(t, db, "Max", "Mustermann", exprInt(30))
	d.gmbh = exprCompany(t, db, "Test GmbH", 32, 1, d.max, false)
	return d
}
