package orm

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
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
	// deps[m] are the models m cascades to: their rows go first (Django's
	// Collector.dependencies, used by sort).
	deps map[*registry.Model]map[*registry.Model]bool
	// self is the object DB.Delete deletes: its signals see that very value.
	selfModel *registry.Model
	selfKey   any
	selfObj   unsafe.Pointer
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
	if m.Concrete().Parent != nil {
		return true // the parents' rows go too
	}
	for _, r := range m.Reverse() {
		if r.OnDelete != registry.DoNothing {
			return true
		}
	}
	return false
}

func (c *collector) collect(m *registry.Model, keys []any) error {
	fresh := c.add(m, keys)
	if len(fresh) == 0 {
		return nil
	}
	c.collectParents(m, fresh)
	for _, rel := range m.Reverse() {
		if rel.OnDelete == registry.DoNothing {
			continue
		}
		targets := fresh
		if rel.ToField() != m.PK && !ancestorKey(m, rel.ToField()) {
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
			c.dependOn(m, child)
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

// add records keys of m to delete and returns those not seen before.
func (c *collector) add(m *registry.Model, keys []any) []any {
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
	c.keys[m] = append(c.keys[m], fresh...)
	return fresh
}

// collectParents adds the ancestors' rows of multi-table child rows (the
// same keys), to go after the child's, without walking the ancestors'
// relations: the child inherits them, so collect has followed them
// already (Django's collect_related=False for parents).
func (c *collector) collectParents(m *registry.Model, keys []any) {
	child := m.Concrete()
	for _, parent := range m.Parents() {
		c.add(parent, keys)
		c.dependOn(parent, child)
		child = parent
	}
}

// ancestorKey reports whether f is the key of an ancestor of m, whose
// values are m's keys.
func ancestorKey(m *registry.Model, f *registry.Field) bool {
	return f.PrimaryKey && m.Concrete().Parent != nil && m.PathToParent(f.Model) != nil
}

// dependOn records that rows of m can go only after those of child.
func (c *collector) dependOn(m, child *registry.Model) {
	if m == child {
		return // one DELETE takes a model's rows together
	}
	if c.deps == nil {
		c.deps = map[*registry.Model]map[*registry.Model]bool{}
	}
	if c.deps[m] == nil {
		c.deps[m] = map[*registry.Model]bool{}
	}
	c.deps[m][child] = true
}

// sorted orders the collected models as Django's Collector.sort: passes
// over the models in the order they were found, each taking those whose
// dependencies are placed, so children come before their parents. (Django
// leaves a nullable cascade out of the dependencies; djorm keeps it, so
// that no delete breaks a foreign key the database checks at once.) Models
// left in a cycle follow, children first as found.
func (c *collector) sorted() []*registry.Model {
	out := make([]*registry.Model, 0, len(c.order))
	placed := map[*registry.Model]bool{}
	for len(out) < len(c.order) {
		found := false
		for _, m := range c.order {
			if placed[m] || !allPlaced(c.deps[m], placed) {
				continue
			}
			out, placed[m], found = append(out, m), true, true
		}
		if !found {
			for i := len(c.order) - 1; i >= 0; i-- {
				if !placed[c.order[i]] {
					out = append(out, c.order[i])
				}
			}
			break
		}
	}
	return out
}

func allPlaced(deps map[*registry.Model]bool, placed map[*registry.Model]bool) bool {
	for d := range deps {
		if !placed[d] {
			return false
		}
	}
	return true
}

// values selects column out of the rows of m matching key__in keys, in batches.
func (c *collector) values(m *registry.Model, key string, keys []any, out string) ([]any, error) {
	var res []any
	for start := 0; start < len(keys); start += deleteBatch {
		batch := keys[start:min(start+deleteBatch, len(keys))]
		q := c.db.sqlQuery(m)
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

// execute deletes what was collected in one transaction, as Django's
// Collector.delete: the models in sorted order (children first), the pre
// signals of every object (each model's by ascending key), then set_null
// updates, then per model its DELETE followed by the post signals of its
// objects (by descending key, as Django reverses them).
func (c *collector) execute() (DeleteResult, error) {
	res := DeleteResult{PerModel: map[string]int64{}}
	if err := c.check(); err != nil {
		return res, err
	}
	order := c.sorted()
	if len(order) == 1 && len(c.nulls) == 0 && len(c.keys[order[0]]) <= deleteBatch && !c.db.hasDeleteSignals(order[0]) {
		// One DELETE is atomic by itself: no transaction around it, as
		// Django's Collector deletes a lone object without receivers.
		return res, c.deleteRows(c.ctx, order[0], &res)
	}
	err := Atomic(c.ctx, c.db, func(ctx context.Context) error {
		signalled, err := c.loadSignalled(ctx, order)
		if err != nil {
			return err
		}
		for _, m := range order {
			for _, obj := range signalled[m] {
				if err := c.db.sendDelete(ctx, m, obj, true); err != nil {
					return err
				}
			}
		}
		for _, u := range c.nulls {
			if err := c.setNull(ctx, u); err != nil {
				return err
			}
		}
		for _, m := range order {
			if err := c.deleteRows(ctx, m, &res); err != nil {
				return err
			}
			objs := signalled[m]
			for i := len(objs) - 1; i >= 0; i-- {
				if err := c.db.sendDelete(ctx, m, objs[i], false); err != nil {
					return err
				}
			}
		}
		return nil
	}, NoSavepoint())
	return res, err
}

// deleteRows deletes the collected rows of m, in batches.
func (c *collector) deleteRows(ctx context.Context, m *registry.Model, res *DeleteResult) error {
	keys := c.keys[m]
	for start := 0; start < len(keys); start += deleteBatch {
		q := c.db.sqlQuery(m)
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
	return nil
}

// loadSignalled loads, by ascending key, the objects about to be deleted
// of every model with delete signals, as Django's Collector fetches
// instances when receivers exist. DB.Delete's own object is that very
// value, at its place, whether or not its row still exists (Django sends
// its signals all the same).
func (c *collector) loadSignalled(ctx context.Context, order []*registry.Model) (map[*registry.Model][]unsafe.Pointer, error) {
	out := map[*registry.Model][]unsafe.Pointer{}
	for _, m := range order {
		if !c.db.hasDeleteSignals(m) {
			continue
		}
		keys := c.keys[m]
		if m == c.selfModel {
			keys = slices.DeleteFunc(slices.Clone(keys), func(k any) bool { return k == c.selfKey })
		}
		var objs []unsafe.Pointer
		for start := 0; start < len(keys); start += deleteBatch {
			batch, err := objectsOf(c.db, m).Filter(Q{m.PK.Name + "__in": keys[start:min(start+deleteBatch, len(keys))]}).
				OrderBy(m.PK.Name).All(ctx)
			if err != nil {
				return nil, err
			}
			objs = append(objs, batch...)
		}
		if m == c.selfModel && c.selfObj != nil {
			at, _ := slices.BinarySearchFunc(objs, c.selfKey, func(o unsafe.Pointer, k any) int { return compareKeys(pkValue(m, o), k) })
			objs = slices.Insert(objs, at, c.selfObj)
		}
		out[m] = objs
	}
	return out, nil
}

// compareKeys orders primary key values as Django sorts instances by pk
// (integers and strings; other kinds by their text).
func compareKeys(a, b any) int {
	switch x := a.(type) {
	case int64:
		if y, ok := b.(int64); ok {
			return cmp.Compare(x, y)
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y)
		}
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func (c *collector) setNull(ctx context.Context, u nullUpdate) error {
	for start := 0; start < len(u.keys); start += deleteBatch {
		q := c.db.sqlQuery(u.m)
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
