package orm

import (
	"context"
	"encoding/binary"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Compiled shapes: a QuerySet made only of Filter and Exclude calls with
// Q conditions is compiled once per shape (model, terminal, the calls and
// their keys, which values are nil, the Update's fields and expressions)
// and database; later statements of the same shape bind their values into
// the cached SQL instead of building and compiling a query tree. Values
// are converted and validated exactly as the full path does, so errors and
// arguments are the same; a shape whose arguments cannot be traced to its
// values is recorded as not reusable and always takes the full path.

// Terminals that use compiled shapes; they change the SQL, so they are part of the key.
const (
	termGet    byte = 'g'
	termAll    byte = 'a'
	termUpdate byte = 'u'
	termCount  byte = 'c'
)

// Limits of the shapes considered, so keys are built without allocating.
const (
	maxShapeOps    = 8
	maxShapeValues = 8
	maxShapeKeys   = 8
	maxShapes      = 512 // per model and database
)

// How a slot's value becomes its argument: as a filter value, as the
// value of an expression's Value(), or as a literal written by Update.
const (
	slotFilter byte = 'f'
	slotValue  byte = 'v'
	slotSet    byte = 's'
)

// slotInfo says where a value of the shape came from.
type slotInfo struct {
	key   string // the filter or Update key, for errors
	how   byte
	field *registry.Field // slotSet: the field written
}

// shapeEntry is one compiled shape.
type shapeEntry struct {
	reusable bool
	sql      string
	args     []any // the compiled arguments; slots are overwritten per statement
	slots    []dialects.ArgSlot
	info     []slotInfo // by slot - 1
	cols     []sqlq.OutCol
	groups   []sqlq.Group
	one      bool
}

// shapeTable holds one model's shapes on one database.
type shapeTable struct {
	mu sync.RWMutex
	m  map[string]*shapeEntry
}

// shapeCall is a statement that may run from a compiled shape.
type shapeCall struct {
	term  byte
	ops   *op
	conds []Condition // Get's conditions: one more Filter
	set   Set         // Update's values
}

// runShape runs the QuerySet (with conds added as one more Filter) for
// terminal term from a compiled shape. ok is false when the QuerySet has
// no reusable shape; the caller then takes the full path, which also
// reports any error the shape path could not attribute.
func (qs *QuerySet[E]) runShape(ctx context.Context, term byte, conds []Condition) (rows []E, ok bool, err error) {
	var vb [maxShapeValues]any
	db, e, args, ok, err := qs.shapeArgs(shapeCall{term: term, ops: qs.ops, conds: conds}, vb[:0])
	if !ok || err != nil {
		return nil, ok, err
	}
	c := sqlq.Compiled{SQL: e.sql, Args: args, Cols: e.cols, Groups: e.groups}
	rows, err = qs.runCompiled(ctx, db, &c, decodePlan{one: e.one}, nil)
	return rows, true, err
}

// updateShape runs an Update from a compiled shape (see runShape).
func (qs *QuerySet[E]) updateShape(ctx context.Context, set Set) (n int64, ok bool, err error) {
	var vb [maxShapeValues]any
	db, e, args, ok, err := qs.shapeArgs(shapeCall{term: termUpdate, ops: qs.ops, set: set}, vb[:0])
	if !ok || err != nil {
		return 0, ok, err
	}
	res, err := db.exec(ctx, e.sql, args)
	if err != nil {
		return 0, true, err
	}
	n, err = res.RowsAffected()
	return n, true, err
}

// countShape runs a Count from a compiled shape (see runShape).
func (qs *QuerySet[E]) countShape(ctx context.Context) (n int64, ok bool, err error) {
	var vb [maxShapeValues]any
	db, e, args, ok, err := qs.shapeArgs(shapeCall{term: termCount, ops: qs.ops}, vb[:0])
	if !ok || err != nil {
		return 0, ok, err
	}
	n, err = db.scalarInt(ctx, &sqlq.Compiled{SQL: e.sql, Args: args, Cols: e.cols})
	return n, true, err
}

// shapeArgs finds (or compiles) the shape of call and binds its values.
func (qs *QuerySet[E]) shapeArgs(call shapeCall, vals []any) (*DB, *shapeEntry, []any, bool, error) {
	if qs.raw != nil || qs.err != nil || qs.shape != shapeModels || qs.model == nil {
		return nil, nil, nil, false, nil
	}
	var kb [128]byte
	key, vals, ok := shapeKey(kb[:0], vals, call)
	if !ok {
		return nil, nil, nil, false, nil
	}
	db, err := qs.database()
	if err != nil {
		return nil, nil, nil, false, nil
	}
	e := db.shapeFor(qs.model, key, func() (*shapeEntry, bool) {
		return db.compileShape(qs.model, call, vals)
	})
	if e == nil || !e.reusable {
		return nil, nil, nil, false, nil
	}
	args, err := e.bind(db.dialect, qs.model, vals)
	if errors.Is(err, sqlq.ErrUnshaped) {
		return nil, nil, nil, false, nil
	}
	return db, e, args, true, err
}

// bind converts the values into the shape's arguments.
func (e *shapeEntry) bind(d dialects.Dialect, m *registry.Model, vals []any) ([]any, error) {
	args := make([]any, len(e.args))
	copy(args, e.args)
	for _, s := range e.slots {
		a, err := slotArg(d, m, e.info[s.Slot-1], s.Kind, vals[s.Slot-1])
		if err != nil {
			return nil, err
		}
		args[s.Arg] = a
	}
	return args, nil
}

// slotArg converts one value the way the full path converts it where the
// value was used.
func slotArg(d dialects.Dialect, m *registry.Model, info slotInfo, k registry.Kind, v any) (any, error) {
	switch info.how {
	case slotSet:
		cv, err := setValue(m, info.field, v)
		if err != nil {
			return nil, err
		}
		return d.Bind(nil, cv, k)
	case slotValue:
		a, err := sqlq.ValueArg(d, v, k)
		return a, publicError(err)
	}
	a, err := sqlq.SlotArg(d, v, k, info.key)
	return a, publicError(err)
}

// shapeKey appends the key of call's shape to key, and its non-nil values
// to vals in slot order. ok is false when a call or a value is not one
// compiled shapes handle.
func shapeKey(key []byte, vals []any, call shapeCall) (_ []byte, _ []any, ok bool) {
	var ob [maxShapeOps]*op
	chain := callsOf(call.ops, ob[:0])
	if len(chain) > maxShapeOps {
		return nil, nil, false
	}
	key = append(key, call.term)
	for _, o := range chain {
		if o.apply != nil {
			return nil, nil, false
		}
		if key, vals, ok = appendCallShape(key, vals, o.negate, o.conds); !ok {
			return nil, nil, false
		}
	}
	if len(call.conds) > 0 {
		if key, vals, ok = appendCallShape(key, vals, false, call.conds); !ok {
			return nil, nil, false
		}
	}
	if call.term == termUpdate {
		if key, vals, ok = appendSetShape(key, vals, call.set); !ok {
			return nil, nil, false
		}
	}
	return key, vals, true
}

// appendCallShape appends one Filter (or Exclude) call: its conditions,
// each a Q, by sorted key, with the class of each value.
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
		var eb [maxShapeKeys]entry
		entries := sortedEntries(q, eb[:0])
		key = binary.AppendUvarint(key, uint64(len(entries)))
		for _, e := range entries {
			key = appendName(key, e.k)
			var ok bool
			if key, vals, ok = appendFilterValue(key, vals, e.k, e.v); !ok {
				return nil, nil, false
			}
		}
	}
	return key, vals, true
}

// appendFilterValue appends the class of filter value v: 'n' for nil
// (IS NULL), 'v' for a plain value, 'r' for the two values of a range.
func appendFilterValue(key []byte, vals []any, name string, v any) ([]byte, []any, bool) {
	switch valueClass(v) {
	case 'n':
		return append(key, 'n'), vals, true
	case 'v':
		if len(vals) == maxShapeValues {
			return nil, nil, false
		}
		return append(key, 'v'), append(vals, v), true
	}
	if !strings.HasSuffix(name, "__range") {
		return nil, nil, false
	}
	lo, hi, ok := pairOf(v)
	if !ok || valueClass(lo) != 'v' || valueClass(hi) != 'v' || len(vals)+2 > maxShapeValues {
		return nil, nil, false
	}
	return append(key, 'r'), append(vals, lo, hi), true
}

// pairOf returns the items of a two-item list of the common types.
func pairOf(v any) (lo, hi any, ok bool) {
	switch x := v.(type) {
	case []any:
		if len(x) == 2 {
			return x[0], x[1], true
		}
	case []int64:
		if len(x) == 2 {
			return x[0], x[1], true
		}
	case []int:
		if len(x) == 2 {
			return x[0], x[1], true
		}
	case []string:
		if len(x) == 2 {
			return x[0], x[1], true
		}
	case []time.Time:
		if len(x) == 2 {
			return x[0], x[1], true
		}
	}
	return nil, nil, false
}

// appendSetShape appends an Update's fields, each with the class of its
// value or the structure of its expression.
func appendSetShape(key []byte, vals []any, set Set) ([]byte, []any, bool) {
	if len(set) > maxShapeKeys {
		return nil, nil, false
	}
	var eb [maxShapeKeys]entry
	entries := sortedEntries(set, eb[:0])
	key = append(key, 'S')
	key = binary.AppendUvarint(key, uint64(len(entries)))
	for _, e := range entries {
		key = appendName(key, e.k)
		v := e.v
		switch valueClass(v) {
		case 'n':
			key = append(key, 'n')
			continue
		case 'v':
			if len(vals) == maxShapeValues {
				return nil, nil, false
			}
			key, vals = append(key, 'v'), append(vals, v)
			continue
		}
		x, ok := v.(*Expr)
		if !ok {
			return nil, nil, false
		}
		sp, err := x.spec()
		if err != nil {
			return nil, nil, false
		}
		if key, vals, ok = appendSpecShape(key, vals, sp); !ok {
			return nil, nil, false
		}
	}
	return key, vals, true
}

// appendSpecShape appends the structure of an arithmetic expression over
// fields and plain values; other expressions are left to the full path.
func appendSpecShape(key []byte, vals []any, sp sqlq.Spec) ([]byte, []any, bool) {
	switch x := sp.(type) {
	case *sqlq.F:
		return appendName(append(key, 'F'), x.Path), vals, true
	case *sqlq.Value:
		if valueClass(x.V) != 'v' || len(vals) == maxShapeValues {
			return nil, nil, false
		}
		// The kind of a Value comes from its Go type unless set, and the
		// expression's type (and casts) from the kinds.
		return append(key, 'V', byte(x.Out), byte(sqlq.KindOf(x.V))), append(vals, x.V), true
	case *sqlq.ArithSpec:
		key = append(key, 'A', byte(x.Out))
		key = appendName(key, x.Op)
		var ok bool
		if key, vals, ok = appendSpecShape(key, vals, x.L); !ok {
			return nil, nil, false
		}
		return appendSpecShape(key, vals, x.R)
	}
	return nil, nil, false
}

// entry is a key of a Q or Set with its value.
type entry struct {
	k string
	v any
}

// sortedEntries appends m's entries to buf in key order, reading the map
// once (a Get by pk's Q has one entry: no sort, no second lookup).
func sortedEntries(m map[string]any, buf []entry) []entry {
	for k, v := range m {
		buf = append(buf, entry{k, v})
	}
	if len(buf) > 1 {
		slices.SortFunc(buf, func(a, b entry) int { return strings.Compare(a.k, b.k) })
	}
	return buf
}

func appendName(key []byte, name string) []byte {
	key = binary.AppendUvarint(key, uint64(len(name)))
	return append(key, name...)
}

// valueClass sorts a value: 'n' for nil (it changes the SQL: IS NULL),
// 'v' for a plain value bound as a parameter, 0 for anything else
// (expressions, lists, model instances, pointers, Valuers).
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

// compileShape builds and compiles call with slot-numbered values and
// checks that every argument drawn from a value is what the full path
// would bind. A build error is not remembered: it may belong to the
// values (a string for an integer), and the full path reports it.
func (db *DB) compileShape(m *registry.Model, call shapeCall, vals []any) (*shapeEntry, bool) {
	b := &build{q: sqlq.New(m, db.dialect), db: db}
	b.q.RecordSlots = true
	var info []slotInfo
	add := func(cs []Condition, negate bool) bool {
		c, err := conditionOf(cs)
		if err != nil {
			return false
		}
		if c == nil {
			return true
		}
		if !numberSlots(c, &info) {
			return false
		}
		return b.q.AddFilter(c, negate) == nil
	}
	for _, o := range callsOf(call.ops, nil) {
		if !add(o.conds, o.negate) {
			return nil, false
		}
	}
	if !add(call.conds, false) {
		return nil, false
	}
	var c *sqlq.Compiled
	var err error
	switch call.term {
	case termUpdate:
		assign, ok := slottedAssignments(b.q, m, call.set, &info)
		if !ok {
			return nil, false
		}
		c, err = sqlq.Update(b.q, assign)
	case termCount:
		c, err = sqlq.Count(b.q) // ErrEmpty (an empty IN list) is not shaped
	case termGet:
		b.prepareGet()
		fallthrough
	default:
		c, err = sqlq.Select(b.q)
	}
	if err != nil {
		return nil, false
	}
	e := &shapeEntry{sql: c.SQL, args: c.Args, slots: c.Slots, info: info, cols: c.Cols, groups: c.Groups, one: b.one}
	e.reusable = len(b.q.DeferredNames()) == 0 && e.traced(db.dialect, m, vals)
	return e, true
}

// slottedAssignments resolves an Update's values as assignments does, with
// slot numbers on the literal values and on the values inside expressions.
func slottedAssignments(q *sqlq.Query, m *registry.Model, set Set, info *[]slotInfo) ([]sqlq.Assignment, bool) {
	out := make([]sqlq.Assignment, 0, len(set))
	for _, name := range sortedKeys(set) {
		v := set[name]
		if x, isExpr := v.(*Expr); isExpr {
			sp, err := x.spec()
			if err != nil {
				return nil, false
			}
			v = &Expr{s: slotSpec(sp, name, info)}
		}
		a, err := assignment(q, m, name, v)
		if err != nil {
			return nil, false
		}
		if p, isParam := a.Value.(*sqlq.Param); isParam && valueClass(v) == 'v' {
			*info = append(*info, slotInfo{key: name, how: slotSet, field: a.Field})
			p.Slot = len(*info)
		}
		out = append(out, a)
	}
	return out, true
}

// slotSpec copies an arithmetic expression, numbering its Values; the
// caller's expression is shared and never changed.
func slotSpec(sp sqlq.Spec, key string, info *[]slotInfo) sqlq.Spec {
	switch x := sp.(type) {
	case *sqlq.Value:
		c := *x
		*info = append(*info, slotInfo{key: key, how: slotValue})
		c.Slot = len(*info)
		return &c
	case *sqlq.ArithSpec:
		c := *x
		c.L = slotSpec(x.L, key, info)
		c.R = slotSpec(x.R, key, info)
		return &c
	}
	return sp
}

// numberSlots gives each value of c's pairs its slot (a range's two values
// two slots), in the order shapeKey collected them.
func numberSlots(c sqlq.CondSpec, info *[]slotInfo) bool {
	t, ok := c.(*sqlq.Tree)
	if !ok {
		return false
	}
	for i := range t.Pairs {
		p := &t.Pairs[i]
		switch valueClass(p.Value) {
		case 'v':
			*info = append(*info, slotInfo{key: p.Key, how: slotFilter})
			p.Slot = len(*info)
		case 'n':
		default: // a range, as shapeKey accepted it
			*info = append(*info, slotInfo{key: p.Key, how: slotFilter}, slotInfo{key: p.Key, how: slotFilter})
			p.Slot = len(*info) - 1
		}
	}
	for _, ch := range t.Children {
		if !numberSlots(ch, info) {
			return false
		}
	}
	return true
}

// traced reports whether every value reached exactly the arguments the
// compiler marked with its slot, converted as the full path converts it.
func (e *shapeEntry) traced(d dialects.Dialect, m *registry.Model, vals []any) bool {
	if len(e.info) != len(vals) {
		return false
	}
	seen := make([]bool, len(vals))
	for _, s := range e.slots {
		if s.Slot < 1 || s.Slot > len(vals) || s.Arg >= len(e.args) {
			return false
		}
		a, err := slotArg(d, m, e.info[s.Slot-1], s.Kind, vals[s.Slot-1])
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
