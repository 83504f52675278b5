package orm

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unsafe"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// RelatedManager is the QuerySet of the objects related to one instance
// through a relation (author's books, book's tags, tag's books), with Add,
// Remove, Set and Clear. When the relation was prefetched it answers from
// the prefetch cache without a query.
type RelatedManager[T any] struct {
	*QuerySet[*T]
	owner      unsafe.Pointer
	ownerModel *registry.Model
	rel        *registry.Relation
	forward    bool // a ManyToMany field of the owner (else a reverse relation)
	name       string
	db         *DB
	// throughDefaults are values for the join model's other fields in the
	// rows Add, Set and Create insert (Django's through_defaults).
	throughDefaults Set
}

// ThroughDefaults returns the manager with values for the extra fields of
// the join model in the rows its Add, Set and Create insert (Django's
// through_defaults); fields left out take their defaults. A value of type
// func() any is called once per Add, Set or Create (Django's callable
// through_defaults).
func (rm *RelatedManager[T]) ThroughDefaults(values Set) *RelatedManager[T] {
	cp := *rm
	cp.throughDefaults = values
	return &cp
}

// throughColumns returns the join model's fields named by the manager's
// through defaults, sorted, with their values converted.
func (rm *RelatedManager[T]) throughColumns(ownerCol, objCol *registry.Field) ([]*registry.Field, []any, error) {
	if len(rm.throughDefaults) == 0 {
		return nil, nil, nil
	}
	th := rm.rel.Through()
	if th == nil || th.Model.Auto() {
		return nil, nil, fmt.Errorf("%w: ThroughDefaults needs a relation with a through model; %s.%s has an automatic join table",
			ErrInvalidQuery, rm.ownerModel.TypeName, rm.name)
	}
	names := make([]string, 0, len(rm.throughDefaults))
	for n := range rm.throughDefaults {
		names = append(names, n)
	}
	sort.Strings(names)
	var fields []*registry.Field
	var values []any
	for _, n := range names {
		f := th.Model.Field(n)
		if f == nil || f.PrimaryKey || f == ownerCol || f == objCol || f.Name == ownerCol.Name || f.Name == objCol.Name {
			return nil, nil, fmt.Errorf("%w: ThroughDefaults: %q is not an extra field of %s; choices: %s",
				ErrInvalidQuery, n, th.Model.TypeName, strings.Join(extraFields(th.Model, ownerCol, objCol), ", "))
		}
		v := rm.throughDefaults[n]
		if fn, ok := v.(func() any); ok {
			v = fn() // a callable is called once per change (Django 3.1)
		}
		v, err := registry.ConvertField(f, sqlq.Canon(v))
		if err != nil {
			return nil, nil, fmt.Errorf("%w: ThroughDefaults: %s: %v", ErrInvalidQuery, n, err)
		}
		fields, values = append(fields, f), append(values, v)
	}
	return fields, values, nil
}

func extraFields(m *registry.Model, ownerCol, objCol *registry.Field) []string {
	var out []string
	for _, f := range m.Fields {
		if !f.PrimaryKey && f.Name != ownerCol.Name && f.Name != objCol.Name {
			out = append(out, f.Name)
		}
	}
	return out
}

// Related returns the manager of the relation called name on obj (a
// pointer to a saved model): a ManyToMany field ("tags"), or a reverse
// relation by its accessor ("books", or Django's default "book_set"). T is
// the related model. A reverse one-to-one is read with Get.
func Related[T any](obj any, name string) *RelatedManager[T] {
	rm := &RelatedManager[T]{}
	fail := func(err error) *RelatedManager[T] {
		rm.QuerySet = &QuerySet[*T]{err: err, cache: &resultCache[*T]{}}
		return rm
	}
	m, p, err := modelOf(obj)
	if err != nil {
		return fail(err)
	}
	rm.owner, rm.ownerModel, rm.name = p, m, name
	var target *registry.Model
	if f := m.ManyToManyField(name); f != nil {
		rm.rel, rm.forward, target = f.Rel, true, f.Rel.To()
	} else if r := m.ReverseByAccessor(name); r != nil {
		rm.rel, target = r, r.From
	} else {
		var choices []string
		for _, f := range m.ManyToMany {
			choices = append(choices, f.Name)
		}
		for _, r := range m.Reverse() {
			if r.RelatedName != "+" {
				choices = append(choices, r.RelatedName)
			}
		}
		return fail(unknownField("Related", m, name, choices))
	}
	want, err := metaOf(reflect.TypeOf((*T)(nil)).Elem())
	if err != nil {
		return fail(err)
	}
	if want != target {
		return fail(fmt.Errorf("%w: Related[%s](%s, %q): the relation holds %s", ErrInvalidQuery, want.TypeName, m.TypeName, name, target.TypeName))
	}
	rm.db = stateOf(m, p).db()
	if rm.db == nil {
		return fail(fmt.Errorf("%w: Related(%s, %q): the instance has no database; use one loaded or created through djorm", ErrInvalidQuery, m.TypeName, name))
	}
	key := rm.ownerKey()
	if key == nil {
		return fail(fmt.Errorf("%w: %s instance needs a primary key before this relationship can be used", ErrInvalidQuery, m.TypeName))
	}
	qs := Objects[T](rm.db)
	if !rm.forward && rm.rel.Kind == registry.OneToOne {
		qs = BaseObjects[T](rm.db) // a reverse one-to-one reads as Django's base manager
	}
	switch {
	case rm.forward && rm.rel.RelatedName != "+":
		qs = qs.Filter(Q{rm.rel.RelatedQueryName: key})
	case rm.forward:
		th := rm.rel.Through()
		sub := &throughSubquery{th: th, key: key, db: rm.db}
		qs = qs.Filter(Q{"pk__in": sub})
	default:
		qs = qs.Filter(Q{rm.rel.Field.Name: key})
	}
	if cached, ok := stateOf(m, p).st.cache[name].([]unsafe.Pointer); ok {
		rows := make([]*T, len(cached))
		for i, c := range cached {
			rows[i] = (*T)(c)
		}
		qs.cache.rows, qs.cache.done = rows, true
	}
	rm.QuerySet = qs
	return rm
}

// All returns the related objects: from the prefetch cache when the
// relation was prefetched, else with one query (FetchPeers loads the
// relation for every instance of the owner's QuerySet; Raise refuses).
func (rm *RelatedManager[T]) All(ctx context.Context) ([]*T, error) {
	if rm.err != nil || rm.QuerySet.cache.done {
		return rm.QuerySet.All(ctx)
	}
	st := stateOf(rm.ownerModel, rm.owner)
	switch st.st.mode {
	case Raise:
		return nil, &FieldError{Model: rm.ownerModel.TypeName, Field: rm.name, err: ErrFetchBlocked, msg: fmt.Sprintf(
			"orm: fetching %s.%s is blocked by FetchMode(Raise); use PrefetchRelated(%q)", rm.ownerModel.TypeName, rm.name, rm.name)}
	case FetchPeers:
		if st.st.peers != nil {
			if err := st.st.peers.load(ctx, rm.db, rm.name); err != nil {
				return nil, err
			}
			if cached, ok := st.st.cache[rm.name].([]unsafe.Pointer); ok {
				rows := make([]*T, len(cached))
				for i, c := range cached {
					rows[i] = (*T)(c)
				}
				return rows, nil
			}
		}
	}
	ctx, err := rm.db.lazyManager(ctx, rm.ownerModel, rm.name, true)
	if err != nil {
		return nil, err // RaiseNPlusOne refused it
	}
	return rm.QuerySet.All(ctx)
}

// Get returns the one related object matching conds. On a reverse
// one-to-one with no conds it answers from the SelectRelated or prefetch
// cache when there is one: the object, or ErrDoesNotExist.
func (rm *RelatedManager[T]) Get(ctx context.Context, conds ...Condition) (*T, error) {
	if rm.err == nil && len(conds) == 0 && !rm.forward && rm.rel.Kind == registry.OneToOne {
		if child := rm.embeddingChild(); child != nil {
			return child, nil
		}
		if v, ok := stateOf(rm.ownerModel, rm.owner).st.cache[reverseKey(rm.rel)]; ok {
			if p, _ := v.(unsafe.Pointer); p != nil {
				return (*T)(p), nil
			}
			return nil, fmt.Errorf("%w: %s has no %s", ErrDoesNotExist, rm.ownerModel.TypeName, rm.rel.RelatedName)
		}
		var err error
		if ctx, err = rm.db.lazyManager(ctx, rm.ownerModel, rm.name, false); err != nil {
			return nil, err // RaiseNPlusOne refused it
		}
	}
	return rm.QuerySet.Get(ctx, conds...)
}

// embeddingChild answers a parent link's reverse one-to-one (place ->
// restaurant) from memory when the owner is the embedded parent of an
// instance read or created as that child or a descendant of it: the child
// starts at the same address.
func (rm *RelatedManager[T]) embeddingChild() *T {
	if !rm.rel.Field.ParentLink {
		return nil
	}
	as := stateOf(rm.ownerModel, rm.owner).loadedAs()
	if as == nil || as != rm.rel.From && as.PathToParent(rm.rel.From) == nil {
		return nil
	}
	return (*T)(rm.owner)
}

// ownerKey is the owner's value the relation compares: its pk, or the
// to_field of a reverse foreign key.
func (rm *RelatedManager[T]) ownerKey() any {
	if !rm.forward && rm.rel.Kind != registry.ManyToMany {
		return nonZero(rm.rel.ToField().Get(objptr.Of(rm.owner)))
	}
	return pkValue(rm.ownerModel, rm.owner)
}

func nonZero(v any) any {
	if isZeroKey(v) {
		return nil
	}
	return v
}

// throughSubquery selects the target keys of one owner from a join table
// whose reverse side is hidden.
type throughSubquery struct {
	th  *registry.Through
	key any
	db  *DB
}

func (s *throughSubquery) subquery(bool) *sqlq.SubquerySpec {
	return &sqlq.SubquerySpec{Build: func(outer *sqlq.Query) (*sqlq.Query, error) {
		q := sqlq.NewSub(s.th.Model, outer)
		if err := q.AddFilter(sqlq.Pair{Key: s.th.From.Name, Value: s.key}, false); err != nil {
			return nil, err
		}
		return q, q.SetValues([]sqlq.ValuesItem{{Path: s.th.To.Attname}})
	}}
}

func (s *throughSubquery) topQuery(db *DB) (*sqlq.Query, error) {
	return nil, fmt.Errorf("%w: a related manager's join table cannot be combined", ErrInvalidQuery)
}

func (rm *RelatedManager[T]) keysOf(objs []*T) ([]any, error) {
	out := make([]any, 0, len(objs))
	target := rm.rel.To()
	if !rm.forward {
		target = rm.rel.From
	}
	for _, o := range objs {
		if o == nil {
			return nil, fmt.Errorf("%w: nil object passed to a related manager", ErrInvalidQuery)
		}
		k := pkValue(target, unsafe.Pointer(o))
		if k == nil {
			return nil, fmt.Errorf("%w: %s object must be saved before it can be related", ErrInvalidQuery, target.TypeName)
		}
		out = append(out, k)
	}
	return out, nil
}

// m2mSides returns the join table's column towards the owner and towards
// the objects, whichever side the manager is on.
func (rm *RelatedManager[T]) m2mSides() (th *registry.Through, ownerCol, objCol *registry.Field) {
	th = rm.rel.Through()
	if rm.forward {
		return th, th.From, th.To
	}
	return th, th.To, th.From
}

// Add relates objs to the owner: join rows for a many-to-many relation
// (only those missing, in one INSERT), or the foreign key set to the owner
// for a reverse relation (one UPDATE).
func (rm *RelatedManager[T]) Add(ctx context.Context, objs ...*T) error {
	if rm.err != nil {
		return rm.err
	}
	rm.forgetPrefetched()
	keys, err := rm.keysOf(objs)
	if err != nil || len(keys) == 0 {
		return err
	}
	owner := rm.ownerKey()
	if rm.rel.Kind != registry.ManyToMany {
		_, err := BaseObjects[T](rm.db).Filter(Q{"pk__in": keys}).Update(ctx, Set{rm.rel.Field.Name: owner})
		if err == nil {
			for _, o := range objs {
				obj := objptr.Of(unsafe.Pointer(o))
				_ = rm.rel.Field.Set(obj, owner)
				fk := obj.Add(rm.rel.Field.Offset)
				*(*bool)(unsafe.Add(fk, fkLayout.loaded)) = false
			}
		}
		return err
	}
	th, ownerCol, objCol := rm.m2mSides()
	extra, extraValues, err := rm.throughColumns(ownerCol, objCol)
	if err != nil {
		return err
	}
	return Atomic(ctx, rm.db, func(ctx context.Context) error {
		existing, err := rm.throughValues(ctx, Q{ownerCol.Name: owner, objCol.Name + "__in": keys}, objCol)
		if err != nil {
			return err
		}
		var rows []any // owner, key and the through defaults, row after row
		var added []any
		seen := map[any]bool{}
		for _, k := range keys {
			if existing[k] || seen[k] {
				continue
			}
			seen[k] = true
			added = append(added, k)
			rows = append(append(rows, owner, k), extraValues...)
		}
		if err := rm.sendM2M(ctx, "pre_add", added); err != nil {
			return err
		}
		if rm.rel.Symmetrical {
			// A symmetrical relation stores both directions, as Django does.
			back, err := rm.throughValues(ctx, Q{objCol.Name: owner, ownerCol.Name + "__in": keys}, ownerCol)
			if err != nil {
				return err
			}
			for k := range seen {
				if !back[k] && k != owner {
					rows = append(append(rows, k, owner), extraValues...)
				}
			}
		}
		if len(rows) > 0 {
			if err := rm.db.insertRows(ctx, th.Model, append([]*registry.Field{ownerCol, objCol}, extra...), rows, nil); err != nil {
				return err
			}
		}
		return rm.sendM2M(ctx, "post_add", added)
	})
}

// throughValues returns the values of col in the join rows matching q.
func (rm *RelatedManager[T]) throughValues(ctx context.Context, q Q, col *registry.Field) (map[any]bool, error) {
	th := rm.rel.Through()
	query := rm.db.sqlQuery(th.Model)
	cs, err := q.cond()
	if err != nil {
		return nil, err
	}
	if err := query.AddFilter(cs, false); err != nil {
		return nil, publicError(err)
	}
	if err := query.SetValues([]sqlq.ValuesItem{{Path: col.Attname}}); err != nil {
		return nil, publicError(err)
	}
	c, err := sqlq.Select(query)
	if err == sqlq.ErrEmpty {
		return map[any]bool{}, nil
	}
	if err != nil {
		return nil, publicError(err)
	}
	rows, done, err := rm.db.query(ctx, c.SQL, c.Args)
	if err != nil {
		return nil, err
	}
	s := newRowScanner(c, nil)
	out := map[any]bool{}
	for rows.Next() {
		v, err := s.scanOne(rows)
		if err != nil {
			return nil, done.close(rows, -1, err)
		}
		out[v] = true
	}
	if err := done.close(rows, int64(len(out)), rows.Err()); err != nil {
		return nil, err
	}
	return out, nil
}

// insertRows inserts values (one per field, row after row) in one statement
// per batch that fits the backend's parameter limit.
func (db *DB) insertRows(ctx context.Context, m *registry.Model, fields []*registry.Field, values []any, conflict *dialects.Conflict) error {
	cols := len(fields)
	per := max(1, db.dialect.Features().MaxParams/cols) * cols
	for start := 0; start < len(values); start += per {
		ins := &sqlq.Insert{Model: m, Fields: fields, Values: values[start:min(start+per, len(values))], Conflict: conflict}
		c, err := sqlq.CompileInsert(db.dialect, ins)
		if err != nil {
			return publicError(err)
		}
		if _, err := db.exec(ctx, c.SQL, c.Args); err != nil {
			return err
		}
	}
	return nil
}

// Remove unrelates objs: deletes their join rows (many-to-many), or sets
// their foreign key to NULL (a nullable reverse foreign key; an object whose
// key does not point at the owner is an ErrDoesNotExist, as in Django).
// Objects that T's default QuerySet hides stay related, as in Django;
// Clear likewise.
func (rm *RelatedManager[T]) Remove(ctx context.Context, objs ...*T) error {
	if rm.err != nil {
		return rm.err
	}
	rm.forgetPrefetched()
	keys, err := rm.keysOf(objs)
	if err != nil || len(keys) == 0 {
		return err
	}
	if rm.rel.Kind != registry.ManyToMany {
		// Django refuses to remove an object its foreign key does not
		// point at the owner (as the object holds it).
		owner := rm.ownerKey()
		for i, o := range objs {
			if rm.rel.Field.Get(objptr.Of(unsafe.Pointer(o))) != owner {
				return fmt.Errorf("%w: %s object (%v) is not related to %s object (%v)",
					ErrDoesNotExist, rm.rel.From.TypeName, keys[i], rm.ownerModel.TypeName, owner)
			}
		}
	}
	return rm.unrelate(ctx, keys)
}

func (rm *RelatedManager[T]) unrelate(ctx context.Context, keys []any) error {
	owner := rm.ownerKey()
	if rm.rel.Kind != registry.ManyToMany {
		if !rm.rel.Field.Null {
			return fmt.Errorf("%w: %s.%s is not nullable: remove() and clear() need a nullable foreign key; delete the objects instead",
				ErrInvalidQuery, rm.rel.From.TypeName, rm.rel.Field.Name)
		}
		q := Objects[T](rm.db).Filter(Q{rm.rel.Field.Name: owner})
		if keys != nil {
			q = q.Filter(Q{"pk__in": keys})
		}
		_, err := q.Update(ctx, Set{rm.rel.Field.Name: nil})
		return err
	}
	if rm.db.hasM2MSignals(rm.rel) {
		// The signals run in the change's transaction, around the DELETE.
		action := "remove"
		if keys == nil {
			action = "clear"
		}
		return Atomic(ctx, rm.db, func(ctx context.Context) error {
			if err := rm.sendM2M(ctx, "pre_"+action, keys); err != nil {
				return err
			}
			if err := rm.removeJoinRows(ctx, owner, keys); err != nil {
				return err
			}
			return rm.sendM2M(ctx, "post_"+action, keys)
		})
	}
	return rm.removeJoinRows(ctx, owner, keys)
}

// removeJoinRows deletes the owner's join rows to keys (all for nil). When
// T has a default QuerySet only the rows to objects it shows go, as
// Django's many-to-many manager removes and clears through the related
// model's default manager.
func (rm *RelatedManager[T]) removeJoinRows(ctx context.Context, owner any, keys []any) error {
	target := rm.rel.To()
	if !rm.forward {
		target = rm.rel.From
	}
	if target.DefaultQuerySet.Load() == nil {
		return rm.deleteJoinRows(ctx, owner, keys)
	}
	shown := rm.QuerySet.ValuesList("pk") // the related objects T's default QuerySet shows
	if keys != nil {
		shown = Objects[T](rm.db).Filter(Q{"pk__in": keys}).ValuesList("pk")
	}
	visible, err := shown.Flat().All(ctx)
	if err != nil || len(visible) == 0 {
		return err
	}
	return rm.deleteJoinRows(ctx, owner, visible)
}

// deleteJoinRows deletes the owner's join rows (those to keys; all for nil).
func (rm *RelatedManager[T]) deleteJoinRows(ctx context.Context, owner any, keys []any) error {
	th, ownerCol, objCol := rm.m2mSides()
	query := rm.db.sqlQuery(th.Model)
	var c Condition = Q{ownerCol.Name: owner}
	if keys != nil {
		c = Q{ownerCol.Name: owner, objCol.Name + "__in": keys}
	}
	if rm.rel.Symmetrical {
		mirror := Q{objCol.Name: owner}
		if keys != nil {
			mirror = Q{objCol.Name: owner, ownerCol.Name + "__in": keys}
		}
		c = Or(c, mirror)
	}
	if rm.db.hasDeleteSignals(th.Model) || needsCollector(th.Model) {
		// A through model of the user's with delete receivers (or rows
		// depending on it) is deleted as a QuerySet, as Django deletes
		// through the through model's manager.
		_, err := objectsOf(rm.db, th.Model).Filter(c).Delete(ctx)
		return err
	}
	cs, err := c.cond()
	if err != nil {
		return err
	}
	if err := query.AddFilter(cs, false); err != nil {
		return publicError(err)
	}
	_, err = rm.db.runDelete(ctx, query)
	return err
}

// Through returns the join rows of T's many-to-many field as Values rows
// (id and the two key columns, plus the extra fields of an explicit
// through model).
func Through[T any](db *DB, field string) *QuerySet[Row] {
	m, err := metaOf(reflect.TypeOf((*T)(nil)).Elem())
	if err == nil && m.ManyToManyField(field) == nil {
		var names []string
		for _, f := range m.ManyToMany {
			names = append(names, f.Name)
		}
		err = unknownField("Through", m, field, names)
	}
	if err != nil {
		return &QuerySet[Row]{err: err, cache: &resultCache[Row]{}}
	}
	th := m.ManyToManyField(field).Rel.Through()
	return objectsOf(db, th.Model).Values()
}

// Clear removes every object from the relation.
func (rm *RelatedManager[T]) Clear(ctx context.Context) error {
	if rm.err != nil {
		return rm.err
	}
	rm.forgetPrefetched()
	return rm.unrelate(ctx, nil)
}

// Set makes objs exactly the related objects: it removes the others and
// adds the missing ones, in one transaction (through a reverse foreign key
// that cannot be NULL it only adds, as Django's set()). As Django's set(), the objects
// already related are left alone: they are neither removed nor re-added,
// and m2m_changed sees only what changes.
func (rm *RelatedManager[T]) Set(ctx context.Context, objs ...*T) error {
	if rm.err != nil {
		return rm.err
	}
	rm.forgetPrefetched()
	keys, err := rm.keysOf(objs)
	if err != nil {
		return err
	}
	if rm.rel.Kind != registry.ManyToMany && !rm.rel.Field.Null {
		// A reverse foreign key that cannot be NULL cannot let objects go:
		// Django's set() then only adds.
		return rm.Add(ctx, objs...)
	}
	return Atomic(ctx, rm.db, func(ctx context.Context) error {
		current, err := Objects[T](rm.db).Filter(Q{"pk__in": rm.QuerySet.ValuesList("pk")}).ValuesList("pk").Flat().All(ctx)
		if err != nil {
			return err
		}
		want, related := map[any]bool{}, map[any]bool{}
		for _, k := range keys {
			want[k] = true
		}
		var drop []any
		for _, k := range current {
			related[k] = true
			if !want[k] {
				drop = append(drop, k)
			}
		}
		if len(drop) > 0 {
			if err := rm.unrelate(ctx, drop); err != nil {
				return err
			}
		}
		var fresh []*T
		for i, o := range objs {
			if !related[keys[i]] {
				fresh = append(fresh, o)
			}
		}
		return rm.Add(ctx, fresh...)
	})
}

// forgetPrefetched drops the owner's prefetched objects of this relation
// before a change to it, as Django's _remove_prefetched_objects: a later
// read queries the database instead of answering from a stale list.
func (rm *RelatedManager[T]) forgetPrefetched() {
	st := stateOf(rm.ownerModel, rm.owner)
	if _, ok := st.st.cache[rm.name]; ok {
		delete(st.st.cache, rm.name)
		rm.QuerySet.cache = &resultCache[*T]{}
	}
}
