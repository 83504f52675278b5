package plancache

import (
	"errors"
	"fmt"
	"testing"
)

// toy compiles "a = ? AND b = ?" binding a as itself and b doubled; a
// negative a makes the SQL change (as an out-of-range value does).
func toy(vals []any) (Compiled, error) {
	a, b := vals[0].(int), vals[1].(int)
	if a < 0 {
		return Compiled{SQL: "FALSE"}, nil
	}
	return Compiled{SQL: "a = ? AND k = ? AND b = ?", Args: []any{a, "const", 2 * b}}, nil
}

func alt(_ int, v any) (any, bool) { return v.(int) + 1, true }

func bindToy(i int, v any) (any, error) {
	if i == 0 {
		return v, nil
	}
	return 2 * v.(int), nil
}

func TestDeriveFindsEachValuesArguments(t *testing.T) {
	p, err := Derive([]any{3, 4}, toy, alt, bindToy)
	if err != nil || !p.Reusable {
		t.Fatalf("plan %+v, %v", p, err)
	}
	want := []Slot{{Arg: 0, Value: 0}, {Arg: 2, Value: 1}}
	if fmt.Sprint(p.Slots) != fmt.Sprint(want) {
		t.Errorf("slots %v, want %v", p.Slots, want)
	}
}

func TestDeriveRefusesWhatItCannotProve(t *testing.T) {
	cases := map[string]func() (*Plan, error){
		"a value that changes the SQL": func() (*Plan, error) {
			return Derive([]any{-1, 4}, toy, func(_ int, v any) (any, bool) { return v.(int) + 5, true }, bindToy)
		},
		"a value that decides nothing": func() (*Plan, error) { return Derive([]any{-5, 4}, toy, alt, bindToy) },
		"a bind that disagrees with the compiler": func() (*Plan, error) {
			return Derive([]any{3, 4}, toy, alt, func(_ int, v any) (any, error) { return v, nil })
		},
		"a value without an alternative": func() (*Plan, error) {
			return Derive([]any{3, 4}, toy, func(int, any) (any, bool) { return nil, false }, bindToy)
		},
	}
	for name, derive := range cases {
		if p, err := derive(); err != nil || p.Reusable {
			t.Errorf("%s: plan %+v, %v; want a plan that is not reusable", name, p, err)
		}
	}
	boom := errors.New("boom")
	if p, err := Derive([]any{1}, func([]any) (Compiled, error) { return Compiled{}, boom }, alt, bindToy); p != nil || err != boom {
		t.Errorf("a failing compile: %v %v", p, err)
	}
}

func TestDeriveDoesNotChangeTheCallersValues(t *testing.T) {
	vals := []any{3, 4}
	_, _ = Derive(vals, toy, alt, bindToy)
	if vals[0] != 3 || vals[1] != 4 {
		t.Errorf("vals changed: %v", vals)
	}
}

func TestTableIsBounded(t *testing.T) {
	tb := NewTable(2)
	for i := range 3 {
		tb.Put([]byte{byte(i)}, &Plan{SQL: fmt.Sprint(i)})
	}
	if tb.Get([]byte{0}) == nil || tb.Get([]byte{1}) == nil || tb.Get([]byte{2}) != nil {
		t.Error("the table must keep the first two plans only")
	}
}
