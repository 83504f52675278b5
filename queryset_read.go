package orm

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"sort"
	"unsafe"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// maxGetResults bounds the rows Get reads to report "more than one", as Django does.
const maxGetResults = 21

// All evaluates the QuerySet and returns its rows. The rows are cached in
// qs: evaluating it again (All, Len, Count, Exists, First, ...) runs no query.
func (qs *QuerySet[E]) All(ctx context.Context) ([]E, error) {
	c := qs.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		return c.rows, nil
	}
	rows, err := qs.fetch(ctx, nil)
	if err != nil {
		return nil, err
	}
	c.rows, c.done = rows, true
	return rows, nil
}

// Len evaluates the QuerySet (once) and returns its number of rows, like
// Python's len(qs). Use Count for a SELECT COUNT(*) instead.
func (qs *QuerySet[E]) Len(ctx context.Context) (int, error) {
	rows, err := qs.All(ctx)
	return len(rows), err
}

func (qs *QuerySet[E]) cached() ([]E, bool) {
	qs.cache.mu.Lock()
	defer qs.cache.mu.Unlock()
	return qs.cache.rows, qs.cache.done
}

// Iter streams the rows without filling the cache (Django's iterator()).
// Breaking out of the loop closes the rows. With PrefetchRelated, rows come
// in chunks (ChunkSize, 2,000 by default) whose relations are prefetched
// together, as Django 4.1's iterator(chunk_size); see iterChunks.
func (qs *QuerySet[E]) Iter(ctx context.Context, opts ...IterOption) iter.Seq2[E, error] {
	cfg := iterConfig{chunk: defaultChunk}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.chunk <= 0 {
		return func(yield func(E, error) bool) {
			var zero E
			yield(zero, fmt.Errorf("%w: ChunkSize must be positive, not %d", ErrInvalidQuery, cfg.chunk))
		}
	}
	if len(qs.prefetch) > 0 && qs.shape == shapeModels {
		return qs.iterChunks(ctx, cfg.chunk)
	}
	return func(yield func(E, error) bool) {
		stop := errors.New("stop")
		_, err := qs.fetch(ctx, func(e E) error {
			if !yield(e, nil) {
				return stop
			}
			return nil
		})
		if err != nil && err != stop {
			var zero E
			yield(zero, err)
		}
	}
}

// fetch runs the SELECT and decodes its rows; with each set, rows are
// handed to it instead of collected.
func (qs *QuerySet[E]) fetch(ctx context.Context, each func(E) error) ([]E, error) {
	db, err := qs.database()
	if err != nil {
		return nil, err
	}
	if qs.raw != nil {
		return qs.fetchRawPrefetched(ctx, db, each)
	}
	c, pl, err := qs.statement(db, planCall{term: termAll, ops: qs.ops})
	return qs.runSelect(ctx, db, &c, pl, err, each)
}

// runSelect runs a compiled SELECT (err is its compile error).
func (qs *QuerySet[E]) runSelect(ctx context.Context, db *DB, c *sqlq.Compiled, pl decodePlan, err error, each func(E) error) ([]E, error) {
	if pl.lock && txFrom(ctx, db) == nil {
		return nil, fmt.Errorf("%w: SelectForUpdate cannot be used outside of a transaction; run it inside orm.Atomic",
			ErrTransactionManagement)
	}
	if err == sqlq.ErrEmpty {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return qs.runCompiled(ctx, db, c, pl, each)
}

func (b *build) decodePlan() decodePlan {
	return decodePlan{deferred: b.q.DeferredNames(), flat: b.flat, one: b.one, lock: b.lock}
}

// decodePlan is what running a SELECT needs to know of the query besides
// its columns.
type decodePlan struct {
	deferred []string
	flat     bool
	// one: the query matches at most one row, so reading stops after it.
	one bool
	// lock: SELECT ... FOR UPDATE, which needs a transaction.
	lock bool
}

// runCompiled runs a compiled SELECT, decodes its rows and runs the
// QuerySet's prefetches on them.
func (qs *QuerySet[E]) runCompiled(ctx context.Context, db *DB, c *sqlq.Compiled, p decodePlan, each func(E) error) ([]E, error) {
	if len(qs.prefetch) > 0 && qs.shape == shapeModels && each == nil {
		if err := checkPrefetch(qs.model, qs.prefetch); err != nil {
			return nil, err
		}
	}
	out, err := decodeRows(ctx, db, qs, p, c, each)
	if err != nil {
		return nil, err
	}
	if len(qs.prefetch) > 0 && qs.shape == shapeModels && each == nil {
		if err := prefetchInto(ctx, db, qs.model, pointersOf(out), qs.prefetch); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// pointersOf views model rows (E passed modelElem) as pointers.
func pointersOf[E any](rows []E) []unsafe.Pointer {
	out := make([]unsafe.Pointer, len(rows))
	for i := range rows {
		out[i] = *(*unsafe.Pointer)(unsafe.Pointer(&rows[i]))
	}
	return out
}

// rowSink collects decoded rows, or hands them to each.
type rowSink[E any] struct {
	out  []E
	n    int64
	each func(E) error
}

func (s *rowSink[E]) add(e E) error {
	s.n++
	if s.each != nil {
		return s.each(e)
	}
	s.out = append(s.out, e)
	return nil
}

func decodeRows[E any](ctx context.Context, db *DB, qs *QuerySet[E], pl decodePlan, c *sqlq.Compiled, each func(E) error) (out []E, err error) {
	rows, done, err := db.query(ctx, c.SQL, c.Args)
	if err != nil {
		return nil, err
	}
	sink := rowSink[E]{each: each}
	defer func() {
		err = done.close(rows, sink.n, err)
		out = sink.out
		if err != nil {
			out = nil
		}
	}()

	switch qs.shape {
	case shapeModels:
		if err := modelElem[E](); err != nil {
			return nil, err
		}
		s := newModelScanner(db, c, pl.deferred, qs.mode, qs.alloc)
		defer s.release()
		if qs.mode == FetchPeers {
			s.peers = &peerGroup{}
		}
		for rows.Next() {
			obj, err := s.scan(rows)
			if err != nil {
				return nil, err
			}
			if s.peers != nil {
				s.peers.add(s.groups[0].m, obj)
			}
			if err := sink.add(elemPointer[E](obj)); err != nil {
				return nil, err
			}
			if pl.one {
				break
			}
		}
	default:
		s := newRowScanner(c, db.loc)
		for rows.Next() {
			var e E
			switch {
			case qs.shape == shapeValues:
				r, err := s.scanRow(rows)
				if err != nil {
					return nil, err
				}
				e = any(r).(E)
			case qs.shape == shapeValuesList && !pl.flat:
				r, err := s.scanList(rows)
				if err != nil {
					return nil, err
				}
				e = any(r).(E)
			case qs.shape == shapeNamed:
				r, err := s.scanList(rows)
				if err != nil {
					return nil, err
				}
				e = any(NamedRow{names: s.names, Values: r}).(E)
			default:
				v, err := s.scanOne(rows)
				if err != nil {
					return nil, err
				}
				e, _ = v.(E) // nil stays the zero value (a NULL in Flat)
			}
			if err := sink.add(e); err != nil {
				return nil, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns the one row matching conds (and the QuerySet's filters):
// ErrDoesNotExist when none, ErrMultipleObjectsReturned when several.
func (qs *QuerySet[E]) Get(ctx context.Context, conds ...Condition) (E, error) {
	var zero E
	db, err := qs.database()
	if err != nil {
		return zero, err
	}
	if qs.raw != nil {
		src := qs
		if len(conds) > 0 {
			src = qs.Filter(conds...)
		}
		rows, err := src.fetchRaw(ctx, db, nil)
		if err != nil {
			return zero, err
		}
		return qs.one(rows)
	}
	c, pl, err := qs.statement(db, planCall{term: termGet, ops: qs.ops, conds: conds})
	rows, err := qs.runSelect(ctx, db, &c, pl, err, nil)
	if err != nil {
		return zero, err
	}
	return qs.one(rows)
}

// prepareGet turns the query into Get's: no ordering to pay for (unless
// a slice depends on it, as in Django), at most maxGetResults rows read.
func (b *build) prepareGet() {
	q := b.q
	if q.Combinator == "" && len(q.DistinctFields) == 0 && !q.IsSliced() {
		q.ClearOrdering()
	}
	if !q.IsSliced() && (q.Lock == nil || b.db.dialect.Features().LockWithLimit) {
		q.SetSlice(0, maxGetResults)
	}
	b.one = q.UniqueRow()
}

func (qs *QuerySet[E]) one(rows []E) (E, error) {
	var zero E
	name := qs.modelName()
	switch n := len(rows); {
	case n == 1:
		return rows[0], nil
	case n == 0:
		return zero, fmt.Errorf("%w: %s matching query does not exist", ErrDoesNotExist, name)
	case n >= maxGetResults:
		return zero, fmt.Errorf("%w: get() returned more than one %s -- it returned more than %d!", ErrMultipleObjectsReturned, name, maxGetResults-1)
	default:
		return zero, fmt.Errorf("%w: get() returned more than one %s -- it returned %d!", ErrMultipleObjectsReturned, name, n)
	}
}

func (qs *QuerySet[E]) modelName() string {
	if qs.model == nil {
		return "object"
	}
	return qs.model.TypeName
}

// First returns the first row, ordered by the primary key when the
// QuerySet is unordered; the zero value (nil) when there is none.
func (qs *QuerySet[E]) First(ctx context.Context) (E, error) { return qs.firstOrLast(ctx, false) }

// Last returns the last row (the first of the reversed ordering, or of
// -pk when unordered); the zero value when there is none.
func (qs *QuerySet[E]) Last(ctx context.Context) (E, error) { return qs.firstOrLast(ctx, true) }

func (qs *QuerySet[E]) firstOrLast(ctx context.Context, last bool) (E, error) {
	var zero E
	if rows, ok := qs.cached(); ok {
		if len(rows) == 0 {
			return zero, nil
		}
		if last {
			return rows[len(rows)-1], nil
		}
		return rows[0], nil
	}
	_, b, err := qs.prepare()
	if err != nil {
		return zero, err
	}
	q := b.q
	if !q.Ordered() {
		if q.GroupBy != nil {
			return zero, fmt.Errorf("%w: cannot use First() or Last() on an unordered queryset performing aggregation; add an ordering with OrderBy()", ErrInvalidQuery)
		}
		term := "pk"
		if last {
			term = "-pk"
		}
		if err := q.SetOrdering([]sqlq.OrderItem{{Name: term}}); err != nil {
			return zero, publicError(err)
		}
	} else if last {
		if q.IsSliced() {
			return zero, fmt.Errorf("%w: cannot reverse a query once a slice has been taken", ErrInvalidQuery)
		}
		q.ReverseOrdering()
	}
	q.SetSlice(0, 1)
	c, err := sqlq.Select(q)
	if err != nil && err != sqlq.ErrEmpty {
		err = publicError(err)
	}
	rows, err := qs.runSelect(ctx, b.db, c, b.decodePlan(), err, nil)
	if err != nil || len(rows) == 0 {
		return zero, err
	}
	return rows[0], nil
}

// Earliest returns the row with the smallest value of fields (or
// Meta.GetLatestBy); the zero value when there is none.
func (qs *QuerySet[E]) Earliest(ctx context.Context, fields ...string) (E, error) {
	return qs.latest(ctx, fields, false)
}

// Latest returns the row with the largest value of fields (or
// Meta.GetLatestBy); the zero value when there is none.
func (qs *QuerySet[E]) Latest(ctx context.Context, fields ...string) (E, error) {
	return qs.latest(ctx, fields, true)
}

func (qs *QuerySet[E]) latest(ctx context.Context, fields []string, desc bool) (E, error) {
	var zero E
	if len(fields) == 0 && qs.model != nil {
		fields = qs.model.Meta.GetLatestBy
	}
	if len(fields) == 0 {
		return zero, fmt.Errorf("%w: Earliest() and Latest() need field names or Meta.GetLatestBy", ErrInvalidQuery)
	}
	terms := make([]any, len(fields))
	for i, f := range fields {
		if f == "" {
			return zero, fmt.Errorf("%w: Earliest() and Latest() got an empty field name", ErrInvalidQuery)
		}
		terms[i] = f
	}
	// Django's latest() is earliest() of the reversed ordering.
	return qs.OrderBy(terms...).firstOrLast(ctx, desc)
}

// Count returns the number of rows (SELECT COUNT(*)), or the length of the
// cached rows when the QuerySet was evaluated.
func (qs *QuerySet[E]) Count(ctx context.Context) (int64, error) {
	if rows, ok := qs.cached(); ok {
		return int64(len(rows)), nil
	}
	db, err := qs.database()
	if err != nil {
		return 0, err
	}
	c, _, err := qs.statement(db, planCall{term: termCount, ops: qs.ops})
	if err == sqlq.ErrEmpty {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return db.scalarInt(ctx, &c)
}

func (db *DB) scalarInt(ctx context.Context, c *sqlq.Compiled) (int64, error) {
	rows, done, err := db.query(ctx, c.SQL, c.Args)
	if err != nil {
		return 0, err
	}
	var n int64
	if rows.Next() {
		var v any
		if err = rows.Scan(&v); err == nil {
			var cv any
			cv, err = converter(c.Cols[0].Kind)(v)
			n, _ = cv.(int64)
		}
	}
	return n, done.close(rows, 1, err)
}

// Exists reports whether the QuerySet has any row (SELECT 1 ... LIMIT 1),
// or looks at the cache when it was evaluated.
func (qs *QuerySet[E]) Exists(ctx context.Context) (bool, error) {
	if rows, ok := qs.cached(); ok {
		return len(rows) > 0, nil
	}
	db, b, err := qs.prepare()
	if err != nil {
		return false, err
	}
	c, err := sqlq.Exists(b.q)
	if err == sqlq.ErrEmpty {
		return false, nil
	}
	if err != nil {
		return false, publicError(err)
	}
	rows, done, err := db.query(ctx, c.SQL, c.Args)
	if err != nil {
		return false, err
	}
	found := rows.Next()
	n := int64(0)
	if found {
		n = 1
	}
	return found, done.close(rows, n, rows.Err())
}

// Aggregate computes aggregates over the QuerySet and returns them by name
// (As(name, ...) or Django's default "field__fn"). Later entries may use
// the names of earlier ones.
func (qs *QuerySet[E]) Aggregate(ctx context.Context, exprs ...Expression) (Row, error) {
	db, err := qs.database()
	if err != nil {
		return nil, err
	}
	if len(exprs) == 0 {
		return Row{}, nil
	}
	entries := make([]sqlq.NamedSpec, len(exprs))
	for i, e := range exprs {
		if entries[i], err = named(e, "Aggregate"); err != nil {
			return nil, err
		}
	}
	b, err := qs.newQuery(db)
	if err != nil {
		return nil, err
	}
	c, err := sqlq.Aggregate(b.q, entries)
	if err == sqlq.ErrEmpty {
		if row, ok := emptyAggregate(entries); ok {
			return row, nil
		}
		// An entry whose value over no rows only the database knows
		// (Sum("x") + 1): run the query, its condition always false, as
		// Django does.
		if b, err = qs.newQuery(db); err != nil {
			return nil, err
		}
		b.q.RunEmpty = true
		c, err = sqlq.Aggregate(b.q, entries)
	}
	if err != nil {
		return nil, publicError(err)
	}
	rows, done, err := db.query(ctx, c.SQL, c.Args)
	if err != nil {
		return nil, err
	}
	s := newRowScanner(c, db.loc)
	out := Row{}
	if rows.Next() {
		out, err = s.scanRow(rows)
	}
	if err = done.close(rows, 1, err); err != nil {
		return nil, err
	}
	return out, nil
}

// emptyAggregate answers an aggregate over a query that matches nothing
// without asking the database, where each entry's value over no rows is
// known (Django's empty_result_set_value): ok is false otherwise.
func emptyAggregate(entries []sqlq.NamedSpec) (Row, bool) {
	out := Row{}
	for _, en := range entries {
		v, ok := emptyValue(en.E)
		if !ok {
			return nil, false
		}
		out[en.Name] = v
	}
	return out, true
}

// emptyValue is the value of s over no rows: 0 for a count, the Default
// or NULL for other aggregates, a literal's value, Coalesce's first
// non-NULL argument.
func emptyValue(s sqlq.Spec) (any, bool) {
	switch x := s.(type) {
	case *sqlq.AggSpec:
		switch {
		case x.Default != nil:
			return emptyValue(x.Default)
		case x.Fn == "Count":
			return int64(0), true
		}
		return nil, true
	case *sqlq.Value:
		return sqlq.Canon(x.V), true
	case *sqlq.FuncSpec:
		if x.Name != "Coalesce" {
			return nil, false
		}
		for _, a := range x.Args {
			v, ok := emptyValue(a)
			if !ok || v != nil {
				return v, ok
			}
		}
		return nil, true
	}
	return nil, false
}

// SQL returns the SELECT the QuerySet would run, and its arguments.
func (qs *QuerySet[E]) SQL() (string, []any, error) {
	db, err := qs.database()
	if err != nil {
		return "", nil, err
	}
	if qs.raw != nil {
		return qs.raw.sql, qs.raw.args, nil
	}
	b, err := qs.newQuery(db)
	if err != nil {
		return "", nil, err
	}
	c, err := sqlq.Select(b.q)
	if err == sqlq.ErrEmpty {
		return "", nil, fmt.Errorf("%w: the query matches nothing and sends no SQL", ErrInvalidQuery)
	}
	if err != nil {
		return "", nil, publicError(err)
	}
	return c.SQL, c.Args, nil
}

// ExplainOption sets a format or an option of Explain.
type ExplainOption func(*explainConfig)

type explainConfig struct {
	format string
	opts   []dialects.ExplainOption
}

// ExplainFormat asks for a plan format the backend knows: text, json, yaml
// or xml on PostgreSQL; json or traditional on MySQL and MariaDB.
func ExplainFormat(format string) ExplainOption {
	return func(c *explainConfig) { c.format = format }
}

// ExplainAnalyze runs the query and reports what it did (PostgreSQL's
// EXPLAIN ANALYZE, MariaDB's ANALYZE, MySQL's EXPLAIN ANALYZE).
func ExplainAnalyze() ExplainOption { return ExplainFlag("analyze", true) }

// ExplainFlag sets a named EXPLAIN option: on PostgreSQL ANALYZE, BUFFERS,
// COSTS, SETTINGS, SUMMARY, TIMING, VERBOSE or WAL; on MySQL and MariaDB
// only ANALYZE. A backend refuses an option it does not know, as Django.
func ExplainFlag(name string, on bool) ExplainOption {
	return func(c *explainConfig) { c.opts = append(c.opts, dialects.ExplainOption{Name: name, On: on}) }
}

// Explain returns the backend's query plan for the QuerySet (Django's
// explain(format, **options)); see ExplainFormat and ExplainFlag.
func (qs *QuerySet[E]) Explain(ctx context.Context, opts ...ExplainOption) (string, error) {
	var cfg explainConfig
	for _, o := range opts {
		o(&cfg)
	}
	sql, args, err := qs.SQL()
	if err != nil {
		return "", err
	}
	db, _ := qs.database()
	prefix, err := dialects.ExplainPrefix(db.dialect, cfg.format, cfg.opts)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalidQuery, err)
	}
	rows, done, err := db.query(ctx, prefix+sql, args)
	if err != nil {
		return "", err
	}
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", done.close(rows, -1, err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			parts[i] = fmt.Sprint(v)
		}
		lines = append(lines, joinNonEmpty(parts))
	}
	if err := done.close(rows, int64(len(lines)), rows.Err()); err != nil {
		return "", err
	}
	return joinLines(lines), nil
}

func joinNonEmpty(parts []string) string {
	out := ""
	for _, p := range parts {
		if p == "" || p == "<nil>" {
			continue
		}
		if out != "" {
			out += " "
		}
		out += p
	}
	return out
}

func joinLines(lines []string) string {
	out := ""
	for i, l := range lines {
		if i > 0 {
			out += "\n"
		}
		out += l
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// InBulk returns the rows whose primary key is in ids, by key (keys have
// the primary key's Go type). No ids means no query and an empty map.
func (qs *QuerySet[E]) InBulk(ctx context.Context, ids ...any) (map[any]E, error) {
	if qs.model == nil {
		return nil, qs.err
	}
	return qs.InBulkBy(ctx, "pk", ids...)
}

// InBulkAll returns every row of the QuerySet by primary key.
func (qs *QuerySet[E]) InBulkAll(ctx context.Context) (map[any]E, error) {
	return qs.inBulk(ctx, "pk", nil, true)
}

// InBulkBy returns the rows whose unique field is in values, by that
// field's value.
func (qs *QuerySet[E]) InBulkBy(ctx context.Context, field string, values ...any) (map[any]E, error) {
	return qs.inBulk(ctx, field, values, false)
}

func (qs *QuerySet[E]) inBulk(ctx context.Context, field string, values []any, all bool) (map[any]E, error) {
	if qs.err != nil {
		return nil, qs.err
	}
	m := qs.model
	f := m.PK
	if field != "pk" {
		f = m.Field(field)
		if f == nil || !f.Concrete() || !(f.Unique || f.PrimaryKey) {
			return nil, fmt.Errorf("%w: InBulkBy's field must be a unique field but %q isn't", ErrInvalidQuery, field)
		}
	}
	if qs.shape != shapeModels {
		return nil, fmt.Errorf("%w: InBulk needs a model QuerySet, not Values", ErrInvalidQuery)
	}
	out := map[any]E{}
	if !all && len(values) == 0 {
		return out, nil
	}
	var rows []E
	if all {
		var err error
		if rows, err = qs.All(ctx); err != nil {
			return nil, err
		}
	} else {
		db, err := qs.database()
		if err != nil {
			return nil, err
		}
		batch := db.dialect.Features().MaxParams / 2
		for start := 0; start < len(values); start += batch {
			part, err := qs.Filter(Q{f.Name + "__in": values[start:min(start+batch, len(values))]}).All(ctx)
			if err != nil {
				return nil, err
			}
			rows = append(rows, part...)
		}
	}
	for _, e := range rows {
		p := *(*unsafe.Pointer)(unsafe.Pointer(&e))
		out[goKey(f, p)] = e
	}
	return out, nil
}

// goKey reads a field as the Go value it holds (int for an int field),
// for InBulk's map keys.
func goKey(f *registry.Field, p unsafe.Pointer) any {
	if f.IsRelation() {
		return f.Get(objptr.Of(p))
	}
	return reflect.NewAt(f.Type, unsafe.Add(p, f.Offset)).Elem().Interface()
}
