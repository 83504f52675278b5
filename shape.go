package orm

import (
	"context"
	"encoding/binary"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Compiled shapes: a QuerySet made only of Filter and Exclude calls with
// Q conditions is compiled once per shape (model, terminal, the calls and
// their keys, which values are nil) and database; later queries of the
// same shape bind their values into the cached SQL instead of building
// and compiling a query tree. Values are converted and validated exactly
// as the full path does (sqlq.SlotArg), so errors and arguments are the
// same; a shape whose arguments cannot be traced to its values is
// recorded as not reusable and always takes the full path.

// Terminals that use compiled shapes; they change the SQL, so they are part of the key.
const (
	termGet byte = 'g'
	termAll byte = 'a'
)

// Limits of the shapes considered, so keys are built without allocating.
const (
	maxShapeOps    = 8
	maxShapeValues = 8
	maxShapeKeys   = 8
	maxShapes      = 512 // per model and database
)

// shapeEntry is one compiled shape.
type shapeEntry struct {
	reusable bool
	sql      string
	args     []any // the compiled arguments; slots are overwritten per query
	slots    []dialects.ArgSlot
	keys     []string // the filter key of each value, for errors
	cols     []sqlq.OutCol
	groups   []sqlq.Group
	one      bool
}

// shapeTable holds one model's shapes on one database.
type shapeTable struct {
	mu sync.RWMutex
	m  map[string]*shapeEntry
}

// runShape runs the QuerySet (with conds added as one more Filter) for
// terminal term from a compiled shape. ok is false when the QuerySet has
// no reusable shape; the caller then takes the full path, which also
// reports any error the shape path could not attribute.
func (qs *QuerySet[E]) runShape(ctx context.Context, term byte, conds []Condition) (rows []E, ok bool, err error) {
	if qs.raw != nil || qs.err != nil || qs.shape != shapeModels || qs.model == nil {
		return nil, false, nil
	}
	var kb [128]byte
	var vb [maxShapeValues]any
	key, vals, ok := shapeKey(kb[:0], vb[:0], term, qs.ops, conds)
	if !ok {
		return nil, false, nil
	}
	db, err := qs.database()
	if err != nil {
		return nil, false, nil
	}
	e := db.shapeFor(qs.model, key, func() (*shapeEntry, bool) {
		return db.compileShape(qs.model, term, qs.ops, conds, vals)
	})
	if e == nil || !e.reusable {
		return nil, false, nil
	}
	args := make([]any, len(e.args))
	copy(args, e.args)
	for _, s := range e.slots {
		a, err := sqlq.SlotArg(db.dialect, vals[s.Slot-1], s.Kind, e.keys[s.Slot-1])
		if err != nil {
			return nil, true, publicError(err)
		}
		args[s.Arg] = a
	}
	c := sqlq.Compiled{SQL: e.sql, Args: args, Cols: e.cols, Groups: e.groups}
	rows, err = qs.runCompiled(ctx, db, &c, decodePlan{one: e.one}, nil)
	return rows, true, err
}

// shapeKey appends the key of the shape of term over ops and conds to key,
// and the non-nil filter values to vals in slot order. ok is false when a
// call or a value is not one compiled shapes handle.
func shapeKey(key []byte, vals []any, term byte, ops *op, conds []Condition) (_ []byte, _ []any, ok bool) {
	var ob [maxShapeOps]*op
	chain := ob[:0]
	for o := ops; o != nil; o = o.prev {
		if o.apply != nil || len(chain) == maxShapeOps {
			return nil, nil, false
		}
		chain = append(chain, o)
	}
	key = append(key, term)
	for i := len(chain) - 1; i >= 0; i-- {
		o := chain[i]
		if key, vals, ok = appendCallShape(key, vals, o.negate, o.conds); !ok {
			return nil, nil, false
		}
	}
	if len(conds) > 0 {
		if key, vals, ok = appendCallShape(key, vals, false, conds); !ok {
			return nil, nil, false
		}
	}
	return key, vals, true
}

// appendCallShape appends one Filter (or Exclude) call: its conditions,
// each a Q, by sorted key, with whether each value is nil.
func appendCallShape(key []byte, vals []any, negate bool, conds []Condition) ([]byte, []any, bool) {
	key = append(key, 'F')
	if negate {
		key[len(key)-1] = 'E'
	}
	key = binary.AppendUvarint(key, uint64(len(conds)))
	for _, c := range conds {
		q, isQ := c.(Q)
		if !isQ || len(q) > maxShapeKeys {
			return nil, nil, false
		}
		var sb [maxShapeKeys]string
		names := sb[:0]
		for k := range q {
			names = append(names, k)
		}
		slices.Sort(names)
		key = binary.AppendUvarint(key, uint64(len(names)))
		for _, k := range names {
			v := q[k]
			class := valueClass(v)
			if class == 0 {
				return nil, nil, false
			}
			if class == 'v' {
				if len(vals) == maxShapeValues {
					return nil, nil, false
				}
				vals = append(vals, v)
			}
			key = binary.AppendUvarint(key, uint64(len(k)))
			key = append(key, k...)
			key = append(key, class)
		}
	}
	return key, vals, true
}

// valueClass sorts a filter value: 'n' for nil (it changes the SQL: IS
// NULL), 'v' for a plain value bound as a parameter, 0 for anything else
// (expressions, lists, model instances, pointers, Valuers), which compiled
// shapes leave to the full path.
func valueClass(v any) byte {
	switch v.(type) {
	case nil:
		return 'n'
	case string, int, int64, int32, int16, int8, uint8, uint16, uint32, bool, float64, float32,
		time.Time, time.Duration, decimal.Decimal, []byte:
		return 'v'
	}
	return 0
}

// shapeFor returns m's compiled shape for key, compiling it with compile
// the first time (store false: do not remember the outcome).
func (db *DB) shapeFor(m *registry.Model, key []byte, compile func() (*shapeEntry, bool)) *shapeEntry {
	v, ok := db.shapes.Load(m)
	if !ok {
		v, _ = db.shapes.LoadOrStore(m, &shapeTable{m: map[string]*shapeEntry{}})
	}
	t := v.(*shapeTable)
	t.mu.RLock()
	e := t.m[string(key)]
	t.mu.RUnlock()
	if e != nil {
		return e
	}
	e, store := compile()
	if store {
		t.mu.Lock()
		if len(t.m) < maxShapes {
			t.m[string(key)] = e
		}
		t.mu.Unlock()
	}
	return e
}

// compileShape builds and compiles the shape with slot-numbered values and
// checks that every argument drawn from a value is what the full path
// would bind. A build error is not remembered: it may belong to the
// values (a string for an integer), and the full path reports it.
func (db *DB) compileShape(m *registry.Model, term byte, ops *op, conds []Condition, vals []any) (*shapeEntry, bool) {
	b := &build{q: sqlq.New(m, db.dialect), db: db}
	b.q.RecordSlots = true
	var keys []string
	add := func(cs []Condition, negate bool) bool {
		c, err := conditionOf(cs)
		if err != nil {
			return false
		}
		if c == nil {
			return true
		}
		if !numberSlots(c, &keys) {
			return false
		}
		return b.q.AddFilter(c, negate) == nil
	}
	var chain []*op
	for o := ops; o != nil; o = o.prev {
		chain = append(chain, o)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if !add(chain[i].conds, chain[i].negate) {
			return nil, false
		}
	}
	if !add(conds, false) {
		return nil, false
	}
	if term == termGet {
		b.prepareGet()
	}
	c, err := sqlq.Select(b.q)
	if err != nil {
		return nil, false
	}
	e := &shapeEntry{sql: c.SQL, args: c.Args, slots: c.Slots, keys: keys, cols: c.Cols, groups: c.Groups, one: b.one}
	e.reusable = len(b.q.DeferredNames()) == 0 && e.traced(db.dialect, vals)
	return e, true
}

// numberSlots gives each non-nil value of c's pairs its slot, in the order
// shapeKey collected them, and records its key.
func numberSlots(c sqlq.CondSpec, keys *[]string) bool {
	t, ok := c.(*sqlq.Tree)
	if !ok {
		return false
	}
	for i := range t.Pairs {
		if valueClass(t.Pairs[i].Value) == 'v' {
			*keys = append(*keys, t.Pairs[i].Key)
			t.Pairs[i].Slot = len(*keys)
		}
	}
	for _, ch := range t.Children {
		if !numberSlots(ch, keys) {
			return false
		}
	}
	return true
}

// traced reports whether every value reached exactly the arguments the
// compiler marked with its slot, converted as the full path converts it.
func (e *shapeEntry) traced(d dialects.Dialect, vals []any) bool {
	if len(e.keys) != len(vals) {
		return false
	}
	seen := make([]bool, len(vals))
	for _, s := range e.slots {
		if s.Slot < 1 || s.Slot > len(vals) || s.Arg >= len(e.args) {
			return false
		}
		a, err := sqlq.SlotArg(d, vals[s.Slot-1], s.Kind, e.keys[s.Slot-1])
		if err != nil || !reflect.DeepEqual(a, e.args[s.Arg]) {
			return false
		}
		seen[s.Slot-1] = true
	}
	for _, ok := range seen {
		if !ok {
			return false
		}
	}
	return true
}
