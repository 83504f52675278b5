package orm

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// Create inserts obj (a pointer to a model) and sets its primary key.
func (qs *QuerySet[E]) Create(ctx context.Context, obj E) error {
	db, err := qs.database()
	if err != nil {
		return err
	}
	m, p, err := modelOf(any(obj))
	if err != nil {
		return err
	}
	return db.insert(ctx, m, p)
}

// Create inserts obj, a pointer to a model (Django's Model.objects.create).
func (db *DB) Create(ctx context.Context, obj any) error {
	m, p, err := modelOf(obj)
	if err != nil {
		return err
	}
	return db.insert(ctx, m, p)
}

// insertable lists the fields an INSERT writes: not the automatic key
// while the database assigns it, not generated columns.
func insertable(m *registry.Model, autoKey bool) []*registry.Field {
	out := make([]*registry.Field, 0, len(m.Fields))
	for _, f := range m.Fields {
		if f.Generated != "" || (f.Auto && autoKey) {
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
		v := f.Get(p)
		if err := validate(m, f, v); err != nil {
			return nil, nil, err
		}
		row[i] = v
	}
	return row, refresh, nil
}

func (db *DB) insert(ctx context.Context, m *registry.Model, p unsafe.Pointer) error {
	autoKey := pkValue(m, p) == nil && m.PK.Auto
	if len(stateOf(m, p).st.exprs) == 0 {
		plan, err := db.insertPlanFor(m, autoKey)
		if err != nil {
			return err
		}
		args, err := plan.bind(db, m, p)
		if err != nil {
			return err
		}
		return db.insertRow(ctx, m, p, plan, args)
	}
	fields := insertable(m, autoKey)
	row, refresh, err := rowValues(sqlq.New(m, db.dialect), m, p, fields)
	if err != nil {
		return err
	}
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
func (db *DB) insertPlanFor(m *registry.Model, autoKey bool) (*insertPlan, error) {
	key := insertKey{m, autoKey}
	if v, ok := db.inserts.Load(key); ok {
		return v.(*insertPlan), nil
	}
	fields := insertable(m, autoKey)
	plan := &insertPlan{fields: fields}
	// The values are placeholders: plain values bind without a cast.
	if err := plan.compile(db, m, autoKey, make([]any, len(fields)), nil); err != nil {
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
	for _, f := range m.Fields {
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
		if err := m.PK.Set(p, id); err != nil {
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

// queryInto runs a statement returning one row and stores its columns into
// fields of the model value at p.
func (db *DB) queryInto(ctx context.Context, query string, args []any, m *registry.Model, p unsafe.Pointer, fields []*registry.Field) error {
	rows, done, err := db.query(ctx, query, args)
	if err != nil {
		return err
	}
	n := int64(0)
	if rows.Next() {
		n = 1
		err = rows.Scan(fieldDests(p, fields)...)
	} else if err = rows.Err(); err == nil {
		err = fmt.Errorf("%w: %s with primary key %v", ErrDoesNotExist, m.TypeName, pkValue(m, p))
	}
	return done.close(rows, n, err)
}

var int64Type = reflect.TypeFor[int64]()

// fieldDests returns Scan destinations for fields of the model value at p:
// an int64 field (the usual key) is scanned in place.
func fieldDests(p unsafe.Pointer, fields []*registry.Field) []any {
	if len(fields) == 1 && fields[0].Type == int64Type {
		return []any{(*int64)(fields[0].Ptr(p))}
	}
	dests := make([]any, len(fields))
	obj := &p
	for i, f := range fields {
		dests[i] = &fieldDest{obj: obj, f: f}
	}
	return dests
}

// Save writes obj (a pointer to a model): an INSERT when it is new, else an
// UPDATE of fields (Django's update_fields; all fields when none are given,
// only the loaded ones for an instance read with Only/Defer). A saved
// instance whose row is gone is inserted again, as Django does.
func (db *DB) Save(ctx context.Context, obj any, fields ...string) error {
	m, p, err := modelOf(obj)
	if err != nil {
		return err
	}
	st := stateOf(m, p)
	pk := pkValue(m, p)
	if pk == nil && m.PK.Auto {
		if len(fields) > 0 {
			return fmt.Errorf("%w: cannot force an update in Save() with no primary key", ErrInvalidQuery)
		}
		return db.insert(ctx, m, p)
	}
	upd, err := updateFields(m, st, fields)
	if err != nil {
		return err
	}
	if len(upd) == 0 && len(fields) > 0 {
		return nil
	}
	n, err := db.updateRow(ctx, m, p, upd)
	if err != nil {
		return err
	}
	if n == 0 {
		if len(fields) > 0 {
			return fmt.Errorf("%w: Save with update fields did not affect any rows (%s pk %v)", ErrDoesNotExist, m.TypeName, pk)
		}
		return db.insert(ctx, m, p)
	}
	st.st.db, st.st.saved = db, true
	return nil
}

func updateFields(m *registry.Model, st *Model, names []string) ([]*registry.Field, error) {
	if len(names) > 0 {
		out := make([]*registry.Field, 0, len(names))
		for _, n := range names {
			f := m.Field(n)
			if f == nil || !f.Concrete() {
				return nil, &FieldError{Model: m.TypeName, Field: n, Choices: concreteFieldNames(m), msg: fmt.Sprintf(
					"orm: Save: %s has no field %q to update; choices: %s", m.TypeName, n, choicesText(concreteFieldNames(m)))}
			}
			if f.PrimaryKey {
				return nil, fmt.Errorf("%w: the primary key %q cannot be in update fields", ErrInvalidQuery, n)
			}
			if f.Generated != "" {
				return nil, fmt.Errorf("%w: %s.%s is generated by the database and cannot be written", ErrInvalidQuery, m.TypeName, n)
			}
			out = append(out, f)
		}
		return out, nil
	}
	deferred := map[string]bool{}
	for _, d := range st.st.deferred {
		deferred[d] = true
	}
	var out []*registry.Field
	for _, f := range m.Fields {
		if f.PrimaryKey || f.Generated != "" || deferred[f.Name] {
			continue
		}
		out = append(out, f)
	}
	return out, nil
}

func concreteFieldNames(m *registry.Model) []string {
	var out []string
	for _, f := range m.Fields {
		out = append(out, f.Name)
	}
	return out
}

// updateRow runs UPDATE ... WHERE pk = ? for the model value at p.
func (db *DB) updateRow(ctx context.Context, m *registry.Model, p unsafe.Pointer, fields []*registry.Field) (int64, error) {
	q := sqlq.New(m, db.dialect)
	row, refresh, err := rowValues(q, m, p, fields)
	if err != nil {
		return 0, err
	}
	set := make([]sqlq.Assignment, len(fields))
	for i, f := range fields {
		set[i] = sqlq.Assignment{Field: f, Value: asExpr(row[i], f.Kind)}
	}
	if err := q.AddFilter(sqlq.Pair{Key: "pk", Value: m.PK.Get(p)}, false); err != nil {
		return 0, publicError(err)
	}
	c, err := sqlq.Update(q, set)
	if err != nil {
		return 0, publicError(err)
	}
	res, err := db.exec(ctx, c.SQL, c.Args)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	st := stateOf(m, p)
	for _, f := range m.Fields {
		if f.Generated != "" {
			refresh = append(refresh, f)
		}
	}
	st.st.exprs = nil
	if n > 0 && len(refresh) > 0 {
		if err := db.refresh(ctx, m, p, refresh); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Refresh reloads obj's fields (all, or those named) from the database
// (Django's refresh_from_db). Reloaded fields stop being deferred.
func (db *DB) Refresh(ctx context.Context, obj any, fields ...string) error {
	m, p, err := modelOf(obj)
	if err != nil {
		return err
	}
	var fs []*registry.Field
	if len(fields) == 0 {
		fs = m.Fields
	} else {
		for _, n := range fields {
			f := m.Field(n)
			if f == nil || !f.Concrete() {
				return &FieldError{Model: m.TypeName, Field: n, Choices: concreteFieldNames(m), msg: fmt.Sprintf(
					"orm: Refresh: %s has no field %q; choices: %s", m.TypeName, n, choicesText(concreteFieldNames(m)))}
			}
			fs = append(fs, f)
		}
	}
	if err := db.refresh(ctx, m, p, fs); err != nil {
		return err
	}
	st := stateOf(m, p)
	if len(fields) == 0 {
		st.st.deferred = nil
	} else {
		var keep []string
		for _, d := range st.st.deferred {
			if !containsStr(fields, d) {
				keep = append(keep, d)
			}
		}
		st.st.deferred = keep
	}
	for _, f := range fs {
		if f.IsRelation() {
			setCached(f.Ptr(p), nil)
			*(*bool)(unsafe.Add(f.Ptr(p), fkLayout.loaded)) = false
			setOwner(f.Ptr(p), st)
		}
	}
	st.st.db, st.st.saved = db, true
	return nil
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (db *DB) refresh(ctx context.Context, m *registry.Model, p unsafe.Pointer, fields []*registry.Field) error {
	pk := pkValue(m, p)
	if pk == nil {
		return fmt.Errorf("%w: %s has no primary key to refresh from", ErrInvalidQuery, m.TypeName)
	}
	q := sqlq.New(m, db.dialect)
	if err := q.AddFilter(sqlq.Pair{Key: "pk", Value: pk}, false); err != nil {
		return publicError(err)
	}
	vals := make([]sqlq.ValuesItem, len(fields))
	for i, f := range fields {
		vals[i] = sqlq.ValuesItem{Path: f.Attname}
	}
	if err := q.SetValues(vals); err != nil {
		return publicError(err)
	}
	c, err := sqlq.Select(q)
	if err != nil {
		return publicError(err)
	}
	return db.queryInto(ctx, c.SQL, c.Args, m, p, fields)
}

// Update sets fields on every row of the QuerySet with one UPDATE and
// returns the number of rows matched. Values are literals (validated as in
// Save), model instances (for foreign keys) or expressions such as
// F("price").Mul(1.1).
func (qs *QuerySet[E]) Update(ctx context.Context, set Set) (int64, error) {
	db, err := qs.database()
	if err != nil {
		return 0, err
	}
	c, _, err := qs.statement(db, planCall{term: termUpdate, ops: qs.ops, set: set})
	if err == sqlq.ErrEmpty {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	res, err := db.exec(ctx, c.SQL, c.Args)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func assignments(q *sqlq.Query, m *registry.Model, set Set) ([]sqlq.Assignment, error) {
	out := make([]sqlq.Assignment, 0, len(set))
	for _, name := range sortedKeys(set) {
		a, err := assignment(q, m, name, set[name])
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// assignment resolves one name: value entry of an Update.
func assignment(q *sqlq.Query, m *registry.Model, name string, raw any) (sqlq.Assignment, error) {
	f, err := setField(m, name)
	if err != nil {
		return sqlq.Assignment{}, err
	}
	v, err := lookupValue(raw)
	if err != nil {
		return sqlq.Assignment{}, err
	}
	if _, isExpr := v.(sqlq.Spec); !isExpr {
		if _, err := setValue(m, f, v); err != nil {
			return sqlq.Assignment{}, err
		}
	}
	e, err := q.ResolveUpdateValue(f, v)
	if err != nil {
		return sqlq.Assignment{}, publicError(err)
	}
	return sqlq.Assignment{Field: f, Value: e}, nil
}

// setField returns the field an Update may write under name.
func setField(m *registry.Model, name string) (*registry.Field, error) {
	f := m.Field(name)
	if name == "pk" {
		f = m.PK
	}
	if f != nil && f.Generated != "" {
		return nil, fmt.Errorf("%w: %s.%s is generated by the database and cannot be written", ErrInvalidQuery, m.TypeName, name)
	}
	if f == nil || !f.Concrete() {
		choices := concreteFieldNames(m)
		return nil, &FieldError{Model: m.TypeName, Field: name, Choices: choices, msg: fmt.Sprintf(
			"orm: Cannot resolve keyword '%s' into field %s. Choices are: %s", name, m.TypeName, choicesText(choices))}
	}
	return f, nil
}

// setValue converts a literal Update value for f and validates it as Save
// does (length, digits), returning the canonical value.
func setValue(m *registry.Model, f *registry.Field, v any) (any, error) {
	cv, err := registry.Convert(f.Kind, sqlq.Canon(v))
	if err != nil {
		return nil, &ValidationError{Model: m.TypeName, Field: f.Name, Code: "invalid",
			msg: fmt.Sprintf("orm: %s.%s: %v", m.TypeName, f.Name, err)}
	}
	if err := validate(m, f, cv); err != nil {
		return nil, err
	}
	return cv, nil
}

// asExpr wraps a canonical row value as a parameter (expressions stay).
func asExpr(v any, k registry.Kind) sqlq.Expr {
	if e, ok := v.(sqlq.Expr); ok {
		return e
	}
	return &sqlq.Param{V: v, K: k}
}
