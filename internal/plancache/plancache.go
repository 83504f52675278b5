// Package plancache keeps compiled statements by shape and binds new
// values into them.
//
// A shape is what a statement's SQL depends on besides the values it
// binds: the model, the terminal, the filter keys, which values are nil,
// the Update's fields and expressions. The caller names a shape with a key
// and lists its values in a fixed order. The first time a shape is seen,
// Derive compiles it through the caller's ordinary compile function with
// the real values, then once more per value with that value replaced by
// another of the same class. It keeps the statement only if every compile
// gave the same SQL, each value decided its own argument positions (and no
// others changed), and the caller's bind function gives exactly the
// compiled argument for both values at each position. Later statements of
// the shape take the SQL as it is and fill those positions with bind.
//
// Nothing here knows the query tree or the compiler: the proof that the
// cached path equals the compiler is made against the compiler itself, for
// every shape, on the database's own dialect.
package plancache

import (
	"errors"
	"reflect"
	"sync"
)

// Plan is one shape's statement: its SQL, the arguments compiled the
// first time, and the positions each value fills.
type Plan struct {
	SQL   string
	Args  []any
	Slots []Slot
	// Extra is whatever the caller keeps with the statement (its result
	// columns, how to decode them).
	Extra any
	// Reusable is false for a shape whose statement cannot be reused with
	// other values (a value that changes the SQL, or is not bound as it
	// is): the caller compiles it every time.
	Reusable bool
}

// Slot says that argument Arg is value Value, bound. A caller fills a copy
// of Args from its Slots with the same bind function Derive was given.
type Slot struct{ Arg, Value int }

// Compiled is what a caller's compile function returns.
type Compiled struct {
	SQL   string
	Args  []any
	Extra any
}

// ErrUnshaped is returned by a bind function for a value that the
// compiler treats differently from the values the plan was derived with
// (an integer outside its column's range is answered without a parameter).
// The caller then compiles the statement instead.
var ErrUnshaped = errors.New("plancache: the value takes another path through the compiler")

// Derive compiles vals and, for each value, vals with it replaced by
// alt(i, vals[i]), and returns the plan. bind(i, v) must return the
// argument value i binds as. A nil plan and an error mean the first
// compile failed (the caller reports the error from its own path); a plan
// that is not Reusable means the shape cannot be cached.
func Derive(vals []any, compile func(vals []any) (Compiled, error),
	alt func(i int, v any) (any, bool), bind func(i int, v any) (any, error)) (*Plan, error) {
	probe := append([]any(nil), vals...) // compile gets a copy: vals stays the caller's
	base, err := compile(probe)
	if err != nil {
		return nil, err
	}
	p := &Plan{SQL: base.SQL, Args: base.Args, Extra: base.Extra}
	owner := make([]int, len(base.Args)) // value deciding each argument, -1 none
	for i := range owner {
		owner[i] = -1
	}
	for i, v := range vals {
		other, ok := alt(i, v)
		if !ok {
			return p, nil
		}
		probe[i] = other
		c, err := compile(probe)
		probe[i] = v
		if err != nil || c.SQL != base.SQL || len(c.Args) != len(base.Args) {
			return p, nil
		}
		found := false
		for a := range base.Args {
			if reflect.DeepEqual(base.Args[a], c.Args[a]) {
				continue
			}
			if owner[a] != -1 || !bindsTo(bind, i, v, base.Args[a]) || !bindsTo(bind, i, other, c.Args[a]) {
				return p, nil
			}
			owner[a], found = i, true
			p.Slots = append(p.Slots, Slot{Arg: a, Value: i})
		}
		if !found {
			return p, nil // the value decides nothing here, but may elsewhere
		}
	}
	p.Reusable = true
	return p, nil
}

func bindsTo(bind func(int, any) (any, error), i int, v, want any) bool {
	got, err := bind(i, v)
	return err == nil && reflect.DeepEqual(got, want)
}

// Table holds the plans of one model on one database, up to a bound.
type Table struct {
	mu  sync.RWMutex
	m   map[string]*Plan
	max int
}

// NewTable returns a table keeping at most max plans.
func NewTable(max int) *Table { return &Table{m: map[string]*Plan{}, max: max} }

// Get returns the plan of key, or nil.
func (t *Table) Get(key []byte) *Plan {
	t.mu.RLock()
	p := t.m[string(key)] // no allocation: the conversion is only a lookup
	t.mu.RUnlock()
	return p
}

// Put keeps p for key unless the table is full.
func (t *Table) Put(key []byte, p *Plan) {
	t.mu.Lock()
	if len(t.m) < t.max {
		t.m[string(key)] = p
	}
	t.mu.Unlock()
}
