package orm

import (
	"context"
	"fmt"
	"slices"
	"time"
	"unsafe"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/internal/conv"
	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// BulkOption configures BulkCreate and BulkUpdate.
type BulkOption func(*bulkConfig)

type bulkConfig struct {
	batch    int
	ignore   bool
	unique   []string
	update   []string
	onUpdate bool
	err      error // a bad option
}

// BatchSize caps the rows per statement (the backend's parameter limit
// caps it too). It must be positive: BatchSize(0) and negative sizes are
// refused before any SQL, as Django refuses them.
func BatchSize(n int) BulkOption {
	return func(c *bulkConfig) {
		c.batch = n
		if n <= 0 {
			c.err = fmt.Errorf("%w: BatchSize(%d): the batch size must be positive", ErrInvalidQuery, n)
		}
	}
}

func bulkOptions(opts []BulkOption) (bulkConfig, error) {
	var cfg bulkConfig
	for _, o := range opts {
		o(&cfg)
	}
	return cfg, cfg.err
}

// IgnoreConflicts skips rows that violate a unique constraint (ON CONFLICT
// DO NOTHING, INSERT IGNORE). Primary keys are not set on the objects.
func IgnoreConflicts() BulkOption { return func(c *bulkConfig) { c.ignore = true } }

// UpdateConflicts turns a conflict on the unique fields into an update of
// the update fields (ON CONFLICT ... DO UPDATE, ON DUPLICATE KEY UPDATE).
// MySQL ignores unique: its conflict target is every unique key.
func UpdateConflicts(unique, update []string) BulkOption {
	return func(c *bulkConfig) { c.unique, c.update, c.onUpdate = unique, update, true }
}

// BulkCreate inserts objs with multi-row INSERTs, batched under the
// backend's parameter limit (and BatchSize), all in one transaction (a
// savepoint inside an outer Atomic): a failing batch leaves none written.
// Primary keys are set on the objects where the backend returns them
// (PostgreSQL, SQLite, MariaDB; not MySQL, nor with conflict options).
// Values are validated as in Save before any SQL runs. A db_default field
// holding its zero value is left to the database, as Create leaves it, and
// read back with the keys.
func (qs *QuerySet[E]) BulkCreate(ctx context.Context, objs []E, opts ...BulkOption) error {
	db, err := qs.database()
	if err != nil {
		return err
	}
	cfg, err := bulkOptions(opts)
	if err != nil {
		return err
	}
	if qs.model.Concrete().Parent != nil {
		return fmt.Errorf("%w: Can't bulk create a multi-table inherited model (%s)", ErrInvalidQuery, qs.model.TypeName)
	}
	if len(objs) == 0 {
		return nil
	}
	m := qs.model
	conflict, err := conflictOf(db, m, &cfg)
	if err != nil {
		return err
	}
	// Django inserts objects with and without a primary key separately;
	// objects leaving different db_default fields to the database (zero
	// values) go in separate INSERTs too, each naming only what it sets.
	var parts []bulkPart
	now := time.Now()
	for _, o := range objs {
		p := *(*unsafe.Pointer)(unsafe.Pointer(&o))
		if p == nil {
			return fmt.Errorf("%w: nil object passed to BulkCreate", ErrInvalidQuery)
		}
		if err := prepareRelated(m, p); err != nil {
			return err
		}
		if err := callDefaults(m, p); err != nil {
			return err
		}
		if err := stampTimes(m, p, true, m.Fields, now); err != nil {
			return err
		}
		parts = addToPart(parts, bulkPart{auto: pkValue(m, p) == nil && m.PK.Auto, omit: dbDefaultsOmitted(m, p)}, p)
	}
	slices.SortStableFunc(parts, func(a, b bulkPart) int { // objects with a key first, as Django
		switch {
		case a.auto == b.auto:
			return 0
		case b.auto:
			return -1
		}
		return 1
	})
	groups := make([]*insertGroup, 0, len(parts))
	for _, part := range parts {
		g, err := db.prepareInsert(m, part.objs, conflict, part.omit)
		if err != nil {
			return err
		}
		groups = append(groups, g)
	}
	err = Atomic(ctx, db, func(ctx context.Context) error {
		for _, g := range groups {
			if err := db.runInsert(ctx, g, cfg.batch); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Keys and state change only once every batch is in, as in Django: a
	// rolled-back BulkCreate leaves the objects as they were.
	for _, g := range groups {
		for i, p := range g.objs {
			if g.keys != nil {
				if err := setIntKey(m, p, g.keys[i]); err != nil {
					return err
				}
				if err := db.setDefaults(m, p, g.defaults, g.defaultVals[i*len(g.defaults):(i+1)*len(g.defaults)]); err != nil {
					return err
				}
			}
			st := stateOf(m, p)
			st.st.db, st.st.saved, st.st.exprs = db, true, nil
		}
	}
	return nil
}

func conflictOf(db *DB, m *registry.Model, cfg *bulkConfig) (*dialects.Conflict, error) {
	f := db.dialect.Features()
	switch {
	case cfg.ignore && cfg.onUpdate:
		return nil, fmt.Errorf("%w: IgnoreConflicts and UpdateConflicts are mutually exclusive", ErrInvalidQuery)
	case cfg.ignore:
		if !f.IgnoreConflicts {
			return nil, &NotSupportedError{Dialect: db.dialect.Name(), Feature: "bulk_create(ignore_conflicts=True)"}
		}
		return &dialects.Conflict{Ignore: true}, nil
	case cfg.onUpdate:
		if !f.UpdateConflicts {
			return nil, &NotSupportedError{Dialect: db.dialect.Name(), Feature: "bulk_create(update_conflicts=True)"}
		}
		if len(cfg.update) == 0 {
			return nil, fmt.Errorf("%w: UpdateConflicts needs fields to update", ErrInvalidQuery)
		}
		if f.UpdateConflictsTarget && len(cfg.unique) == 0 {
			return nil, fmt.Errorf("%w: UpdateConflicts needs the unique fields of the conflict on %s", ErrInvalidQuery, db.dialect.Name())
		}
		c := &dialects.Conflict{}
		for _, list := range []struct {
			names []string
			dst   *[]string
		}{{cfg.unique, &c.UniqueCols}, {cfg.update, &c.UpdateCols}} {
			for _, n := range list.names {
				fl := m.Field(n)
				if n == "pk" {
					fl = m.PK
				}
				if fl == nil || !fl.Concrete() {
					return nil, unknownField("UpdateConflicts", m, n, concreteFieldNames(m))
				}
				*list.dst = append(*list.dst, fl.Column)
			}
		}
		return c, nil
	}
	return nil, nil
}

// insertGroup is a validated set of rows with the same columns.
type insertGroup struct {
	m      *registry.Model
	fields []*registry.Field
	// values holds every row's values, row after row; bound, they are the
	// arguments of the batches (sqlq.Insert.Bound).
	values   []any
	bound    bool
	objs     []unsafe.Pointer
	conflict *dialects.Conflict
	back     bool    // read the assigned primary keys back (an automatic id)
	keys     []int64 // the keys read back, by row
	// defaults are the db_default fields the rows leave to the database,
	// read back with the keys; defaultVals their values, row after row.
	defaults    []*registry.Field
	defaultVals []any
}

// bulkPart is the objects of a BulkCreate that share one column list: with
// or without a key of their own, and the same db_default fields left to
// the database.
type bulkPart struct {
	auto bool
	omit uint64
	objs []unsafe.Pointer
}

// addToPart adds p to the part like key, the parts in the order their
// first object came.
func addToPart(parts []bulkPart, key bulkPart, p unsafe.Pointer) []bulkPart {
	for i := range parts {
		if parts[i].auto == key.auto && parts[i].omit == key.omit {
			parts[i].objs = append(parts[i].objs, p)
			return parts
		}
	}
	key.objs = []unsafe.Pointer{p}
	return append(parts, key)
}

func (db *DB) prepareInsert(m *registry.Model, objs []unsafe.Pointer, conflict *dialects.Conflict, omit uint64) (*insertGroup, error) {
	autoKey := pkValue(m, objs[0]) == nil && m.PK.Auto // BulkCreate groups objects by it
	fields := insertableOmit(m, autoKey, omit)
	q := db.sqlQuery(m)
	cols := len(fields)
	g := &insertGroup{m: m, fields: fields, objs: objs, conflict: conflict, values: make([]any, len(objs)*cols)}
	// Values are bound here, once, their text in one arena for the group,
	// unless some object holds expressions (SetExpr): the compiler renders
	// those and binds the rest.
	var bind *binding
	if !anyExprs(m, objs) {
		bind = &binding{db: db, arena: &arena.Arena{}}
		bind.arena.Grow(len(objs) * arena.TextWidth(fields))
		g.bound = true
	}
	for i, p := range objs {
		if _, _, err := rowValuesInto(g.values[i*cols:(i+1)*cols:(i+1)*cols], q, m, p, fields, bind); err != nil {
			return nil, err
		}
	}
	g.back = autoKey && conflict == nil && db.dialect.Features().BulkReturning
	if g.back {
		g.defaults = omittedFields(m, omit)
	}
	return g, nil
}

// anyExprs reports whether any of objs has a field set to an expression.
func anyExprs(m *registry.Model, objs []unsafe.Pointer) bool {
	for _, p := range objs {
		if len(stateOf(m, p).st.exprs) > 0 {
			return true
		}
	}
	return false
}

// runInsert sends the group in batches.
func (db *DB) runInsert(ctx context.Context, g *insertGroup, batchSize int) error {
	per := max(1, db.dialect.Features().MaxParams/max(1, len(g.fields)))
	if len(g.fields) == 0 {
		per = 1 // a row of defaults only: one INSERT each
	}
	if batchSize > 0 && batchSize < per {
		per = batchSize
	}
	cols := len(g.fields)
	limit := db.dialect.Features().MaxStatementBytes
	for start, end := 0, 0; start < len(g.objs); start = end {
		end = fitRows(start, min(start+per, len(g.objs)), limit, 64*cols, func(i int) int {
			return textSize(g.values[i*cols : (i+1)*cols])
		})
		vals := g.values[start*cols : end*cols : end*cols]
		ins := &sqlq.Insert{Model: g.m, Fields: g.fields, Values: vals, Bound: g.bound, Conflict: g.conflict}
		if g.back {
			ins.Returning = append([]*registry.Field{g.m.PK}, g.defaults...)
		}
		c, err := sqlq.CompileInsert(db.dialect, ins)
		if err != nil {
			return publicError(err)
		}
		if g.back {
			if g.keys == nil {
				g.keys = make([]int64, len(g.objs))
				g.defaultVals = make([]any, len(g.objs)*len(g.defaults))
			}
			w := len(g.defaults)
			if err := db.readKeys(ctx, c, g.keys[start:end], g.defaultVals[start*w:end*w]); err != nil {
				return err
			}
		} else if _, err := db.exec(ctx, c.SQL, c.Args); err != nil {
			return err
		}
	}
	return nil
}

// fitRows returns where a batch starting at row start ends: at end, or
// earlier where the statement text would outgrow limit bytes (0: no
// limit), with at least one row. rowSize estimates a row's text; fixed is
// the text around the rows.
func fitRows(start, end, limit, fixed int, rowSize func(i int) int) int {
	if limit <= 0 {
		return end
	}
	size := 1024 + fixed
	for i := start; i < end; i++ {
		size += rowSize(i)
		if i > start && size > limit {
			return i
		}
	}
	return end
}

// textSize estimates, high, the text the driver writes for vals inside a
// statement (every byte of text escaped).
func textSize(vals []any) int {
	n := 4
	for _, v := range vals {
		n += valueSize(v)
	}
	return n
}

func valueSize(v any) int {
	switch x := v.(type) {
	case string:
		return 2*len(x) + 4
	case []byte:
		return 2*len(x) + 12
	}
	return 40
}

// readKeys reads the keys a multi-row INSERT ... RETURNING sends back into
// keys, in row order; there must be exactly one per row.
func (db *DB) readKeys(ctx context.Context, c *sqlq.Compiled, keys []int64, vals []any) error {
	rows, done, err := db.query(ctx, c.SQL, c.Args)
	if err != nil {
		return err
	}
	n, got := len(keys), 0
	width := len(vals) / max(1, n)
	dests := make([]any, 1+width)
	for rows.Next() {
		if got == n {
			got++
			break
		}
		dests[0] = intKey{&keys[got]}
		for j := 0; j < width; j++ {
			dests[1+j] = &vals[got*width+j]
		}
		if err = rows.Scan(dests...); err != nil {
			break
		}
		got++
	}
	if err == nil {
		err = rows.Err()
	}
	if err == nil && got != n {
		err = fmt.Errorf("orm: INSERT returned %d keys for %d rows", got, n)
	}
	return done.close(rows, int64(got), err)
}

// intKey scans an automatic id into *p: given a plain *int64, database/sql
// would convert MySQL's text through reflection.
type intKey struct{ p *int64 }

// Scan implements sql.Scanner.
func (k intKey) Scan(src any) error {
	n, err := conv.Int64(src)
	*k.p = n
	return err
}

// setIntKey stores an automatic id into the model value at p.
func setIntKey(m *registry.Model, p unsafe.Pointer, k int64) error {
	if m.PK.Type == int64Type {
		*(*int64)(unsafe.Add(p, m.PK.Offset)) = k
		return nil
	}
	return m.PK.Set(objptr.Of(p), k)
}

// BulkUpdate writes fields of objs (which must have primary keys) with one
// UPDATE per batch: SET f = CASE WHEN pk = ... THEN ... END WHERE pk IN
// (...). It returns the rows matched. Values are validated as in Save;
// SetExpr values are honoured. All batches run in one transaction.
func (qs *QuerySet[E]) BulkUpdate(ctx context.Context, objs []E, fields []string, opts ...BulkOption) (int64, error) {
	db, err := qs.database()
	if err != nil {
		return 0, err
	}
	cfg, err := bulkOptions(opts)
	if err != nil {
		return 0, err
	}
	m := qs.model
	if len(fields) == 0 {
		return 0, fmt.Errorf("%w: BulkUpdate needs field names", ErrInvalidQuery)
	}
	fs := make([]*registry.Field, len(fields))
	for i, n := range fields {
		f := m.Field(n)
		switch {
		case f == nil || !f.Concrete():
			return 0, unknownField("BulkUpdate", m, n, concreteFieldNames(m))
		case f.PrimaryKey:
			return 0, fmt.Errorf("%w: BulkUpdate cannot be used with primary key fields", ErrInvalidQuery)
		case f.Generated != "":
			return 0, fmt.Errorf("%w: %s.%s is generated by the database and cannot be written", ErrInvalidQuery, m.TypeName, n)
		}
		fs[i] = f
	}
	if len(objs) == 0 {
		return 0, nil
	}
	ptrs := make([]unsafe.Pointer, len(objs))
	for i, o := range objs {
		if ptrs[i] = *(*unsafe.Pointer)(unsafe.Pointer(&o)); ptrs[i] == nil {
			return 0, fmt.Errorf("%w: nil object passed to BulkUpdate", ErrInvalidQuery)
		}
	}
	var total int64
	err = Atomic(ctx, db, func(ctx context.Context) error {
		for _, part := range fieldsByTable(m, fs) {
			n, err := db.bulkUpdateTable(ctx, part.m, ptrs, part.fs, cfg)
			if err != nil {
				return err
			}
			total = max(total, n) // each table matches the same objects
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return total, nil
}

// tableFields are the fields of one table of a model, as BulkUpdate
// writes them.
type tableFields struct {
	m  *registry.Model
	fs []*registry.Field
}

// fieldsByTable splits fs by the table holding each, root first for a
// multi-table child (each ancestor model reads the child's memory, which
// embeds it at offset 0).
func fieldsByTable(m *registry.Model, fs []*registry.Field) []tableFields {
	if m.Concrete().Parent == nil {
		return []tableFields{{m, fs}}
	}
	var out []tableFields
	for _, level := range m.Tables() {
		if own := fieldsOf(level, fs); len(own) > 0 {
			out = append(out, tableFields{level, own})
		}
	}
	return out
}

// fieldsOf returns the fields among fs that level's own table holds.
func fieldsOf(level *registry.Model, fs []*registry.Field) []*registry.Field {
	var out []*registry.Field
	for _, f := range fs {
		if f.Model == level {
			out = append(out, f)
		}
	}
	return out
}

// bulkUpdateTable writes fields fs of m's own table for the objects at
// ptrs, one UPDATE ... CASE per batch, and counts the rows updated.
func (db *DB) bulkUpdateTable(ctx context.Context, m *registry.Model, ptrs []unsafe.Pointer, fs []*registry.Field, cfg bulkConfig) (int64, error) {
	q := db.sqlQuery(m)
	type item struct {
		pk  any
		row []any
	}
	items := make([]item, len(ptrs))
	for i, p := range ptrs {
		pk := pkValue(m, p)
		if pk == nil && stateOf(m, p).st.saved {
			// A stored row whose key is the zero value (id 0): Django
			// refuses only a key of None.
			pk = m.PK.Get(objptr.Of(p))
		}
		if pk == nil {
			return 0, fmt.Errorf("%w: all BulkUpdate objects must have a primary key set", ErrInvalidQuery)
		}
		row, _, err := rowValues(q, m, p, fs)
		if err != nil {
			return 0, err
		}
		items[i] = item{pk: pk, row: row}
	}
	per := max(1, (db.dialect.Features().MaxParams-1)/(2*len(fs)+1))
	if cfg.batch > 0 && cfg.batch < per {
		per = cfg.batch
	}
	var total int64
	limit := db.dialect.Features().MaxStatementBytes
	for start, end := 0, 0; start < len(items); start = end {
		end = fitRows(start, min(start+per, len(items)), limit, 64*len(fs), func(i int) int {
			return textSize(items[i].row) + (len(fs)+1)*valueSize(items[i].pk)
		})
		batch := items[start:end]
		uq := db.sqlQuery(m)
		pks := make([]any, len(batch))
		for i, it := range batch {
			pks[i] = it.pk
		}
		if err := uq.AddFilter(sqlq.Pair{Key: "pk__in", Value: pks}, false); err != nil {
			return 0, publicError(err)
		}
		set := make([]sqlq.Assignment, len(fs))
		pkCol := &sqlq.Col{Alias: uq.BaseAlias(), Field: m.PK}
		for fi, f := range fs {
			c := &sqlq.SimpleCase{Key: pkCol, Out: f.Kind, Field: f, Whens: make([]sqlq.Expr, 0, 2*len(batch))}
			for _, it := range batch {
				c.Whens = append(c.Whens, &sqlq.Param{V: it.pk, K: m.PK.Kind}, asExpr(it.row[fi], f.Kind))
			}
			set[fi] = sqlq.Assignment{Field: f, Value: c}
		}
		comp, err := sqlq.Update(uq, set)
		if err != nil {
			return 0, publicError(err)
		}
		res, err := db.exec(ctx, comp.SQL, comp.Args)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// setDefaults stores the values the database gave db_default fields of the
// new object at p, in the DB's location for datetimes, as Create does.
func (db *DB) setDefaults(m *registry.Model, p unsafe.Pointer, fields []*registry.Field, vals []any) error {
	for j, f := range fields {
		if err := f.Set(objptr.Of(p), vals[j]); err != nil {
			return fmt.Errorf("orm: reading back %s.%s: %w", m.TypeName, f.Name, err)
		}
	}
	db.localizeFields(p, fields)
	return nil
}
