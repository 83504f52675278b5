package orm

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/plancache"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// Plans: a QuerySet made only of Filter and Exclude calls with Q
// conditions (plus Get's conditions and Update's values) is compiled once
// per shape (model, terminal, the calls and their keys, which values are
// nil, the Update's fields and expressions) and database; later statements
// of the same shape bind their values into the cached SQL instead of
// building and compiling a query tree. internal/plancache derives each
// plan from the ordinary compile path (compileCall) and keeps it only when
// that path, run with other values, proves it reusable.

// Terminals that use plans; they change the SQL, so they are part of the key.
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
	maxPlans       = 512 // per model and database
)

// How a value becomes its argument: as a filter value, as the value of an
// expression's Value(), or as a literal written by Update.
const (
	slotFilter byte = 'f'
	slotValue  byte = 'v'
	slotSet    byte = 's'
)

// slotInfo says where a value of the shape came from and how it binds.
type slotInfo struct {
	key   string // the filter or Update key, for errors
	how   byte
	kind  registry.Kind    // slotSet, slotValue: the kind it is bound as
	field *registry.Field  // slotSet: the field written
	site  *sqlq.LookupSite // slotFilter: where the value goes
}

// planCall is a statement that may run from a plan: the QuerySet's calls,
// then Get's conditions as one more Filter, or Update's values.
type planCall struct {
	term  byte
	ops   *op
	conds []Condition
	set   Set
}

// planExtra is what a plan keeps beside its SQL.
type planExtra struct {
	cols   []sqlq.OutCol
	groups []sqlq.Group
	one    bool
	slots  []slotInfo // by value
}

// statement returns the compiled statement of call: from its plan when
// the shape has a reusable one, else from compileCall. Both give the same
// statement (plancache.Derive proves it for each plan).
func (qs *QuerySet[E]) statement(db *DB, call planCall) (sqlq.Compiled, decodePlan, error) {
	if c, pl, ok := qs.fromPlan(db, call); ok {
		return c, pl, nil
	}
	c, pl, err := qs.compileCall(db, call)
	if c == nil {
		return sqlq.Compiled{}, pl, err
	}
	return *c, pl, err
}

// compileCall builds and compiles call: the one way a statement of these
// terminals is made, cached or not.
func (qs *QuerySet[E]) compileCall(db *DB, call planCall) (*sqlq.Compiled, decodePlan, error) {
	if qs.err != nil {
		return nil, decodePlan{}, qs.err
	}
	b := &build{q: db.sqlQuery(qs.model), db: db}
	var stack [16]*op
	for _, o := range callsOf(call.ops, stack[:0]) {
		if err := o.run(b); err != nil {
			return nil, decodePlan{}, publicError(err)
		}
	}
	if len(call.conds) > 0 {
		if err := applyFilter(b, "filter", false, call.conds); err != nil {
			return nil, decodePlan{}, publicError(err)
		}
	}
	var c *sqlq.Compiled
	var err error
	switch call.term {
	case termUpdate:
		if err := b.mustNotBeCombined("update"); err != nil {
			return nil, decodePlan{}, err
		}
		if b.q.IsSliced() {
			return nil, decodePlan{}, fmt.Errorf("%w: cannot update a query once a slice has been taken", ErrInvalidQuery)
		}
		assign, aerr := assignments(b.q, qs.model, call.set)
		if aerr != nil {
			return nil, decodePlan{}, aerr
		}
		c, err = sqlq.Update(b.q, assign)
	case termCount:
		c, err = sqlq.Count(b.q)
	case termGet:
		b.prepareGet()
		fallthrough
	default:
		c, err = sqlq.Select(b.q)
	}
	if err != nil && err != sqlq.ErrEmpty {
		err = publicError(err)
	}
	return c, b.decodePlan(), err // the plan even on error: a lock outside a transaction is reported first
}

// fromPlan binds call's values into its shape's plan, deriving the plan
// the first time. ok is false when the call has no reusable plan, or a
// value the plan cannot bind: the compiler answers those (errors included).
func (qs *QuerySet[E]) fromPlan(db *DB, call planCall) (_ sqlq.Compiled, _ decodePlan, ok bool) {
	if qs.raw != nil || qs.err != nil || qs.shape != shapeModels || qs.model == nil {
		return sqlq.Compiled{}, decodePlan{}, false
	}
	var kb [128]byte
	var vb [maxShapeValues]any
	key, vals, ok := shapeKey(kb[:0], vb[:0], call)
	if !ok {
		return sqlq.Compiled{}, decodePlan{}, false
	}
	t := db.planTable(qs.model)
	p := t.Get(key)
	if p == nil {
		if p = qs.derivePlan(db, call, vals); p == nil {
			return sqlq.Compiled{}, decodePlan{}, false
		}
		t.Put(key, p)
	}
	if !p.Reusable {
		return sqlq.Compiled{}, decodePlan{}, false
	}
	x := p.Extra.(*planExtra)
	args := make([]any, len(p.Args))
	copy(args, p.Args)
	for _, s := range p.Slots {
		a, err := bindSlot(db.dialect, qs.model, &x.slots[s.Value], vals[s.Value])
		if err != nil {
			// A value the plan cannot bind may still be one the compiler
			// accepts (5 for "name__iexact"), or refuses in its own
			// words: the compiler answers.
			return sqlq.Compiled{}, decodePlan{}, false
		}
		args[s.Arg] = a
	}
	return sqlq.Compiled{SQL: p.SQL, Args: args, Cols: x.cols, Groups: x.groups}, decodePlan{one: x.one}, true
}

// derivePlan derives the plan of call's shape, or returns nil when it
// should not be remembered: the values may take another path than
// others of their class (a value the compiler answers without a
// parameter, a value it refuses), and the full path reports the error.
func (qs *QuerySet[E]) derivePlan(db *DB, call planCall, vals []any) *plancache.Plan {
	slots, ok := slotsOf(db, qs.model, call)
	if !ok || len(slots) != len(vals) {
		return nil
	}
	for i := range slots {
		if s := slots[i].site; s != nil && !s.Plain() {
			return &plancache.Plan{} // a LIKE pattern, never the value itself: not reusable, whatever the values
		}
	}
	bind := func(i int, v any) (any, error) { return bindSlot(db.dialect, qs.model, &slots[i], v) }
	for i, v := range vals {
		if _, err := bind(i, v); err != nil {
			return nil // these values take another path; others may not
		}
	}
	compile := func(vals []any) (plancache.Compiled, error) {
		c, pl, err := qs.compileCall(db, withValues(call, vals))
		if err != nil {
			return plancache.Compiled{}, err
		}
		if len(pl.deferred) > 0 || pl.flat || pl.lock {
			return plancache.Compiled{}, errNotPlanned
		}
		return plancache.Compiled{SQL: c.SQL, Args: c.Args, Extra: &planExtra{cols: c.Cols, groups: c.Groups, one: pl.one, slots: slots}}, nil
	}
	p, err := plancache.Derive(vals, compile, alternative, bind)
	if err != nil {
		return nil
	}
	return p
}

var errNotPlanned = errors.New("orm: not a planned statement")

// bindSlot returns the argument a value of slot s becomes: as the
// compiler converts it where it was used.
func bindSlot(d dialects.Dialect, m *registry.Model, s *slotInfo, v any) (any, error) {
	switch s.how {
	case slotSet:
		cv, err := setValue(d, m, s.field, v)
		if err != nil {
			return nil, err
		}
		return d.Bind(cv, s.kind)
	case slotValue:
		a, err := sqlq.ValueArg(d, v, s.kind)
		return a, publicError(err)
	}
	a, err := s.site.Arg(d, v)
	if errors.Is(err, sqlq.ErrNoParam) {
		return nil, plancache.ErrUnshaped
	}
	return a, publicError(err)
}

// planTable returns m's plans on db.
func (db *DB) planTable(m *registry.Model) *plancache.Table {
	if v, ok := db.plans.Load(m); ok {
		return v.(*plancache.Table)
	}
	v, _ := db.plans.LoadOrStore(m, plancache.NewTable(maxPlans))
	return v.(*plancache.Table)
}

// alternative returns another value of v's class that binds differently:
// the probe plancache.Derive compiles to see which arguments v decides.
func alternative(_ int, v any) (any, bool) {
	switch x := sqlq.Canon(v).(type) {
	case int64:
		return x ^ 1, true
	case bool:
		return !x, true
	case float64:
		if x == 0 {
			return 1.0, true
		}
		return x / 2, true
	case string:
		r, size := utf8.DecodeRuneInString(x)
		if r == 'a' {
			return "b" + x[size:], true
		}
		return "a" + x[size:], true
	case []byte:
		if len(x) == 0 {
			return []byte{'a'}, true
		}
		b := append([]byte(nil), x...)
		b[0] ^= 1
		return b, true
	case time.Time:
		d := 25*time.Hour + time.Second // another day, time of day and second
		if x.Year() >= 9999 {
			d = -d
		}
		return x.Add(d), true
	case time.Duration:
		return x + time.Second, true
	case decimal.Decimal:
		unit := decimal.New(1, x.Exponent())
		if x.Sign() > 0 {
			return x.Sub(unit), true
		}
		return x.Add(unit), true
	}
	return nil, false
}

// shapeKey appends the key of call's shape to key, and its non-nil values
// to vals in slot order. ok is false when a call or a value is not one
// compiled shapes handle.
func shapeKey(key []byte, vals []any, call planCall) (_ []byte, _ []any, ok bool) {
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

// withValues returns call with its values (in shapeKey's order) replaced
// by vals: the same shape, other values.
func withValues(call planCall, vals []any) planCall {
	next := func() any {
		v := vals[0]
		vals = vals[1:]
		return v
	}
	var stack [maxShapeOps]*op
	var prev *op
	for _, o := range callsOf(call.ops, stack[:0]) {
		c := *o
		c.prev = prev
		c.conds = substituteConds(o.conds, next)
		prev = &c
	}
	out := call
	out.ops = prev
	out.conds = substituteConds(call.conds, next)
	if call.set != nil {
		out.set = Set{}
		for _, e := range sortedEntries(call.set, nil) {
			switch valueClass(e.v) {
			case 'n':
				out.set[e.k] = nil
			case 'v':
				out.set[e.k] = next()
			default:
				sp, _ := e.v.(*Expr).spec()
				out.set[e.k] = &Expr{s: substituteSpec(sp, next)}
			}
		}
	}
	return out
}

func substituteConds(conds []Condition, next func() any) []Condition {
	if conds == nil {
		return nil
	}
	out := make([]Condition, len(conds))
	for i, c := range conds {
		q := c.(Q)
		nq := make(Q, len(q))
		for _, e := range sortedEntries(q, nil) {
			switch valueClass(e.v) {
			case 'n':
				nq[e.k] = nil
			case 'v':
				nq[e.k] = next()
			default: // a range
				lo := next()
				nq[e.k] = []any{lo, next()}
			}
		}
		out[i] = nq
	}
	return out
}

func substituteSpec(sp sqlq.Spec, next func() any) sqlq.Spec {
	switch x := sp.(type) {
	case *sqlq.Value:
		c := *x
		c.V = next()
		return &c
	case *sqlq.ArithSpec:
		c := *x
		c.L = substituteSpec(x.L, next)
		c.R = substituteSpec(x.R, next)
		return &c
	}
	return sp
}

// slotsOf lists how each value of call binds, in shapeKey's order.
func slotsOf(db *DB, m *registry.Model, call planCall) ([]slotInfo, bool) {
	var out []slotInfo
	addConds := func(conds []Condition) bool {
		for _, c := range conds {
			for _, e := range sortedEntries(c.(Q), nil) {
				class := valueClass(e.v)
				if class == 'n' {
					continue
				}
				site, err := sqlq.ResolveLookup(m, db.dialect, e.k)
				if err != nil {
					return false
				}
				s := slotInfo{key: e.k, how: slotFilter, site: site}
				out = append(out, s)
				if class != 'v' {
					out = append(out, s) // a range's high bound
				}
			}
		}
		return true
	}
	var stack [maxShapeOps]*op
	for _, o := range callsOf(call.ops, stack[:0]) {
		if !addConds(o.conds) {
			return nil, false
		}
	}
	if !addConds(call.conds) {
		return nil, false
	}
	for _, e := range sortedEntries(call.set, nil) {
		switch valueClass(e.v) {
		case 'n':
		case 'v':
			f, err := setField(m, e.k)
			if err != nil {
				return nil, false
			}
			out = append(out, slotInfo{key: e.k, how: slotSet, kind: f.Kind, field: f})
		default:
			sp, _ := e.v.(*Expr).spec()
			out = valueSlots(sp, e.k, out)
		}
	}
	return out, true
}

// valueSlots appends the Values of an arithmetic expression, in order.
func valueSlots(sp sqlq.Spec, key string, out []slotInfo) []slotInfo {
	switch x := sp.(type) {
	case *sqlq.Value:
		k := x.Out
		if k == registry.Invalid {
			k = sqlq.KindOf(x.V)
		}
		return append(out, slotInfo{key: key, how: slotValue, kind: k})
	case *sqlq.ArithSpec:
		return valueSlots(x.R, key, valueSlots(x.L, key, out))
	}
	return out
}
