package djangosuite

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
)

// The models of Django's tests/expressions_window.
type (
	WinClassification struct {
		orm.Model
		Code string `orm:"max_length=10"`
	}
	WinEmployee struct {
		orm.Model
		Name           string                            `orm:"max_length=40"`
		Salary         int                               `orm:""`
		Department     string                            `orm:"max_length=40"`
		HireDate       time.Time                         `orm:"type=date"`
		Age            int                               `orm:""`
		Classification orm.ForeignKey[WinClassification] `orm:"null,on_delete=cascade"`
		Bonus          *decimal.Decimal                  `orm:"null,max_digits=15,decimal_places=2"`
	}
	WinPastEmployeeDepartment struct {
		orm.Model
		Employee   orm.ForeignKey[WinEmployee] `orm:"on_delete=cascade,related_name=past_departments"`
		Department string                      `orm:"max_length=40"`
	}
	WinDetail struct {
		orm.Model
		Value map[string]any `orm:"null"`
	}
)

func (WinClassification) Meta() orm.Meta { return orm.Meta{Table: "expressions_window_classification"} }
func (WinEmployee) Meta() orm.Meta       { return orm.Meta{Table: "expressions_window_employee"} }
func (WinPastEmployeeDepartment) Meta() orm.Meta {
	return orm.Meta{Table: "expressions_window_pastemployeedepartment"}
}
func (WinDetail) Meta() orm.Meta { return orm.Meta{Table: "expressions_window_detail"} }

func init() {
	orm.MustRegister(&WinClassification{}, &WinEmployee{}, &WinPastEmployeeDepartment{}, &WinDetail{})
}

// loadWindow is WindowFunctionTests.setUpTestData: twelve employees of one
// classification, bonus = salary / 400, and two past departments.
func loadWindow(t *testing.T, db *orm.DB) []*WinEmployee {
	t.Helper()
	ctx := context.Background()
	models := []any{&WinClassification{}, &WinEmployee{}, &WinPastEmployeeDepartment{}, &WinDetail{}}
	if err := db.DropTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	c := &WinClassification{}
	if err := db.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	var emps []*WinEmployee
	for _, e := range []struct {
		name   string
		salary int
		dept   string
		hired  time.Time
		age    int
	}{
		{"Jones", 45000, "Accounting", date(2005, 11, 1), 20},
		{"Williams", 37000, "Accounting", date(2009, 6, 1), 20},
		{"Jenson", 45000, "Accounting", date(2008, 4, 1), 20},
		{"Adams", 50000, "Accounting", date(2013, 7, 1), 50},
		{"Smith", 55000, "Sales", date(2007, 6, 1), 30},
		{"Brown", 53000, "Sales", date(2009, 9, 1), 30},
		{"Johnson", 40000, "Marketing", date(2012, 3, 1), 30},
		{"Smith", 38000, "Marketing", date(2009, 10, 1), 20},
		{"Wilkinson", 60000, "IT", date(2011, 3, 1), 40},
		{"Moore", 34000, "IT", date(2013, 8, 1), 40},
		{"Miller", 100000, "Management", date(2005, 6, 1), 40},
		{"Johnson", 80000, "Management", date(2005, 7, 1), 50},
	} {
		bonus := decimal.NewFromInt(int64(e.salary)).Div(decimal.NewFromInt(400)).Round(2)
		emps = append(emps, &WinEmployee{Name: e.name, Salary: e.salary, Department: e.dept, HireDate: e.hired,
			Age: e.age, Bonus: &bonus, Classification: orm.Ref(c)})
	}
	if err := orm.Objects[WinEmployee](db).BulkCreate(ctx, emps); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*WinPastEmployeeDepartment{
		{Employee: orm.Ref(emps[6]), Department: "Sales"},
		{Employee: orm.Ref(emps[10]), Department: "IT"},
	} {
		if err := db.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return emps
}

// winCell writes one value as Django's assertions compare it: numbers by
// value (an int, a float and a decimal of the same value agree), rounded
// to ten places as Django rounds cume_dist and percent_rank; dates as
// 2006-01-02; NULL as None.
func winCell(v any) string {
	var f float64
	switch x := v.(type) {
	case nil:
		return "None"
	case time.Time:
		return x.Format("2006-01-02")
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		f = x
	case decimal.Decimal:
		f = x.InexactFloat64()
	case *decimal.Decimal:
		if x == nil {
			return "None"
		}
		f = x.InexactFloat64()
	default:
		return fmt.Sprint(v)
	}
	f = math.Round(f*1e10) / 1e10
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// winLines writes rows of a ValuesList one per line, cells joined by "|";
// an error is written instead, so a comparison shows it.
func winLines(rows [][]any, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = winCell(v)
		}
		b.WriteString(strings.Join(cells, "|") + "\n")
	}
	return b.String()
}

// winFlat writes the values of a flat ValuesList one per line.
func winFlat(vals []any, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	for _, v := range vals {
		b.WriteString(winCell(v) + "\n")
	}
	return b.String()
}

// winWant joins expected rows as winLines writes them.
func winWant(rows ...string) string {
	if len(rows) == 0 {
		return ""
	}
	return strings.Join(rows, "\n") + "\n"
}

// winSorted sorts the lines of a winLines text, for Django's ordered=False.
func winSorted(s string) string {
	if strings.HasPrefix(s, "error: ") || s == "" {
		return s
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// winCheck compares got with want, showing both whole.
func winCheck(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got:\n%s\nwant:\n%s", what, got, want)
	}
}
