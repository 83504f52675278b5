package orm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/shopspring/decimal"
)

// planProbe has a field of each kind plans bind.
type planProbe struct {
	Model
	Name  string `orm:"max_length=20"`
	Small int16
	Count int
	Ratio float64
	Price decimal.Decimal `orm:"max_digits=6,decimal_places=2"`
	At    time.Time
	Day   time.Time `orm:"type=date"`
	Ok    bool
	Note  *string `orm:"null,max_length=10"`
}

// The statement a plan gives equals the compiler's for every value, on
// every dialect: random shapes, each run with many random values (the
// first derives the plan, the others reuse it), compared with
// compileCall, the uncached path. Errors must match too.
func TestPlansEqualTheCompiler(t *testing.T) {
	if err := Register(&planProbe{}); err != nil {
		t.Fatal(err)
	}
	ds := map[string]dialects.Dialect{"postgres": postgres.New(), "mysql": mysql.New("10.11.19-MariaDB"),
		"sqlite3": sqlite.New(true), "godror": oracle.New()}
	r := rand.New(rand.NewPCG(16, 13))
	keys := []string{"name", "name__iexact", "name__startswith", "small", "small__gt", "small__lte", "small__range",
		"count", "count__gte", "count__range", "ratio__lt", "price", "price__gt", "price__range", "at", "at__gte",
		"at__year", "day", "day__lt", "ok", "note", "pk", "id__lt"}
	planned, total := 0, 0
	for name, d := range ds {
		db := NewWithDialect(nil, name, d)
		for shape := 0; shape < 150; shape++ {
			n := 1 + r.IntN(3)
			picked := map[string]bool{}
			for len(picked) < n {
				picked[keys[r.IntN(len(keys))]] = true
			}
			negate := r.IntN(3) == 0
			term := []byte{termAll, termGet, termCount, termUpdate}[r.IntN(4)]
			for run := 0; run < 12; run++ {
				q := Q{}
				for k := range picked {
					q[k] = randomValue(r, k)
				}
				qs := Objects[planProbe](db)
				call := planCall{term: term}
				switch {
				case term == termGet:
					call.conds = []Condition{q}
				case negate:
					call.ops = qs.Exclude(q).ops
				default:
					call.ops = qs.Filter(q).ops
				}
				if term == termUpdate {
					call.set = Set{"count": F("count").Add(randomValue(r, "count")), "name": randomValue(r, "name")}
				}
				got, _, gerr := qs.statement(db, call)
				want, _, werr := qs.compileCall(db, call)
				total++
				if _, _, ok := qs.fromPlan(db, call); ok {
					planned++
				}
				if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
					t.Fatalf("%s %c %v: plan error %v, compiler error %v", name, term, q, gerr, werr)
				}
				if gerr != nil {
					continue
				}
				if got.SQL != want.SQL || len(got.Args)+len(want.Args) > 0 && !reflect.DeepEqual(got.Args, want.Args) {
					t.Fatalf("%s %c %v:\n plan     %s %#v\n compiler %s %#v", name, term, q, got.SQL, got.Args, want.SQL, want.Args)
				}
			}
		}
	}
	t.Logf("%d statements compared, %d of them from plans", total, planned)
	if planned < total/4 {
		t.Errorf("only %d of %d statements came from plans: the comparison tests too little", planned, total)
	}
}

// randomValue returns a value for key, often at or beyond its field's limits.
func randomValue(r *rand.Rand, key string) any {
	pick := func(vs ...any) any { return vs[r.IntN(len(vs))] }
	field := key
	for i := range len(key) - 1 {
		if key[i:i+2] == "__" {
			field = key[:i]
			break
		}
	}
	var one func() any
	switch field {
	case "name", "note":
		one = func() any { return pick("", "a", "ann", "Été", "x%_\\", "toolongtoolongtoolongtoolong", nil, 5) }
	case "small":
		one = func() any {
			return pick(int64(0), int64(32767), int64(-32768), int64(40000), -40000, 7, 1.5, float64(1<<63), "x")
		}
	case "count", "pk", "id":
		one = func() any {
			return pick(int64(0), int64(math.MaxInt64), int64(math.MinInt64), r.Int64(), uint64(1)<<63, float64(1<<63), 3, nil)
		}
	case "ratio":
		one = func() any { return pick(0.0, 1.5, -2.25, math.MaxFloat64, 3) }
	case "price":
		one = func() any {
			return pick(decimal.RequireFromString("1.25"), decimal.RequireFromString("9999.99"), decimal.RequireFromString("123456.7"), 5, 2.5, "1.10")
		}
	case "at", "day":
		one = func() any {
			return pick(time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
				time.Date(9999, 12, 31, 20, 0, 0, 0, time.FixedZone("x", -5*3600)), int64(2020), nil)
		}
	case "ok":
		one = func() any { return pick(true, false, 1, nil) }
	default:
		panic(fmt.Sprint("no values for ", key))
	}
	if len(key) > 7 && key[len(key)-7:] == "__range" {
		return []any{one(), one()}
	}
	if len(key) > 6 && key[len(key)-6:] == "__year" {
		return pick(int64(2020), int64(0), int64(10000), 1999)
	}
	return one()
}
