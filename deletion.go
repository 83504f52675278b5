package orm

import (
	"context"
	"fmt"
	"slices"
	"unsafe"

	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// DeleteResult counts deleted rows, in total and per model ("pkg.Type";
// models with none omitted; many-to-many join rows included).
type DeleteResult struct {
	Total    int64
	PerModel map[string]int64
}

// ProtectedError says a delete was refused because other rows refer to the
// rows being deleted through a protect (or restrict) relation. It is also an
// *IntegrityError for errors.As.
type ProtectedError struct {
	Model      string // the model whose rows block the delete
	Field      string // their relation field
	Keys       []any  // primary keys of the blocking rows (at most 10)
	Restricted bool   // on_delete=restrict rather than protect
}

// Error names the blocking model, field and rows.
func (e *ProtectedError) Error() string {
	kind := "protected"
	if e.Restricted {
		kind = "restricted"
	}
	return fmt.Sprintf("orm: cannot delete: referenced through %s foreign key %s.%s by %s rows with keys %v",
		kind, e.Model, e.Field, e.Model, e.Keys)
}

// As lets errors.As find the IntegrityError a ProtectedError also is.
func (e *ProtectedError) As(target any) bool {
	if t, ok := target.(**IntegrityError); ok {
		*t = &IntegrityError{Kind: "protected", Err: e, msg: e.Error()}
		return true
	}
	return false
}

// collector finds what deleting rows takes, following on_delete as
// Django's Collector does, then deletes children before parents.
type collector struct {
	ctx     context.Context
	db      *DB
	order   []*registry.Model
	keys    map[*registry.Model][]any
	seen    map[*registry.Model]map[any]bool
	nulls   []nullUpdate
	blocked []*ProtectedError
	// self is the object DB.Delete sends the signals of itself.
	selfModel *registry.Model
	selfKey   any
}

// doomed are the loaded objects of one model whose delete signals run.
type doomed struct {
	m    *registry.Model
	objs []unsafe.Pointer
}

type nullUpdate struct {
	m    *registry.Model
	f    *registry.Field
	keys []any
}

func newCollector(ctx context.Context, db *DB) *collector {
	return &collector{ctx: ctx, db: db, keys: map[*registry.Model][]any{}, seen: map[*registry.Model]map[any]bool{}}
}

// needsCollector reports whether deleting rows of m affects other rows.
func needsCollector(m *registry.Model) bool {
	for _, r := range m.Reverse() {
		if r.OnDelete != registry.DoNothing {
			return true
		}
	}
	return false
}

func (c *collector) collect(m *registry.Model, keys []any) error {
	seen := c.seen[m]
	if seen == nil {
		seen = map[any]bool{}
		c.seen[m] = seen
		c.order = append(c.order, m)
	}
	var fresh []any
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			fresh = append(fresh, k)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	c.keys[m] = append(c.keys[m], fresh...)
	for _, rel := range m.Reverse() {
		if rel.OnDelete == registry.DoNothing {
			continue
		}
		targets := fresh
		if rel.ToField() != m.PK {
			var err error
			if targets, err = c.values(m, m.PK.Name+"__in", fresh, rel.ToField().Name); err != nil {
				return err
			}
		}
		child, fk := rel.From, rel.Field
		switch rel.OnDelete {
		case registry.SetNull:
			c.nulls = append(c.nulls, nullUpdate{m: child, f: fk, keys: targets})
			continue
		}
		childKeys, err := c.values(child, fk.Name+"__in", targets, child.PK.Name)
		if err != nil {
			return err
		}
		if len(childKeys) == 0 {
			continue
		}
		switch rel.OnDelete {
		case registry.Cascade:
			if err := c.collect(child, childKeys); err != nil {
				return err
			}
		case registry.Protect, registry.Restrict:
			c.blocked = append(c.blocked, &ProtectedError{Model: child.TypeName, Field: fk.Name,
				Keys: childKeys[:min(len(childKeys), 10)], Restricted: rel.OnDelete == registry.Restrict})
			if rel.OnDelete == registry.Restrict {
				c.blocked[len(c.blocked)-1].Keys = childKeys
			}
		}
	}
	return nil
}

// values selects column out of the rows of m matching key__in keys, in batches.
func (c *collector) values(m *registry.Model, key string, keys []any, out string) ([]any, error) {
	var res []any
	for start := 0; start < len(keys); start += deleteBatch {
		batch := keys[start:min(start+deleteBatch, len(keys))]
		q := sqlq.New(m, c.db.dialect)
		if err := q.AddFilter(sqlq.Pair{Key: key, Value: batch}, false); err != nil {
			return nil, publicError(err)
		}
		if err := q.SetValues([]sqlq.ValuesItem{{Path: out}}); err != nil {
			return nil, publicError(err)
		}
		comp, err := sqlq.Select(q)
		if err == sqlq.ErrEmpty {
			continue
		}
		if err != nil {
			return nil, publicError(err)
		}
		rows, done, err := c.db.query(c.ctx, comp.SQL, comp.Args)
		if err != nil {
			return nil, err
		}
		s := newRowScanner(comp, nil)
		n := int64(0)
		for rows.Next() {
			v, err := s.scanOne(rows)
			if err != nil {
				return nil, done.close(rows, n, err)
			}
			res = append(res, v)
			n++
		}
		if err = done.close(rows, n, rows.Err()); err != nil {
			return nil, err
		}
	}
	return res, nil
}

const deleteBatch = 500

// check refuses the delete when protected rows block it. A restrict
// relation does not block when its rows are deleted anyway by a cascade.
func (c *collector) check() error {
	for _, b := range c.blocked {
		if b.Restricted {
			var m *registry.Model
			for _, x := range c.order {
				if x.TypeName == b.Model {
					m = x
				}
			}
			if m != nil && allIn(b.Keys, c.seen[m]) {
				continue
			}
			b.Keys = b.Keys[:min(len(b.Keys), 10)]
		}
		return b
	}
	return nil
}

func allIn(keys []any, set map[any]bool) bool {
	for _, k := range keys {
		if !set[k] {
			return false
		}
	}
	return true
}

// execute nulls out set_null references, then deletes children before
// parents, all in one transaction.
func (c *collector) execute() (DeleteResult, error) {
	res := DeleteResult{PerModel: map[string]int64{}}
	if err := c.check(); err != nil {
		return res, err
	}
	err := Atomic(c.ctx, c.db, func(ctx context.Context) error {
		signalled, err := c.loadSignalled(ctx)
		if err != nil {
			return err
		}
		if err := c.sendDeletes(ctx, signalled, true); err != nil {
			return err
		}
		for _, u := range c.nulls {
			if err := c.setNull(ctx, u); err != nil {
				return err
			}
		}
		for i := len(c.order) - 1; i >= 0; i-- {
			m := c.order[i]
			keys := c.keys[m]
			for start := 0; start < len(keys); start += deleteBatch {
				q := sqlq.New(m, c.db.dialect)
				if err := q.AddFilter(sqlq.Pair{Key: m.PK.Name + "__in", Value: keys[start:min(start+deleteBatch, len(keys))]}, false); err != nil {
					return publicError(err)
				}
				n, err := c.db.runDelete(ctx, q)
				if err != nil {
					return err
				}
				if n > 0 {
					res.PerModel[m.Label] += n
					res.Total += n
				}
			}
		}
		return c.sendDeletes(ctx, signalled, false)
	}, NoSavepoint())
	return res, err
}

// loadSignalled loads the objects about to be deleted of every model with
// delete signals, as Django's Collector fetches instances when receivers
// exist (DB.Delete's own object is sent by DB.Delete).
func (c *collector) loadSignalled(ctx context.Context) ([]doomed, error) {
	var out []doomed
	for _, m := range c.order {
		if !c.db.hasDeleteSignals(m) {
			continue
		}
		keys := c.keys[m]
		if m == c.selfModel {
			keys = slices.DeleteFunc(slices.Clone(keys), func(k any) bool { return k == c.selfKey })
		}
		d := doomed{m: m}
		for start := 0; start < len(keys); start += deleteBatch {
			objs, err := objectsOf(c.db, m).Filter(Q{m.PK.Name + "__in": keys[start:min(start+deleteBatch, len(keys))]}).
				OrderBy(m.PK.Name).All(ctx)
			if err != nil {
				return nil, err
			}
			d.objs = append(d.objs, objs...)
		}
		out = append(out, d)
	}
	return out, nil
}

// sendDeletes runs the pre (before any row goes) or post (after all went)
// delete signals of the loaded objects, inside the deleting transaction.
func (c *collector) sendDeletes(ctx context.Context, signalled []doomed, pre bool) error {
	for _, d := range signalled {
		for _, obj := range d.objs {
			if err := c.db.sendDelete(ctx, d.m, obj, pre); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *collector) setNull(ctx context.Context, u nullUpdate) error {
	for start := 0; start < len(u.keys); start += deleteBatch {
		q := sqlq.New(u.m, c.db.dialect)
		if err := q.AddFilter(sqlq.Pair{Key: u.f.Name + "__in", Value: u.keys[start:min(start+deleteBatch, len(u.keys))]}, false); err != nil {
			return publicError(err)
		}
		comp, err := sqlq.Update(q, []sqlq.Assignment{{Field: u.f, Value: &sqlq.Param{K: u.f.Kind}}})
		if err == sqlq.ErrEmpty {
			continue
		}
		if err != nil {
			return publicError(err)
		}
		if _, err := c.db.exec(ctx, comp.SQL, comp.Args); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) runDelete(ctx context.Context, q *sqlq.Query) (int64, error) {
	comp, err := sqlq.Delete(q)
	if err == sqlq.ErrEmpty {
		return 0, nil
	}
	if err != nil {
		return 0, publicError(err)
	}
	r, err := db.exec(ctx, comp.SQL, comp.Args)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}
