package orm

import (
	"context"
	"database/sql"
	"time"
	"unsafe"

	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// insertable lists the fields an INSERT writes: not the automatic key
// while the database assigns it, not generated columns.
func insertable(m *registry.Model, autoKey bool) []*registry.Field {
	return insertableOmit(m, autoKey, 0)
}

// insertableOmit is insertable without the fields whose bit is set in
// omit (db_default fields left to the database, see dbDefaultsOmitted).
func insertableOmit(m *registry.Model, autoKey bool, omit uint64) []*registry.Field {
	local := m.Local()
	out := make([]*registry.Field, 0, len(local))
	for i, f := range local {
		if f.Generated != "" || (f.Auto && autoKey) || (i < 64 && omit&(1<<i) != 0) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// rowValues validates the values of fields of the model value at p and
// returns them: canonical values, or expressions for SetExpr fields
// (resolved against q).
func rowValues(q *sqlq.Query, m *registry.Model, p unsafe.Pointer, fields []*registry.Field) ([]any, []*registry.Field, error) {
	return rowValuesInto(make([]any, len(fields)), q, m, p, fields, nil)
}

// exprOf returns the SetExpr value of f, looking only when there are any.
func exprOf(exprs map[string]Expression, f *registry.Field) (Expression, bool) {
	if len(exprs) == 0 {
		return nil, false
	}
	e, ok := exprs[f.Name]
	return e, ok
}

// binding makes rowValuesInto return values bound for the driver (text
// going into arena) instead of canonical ones.
type binding struct {
	db    *DB
	arena *arena.Arena
}

// rowValuesInto is rowValues filling row, which has a slot per field, with
// bound values when bind is set.
func rowValuesInto(row []any, q *sqlq.Query, m *registry.Model, p unsafe.Pointer, fields []*registry.Field, bind *binding) ([]any, []*registry.Field, error) {
	exprs := stateOf(m, p).st.exprs
	var refresh []*registry.Field
	for i, f := range fields {
		if e, ok := exprOf(exprs, f); ok {
			s, err := e.spec()
			if err != nil {
				return nil, nil, err
			}
			x, err := q.ResolveUpdateValue(f, s)
			if err != nil {
				return nil, nil, publicError(err)
			}
			row[i] = x
			refresh = append(refresh, f)
			continue
		}
		if bind != nil {
			v, err := bind.db.bindField(m, f, p, bind.arena)
			if err != nil {
				return nil, nil, err
			}
			row[i] = v
			continue
		}
		v := f.Get(objptr.Of(p))
		if err := validate(m, f, v); err != nil {
			return nil, nil, err
		}
		row[i] = v
	}
	return row, refresh, nil
}

// insert adds the row of the model value at p (Create, Save of a new
// object), between the pre_save and post_save signals.
func (db *DB) insert(ctx context.Context, m *registry.Model, p unsafe.Pointer) error {
	if err := db.sendSave(ctx, m, p, true, true); err != nil {
		return err
	}
	if err := db.insertNew(ctx, m, p); err != nil {
		return err
	}
	return db.sendSave(ctx, m, p, true, false)
}

// insertNew is insert without the save signals.
func (db *DB) insertNew(ctx context.Context, m *registry.Model, p unsafe.Pointer) error {
	if m.Concrete().Parent != nil {
		return db.insertInherited(ctx, m.Concrete(), p)
	}
	return db.insertTable(ctx, m, p)
}

// insertInherited adds a multi-table child's rows, one per table from the
// root down, in one transaction (Django's _save_parents): the root's key,
// once assigned, is every level's link, since the links share its memory.
func (db *DB) insertInherited(ctx context.Context, m *registry.Model, p unsafe.Pointer) error {
	setCache(stateOf(m, p), loadedAsKey, m)
	return Atomic(ctx, db, func(ctx context.Context) error {
		inserted := false
		for _, level := range m.Tables() {
			if level != m && !inserted && pkValue(level, p) != nil {
				// An ancestor given a key is saved as Django's
				// _save_parents does: updated, inserted only if missing.
				n, err := db.updateOrCheck(ctx, level, p, updatable(level))
				if err != nil || n > 0 {
					if err != nil {
						return err
					}
					continue
				}
			}
			if err := db.insertTable(ctx, level, p); err != nil {
				return err
			}
			inserted = true
		}
		return nil
	}, NoSavepoint())
}

// updatable lists the fields of m's own table an UPDATE of a saved row
// writes: not the key, not generated columns.
func updatable(m *registry.Model) []*registry.Field {
	var out []*registry.Field
	for _, f := range m.Local() {
		if !f.PrimaryKey && f.Generated == "" {
			out = append(out, f)
		}
	}
	return out
}

// insertTable adds the row of m's own table (its Local fields).
func (db *DB) insertTable(ctx context.Context, m *registry.Model, p unsafe.Pointer) error {
	if err := prepareRelated(m, p); err != nil {
		return err
	}
	if err := callDefaults(m, p); err != nil {
		return err
	}
	if err := stampTimes(m, p, true, m.Local(), time.Now()); err != nil {
		return err
	}
	autoKey := pkValue(m, p) == nil && m.PK.Auto
	omit := dbDefaultsOmitted(m, p)
	if len(stateOf(m, p).st.exprs) == 0 {
		plan, err := db.insertPlanFor(m, autoKey, omit)
		if err != nil {
			return err
		}
		args, err := plan.bind(db, m, p)
		if err != nil {
			return err
		}
		return db.insertRow(ctx, m, p, plan, args)
	}
	fields := insertableOmit(m, autoKey, omit)
	row, refresh, err := rowValues(db.sqlQuery(m), m, p, fields)
	if err != nil {
		return err
	}
	refresh = append(refresh, omittedFields(m, omit)...)
	plan := &insertPlan{fields: fields}
	if err := plan.compile(db, m, autoKey, row, refresh); err != nil {
		return err
	}
	return db.insertRow(ctx, m, p, plan, plan.args)
}

// insertKey names the INSERT of a model with or without its automatic key.
type insertKey struct {
	m       *registry.Model
	autoKey bool
	omit    uint64 // db_default fields left to the database
}

// insertPlan is one model's INSERT and what it reads back. Without SetExpr
// values the statement depends only on the model and on whether the
// database assigns the key, so Create compiles it once per database and
// binds each object's values into it.
type insertPlan struct {
	fields []*registry.Field
	back   []*registry.Field // values the database assigned, read back
	sql    string
	args   []any  // the compiled arguments (the full path runs them)
	into   *int64 // the out parameter of RETURNING INTO, when used
	// rowBack: back arrives as a row (RETURNING); else the key comes from
	// LastInsertId or into, and the rest by a refresh.
	rowBack bool
}

// insertPlanFor returns the cached INSERT of m.
func (db *DB) insertPlanFor(m *registry.Model, autoKey bool, omit uint64) (*insertPlan, error) {
	key := insertKey{m, autoKey, omit}
	if v, ok := db.inserts.Load(key); ok {
		return v.(*insertPlan), nil
	}
	fields := insertableOmit(m, autoKey, omit)
	plan := &insertPlan{fields: fields}
	// The values are placeholders: plain values bind without a cast.
	if err := plan.compile(db, m, autoKey, make([]any, len(fields)), omittedFields(m, omit)); err != nil {
		return nil, err
	}
	if plan.into != nil {
		return plan, nil // the out parameter belongs to one statement
	}
	v, _ := db.inserts.LoadOrStore(key, plan)
	return v.(*insertPlan), nil
}

// compile renders the INSERT of row (values for plan.fields); refresh are
// fields given as expressions, read back once written.
func (plan *insertPlan) compile(db *DB, m *registry.Model, autoKey bool, row []any, refresh []*registry.Field) error {
	ins := &sqlq.Insert{Model: m, Fields: plan.fields, Values: row}
	if autoKey {
		plan.back = append(plan.back, m.PK)
	}
	for _, f := range m.Local() {
		if f.Generated != "" {
			plan.back = append(plan.back, f)
		}
	}
	plan.back = append(plan.back, refresh...)
	f := db.dialect.Features()
	switch {
	case f.LastInsertID && len(plan.back) == 1 && autoKey:
		// The key alone comes back: LastInsertId, read after the statement
		// ran to its end, costs less than RETURNING's row (which must be
		// read to the end too, for the errors found there).
	case f.Returning:
		ins.Returning = plan.back
		plan.rowBack = len(plan.back) > 0
	case f.ReturningInto && autoKey && m.PK.Kind.IsInteger():
		plan.into = new(int64)
		ins.Returning, ins.Into = plan.back[:1], []any{sql.Out{Dest: plan.into}}
	}
	c, err := sqlq.CompileInsert(db.dialect, ins)
	if err != nil {
		return publicError(err)
	}
	plan.sql, plan.args = c.SQL, c.Args
	return nil
}

// bind validates the values of the model value at p and binds them as the
// compiled statement binds them.
func (plan *insertPlan) bind(db *DB, m *registry.Model, p unsafe.Pointer) ([]any, error) {
	args := make([]any, len(plan.fields), len(plan.args))
	for i, f := range plan.fields {
		var err error
		if args[i], err = db.bindField(m, f, p, nil); err != nil {
			return nil, err
		}
	}
	return append(args, plan.args[len(plan.fields):]...), nil // RETURNING INTO's out parameter
}

// insertRow runs plan with args and stores what the database assigned.
func (db *DB) insertRow(ctx context.Context, m *registry.Model, p unsafe.Pointer, plan *insertPlan, args []any) error {
	st := stateOf(m, p)
	if plan.rowBack {
		if err := db.queryInto(ctx, plan.sql, args, m, p, plan.back); err != nil {
			return err
		}
		st.st.db, st.st.saved, st.st.exprs = db, true, nil
		return nil
	}
	res, err := db.exec(ctx, plan.sql, args)
	if err != nil {
		return err
	}
	back := plan.back
	if len(back) > 0 && back[0] == m.PK {
		var id int64
		if plan.into != nil {
			id = *plan.into
		} else if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := m.PK.Set(objptr.Of(p), id); err != nil {
			return err
		}
		back = back[1:]
	}
	st.st.db, st.st.saved = db, true
	if len(back) > 0 {
		return db.refresh(ctx, m, p, back)
	}
	st.st.exprs = nil
	return nil
}

// bindField validates field f of the model value at p and converts it for
// the driver: what validate and Dialect.Bind do with f.Get(p), but a time
// or a decimal goes from the struct to its bound form without being boxed
// on the way (one allocation fewer per value in bulk inserts).
func (db *DB) bindField(m *registry.Model, f *registry.Field, p unsafe.Pointer, a *arena.Arena) (any, error) {
	if t, valid, ok := f.TimeAt(objptr.Of(p)); ok && valid {
		if err := validateTime(m, f, t); err != nil {
			return nil, err
		}
		return db.binder.BindTime(a, t, f.Kind), nil
	}
	if d, valid, ok := f.DecimalAt(objptr.Of(p)); ok && valid {
		if err := validateDecimal(f, d, failer(m, f)); err != nil {
			return nil, err
		}
		if err := backendDigits(db.dialect, m, f, d); err != nil {
			return nil, err
		}
		return db.binder.BindDecimal(a, d), nil
	}
	v := f.Get(objptr.Of(p))
	if err := validate(m, f, v); err != nil {
		return nil, err
	}
	if x, ok := v.(float64); ok {
		if err := db.checkFloat(x); err != nil {
			return nil, failer(m, f)("invalid", "%v", err)
		}
	}
	b, err := db.binder.BindInto(a, v, f.Kind)
	return b, publicError(err)
}

// stampTimes sets the auto_now fields among fields to now, and the
// auto_now_add ones when the row is being added, as Django's pre_save does
// (Update and BulkUpdate leave them alone, as in Django).
func stampTimes(m *registry.Model, p unsafe.Pointer, adding bool, fields []*registry.Field, now time.Time) error {
	if !m.HasTimestamps() {
		return nil
	}
	now = now.UTC().Round(0).Truncate(time.Microsecond)
	for _, f := range fields {
		if f.AutoNow || f.AutoNowAdd && adding {
			if err := f.Set(objptr.Of(p), now); err != nil {
				return err
			}
		}
	}
	return nil
}
