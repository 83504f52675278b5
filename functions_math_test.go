package orm_test

import (
	"context"
	"math"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Django's math functions answer as Go's math package on every backend.
func TestMathFunctions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		half, two, eight := orm.Value(0.5), orm.Value(2.0), orm.Value(8.0)
		cases := []struct {
			name string
			e    *orm.Expr
			want float64
		}{
			{"acos", functions.ACos(half), math.Acos(0.5)},
			{"asin", functions.ASin(half), math.Asin(0.5)},
			{"atan", functions.ATan(half), math.Atan(0.5)},
			{"atan2", functions.ATan2(half, two), math.Atan2(0.5, 2)},
			{"cos", functions.Cos(half), math.Cos(0.5)},
			{"cot", functions.Cot(half), 1 / math.Tan(0.5)},
			{"degrees", functions.Degrees(half), 0.5 * 180 / math.Pi},
			{"exp", functions.Exp(half), math.Exp(0.5)},
			{"ln", functions.Ln(two), math.Log(2)},
			{"log", functions.Log(two, eight), 3},
			{"pi", functions.Pi(), math.Pi},
			{"radians", functions.Radians(two), 2 * math.Pi / 180},
			{"sin", functions.Sin(half), math.Sin(0.5)},
			{"tan", functions.Tan(half), math.Tan(0.5)},
			{"sign", functions.Sign(orm.Value(-7.5)), -1},
		}
		for _, c := range cases {
			rows, err := orm.Objects[Book](db).OrderBy("id").Slice(0, 1).Values(orm.As("v", c.e)).All(ctx)
			if err != nil || len(rows) != 1 {
				t.Errorf("%s: %v %v", c.name, rows, err)
				continue
			}
			got, ok := asFloat(rows[0]["v"])
			if !ok || math.Abs(got-c.want) > 1e-9*math.Max(1, math.Abs(c.want)) {
				t.Errorf("%s = %#v, want %v", c.name, rows[0]["v"], c.want)
			}
		}
		// Sign keeps an integer's kind.
		rows, err := orm.Objects[Book](db).OrderBy("id").Slice(0, 1).Values(orm.As("s", functions.Sign(orm.F("stock_level").Sub(1000)))).All(ctx)
		if err != nil || rows[0]["s"] != int64(-1) {
			t.Errorf("Sign of an integer: %#v %v", rows, err)
		}
	})
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	if s, ok := v.(interface{ InexactFloat64() float64 }); ok {
		return s.InexactFloat64(), true
	}
	return 0, false
}
