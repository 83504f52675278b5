package orm

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// QuerySet is a lazy, chainable query over a model. Chain methods return a
// new QuerySet and never touch the database or their receiver; terminals
// (All, Get, Count, ...) take a context, run SQL, and the rows All fetches
// are cached in that QuerySet value (Django's result cache). A QuerySet is
// safe to share between goroutines.
//
// E is what rows evaluate to: *T for Objects[T], Row for Values, []any for
// ValuesList, any for Flat and time.Time for Dates.
type QuerySet[E any] struct {
	db    *DB
	model *registry.Model
	ops   *op
	shape shape
	using string
	mode  FetchModeKind
	raw   *rawQuery
	err   error
	cache *resultCache[E]
	// prefetch lookups to run after the rows are read.
	prefetch []*PrefetchSpec
	// alloc allocates n zeroed model values (nil: by reflection).
	alloc func(n int) objptr.Obj
}

// allocOf allocates n zeroed Ts without reflection; as a func value it
// costs nothing to store.
func allocOf[T any](n int) objptr.Obj {
	return objptr.Of(unsafe.Pointer(unsafe.SliceData(make([]T, n))))
}

type shape uint8

const (
	shapeModels shape = iota
	shapeValues
	shapeValuesList
	shapeFlat
	shapeDates
	shapeNamed
)

// op is one recorded chain call. The list is immutable and shared between
// QuerySets (newest first), so branching two QuerySets off one parent never
// lets them see each other's calls.
type op struct {
	prev  *op
	name  string
	apply func(b *build) error
	// A Filter or Exclude call is kept as data, not a closure.
	conds  []Condition
	negate bool
}

func (o *op) run(b *build) error {
	if o.apply != nil {
		return o.apply(b)
	}
	return applyFilter(b, o.name, o.negate, o.conds)
}

type resultCache[E any] struct {
	mu   sync.Mutex
	done bool
	rows []E
}

// qsAlloc holds a QuerySet, its cache and its newest op in one allocation:
// a chain call costs one allocation (plus its closure).
type qsAlloc[E any] struct {
	qs    QuerySet[E]
	cache resultCache[E]
	op    op
}

func newQS[E any](from *QuerySet[E]) *QuerySet[E] {
	a := &qsAlloc[E]{}
	if from != nil {
		a.qs = *from
	}
	a.qs.cache = &a.cache
	return &a.qs
}

// Objects returns the QuerySet of every T in db (Django's T.objects.all()),
// through T's default filtering when RegisterDefaultQuerySet gave one (a
// proxy without one uses its concrete model's).
func Objects[T any](db *DB) *QuerySet[*T] {
	qs := BaseObjects[T](db)
	if qs.model != nil {
		if fn, ok := qs.model.DefaultQuerySet.Load().(func(*QuerySet[*T]) *QuerySet[*T]); ok {
			return fn(qs)
		}
		if qs.model.ProxyOf != nil && qs.model.DefaultQuerySet.Load() == nil {
			// A proxy without a default of its own inherits its concrete
			// model's, as Django's proxy inherits the default manager.
			if fn, ok := untypedDefaults.Load(qs.model.ProxyOf); ok {
				u := fn.(func(*QuerySet[unsafe.Pointer]) *QuerySet[unsafe.Pointer])(reshape[*T, unsafe.Pointer](qs, shapeModels))
				return reshape[unsafe.Pointer, *T](u, shapeModels)
			}
		}
	}
	return qs
}

// BaseObjects returns the QuerySet of every row of T, without the default
// filtering of RegisterDefaultQuerySet (Django's _base_manager). djorm's own
// reads of related objects and deletes use it, as Django's do.
func BaseObjects[T any](db *DB) *QuerySet[*T] {
	m, err := metaOf(reflect.TypeOf((*T)(nil)).Elem())
	qs := newQS[*T](nil)
	qs.db, qs.model, qs.err = db, m, err
	if m != nil {
		// A generic function value costs an allocation each time it is
		// made, so the model keeps the one made first.
		if qs.alloc, _ = m.Allocator().(func(int) objptr.Obj); qs.alloc == nil {
			qs.alloc = allocOf[T]
			m.SetAllocator(qs.alloc)
		}
	}
	if db == nil && err == nil {
		qs.err = fmt.Errorf("%w: Objects needs a database", ErrInvalidQuery)
	}
	return qs
}

// clone returns a copy of qs with an empty cache.
func (qs *QuerySet[E]) clone() *QuerySet[E] { return newQS(qs) }

// with returns a clone with one more recorded call.
func (qs *QuerySet[E]) with(name string, apply func(b *build) error) *QuerySet[E] {
	a := &qsAlloc[E]{qs: *qs}
	a.qs.cache = &a.cache
	a.op = op{prev: qs.ops, name: name, apply: apply}
	a.qs.ops = &a.op
	return &a.qs
}

// reshape returns a QuerySet of another element type over the same calls.
func reshape[E, F any](qs *QuerySet[E], s shape) *QuerySet[F] {
	return &QuerySet[F]{db: qs.db, model: qs.model, ops: qs.ops, shape: s, using: qs.using, mode: qs.mode,
		raw: qs.raw, err: qs.err, cache: &resultCache[F]{}, prefetch: qs.prefetch, alloc: qs.alloc}
}

// build is the state of one replay of the recorded calls.
type build struct {
	q     *sqlq.Query
	db    *DB
	flat  bool
	none  bool
	lock  bool
	one   bool     // at most one row can match (see Query.UniqueRow)
	names []string // Values/ValuesList keys
}

func (b *build) mustNotBeSliced(what string) error {
	if b.q.IsSliced() {
		return fmt.Errorf("%w: cannot %s a query once a slice has been taken", ErrInvalidQuery, what)
	}
	return nil
}

func (b *build) mustNotBeCombined(what string) error {
	if b.q.Combinator != "" {
		return &NotSupportedError{Feature: "calling " + what + "() after " + lowerCombinator(b.q.Combinator) + "()"}
	}
	return nil
}

// combinator names the set operation qs is the result of (union,
// intersection, difference), or "".
func (qs *QuerySet[E]) combinator() string {
	for o := qs.ops; o != nil; o = o.prev {
		switch o.name {
		case "union", "intersection", "difference":
			return o.name
		}
	}
	return ""
}

func lowerCombinator(c string) string {
	switch c {
	case "UNION", "UNION ALL":
		return "union"
	case "INTERSECT":
		return "intersection"
	}
	return "difference"
}

// Filter keeps the rows matching every condition (Django's filter()).
// Conditions inside one Filter call share joins over multi-valued
// relations; a second Filter call joins again.
func (qs *QuerySet[E]) Filter(conds ...Condition) *QuerySet[E] {
	return qs.filter("filter", false, conds)
}

// Exclude removes the rows matching all of conds (Django's exclude()).
func (qs *QuerySet[E]) Exclude(conds ...Condition) *QuerySet[E] {
	return qs.filter("exclude", true, conds)
}

func (qs *QuerySet[E]) filter(name string, negate bool, conds []Condition) *QuerySet[E] {
	a := &qsAlloc[E]{qs: *qs}
	a.qs.cache = &a.cache
	a.op = op{prev: qs.ops, name: name, conds: conds, negate: negate}
	a.qs.ops = &a.op
	return &a.qs
}

func applyFilter(b *build, name string, negate bool, conds []Condition) error {
	if err := b.mustNotBeCombined(name); err != nil {
		return err
	}
	if err := b.mustNotBeSliced("filter"); err != nil {
		return err
	}
	c, err := conditionOf(conds)
	if err != nil || c == nil {
		return err
	}
	return b.q.AddFilter(c, negate)
}

// conditionOf ANDs conditions into one spec (nil when there are none).
func conditionOf(conds []Condition) (sqlq.CondSpec, error) {
	switch len(conds) {
	case 0:
		return nil, nil
	case 1:
		if conds[0] == nil {
			return nil, fmt.Errorf("%w: nil condition", ErrInvalidQuery)
		}
		return conds[0].cond()
	}
	t := &sqlq.Tree{}
	for _, c := range conds {
		if c == nil {
			return nil, fmt.Errorf("%w: nil condition", ErrInvalidQuery)
		}
		cs, err := c.cond()
		if err != nil {
			return nil, err
		}
		t.Children = append(t.Children, cs)
	}
	return t, nil
}

// Annotate adds computed values to each row: As(name, expr), or an
// unnamed aggregate (named like Django: Count("books") is "books__count").
// An aggregate groups rows, by the model (or by Values fields when Values
// came first).
func (qs *QuerySet[E]) Annotate(exprs ...Expression) *QuerySet[E] {
	return qs.annotate("annotate", exprs, true)
}

// Alias is Annotate without selecting the value: usable in Filter and
// OrderBy, not returned.
func (qs *QuerySet[E]) Alias(exprs ...Expression) *QuerySet[E] {
	return qs.annotate("alias", exprs, false)
}

func (qs *QuerySet[E]) annotate(name string, exprs []Expression, sel bool) *QuerySet[E] {
	return qs.with(name, func(b *build) error {
		if err := b.mustNotBeCombined(name); err != nil {
			return err
		}
		for _, e := range exprs {
			if x, ok := e.(*Expr); ok && x != nil && x.filtered != nil {
				if x.alias == "" {
					return fmt.Errorf("%w: a FilteredRelation needs a name: As(\"name\", FilteredRelation(...))", ErrInvalidQuery)
				}
				fr := *x.filtered
				fr.Alias = x.alias
				if err := b.q.AddFilteredRelation(&fr); err != nil {
					return err
				}
				continue
			}
			ns, err := named(e, name)
			if err != nil {
				return err
			}
			if err := b.q.AddAnnotation(ns, sel); err != nil {
				return err
			}
		}
		return nil
	})
}

// named returns the name and spec of an annotation argument.
func named(e Expression, what string) (sqlq.NamedSpec, error) {
	if e == nil {
		return sqlq.NamedSpec{}, fmt.Errorf("%w: nil expression passed to %s", ErrInvalidQuery, what)
	}
	s, err := e.spec()
	if err != nil {
		return sqlq.NamedSpec{}, err
	}
	x, _ := e.(*Expr)
	name := ""
	if x != nil {
		name = x.alias
		if name == "" {
			name = x.defaultAlias()
		}
	}
	if name == "" {
		return sqlq.NamedSpec{}, fmt.Errorf("%w: complex expressions passed to %s need a name: use orm.As(\"name\", expr)", ErrInvalidQuery, what)
	}
	return sqlq.NamedSpec{Name: name, E: s}, nil
}

// OrderBy sets the ordering: field paths ("price", "-price",
// "author__name"), "?" for random, annotation names, or expressions
// (F("x").Desc().NullsLast()). OrderBy() with no terms removes any
// ordering, Meta's included.
func (qs *QuerySet[E]) OrderBy(terms ...any) *QuerySet[E] {
	return qs.with("order_by", func(b *build) error {
		if err := b.mustNotBeSliced("reorder"); err != nil {
			return err
		}
		items := make([]sqlq.OrderItem, 0, len(terms))
		for _, t := range terms {
			switch x := t.(type) {
			case string:
				items = append(items, sqlq.OrderItem{Name: x})
			case *Expr:
				if x.err != nil {
					return x.err
				}
				o := x.order
				if o == nil {
					s, err := x.spec()
					if err != nil {
						return err
					}
					o = &sqlq.OrderSpec{E: s}
				}
				items = append(items, sqlq.OrderItem{E: o})
			default:
				return fmt.Errorf("%w: OrderBy takes field names and expressions, not %T", ErrInvalidQuery, t)
			}
		}
		if b.q.Combinator != "" {
			return b.q.SetOrdering(items)
		}
		return b.q.SetOrdering(items)
	})
}

// Reverse reverses the ordering (Django's reverse()).
func (qs *QuerySet[E]) Reverse() *QuerySet[E] {
	return qs.with("reverse", func(b *build) error {
		if err := b.mustNotBeSliced("reverse"); err != nil {
			return err
		}
		b.q.ReverseOrdering()
		return nil
	})
}

// Slice limits the rows to [lo, hi), like Python's qs[lo:hi]; hi < 0 means
// no upper bound. Slicing a sliced QuerySet narrows it.
func (qs *QuerySet[E]) Slice(lo, hi int) *QuerySet[E] {
	return qs.with("slice", func(b *build) error {
		if lo < 0 || (hi >= 0 && hi < lo) {
			return fmt.Errorf("%w: Slice(%d, %d): negative indexing is not supported and hi must not be below lo", ErrInvalidQuery, lo, hi)
		}
		b.q.SetSlice(int64(lo), int64(hi))
		return nil
	})
}

// Limit keeps at most n rows (Slice(0, n)).
func (qs *QuerySet[E]) Limit(n int) *QuerySet[E] { return qs.Slice(0, n) }

// Offset skips n rows (Slice(n, -1)).
func (qs *QuerySet[E]) Offset(n int) *QuerySet[E] { return qs.Slice(n, -1) }

// Distinct removes duplicate rows; with fields, DISTINCT ON those
// (PostgreSQL only; elsewhere a NotSupportedError).
func (qs *QuerySet[E]) Distinct(fields ...string) *QuerySet[E] {
	return qs.with("distinct", func(b *build) error {
		if err := b.mustNotBeCombined("distinct"); err != nil {
			return err
		}
		if err := b.mustNotBeSliced("create distinct fields"); err != nil {
			return err
		}
		return b.q.SetDistinct(fields)
	})
}

// Only loads just the named fields (and the primary key); the others are
// deferred: left at their zero values and listed by DeferredFields.
func (qs *QuerySet[E]) Only(fields ...string) *QuerySet[E] {
	return qs.with("only", func(b *build) error {
		if err := b.mustNotBeCombined("only"); err != nil {
			return err
		}
		return b.q.SetDeferred(fields, nil)
	})
}

// Defer leaves the named fields unloaded.
func (qs *QuerySet[E]) Defer(fields ...string) *QuerySet[E] {
	return qs.with("defer", func(b *build) error {
		if err := b.mustNotBeCombined("defer"); err != nil {
			return err
		}
		merged := append([]string(nil), fields...)
		for k := range b.q.Defer {
			merged = append(merged, k)
		}
		return b.q.SetDeferred(nil, merged)
	})
}

// ClearDeferred loads every field again (Django's defer(None)).
func (qs *QuerySet[E]) ClearDeferred() *QuerySet[E] {
	return qs.with("defer", func(b *build) error {
		b.q.Only, b.q.Defer = nil, nil
		return nil
	})
}

// SelectRelated loads the named single-valued relations (forward foreign
// keys and one-to-ones, at any depth: "author__publisher") in the same
// query. With no names it follows every non-null foreign key.
func (qs *QuerySet[E]) SelectRelated(paths ...string) *QuerySet[E] {
	return qs.with("select_related", func(b *build) error {
		if err := b.mustNotBeCombined("select_related"); err != nil {
			return err
		}
		if b.q.Values != nil {
			return fmt.Errorf("%w: cannot call SelectRelated() after Values() or ValuesList()", ErrInvalidQuery)
		}
		return b.q.AddSelectRelated(paths)
	})
}

// ClearSelectRelated removes every SelectRelated.
func (qs *QuerySet[E]) ClearSelectRelated() *QuerySet[E] {
	return qs.with("select_related", func(b *build) error {
		b.q.Related = nil
		return nil
	})
}

// Using evaluates the QuerySet on the database attached under alias.
func (qs *QuerySet[E]) Using(alias string) *QuerySet[E] {
	c := qs.clone()
	c.using = alias
	return c
}

// None returns an empty QuerySet that runs no query.
func (qs *QuerySet[E]) None() *QuerySet[E] {
	return qs.with("none", func(b *build) error {
		b.none = true
		b.q.Empty = true
		return nil
	})
}

// FetchMode sets what touching an unloaded relation of the returned
// instances does: FetchOne (default), FetchPeers or Raise.
func (qs *QuerySet[E]) FetchMode(mode FetchModeKind) *QuerySet[E] {
	c := qs.clone()
	c.mode = mode
	return c
}

// LockOption configures SelectForUpdate.
type LockOption func(*lockConfig)

type lockConfig struct {
	noWait, skipLocked, noKey bool
	of                        []string
}

// NoWait makes SelectForUpdate fail at once (ErrLockNotAvailable) if a
// row is locked.
func NoWait() LockOption { return func(c *lockConfig) { c.noWait = true } }

// SkipLocked makes SelectForUpdate skip locked rows.
func SkipLocked() LockOption { return func(c *lockConfig) { c.skipLocked = true } }

// NoKey takes a weaker lock that does not block foreign keys (PostgreSQL).
func NoKey() LockOption { return func(c *lockConfig) { c.noKey = true } }

// Of locks only the rows of the named tables: "self" and select_related paths.
func Of(fields ...string) LockOption { return func(c *lockConfig) { c.of = append(c.of, fields...) } }

// SelectForUpdate locks the selected rows until the transaction ends.
// Evaluating it outside a transaction is an error, as in Django.
func (qs *QuerySet[E]) SelectForUpdate(opts ...LockOption) *QuerySet[E] {
	var cfg lockConfig
	for _, o := range opts {
		o(&cfg)
	}
	return qs.with("select_for_update", func(b *build) error {
		if err := b.mustNotBeCombined("select_for_update"); err != nil {
			return err
		}
		lock, err := lockOf(b.q, cfg)
		if err != nil {
			return err
		}
		b.q.Lock = lock
		b.lock = true
		return nil
	})
}

// Values returns rows as Row maps of the named fields (related paths,
// annotations, As(name, expr)); with no fields, every field by attname
// ("author_id") and every annotation.
func (qs *QuerySet[E]) Values(fields ...any) *QuerySet[Row] {
	v := reshape[E, Row](qs, shapeValues)
	v.ops = &op{prev: qs.ops, name: "values", apply: func(b *build) error { return setValues(b, fields) }}
	return v
}

// ValuesList returns rows as []any in the order of fields.
func (qs *QuerySet[E]) ValuesList(fields ...any) *QuerySet[[]any] {
	v := reshape[E, []any](qs, shapeValuesList)
	v.ops = &op{prev: qs.ops, name: "values_list", apply: func(b *build) error { return setValues(b, fields) }}
	return v
}

// Flat returns the single column of a one-field ValuesList as plain values.
func (qs *QuerySet[E]) Flat() *QuerySet[any] {
	v := reshape[E, any](qs, shapeFlat)
	v.ops = &op{prev: qs.ops, name: "flat", apply: func(b *build) error {
		if b.q.Values == nil || len(b.q.Values) != 1 {
			return fmt.Errorf("%w: Flat needs a ValuesList of exactly one field", ErrInvalidQuery)
		}
		b.flat = true
		return nil
	}}
	return v
}

func setValues(b *build, fields []any) error {
	items := make([]sqlq.ValuesItem, 0, len(fields))
	for _, f := range fields {
		switch x := f.(type) {
		case string:
			items = append(items, sqlq.ValuesItem{Path: x})
		case Expression:
			ns, err := named(x, "Values")
			if err != nil {
				return err
			}
			items = append(items, sqlq.ValuesItem{E: &ns})
		default:
			return fmt.Errorf("%w: Values takes field paths and named expressions, not %T", ErrInvalidQuery, f)
		}
	}
	if b.q.Combinator != "" {
		for _, part := range b.q.Combined {
			if part.Values == nil {
				if err := part.SetValues(items); err != nil {
					return err
				}
			}
		}
		b.q.Values = b.q.Combined[0].Values
		return nil
	}
	return b.q.SetValues(items)
}

// subquery makes qs usable inside another query.
func (qs *QuerySet[E]) subquery(exists bool) *sqlq.SubquerySpec {
	return &sqlq.SubquerySpec{Exists: exists, Build: func(outer *sqlq.Query) (*sqlq.Query, error) {
		if qs.err != nil {
			return nil, qs.err
		}
		b := &build{q: sqlq.NewSub(qs.model, outer), db: qs.db}
		if err := qs.replay(b); err != nil {
			return nil, err
		}
		q := b.q // a set operation replaces the query with the combined one
		if q.Values == nil && !exists {
			q.Values = []sqlq.ValuesField{{Name: "pk", E: &sqlq.Col{Alias: q.BaseAlias(), Field: qs.model.PK}}}
		}
		return q, nil
	}}
}

// callsOf appends the calls recorded up to last to buf, oldest first.
func callsOf(last *op, buf []*op) []*op {
	for o := last; o != nil; o = o.prev {
		buf = append(buf, o)
	}
	slices.Reverse(buf)
	return buf
}

// replay applies the recorded calls, oldest first.
func (qs *QuerySet[E]) replay(b *build) error {
	var stack [16]*op
	for _, o := range callsOf(qs.ops, stack[:0]) {
		if err := o.run(b); err != nil {
			return err
		}
	}
	return nil
}

// newQuery replays the calls onto a fresh query for db.
func (qs *QuerySet[E]) newQuery(db *DB) (*build, error) {
	if qs.err != nil {
		return nil, qs.err
	}
	b := &build{q: db.sqlQuery(qs.model), db: db}
	if err := qs.replay(b); err != nil {
		return nil, publicError(err)
	}
	return b, nil
}

// prepare returns the database the QuerySet runs on and its query, built.
func (qs *QuerySet[E]) prepare() (*DB, *build, error) {
	db, err := qs.database()
	if err != nil {
		return nil, nil, err
	}
	b, err := qs.newQuery(db)
	return db, b, err
}

// database returns the database the QuerySet runs on.
func (qs *QuerySet[E]) database() (*DB, error) {
	if qs.err != nil {
		return nil, qs.err
	}
	return qs.db.using(qs.using)
}

// elemPointer converts a model pointer into E (= *T). Callers check
// modelElem once per query first.
func elemPointer[E any](p unsafe.Pointer) E { return *(*E)(unsafe.Pointer(&p)) }

// modelElem checks that E can hold a model pointer, as elemPointer and
// pointersOf assume: *T, or unsafe.Pointer in the untyped QuerySets that
// prefetching and deletion build. A QuerySet of any other element type
// reaching a model-row path is refused instead of having memory read as
// the wrong type.
func modelElem[E any]() error {
	switch reflect.TypeFor[E]().Kind() {
	case reflect.Pointer, reflect.UnsafePointer:
		return nil
	}
	return fmt.Errorf("%w: model rows cannot be read into %v", ErrInvalidQuery, reflect.TypeFor[E]())
}

func lockOf(q *sqlq.Query, cfg lockConfig) (*dialects.Lock, error) {
	if cfg.noWait && cfg.skipLocked {
		return nil, fmt.Errorf("%w: The nowait option cannot be used with skip_locked", ErrInvalidQuery)
	}
	q.LockOf = cfg.of
	return &dialects.Lock{NoWait: cfg.noWait, SkipLocked: cfg.skipLocked, NoKey: cfg.noKey}, nil
}

// Extra is Django's legacy extra(): raw select columns, where clauses (with
// ? placeholders filled from Params in order) and ordering.
type Extra struct {
	Select  map[string]SQLText
	Where   []SQLText
	Params  []any
	OrderBy []string
}

// Extra adds raw SQL to the query (Django's extra()); prefer expressions.
func (qs *QuerySet[E]) Extra(x Extra) *QuerySet[E] {
	return qs.with("extra", func(b *build) error {
		if err := b.mustNotBeCombined("extra"); err != nil {
			return err
		}
		var sel []sqlq.ExtraCol
		for _, name := range sortedKeys(x.Select) {
			sel = append(sel, sqlq.ExtraCol{Name: name, E: &sqlq.RawExpr{SQL: string(x.Select[name])}})
		}
		where := make([]string, len(x.Where))
		for i, w := range x.Where {
			where[i] = string(w)
		}
		params := make([]any, len(x.Params))
		for i, p := range x.Params {
			v, err := lookupValue(p)
			if err != nil {
				return err
			}
			params[i] = v
		}
		return b.q.AddExtra(sel, where, params, x.OrderBy)
	})
}

// Dates returns the distinct dates of a date or datetime field truncated
// to kind ("year", "month", "week" or "day"), in order "ASC" (the
// default) or "DESC" (Django's dates()). NULLs are left out.
func (qs *QuerySet[E]) Dates(field, kind string, order ...string) *QuerySet[time.Time] {
	return qs.truncatedValues("Dates", field, kind, registry.Date, []string{"year", "month", "week", "day"}, order)
}

// Datetimes returns the distinct values of a datetime field truncated to
// kind ("year", "month", "week", "day", "hour", "minute" or "second"), in
// order "ASC" (the default) or "DESC" (Django's datetimes()), in UTC.
func (qs *QuerySet[E]) Datetimes(field, kind string, order ...string) *QuerySet[time.Time] {
	return qs.truncatedValues("Datetimes", field, kind, registry.DateTime,
		[]string{"year", "month", "week", "day", "hour", "minute", "second"}, order)
}

func (qs *QuerySet[E]) truncatedValues(name, field, kind string, out registry.Kind, kinds, order []string) *QuerySet[time.Time] {
	fail := func(format string, args ...any) *QuerySet[time.Time] {
		v := reshape[E, time.Time](qs, shapeDates)
		v.err = fmt.Errorf("%w: %s: %s", ErrInvalidQuery, name, fmt.Sprintf(format, args...))
		return v
	}
	if !slices.Contains(kinds, kind) {
		return fail("kind must be one of %s (got %q)", strings.Join(kinds, ", "), kind)
	}
	by := "datefield"
	switch {
	case len(order) > 1:
		return fail("give one order, \"ASC\" or \"DESC\"")
	case len(order) == 1 && strings.EqualFold(order[0], "DESC"):
		by = "-datefield"
	case len(order) == 1 && !strings.EqualFold(order[0], "ASC"):
		return fail("order must be \"ASC\" or \"DESC\" (got %q)", order[0])
	}
	trunc := &Expr{s: &sqlq.TruncSpec{Kind: kind, Arg: &sqlq.F{Path: field}, Out: out}}
	res := qs.Filter(Q{field + "__isnull": false}).Annotate(As("datefield", trunc)).Distinct().OrderBy(by)
	v := reshape[E, time.Time](res, shapeDates)
	v.ops = &op{prev: res.ops, name: strings.ToLower(name), apply: func(b *build) error {
		return b.q.SetValues([]sqlq.ValuesItem{{Path: "datefield"}})
	}}
	return v
}
