package orm

import (
	"database/sql"
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// fieldDest scans one column into a field of the current object of its
// group. The destinations are built once per query; per row only the
// group's current object changes.
type fieldDest struct {
	obj *unsafe.Pointer
	f   *registry.Field
}

func (d *fieldDest) Scan(src any) error { return d.f.Set(objptr.Of(*d.obj), src) }

// valueDest scans one column into a canonical Go value.
type valueDest struct {
	conv func(any) (any, error)
	v    any
}

func (d *valueDest) Scan(src any) error {
	if src == nil {
		d.v = nil
		return nil
	}
	v, err := d.conv(src)
	d.v = v
	return err
}

// columnConverter returns the decoder of an output column: a model field's
// column reads as the field does (decimals rounded to its places).
func columnConverter(col sqlq.OutCol) func(any) (any, error) {
	if f := col.Field; f != nil && f.Kind == col.Kind && f.Kind == registry.Decimal && f.DecimalPlaces > 0 {
		return func(src any) (any, error) { return registry.ConvertField(f, src) }
	}
	return converter(col.Kind)
}

// converter returns the decoder of a column of kind k; an unknown kind
// keeps the driver's value (copying driver-owned bytes).
func converter(k registry.Kind) func(any) (any, error) {
	if k == registry.Invalid {
		return func(src any) (any, error) {
			if b, ok := src.([]byte); ok {
				return string(b), nil
			}
			return src, nil
		}
	}
	return func(src any) (any, error) { return registry.Convert(k, src) }
}

// group is one model a row fills (the main model or a select_related one).
type group struct {
	m      *registry.Model
	spec   sqlq.Group
	cur    unsafe.Pointer
	slab   unsafe.Pointer // start of the current slab (never advanced past its end)
	used   int            // values handed out of the slab
	size   int            // values in the slab
	make   func(n int) objptr.Obj
	keyCol int // index of the pk column, for NULL detection of outer joins
	// deferred: the fields of a related model Only/Defer left out
	// (attnames), nil when every field is selected.
	deferred []string
}

// alloc returns a zeroed model value, from slabs that double from one value
// up to 1024, so a Get allocates one value and a large read a few slabs
// rather than one value per row. A value kept from a large read keeps its
// slab (up to 1024 values) alive.
func (g *group) alloc() unsafe.Pointer {
	if g.used == g.size {
		if g.size < 1024 {
			g.size = max(1, g.size*2)
		}
		if g.make != nil {
			g.slab = g.make(g.size).Pointer()
		} else {
			g.slab = reflect.MakeSlice(reflect.SliceOf(g.m.Type), g.size, g.size).UnsafePointer()
		}
		g.used = 0
	}
	p := unsafe.Add(g.slab, uintptr(g.used)*g.m.Type.Size())
	g.used++
	return p
}

// modelScanner decodes rows of a model query into *T values. Its
// destinations for up to 16 columns and one group live inside it, so
// a typical query's scanner is one allocation.
type modelScanner struct {
	db       *DB
	groups   []group
	dests    []any
	ann      []annDest
	deferred []string
	mode     FetchModeKind
	peers    *peerGroup

	groupBuf [1]group
	destBuf  [16]any
	fieldBuf [16]fieldDest
}

type annDest struct {
	name string
	d    *valueDest
}

// newModelScanner builds the destinations of c's columns. alloc allocates
// n values of the main model without reflection (nil: use reflection).
func newModelScanner(db *DB, c *sqlq.Compiled, deferred []string, mode FetchModeKind, alloc func(int) objptr.Obj) *modelScanner {
	s := scanners.Get().(*modelScanner)
	s.db, s.deferred, s.mode = db, deferred, mode
	s.groups = s.groupBuf[:0]
	for _, gs := range c.Groups {
		s.groups = append(s.groups, group{m: gs.Model, spec: gs, keyCol: -1})
	}
	if len(s.groups) > 0 {
		s.groups[0].make = alloc
	}
	n := len(c.Cols)
	fieldDests := s.fieldBuf[:0]
	if n <= len(s.destBuf) {
		s.dests = s.destBuf[:n]
	} else {
		s.dests = make([]any, n)
		fieldDests = make([]fieldDest, 0, n)
	}
	for i, col := range c.Cols {
		switch {
		case col.Group >= 0:
			g := &s.groups[col.Group]
			fieldDests = append(fieldDests, fieldDest{obj: &g.cur, f: col.Field})
			s.dests[i] = &fieldDests[len(fieldDests)-1]
			if db != nil && db.loc != nil {
				s.dests[i] = db.zonedDest(&fieldDests[len(fieldDests)-1])
			}
			if col.Field == g.m.PK {
				g.keyCol = i
			}
		default:
			d := &valueDest{conv: columnConverter(col)}
			if db != nil {
				d.conv = zonedConv(d.conv, col.Kind, db.loc)
			}
			s.dests[i] = d
			if !col.Hidden {
				s.ann = append(s.ann, annDest{name: col.Name, d: d})
			}
		}
	}
	for gi := 1; gi < len(s.groups); gi++ {
		s.groups[gi].deferred = groupDeferred(c, gi, s.groups[gi].m)
	}
	return s
}

// groupDeferred lists the fields of the related model of group gi that the
// query does not select (Only("author__name") with SelectRelated("author")),
// so the loaded author knows them deferred, as the main object does: Save
// then leaves them alone instead of writing zero values.
func groupDeferred(c *sqlq.Compiled, gi int, m *registry.Model) []string {
	n := 0
	for _, col := range c.Cols {
		if col.Group == gi {
			n++
		}
	}
	if n >= len(m.Fields) {
		return nil
	}
	var out []string
	for _, f := range m.Fields {
		selected := false
		for _, col := range c.Cols {
			if col.Group == gi && col.Field == f {
				selected = true
				break
			}
		}
		if !selected {
			out = append(out, f.Attname)
		}
	}
	return out
}

// scanners recycles modelScanners: with their inline buffers they are
// the largest allocation of a one-row query.
var scanners = sync.Pool{New: func() any { return new(modelScanner) }}

// release zeroes s, dropping its references to objects, slabs and the
// database, and returns it to the pool. s must not be used afterwards.
func (s *modelScanner) release() {
	*s = modelScanner{}
	scanners.Put(s)
}

// scan reads the current row into a new main object and returns it.
func (s *modelScanner) scan(rows *sql.Rows) (unsafe.Pointer, error) {
	for i := range s.groups {
		s.groups[i].cur = s.groups[i].alloc()
	}
	if err := rows.Scan(s.dests...); err != nil {
		return nil, err
	}
	for i := range s.groups {
		g := &s.groups[i]
		st := stateOf(g.m, g.cur)
		st.st.db, st.st.saved, st.st.mode = s.db, true, s.mode
		if g.m.Parent != nil {
			setCache(st, loadedAsKey, g.m)
		}
		if i == 0 {
			st.st.deferred = s.deferred
		} else {
			st.st.deferred = g.deferred
		}
		for _, f := range g.m.Relations {
			setOwner(unsafe.Add(g.cur, f.Offset), st)
		}
		if i > 0 {
			s.attach(g)
		}
	}
	main := s.groups[0].cur
	if len(s.ann) > 0 {
		m := s.groups[0].m
		st := stateOf(m, main)
		st.st.ann = make(map[string]any, len(s.ann))
		for _, a := range s.ann {
			st.st.ann[a.name] = a.d.v
			if f := m.AnnotationFields[a.name]; f != nil {
				if err := f.Set(objptr.Of(main), a.d.v); err != nil {
					return nil, fmt.Errorf("orm: annotation %q into %s.%s: %w", a.name, m.TypeName, f.GoName, err)
				}
			}
		}
	}
	return main, nil
}

// attach links a select_related object to its parent: the parent's
// ForeignKey caches it, or (reverse one-to-one) the parent's cache holds it.
func (s *modelScanner) attach(g *group) {
	parent := &s.groups[g.spec.Parent]
	obj := g.cur
	if g.keyCol >= 0 {
		if d, ok := s.dests[g.keyCol].(*fieldDest); ok && isZeroKey(d.f.Get(objptr.Of(obj))) {
			obj = nil // an outer join found no row
		}
	}
	node := g.spec.Node
	if node.Field != nil {
		setCached(unsafe.Add(parent.cur, node.Field.Offset), obj)
		return
	}
	pst := stateOf(parent.m, parent.cur)
	if pst.st.cache == nil {
		pst.st.cache = map[string]any{}
	}
	pst.st.cache[reverseKey(node.Rel)] = obj
}

func reverseKey(rel *registry.Relation) string { return "rev:" + rel.RelatedName }

// rowScanner decodes Values / ValuesList / Flat / Dates rows; datetimes
// come out in loc (nil: UTC).
type rowScanner struct {
	names []string
	dests []any
	vals  []*valueDest
}

func newRowScanner(c *sqlq.Compiled, loc *time.Location) *rowScanner {
	s := &rowScanner{}
	for _, col := range c.Cols {
		if col.Hidden {
			s.dests = append(s.dests, new(any))
			continue
		}
		d := &valueDest{conv: zonedConv(columnConverter(col), col.Kind, loc)}
		s.names = append(s.names, col.Name)
		s.vals = append(s.vals, d)
		s.dests = append(s.dests, d)
	}
	return s
}

func (s *rowScanner) scanRow(rows *sql.Rows) (Row, error) {
	if err := rows.Scan(s.dests...); err != nil {
		return nil, err
	}
	r := make(Row, len(s.vals))
	for i, d := range s.vals {
		r[s.names[i]] = d.v
	}
	return r, nil
}

func (s *rowScanner) scanList(rows *sql.Rows) ([]any, error) {
	if err := rows.Scan(s.dests...); err != nil {
		return nil, err
	}
	out := make([]any, len(s.vals))
	for i, d := range s.vals {
		out[i] = d.v
	}
	return out, nil
}

func (s *rowScanner) scanOne(rows *sql.Rows) (any, error) {
	if err := rows.Scan(s.dests...); err != nil {
		return nil, err
	}
	return s.vals[0].v, nil
}
