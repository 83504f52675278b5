package djangosuite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/expressions/tests.py: ExpressionsNumericTests,
// ExpressionOperatorTests, IterableLookupInnerExpressionsTests.

// loadNumeric is ExpressionsNumericTests.setUpTestData.
func loadNumeric(t *testing.T, db *orm.DB) {
	t.Helper()
	exprTables(t, db)
	ctx := context.Background()
	for _, n := range []int64{-1, 42, 1337} {
		exprMust(t, db.Create(ctx, &ExprNumber{Integer: n}))
	}
	_, err := orm.Objects[ExprNumber](db).Update(ctx, orm.Set{"float": orm.F("integer")})
	exprMust(t, err)
}

// numberPairs is (integer, round(float)) of qs's rows, sorted.
func numberPairs(qs *orm.QuerySet[*ExprNumber]) string {
	rows, err := qs.OrderBy("integer").All(context.Background())
	if err != nil {
		return "error: " + err.Error()
	}
	out := ""
	for _, n := range rows {
		f := "nil"
		if n.Float != nil {
			f = fmt.Sprint(int64(*n.Float + 0.5 - map[bool]float64{true: 1, false: 0}[*n.Float < 0]))
		}
		out += fmt.Sprintf("(%d, %s) ", n.Integer, f)
	}
	return out
}

func TestExpressions_ExpressionsNumericTests_test_fill_with_value_from_same_object(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadNumeric(t, db)
		if got := numberPairs(orm.Objects[ExprNumber](db)); got != "(-1, -1) (42, 42) (1337, 1337) " {
			t.Errorf("got %s", got)
		}
	})
}

func TestExpressions_ExpressionsNumericTests_test_increment_value(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadNumeric(t, db)
		n, err := orm.Objects[ExprNumber](db).Filter(orm.Q{"integer__gt": 0}).Update(context.Background(), orm.Set{"integer": orm.F("integer").Add(1)})
		if err != nil || n != 2 {
			t.Errorf("update = %d, %v; want 2", n, err)
		}
		if got := numberPairs(orm.Objects[ExprNumber](db)); got != "(-1, -1) (43, 42) (1338, 1337) " {
			t.Errorf("got %s", got)
		}
	})
}

func TestExpressions_ExpressionsNumericTests_test_filter_not_equals_other_field(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadNumeric(t, db)
		_, err := orm.Objects[ExprNumber](db).Filter(orm.Q{"integer__gt": 0}).Update(context.Background(), orm.Set{"integer": orm.F("integer").Add(1)})
		exprMust(t, err)
		if got := numberPairs(orm.Objects[ExprNumber](db).Exclude(orm.Q{"float": orm.F("integer")})); got != "(43, 42) (1338, 1337) " {
			t.Errorf("got %s", got)
		}
	})
}

func TestExpressions_ExpressionsNumericTests_test_complex_expressions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadNumeric(t, db)
		ctx := context.Background()
		n := &ExprNumber{Integer: 10, Float: exprFloat(123.45)}
		exprMust(t, db.Create(ctx, n))
		c, err := orm.Objects[ExprNumber](db).Filter(orm.Q{"pk": n.ID}).Update(ctx, orm.Set{"float": orm.F("integer").Add(orm.F("float").Mul(2))})
		if err != nil || c != 1 {
			t.Fatalf("update = %d, %v", c, err)
		}
		got, err := orm.Objects[ExprNumber](db).Get(ctx, orm.Q{"pk": n.ID})
		exprMust(t, err)
		if got.Integer != 10 {
			t.Errorf("integer = %d", got.Integer)
		}
		near(t, "float", *got.Float, 256.9, 3)
	})
}

func TestExpressions_ExpressionsNumericTests_test_decimal_expression(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		half := decimal.RequireFromString("0.5")
		n := &ExprNumber{Integer: 1, DecimalValue: &half}
		exprMust(t, db.Create(ctx, n))
		_, err := orm.Objects[ExprNumber](db).Filter(orm.Q{"pk": n.ID}).Update(ctx, orm.Set{"decimal_value": orm.F("decimal_value").Sub(decimal.RequireFromString("0.4"))})
		exprMust(t, err)
		exprMust(t, db.Refresh(ctx, n))
		if n.DecimalValue == nil || !n.DecimalValue.Equal(decimal.RequireFromString("0.1")) {
			t.Errorf("decimal_value = %v, want 0.1", n.DecimalValue)
		}
	})
}

// loadOperators is ExpressionOperatorTests.setUpTestData.
func loadOperators(t *testing.T, db *orm.DB) (n, n1 *ExprNumber) {
	t.Helper()
	exprTables(t, db)
	n = &ExprNumber{Integer: 42, Float: exprFloat(15.5)}
	n1 = &ExprNumber{Integer: -42, Float: exprFloat(-15.5)}
	exprMust(t, db.Create(context.Background(), n))
	exprMust(t, db.Create(context.Background(), n1))
	return n, n1
}

// operatorCase updates n with set and checks its integer, and its float to
// 3 places when wantFloat is not nil.
func operatorCase(t *testing.T, db *orm.DB, n *ExprNumber, set orm.Set, wantInt int64, wantFloat *float64, places int) {
	t.Helper()
	ctx := context.Background()
	if _, err := orm.Objects[ExprNumber](db).Filter(orm.Q{"pk": n.ID}).Update(ctx, set); err != nil {
		t.Fatal(err)
	}
	got, err := orm.Objects[ExprNumber](db).Get(ctx, orm.Q{"pk": n.ID})
	exprMust(t, err)
	if got.Integer != wantInt {
		t.Errorf("integer = %d, want %d", got.Integer, wantInt)
	}
	if wantFloat != nil {
		near(t, "float", *got.Float, *wantFloat, places)
	}
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_addition(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").Add(15), "float": orm.F("float").Add(42.7)}, 57, exprFloat(58.2), 3)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_subtraction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").Sub(15), "float": orm.F("float").Sub(42.7)}, 27, exprFloat(-27.2), 3)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_multiplication(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").Mul(15), "float": orm.F("float").Mul(42.7)}, 630, exprFloat(661.85), 3)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_division(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").Div(2), "float": orm.F("float").Div(42.7)}, 21, exprFloat(0.363), 3)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_modulo(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").Mod(20)}, 2, nil, 0)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_modulo_null(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadOperators(t, db)
		exprEmployee(t, db, "John", "Doe", nil)
		e, err := orm.Objects[ExprEmployee](db).Annotate(orm.As("modsalary", orm.F("salary").Mod(20))).Get(context.Background())
		if err != nil || e.Salary != nil {
			t.Errorf("got %+v, %v; want salary None", e, err)
		}
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_power(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").Pow(2), "float": orm.F("float").Pow(1.5)}, 1764, exprFloat(61.02), 2)
	})
}

func TestExpressions_ExpressionOperatorTests_test_right_hand_addition(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.Value(15).Add(orm.F("integer")), "float": orm.Value(42.7).Add(orm.F("float"))}, 57, exprFloat(58.2), 3)
	})
}

func TestExpressions_ExpressionOperatorTests_test_right_hand_subtraction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.Value(15).Sub(orm.F("integer")), "float": orm.Value(42.7).Sub(orm.F("float"))}, -27, exprFloat(27.2), 3)
	})
}

func TestExpressions_ExpressionOperatorTests_test_right_hand_multiplication(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.Value(15).Mul(orm.F("integer")), "float": orm.Value(42.7).Mul(orm.F("float"))}, 630, exprFloat(661.85), 3)
	})
}

func TestExpressions_ExpressionOperatorTests_test_right_hand_division(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.Value(640).Div(orm.F("integer")), "float": orm.Value(42.7).Div(orm.F("float"))}, 15, exprFloat(2.755), 3)
	})
}

func TestExpressions_ExpressionOperatorTests_test_right_hand_modulo(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.Value(69).Mod(orm.F("integer"))}, 27, nil, 0)
	})
}

func TestExpressions_ExpressionOperatorTests_test_righthand_power(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, _ := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.Value(2).Pow(orm.F("integer")), "float": orm.Value(1.5).Pow(orm.F("float"))}, 4398046511104, exprFloat(536.308), 3)
	})
}

// iterData is IterableLookupInnerExpressionsTests.setUpTestData.
type iterData struct{ c5020, c5040, c5050, c5060, c99300 *ExprCompany }

func loadIterable(t *testing.T, db *orm.DB) *iterData {
	t.Helper()
	exprTables(t, db)
	ceo := exprEmployee(t, db, "Just", "Doit", exprInt(30))
	return &iterData{
		exprCompany(t, db, "5020 Ltd", 50, 20, ceo, false), exprCompany(t, db, "5040 Ltd", 50, 40, ceo, false),
		exprCompany(t, db, "5050 Ltd", 50, 50, ceo, false), exprCompany(t, db, "5060 Ltd", 50, 60, ceo, false),
		exprCompany(t, db, "99300 Ltd", 99, 300, ceo, false),
	}
}

func TestExpressions_IterableLookupInnerExpressionsTests_test_in_lookup_allows_F_expressions_and_expressions_for_integers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadIterable(t, db)
		cases := []struct {
			in   []any
			want string
		}{
			{[]any{orm.F("num_chairs").Sub(10)}, "[5060 Ltd]"},
			{[]any{orm.F("num_chairs").Sub(10), orm.F("num_chairs").Add(10)}, "[5040 Ltd 5060 Ltd]"},
			{[]any{orm.F("num_chairs").Sub(10), orm.F("num_chairs"), orm.F("num_chairs").Add(10)}, "[5040 Ltd 5050 Ltd 5060 Ltd]"},
		}
		for i, c := range cases {
			if got := exprNames(orm.Objects[ExprCompany](db).Filter(orm.Q{"num_employees__in": c.in}), "name", true); got != c.want {
				t.Errorf("case %d: %s, want %s", i+1, got, c.want)
			}
		}
	})
}

func TestExpressions_IterableLookupInnerExpressionsTests_test_expressions_in_lookups_join_choice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		ts := exprTimes(t, db, 12, 14)
		mid := exprClock(13, 0, 0)
		s1 := &ExprSimulationRun{Start: orm.Ref(ts[0]), End: orm.Ref(ts[1]), Midpoint: mid}
		for _, s := range []*ExprSimulationRun{s1, {Start: orm.Ref(ts[0]), Midpoint: mid}, {End: orm.Ref(ts[1]), Midpoint: mid}, {Midpoint: mid}} {
			exprMust(t, db.Create(ctx, s))
		}
		rng := orm.Q{"midpoint__range": []any{orm.F("start__time"), orm.F("end__time")}}
		rows, err := orm.Objects[ExprSimulationRun](db).Filter(rng).ValuesList("pk").Flat().All(ctx)
		if got, want := fmt.Sprint(rows), fmt.Sprint([]any{s1.ID}); err != nil || got != want {
			t.Errorf("filter: %s, %v; want %s", got, err, want)
		}
		rows, err = orm.Objects[ExprSimulationRun](db).Exclude(rng).ValuesList("pk").Flat().All(ctx)
		if err != nil || len(rows) != 0 {
			t.Errorf("exclude: %v, %v; want none", rows, err)
		}
	})
}

func TestExpressions_IterableLookupInnerExpressionsTests_test_range_lookup_allows_F_expressions_and_expressions_for_integers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadIterable(t, db)
		cases := []struct {
			rng  []any
			want string
		}{
			{[]any{orm.F("num_chairs"), 100}, "[5020 Ltd 5040 Ltd 5050 Ltd]"},
			{[]any{orm.F("num_chairs").Sub(10), orm.F("num_chairs").Add(10)}, "[5040 Ltd 5050 Ltd 5060 Ltd]"},
			{[]any{orm.F("num_chairs").Sub(10), 100}, "[5020 Ltd 5040 Ltd 5050 Ltd 5060 Ltd]"},
			{[]any{1, 100}, "[5020 Ltd 5040 Ltd 5050 Ltd 5060 Ltd 99300 Ltd]"},
		}
		for i, c := range cases {
			if got := exprNames(orm.Objects[ExprCompany](db).Filter(orm.Q{"num_employees__range": c.rng}), "name", true); got != c.want {
				t.Errorf("case %d: %s, want %s", i+1, got, c.want)
			}
		}
	})
}

func TestExpressions_IterableLookupInnerExpressionsTests_test_expressions_not_introduce_sql_injection_via_untrusted_string_inclusion(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		loadIterable(t, db)
		rows, err := orm.Objects[ExprCompany](db).Filter(orm.Q{"name__in": []any{orm.F("num_chairs").Add("1)) OR ((1==1")}}).All(context.Background())
		if len(rows) != 0 {
			t.Errorf("got %d rows (err %v), want none", len(rows), err)
		}
	})
}

func TestExpressions_IterableLookupInnerExpressionsTests_test_in_lookup_allows_F_expressions_and_expressions_for_datetimes(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		exprTables(t, db)
		ctx := context.Background()
		start := time.Date(2016, 2, 3, 15, 0, 0, 0, time.UTC)
		end := time.Date(2016, 2, 5, 15, 0, 0, 0, time.UTC)
		day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
		e1 := &ExprExperiment{Name: "Integrity testing", Assigned: day(start), Start: start, End: end, Completed: day(end), EstimatedTime: end.Sub(start)}
		e2 := &ExprExperiment{Name: "Taste testing", Assigned: day(start), Start: start, End: end, Completed: day(end), EstimatedTime: end.Sub(start)}
		exprMust(t, db.Create(ctx, e1))
		exprMust(t, db.Create(ctx, e2))
		r1 := &ExprResult{Experiment: orm.Ref(e1), ResultTime: time.Date(2016, 2, 4, 15, 0, 0, 0, time.UTC)}
		exprMust(t, db.Create(ctx, r1))
		exprMust(t, db.Create(ctx, &ExprResult{Experiment: orm.Ref(e1), ResultTime: time.Date(2016, 3, 10, 2, 0, 0, 0, time.UTC)}))
		exprMust(t, db.Create(ctx, &ExprResult{Experiment: orm.Ref(e2), ResultTime: time.Date(2016, 1, 8, 5, 0, 0, 0, time.UTC)}))
		rows, err := orm.Objects[ExprResult](db).Filter(orm.Q{"result_time__range": []any{orm.F("experiment__start"), orm.F("experiment__end")}}).
			ValuesList("pk").Flat().All(ctx)
		if got, want := fmt.Sprint(rows), fmt.Sprint([]any{r1.ID}); err != nil || got != want {
			t.Errorf("got %s, %v; want %s", got, err, want)
		}
	})
}

// Bitwise operators: MySQL's answer an unsigned number, converted back
// (CONVERT(..., SIGNED), as Django's MySQL backend does); SQLite and
// Oracle compute exclusive or from & and |.
func TestExpressions_ExpressionOperatorTests_test_lefthand_bitwise_and(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, n1 := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").BitAnd(56)}, 40, nil, 0)
		operatorCase(t, db, n1, orm.Set{"integer": orm.F("integer").BitAnd(-56)}, -64, nil, 0)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_bitwise_left_shift_operator(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, n1 := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").BitLeftShift(2)}, 168, nil, 0)
		operatorCase(t, db, n1, orm.Set{"integer": orm.F("integer").BitLeftShift(2)}, -168, nil, 0)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_bitwise_right_shift_operator(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, n1 := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").BitRightShift(2)}, 10, nil, 0)
		operatorCase(t, db, n1, orm.Set{"integer": orm.F("integer").BitRightShift(2)}, -11, nil, 0)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_bitwise_or(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, n1 := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").BitOr(48)}, 58, nil, 0)
		operatorCase(t, db, n1, orm.Set{"integer": orm.F("integer").BitOr(48)}, -10, nil, 0)
	})
}

func TestExpressions_ExpressionOperatorTests_test_lefthand_bitwise_xor(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		n, n1 := loadOperators(t, db)
		operatorCase(t, db, n, orm.Set{"integer": orm.F("integer").BitXor(48)}, 26, nil, 0)
		operatorCase(t, db, n1, orm.Set{"integer": orm.F("integer").BitXor(48)}, -26, nil, 0)
	})
}
