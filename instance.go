package orm

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"
	"unsafe"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// Create inserts obj, a pointer to a model (Django's Model.objects.create).
func (db *DB) Create(ctx context.Context, obj any) error {
	m, p, err := modelOf(obj)
	if err != nil {
		return err
	}
	return db.insert(ctx, m, p)
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
		if err = rows.Scan(fieldDests(p, fields)...); err == nil {
			db.localizeFields(p, fields)
		}
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
		return []any{(*int64)(unsafe.Add(p, fields[0].Offset))}
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
	if err := prepareRelated(m, p); err != nil {
		return err
	}
	st := stateOf(m, p)
	pk := pkValue(m, p)
	if pk == nil && assignsKey(m) {
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
	if err := db.sendSave(ctx, m, p, false, true); err != nil {
		return err
	}
	if err := stampTimes(m, p, false, upd, time.Now()); err != nil {
		return err
	}
	if m.Concrete().Parent != nil {
		created, err := db.saveInherited(ctx, m.Concrete(), p, upd, len(fields) > 0)
		if err != nil {
			return err
		}
		st.st.db, st.st.saved = db, true
		return db.sendSave(ctx, m, p, created, false)
	}
	n, err := db.updateRow(ctx, m, p, upd)
	if err != nil {
		return err
	}
	created := n == 0
	if created {
		if len(fields) > 0 {
			return fmt.Errorf("%w: Save with update fields did not affect any rows (%s pk %v)", ErrDoesNotExist, m.TypeName, pk)
		}
		if err := db.insertNew(ctx, m, p); err != nil { // the row is gone: Django inserts it again
			return err
		}
	}
	st.st.db, st.st.saved = db, true
	return db.sendSave(ctx, m, p, created, false)
}

// assignsKey reports whether the database assigns m's key: an automatic
// key, or the root's automatic key for a multi-table child.
func assignsKey(m *registry.Model) bool {
	if parents := m.Parents(); len(parents) > 0 {
		return parents[len(parents)-1].PK.Auto
	}
	return m.PK.Auto
}

// saveInherited is Save of a stored multi-table child: one UPDATE per
// table from the root down, each with the fields of upd it holds (Django's
// _save_parents and _save_table), in one transaction. A table none of the
// named fields lives in is left alone; a table without fields to write is
// checked for its row. A missing row is inserted, and every table below it
// too. created reports whether the child's own row was inserted.
func (db *DB) saveInherited(ctx context.Context, m *registry.Model, p unsafe.Pointer, upd []*registry.Field, named bool) (created bool, err error) {
	err = Atomic(ctx, db, func(ctx context.Context) error {
		inserted := false
		for _, level := range m.Tables() {
			if inserted {
				if err := db.insertTable(ctx, level, p); err != nil {
					return err
				}
				continue
			}
			fs := fieldsOf(level, upd)
			if len(fs) == 0 && named {
				continue
			}
			n, err := db.updateOrCheck(ctx, level, p, fs)
			if err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			if named {
				return fmt.Errorf("%w: Save with update fields did not affect any rows (%s pk %v)", ErrDoesNotExist, m.TypeName, pkValue(m, p))
			}
			if err := db.insertTable(ctx, level, p); err != nil {
				return err
			}
			inserted = true
		}
		created = inserted
		return nil
	}, NoSavepoint())
	return created, err
}

// updateOrCheck updates fields of m's own table for the value at p, or,
// with no fields, counts its row (Django's SELECT 1 for a table with
// nothing to write).
func (db *DB) updateOrCheck(ctx context.Context, m *registry.Model, p unsafe.Pointer, fields []*registry.Field) (int64, error) {
	if len(fields) > 0 {
		return db.updateRow(ctx, m, p, fields)
	}
	found, err := objectsOf(db, m).Filter(Q{"pk": m.PK.Get(objptr.Of(p))}).Exists(ctx)
	if found {
		return 1, err
	}
	return 0, err
}

func updateFields(m *registry.Model, st *Model, names []string) ([]*registry.Field, error) {
	if len(names) > 0 {
		out := make([]*registry.Field, 0, len(names))
		for _, n := range names {
			f := m.Field(n)
			if f == nil || !f.Concrete() {
				return nil, unknownField("Save", m, n, concreteFieldNames(m))
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
		if f.PrimaryKey || f.Generated != "" || deferred[f.Name] || deferred[f.Attname] {
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
	q := db.sqlQuery(m)
	row, refresh, err := rowValues(q, m, p, fields)
	if err != nil {
		return 0, err
	}
	set := make([]sqlq.Assignment, len(fields))
	for i, f := range fields {
		set[i] = sqlq.Assignment{Field: f, Value: asExpr(row[i], f.Kind)}
	}
	if err := q.AddFilter(sqlq.Pair{Key: "pk", Value: m.PK.Get(objptr.Of(p))}, false); err != nil {
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
	for _, f := range m.Local() {
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

// Refresh reloads obj's fields from the database (Django's
// refresh_from_db): those named, which stop being deferred, or with no
// names every field that is loaded (deferred fields stay deferred).
func (db *DB) Refresh(ctx context.Context, obj any, fields ...string) error {
	m, p, err := modelOf(obj)
	if err != nil {
		return err
	}
	var fs []*registry.Field
	st := stateOf(m, p)
	if len(fields) == 0 {
		fs = m.Fields
		if len(st.st.deferred) > 0 {
			fs = nil
			for _, f := range m.Fields {
				if !slices.Contains(st.st.deferred, f.Attname) && !slices.Contains(st.st.deferred, f.Name) {
					fs = append(fs, f)
				}
			}
		}
	} else {
		for _, n := range fields {
			f := m.Field(n)
			if f == nil || !f.Concrete() {
				return unknownField("Refresh", m, n, concreteFieldNames(m))
			}
			fs = append(fs, f)
		}
	}
	if err := db.refresh(ctx, m, p, fs); err != nil {
		return err
	}
	if len(fields) > 0 {
		var keep []string
		for _, d := range st.st.deferred {
			if !refreshed(fs, d) {
				keep = append(keep, d)
			}
		}
		st.st.deferred = keep
	}
	for _, f := range fs {
		if f.IsRelation() {
			setCached(unsafe.Add(p, f.Offset), nil)
			*(*bool)(unsafe.Add(unsafe.Add(p, f.Offset), fkLayout.loaded)) = false
			setOwner(unsafe.Add(p, f.Offset), st)
		}
	}
	st.st.db, st.st.saved = db, true
	return nil
}

func (db *DB) refresh(ctx context.Context, m *registry.Model, p unsafe.Pointer, fields []*registry.Field) error {
	pk := pkValue(m, p)
	if pk == nil {
		return fmt.Errorf("%w: %s has no primary key to refresh from", ErrInvalidQuery, m.TypeName)
	}
	q := db.sqlQuery(m)
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

// Delete deletes obj (a pointer to a saved model) and what on_delete says
// goes with it; obj's primary key is then cleared, as Django does.
func (db *DB) Delete(ctx context.Context, obj any) (DeleteResult, error) {
	res := DeleteResult{PerModel: map[string]int64{}}
	m, p, err := modelOf(obj)
	if err != nil {
		return res, err
	}
	pk := pkValue(m, p)
	if pk == nil {
		return res, fmt.Errorf("%w: %s object can't be deleted because its primary key is not set", ErrInvalidQuery, m.TypeName)
	}
	// The collector sends obj's own signals, in its order and inside its
	// transaction; post_delete sees the key still set, as in Django.
	c := newCollector(ctx, db)
	c.selfModel, c.selfKey, c.selfObj = m, pk, p
	if err := c.collect(m, []any{pk}); err != nil {
		return res, err
	}
	if res, err = c.execute(); err != nil {
		return res, err
	}
	if m.PK.Auto {
		_ = m.PK.Set(objptr.Of(p), nil)
	}
	stateOf(m, p).st.saved = false
	return res, nil
}

// refreshed reports whether the deferred name d (an attname, as
// DeferredFields gives it, or a field name) is one of the fields fs.
func refreshed(fs []*registry.Field, d string) bool {
	for _, f := range fs {
		if f.Attname == d || f.Name == d {
			return true
		}
	}
	return false
}
