package orm

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unsafe"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// PrefetchSpec is one PrefetchRelated lookup with an optional QuerySet and
// target attribute (Django's Prefetch object).
type PrefetchSpec struct {
	path   string
	qs     Queryable
	toAttr string
}

// Prefetch describes a prefetch of path, with qs (nil for all related rows)
// filtering, ordering, annotating or slicing the related rows. A sliced qs
// limits the rows per parent ("the 3 best-selling books of each author"),
// in the one prefetch query, with ROW_NUMBER() OVER (PARTITION BY ...).
func Prefetch(path string, qs Queryable) *PrefetchSpec { return &PrefetchSpec{path: path, qs: qs} }

// ToAttr puts the prefetched rows on the named attribute: a declared
// []*T (or *T) field of that snake_case name, or the instance's prefetch
// store (read it with Prefetched).
func (p *PrefetchSpec) ToAttr(name string) *PrefetchSpec {
	cp := *p
	cp.toAttr = name
	return &cp
}

// PrefetchRelated loads the related objects of the rows once they are read,
// with one extra query per relation level (Django's prefetch_related):
// forward and reverse foreign keys, one-to-ones and many-to-manys, at any
// depth ("books__reviews"). Lookups are paths or Prefetch specs.
func (qs *QuerySet[E]) PrefetchRelated(lookups ...any) *QuerySet[E] {
	if combinator := qs.combinator(); combinator != "" {
		c := qs.clone()
		c.err = &NotSupportedError{Feature: "calling prefetch_related() after " + combinator + "()"}
		return c
	}
	c := qs.clone()
	if len(lookups) == 1 && lookups[0] == nil { // Django's prefetch_related(None)
		c.prefetch = nil
		return c
	}
	c.prefetch = append([]*PrefetchSpec(nil), qs.prefetch...)
	for _, l := range lookups {
		switch x := l.(type) {
		case string:
			c.prefetch = append(c.prefetch, &PrefetchSpec{path: x})
		case *PrefetchSpec:
			if x == nil {
				c.err = fmt.Errorf("%w: nil Prefetch", ErrInvalidQuery)
				continue
			}
			c.prefetch = append(c.prefetch, x)
		default:
			c.err = fmt.Errorf("%w: PrefetchRelated takes paths and Prefetch specs, not %T", ErrInvalidQuery, l)
		}
	}
	return c
}

// ClearPrefetchRelated removes every PrefetchRelated (Django's
// prefetch_related(None); PrefetchRelated(nil) does the same).
func (qs *QuerySet[E]) ClearPrefetchRelated() *QuerySet[E] {
	c := qs.clone()
	c.prefetch = nil
	return c
}

// PrefetchRelatedObjects prefetches lookups onto objects already loaded
// (Django's prefetch_related_objects), from the database they came from.
func PrefetchRelatedObjects[T any](ctx context.Context, objs []*T, lookups ...any) error {
	if len(objs) == 0 {
		return nil
	}
	m, err := metaOf(reflect.TypeOf((*T)(nil)).Elem())
	if err != nil {
		return err
	}
	ptrs := make([]unsafe.Pointer, 0, len(objs))
	var db *DB
	for _, o := range objs {
		if o == nil {
			return fmt.Errorf("%w: nil object passed to PrefetchRelatedObjects", ErrInvalidQuery)
		}
		p := unsafe.Pointer(o)
		if db == nil {
			db = stateOf(m, p).db()
		}
		ptrs = append(ptrs, p)
	}
	if db == nil {
		return fmt.Errorf("%w: PrefetchRelatedObjects: the objects have no database; load them through djorm", ErrInvalidQuery)
	}
	specs := (&QuerySet[*T]{}).PrefetchRelated(lookups...)
	if specs.err != nil {
		return specs.err
	}
	return prefetchInto(ctx, db, m, ptrs, specs.prefetch)
}

// Prefetched returns the objects a Prefetch(...).ToAttr(name) stored on obj
// when obj declares no field of that name.
func Prefetched[T any](obj any, name string) ([]*T, bool) {
	m, p, err := modelOf(obj)
	if err != nil {
		return nil, false
	}
	ptrs, ok := stateOf(m, p).st.cache[name].([]unsafe.Pointer)
	if !ok {
		return nil, false
	}
	out := make([]*T, len(ptrs))
	for i, x := range ptrs {
		out[i] = (*T)(x)
	}
	return out, true
}

// level is the set of objects one prefetch step starts from.
type level struct {
	m    *registry.Model
	objs []unsafe.Pointer
}

// prefetchInto runs the prefetch lookups for the instances objs of m.
func prefetchInto(ctx context.Context, db *DB, m *registry.Model, objs []unsafe.Pointer, specs []*PrefetchSpec) error {
	if len(objs) == 0 {
		return nil
	}
	done := map[string]level{}
	for _, spec := range specs {
		parts := strings.Split(spec.path, "__")
		cur := level{m: m, objs: objs}
		for i, name := range parts {
			last := i == len(parts)-1
			prefix := strings.Join(parts[:i+1], "__")
			custom := last && (spec.qs != nil || spec.toAttr != "")
			if lv, ok := done[prefix]; ok && !custom {
				cur = lv
				continue
			}
			var qs Queryable
			attr := ""
			if last {
				qs, attr = spec.qs, spec.toAttr
			}
			if attr != "" && (cur.m.Field(attr) != nil || cur.m.ManyToManyField(attr) != nil || cur.m.ReverseByAccessor(attr) != nil) {
				return fmt.Errorf("%w: to_attr=%s conflicts with a field on the %s model", ErrInvalidQuery, attr, cur.m.TypeName)
			}
			next, err := prefetchOne(ctx, db, cur, name, qs, attr)
			if err != nil {
				return err
			}
			if attr != "" {
				prefix = strings.Join(append(append([]string(nil), parts[:i]...), attr), "__")
			}
			done[prefix] = next
			cur = next
		}
	}
	return nil
}

// loadedLevel returns the objects a forward relation of lv already holds
// (SelectRelated loaded them), when every object holds its own: the next
// prefetch level then needs no query.
func loadedLevel(lv level, fwd *registry.Field, target *registry.Model) (level, bool) {
	next := level{m: target}
	seen := map[unsafe.Pointer]bool{}
	for _, p := range lv.objs {
		fk := unsafe.Add(p, fwd.Offset)
		if !*(*bool)(unsafe.Add(fk, fkLayout.loaded)) {
			return level{}, false
		}
		if obj := *(*unsafe.Pointer)(unsafe.Add(fk, fkLayout.obj)); obj != nil && !seen[obj] {
			seen[obj] = true
			next.objs = append(next.objs, obj)
		}
	}
	return next, true
}

// prefetchedLevel returns the objects an earlier prefetch of the
// many-valued relation name stored on every object of lv, if it did.
func prefetchedLevel(lv level, name string, target *registry.Model) (level, bool) {
	next := level{m: target}
	for _, p := range lv.objs {
		list, ok := stateOf(lv.m, p).st.cache[name].([]unsafe.Pointer)
		if !ok {
			return level{}, false
		}
		next.objs = append(next.objs, list...)
	}
	return next, true
}

// prefetchKey names the annotation that carries each related row's owner key.
const prefetchKey = "_prefetch_key"

// prefetchOne loads one relation for every object of lv.
func prefetchOne(ctx context.Context, db *DB, lv level, name string, user Queryable, toAttr string) (level, error) {
	m := lv.m
	var (
		fwd        *registry.Field    // forward foreign key / one-to-one
		m2m        *registry.Field    // forward many-to-many
		rev        *registry.Relation // reverse relation
		target     *registry.Model
		filterPath string // lookup on the target selecting the owners' rows
		keyPath    string // field path on the target giving the owner key
		// ownField is the owner's field a many-to-many's join rows hold
		// (its key, or the to_field of the join table's key).
		ownField = m.PK
	)
	switch f := m.Field(name); {
	case f != nil && f.ParentLink && f.Name == name:
		// A multi-table child embeds its parent at offset 0: the parent
		// objects are the children themselves, already loaded; a Prefetch
		// QuerySet's own lookups run on them.
		next := level{m: f.Rel.To(), objs: lv.objs}
		if user != nil {
			uq, err := user.modelQuerySet()
			if err != nil {
				return level{}, err
			}
			if err := prefetchInto(ctx, db, next.m, next.objs, uq.prefetch); err != nil {
				return level{}, err
			}
		}
		return next, nil
	case f != nil && f.IsRelation() && f.Name == name:
		fwd, target = f, f.Rel.To()
		filterPath, keyPath = f.Rel.ToField().Name, f.Rel.ToField().Name
	case m.ManyToManyField(name) != nil:
		m2m = m.ManyToManyField(name)
		target = m2m.Rel.To()
		if m2m.Rel.RelatedName == "+" {
			return prefetchHidden(ctx, db, lv, m2m, user, toAttr)
		}
		ownField = m2m.Rel.Through().From.Rel.ToField()
		filterPath, keyPath = byField(m2m.Rel.RelatedQueryName, ownField, m), m2m.Rel.RelatedQueryName+"__"+ownField.Name
	case m.ReverseByAccessor(name) != nil:
		rev = m.ReverseByAccessor(name)
		target = rev.From
		if rev.Kind == registry.ManyToMany {
			ownField = rev.Through().To.Rel.ToField()
			filterPath, keyPath = byField(rev.Field.Name, ownField, m), rev.Field.Name+"__"+ownField.Name
		} else {
			filterPath, keyPath = rev.Field.Name, rev.Field.Attname
		}
	default:
		return level{}, &FieldError{Model: m.TypeName, Field: name, Choices: prefetchChoices(m), msg: fmt.Sprintf(
			"orm: Cannot find '%s' on %s object, '%s' is an invalid parameter to PrefetchRelated(); choices: %s",
			name, m.TypeName, name, choicesText(prefetchChoices(m)))}
	}
	if fwd != nil && user == nil && toAttr == "" {
		if next, ok := loadedLevel(lv, fwd, target); ok {
			return next, nil // SelectRelated loaded them: Django's is_fetched
		}
	}
	if fwd == nil && user == nil && toAttr == "" && (rev == nil || rev.Kind != registry.OneToOne) {
		if next, ok := prefetchedLevel(lv, name, target); ok {
			return next, nil // an earlier prefetch filled every object: Django's is_fetched
		}
	}
	// The owners' keys, in first-seen order.
	ownerKey := func(p unsafe.Pointer) any {
		switch {
		case fwd != nil:
			return fwd.Get(objptr.Of(p))
		case rev != nil && rev.Kind != registry.ManyToMany:
			return nonZero(rev.ToField().Get(objptr.Of(p)))
		case ownField != m.PK:
			return nonZero(ownField.Get(objptr.Of(p)))
		}
		return pkValue(m, p)
	}
	var keys []any
	seen := map[any]bool{}
	for _, p := range lv.objs {
		if k := ownerKey(p); k != nil && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	base := objectsOf(db, target) // a foreign key's objects: Django's base manager
	if fwd == nil && (rev == nil || rev.Kind != registry.OneToOne) {
		base = defaultObjectsOf(db, target) // reverse foreign keys and many-to-many: the default manager
	}
	if user != nil {
		uq, err := user.modelQuerySet()
		if err != nil {
			return level{}, err
		}
		if uq.model != target {
			return level{}, fmt.Errorf("%w: the Prefetch QuerySet for %q must be over %s, not %s", ErrInvalidQuery, name, target.TypeName, uq.model.TypeName)
		}
		base = uq
		base.db = db
	}
	inheritMode(base, lv)
	// Owner keys sit in a selected column except across a many-to-many,
	// where the join table's column is added as an annotation.
	inField := fwd != nil || (rev != nil && rev.Kind != registry.ManyToMany)
	related, err := fetchRelated(ctx, base, keys, filterPath, keyPath, inField)
	if err != nil {
		return level{}, err
	}
	return stitch(lv, name, toAttr, fwd, rev, target, related, ownerKey), nil
}

// byField is the lookup selecting rows related through rel to owners
// whose field f holds the keys: rel itself when f is the owner's key.
func byField(rel string, f *registry.Field, owner *registry.Model) string {
	if f == owner.PK {
		return rel
	}
	return rel + "__" + f.Name
}

// prefetchHidden prefetches a many-to-many with no reverse lookup name
// (symmetrical, or related_name=+) in two queries: the join rows, then the
// targets.
func prefetchHidden(ctx context.Context, db *DB, lv level, f *registry.Field, user Queryable, toAttr string) (level, error) {
	m := lv.m
	th := f.Rel.Through()
	var owners []any
	for _, p := range lv.objs {
		if k := pkValue(m, p); k != nil {
			owners = append(owners, k)
		}
	}
	links, err := objectsOf(db, th.Model).Filter(Q{th.From.Name + "__in": owners}).
		ValuesList(th.From.Attname, th.To.Attname).All(ctx)
	if err != nil {
		return level{}, err
	}
	var targets []any
	seen := map[any]bool{}
	for _, l := range links {
		if !seen[l[1]] {
			seen[l[1]] = true
			targets = append(targets, l[1])
		}
	}
	base := defaultObjectsOf(db, f.Rel.To())
	if user != nil {
		if base, err = user.modelQuerySet(); err != nil {
			return level{}, err
		}
		base.db = db
	}
	inheritMode(base, lv)
	found, err := fetchRelated(ctx, base, targets, "pk", f.Rel.To().PK.Name, true)
	if err != nil {
		return level{}, err
	}
	byKey := map[any]unsafe.Pointer{}
	for _, r := range found {
		byKey[r.key] = r.obj
	}
	var related []keyed
	for _, l := range links {
		if obj, ok := byKey[l[1]]; ok {
			related = append(related, keyed{key: l[0], obj: obj})
		}
	}
	return stitch(lv, f.Name, toAttr, nil, nil, f.Rel.To(), related, func(p unsafe.Pointer) any { return pkValue(m, p) }), nil
}

// inheritMode gives the objects a prefetch loads the fetch mode of their
// owners, unless its Prefetch QuerySet sets its own (Django 6.1: a fetch
// mode carries to the objects prefetch_related fetches), so a prefetched
// object's unloaded relation still raises under FetchMode(Raise).
func inheritMode(base *QuerySet[unsafe.Pointer], lv level) {
	if base.mode != FetchOne || len(lv.objs) == 0 {
		return
	}
	base.mode = stateOf(lv.m, lv.objs[0]).st.mode
}

// checkPrefetch resolves every prefetch lookup against the models before
// any SQL runs (Django finds a bad one only once rows came back): each
// name is a relation of the model reached so far, or a ToAttr an earlier
// lookup made.
func checkPrefetch(m *registry.Model, specs []*PrefetchSpec) error {
	attrs := map[string]*registry.Model{} // "rooms_lst" -> the model its objects are
	for _, spec := range specs {
		cur := m
		parts := strings.Split(spec.path, "__")
		for i, name := range parts {
			prefix := strings.Join(parts[:i+1], "__")
			if to, ok := attrs[prefix]; ok {
				cur = to
				continue
			}
			next := relationTarget(cur, name)
			if next == nil {
				return &FieldError{Model: cur.TypeName, Field: name, Choices: prefetchChoices(cur), msg: fmt.Sprintf(
					"orm: Cannot find '%s' on %s object, '%s' is an invalid parameter to PrefetchRelated(); choices: %s",
					name, cur.TypeName, spec.path, choicesText(prefetchChoices(cur)))}
			}
			if i == len(parts)-1 && spec.toAttr != "" {
				attrs[strings.Join(append(append([]string(nil), parts[:i]...), spec.toAttr), "__")] = next
			}
			cur = next
		}
	}
	return nil
}

// relationTarget returns the model a prefetchable relation name of m leads
// to, or nil.
func relationTarget(m *registry.Model, name string) *registry.Model {
	switch f := m.Field(name); {
	case f != nil && (f.IsRelation() || f.ParentLink) && f.Name == name:
		return f.Rel.To()
	case m.ManyToManyField(name) != nil:
		return m.ManyToManyField(name).Rel.To()
	case m.ReverseByAccessor(name) != nil:
		return m.ReverseByAccessor(name).From
	}
	return nil
}

func prefetchChoices(m *registry.Model) []string {
	var out []string
	for _, f := range m.Fields {
		if f.IsRelation() {
			out = append(out, f.Name)
		}
	}
	for _, f := range m.ManyToMany {
		out = append(out, f.Name)
	}
	for _, r := range m.Reverse() {
		if r.RelatedName != "+" {
			out = append(out, r.RelatedName)
		}
	}
	return out
}

// keyed is a related row and the owner key it belongs to.
type keyed struct {
	key any
	obj unsafe.Pointer
}

// fetchRelated selects the target rows of keys (in batches under the
// backend's parameter limit), each carrying its owner key: the field
// keyPath when inField, else an annotation of that path.
func fetchRelated(ctx context.Context, base *QuerySet[unsafe.Pointer], keys []any, filterPath, keyPath string, inField bool) ([]keyed, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	db, err := base.database()
	if err != nil {
		return nil, err
	}
	batch := max(1, db.dialect.Features().MaxParams-100)
	if n := db.dialect.Features().MaxInList; n > 0 && n < batch {
		batch = n * 20 // split further into IN lists by the compiler
	}
	var out []keyed
	for start := 0; start < len(keys); start += batch {
		part := keys[start:min(start+batch, len(keys))]
		qs := base.with("prefetch", func(b *build) error {
			if err := b.q.AddFilter(sqlq.Pair{Key: filterPath + "__in", Value: part}, false); err != nil {
				return err
			}
			if !inField {
				if err := b.q.AddAnnotation(sqlq.NamedSpec{Name: prefetchKey, E: &sqlq.F{Path: keyPath}}, true); err != nil {
					return err
				}
			}
			return b.q.PartitionBy(keyPath)
		})
		rows, err := qs.fetch(ctx, nil)
		if err != nil {
			return nil, err
		}
		for _, p := range rows {
			st := stateOf(base.model, p)
			var k any
			if inField {
				k = nonZero(base.model.Field(keyPath).Get(objptr.Of(p)))
			} else {
				k = st.st.ann[prefetchKey]
				delete(st.st.ann, prefetchKey)
				if len(st.st.ann) == 0 {
					st.st.ann = nil
				}
			}
			out = append(out, keyed{key: k, obj: p})
		}
	}
	return out, nil
}

// stitch attaches the related rows to their owners and returns them as the
// next level.
func stitch(lv level, name, toAttr string, fwd *registry.Field, rev *registry.Relation, target *registry.Model,
	related []keyed, ownerKey func(unsafe.Pointer) any) level {
	byKey := map[any][]unsafe.Pointer{}
	next := level{m: target}
	for _, r := range related {
		byKey[r.key] = append(byKey[r.key], r.obj)
		next.objs = append(next.objs, r.obj)
	}
	m := lv.m
	for _, owner := range lv.objs {
		list := byKey[ownerKey(owner)]
		if list == nil {
			list = []unsafe.Pointer{}
		}
		st := stateOf(m, owner)
		single := fwd != nil || (rev != nil && rev.Kind == registry.OneToOne)
		var one unsafe.Pointer
		if len(list) > 0 {
			one = list[0]
		}
		switch {
		case toAttr != "":
			setAttr(m, owner, st, toAttr, list, one, single)
		case fwd != nil:
			setCached(unsafe.Add(owner, fwd.Offset), one)
		case rev != nil && rev.Kind == registry.OneToOne:
			setCache(st, reverseKey(rev), one)
		default:
			setCache(st, name, list)
		}
		if rev != nil && rev.Kind != registry.ManyToMany {
			for _, child := range list {
				setCached(unsafe.Add(child, rev.Field.Offset), owner) // the child's foreign key now holds its owner
			}
		}
	}
	return next
}

func setCache(st *Model, key string, v any) {
	if st.st.cache == nil {
		st.st.cache = map[string]any{}
	}
	st.st.cache[key] = v
}

// setAttr stores prefetched rows in a declared []*T / *T field, or in the
// instance's prefetch store. []*T and []unsafe.Pointer share their layout.
func setAttr(m *registry.Model, owner unsafe.Pointer, st *Model, name string, list []unsafe.Pointer, one unsafe.Pointer, single bool) {
	a := m.Attrs[name]
	switch {
	case a != nil && a.Slice:
		*(*[]unsafe.Pointer)(unsafe.Add(owner, a.Offset)) = list
	case a != nil:
		*(*unsafe.Pointer)(unsafe.Add(owner, a.Offset)) = one
	case single:
		setCache(st, name, []unsafe.Pointer{one})
	default:
		setCache(st, name, list)
	}
}

// objectsOf returns an untyped model QuerySet over m.
func objectsOf(db *DB, m *registry.Model) *QuerySet[unsafe.Pointer] {
	return &QuerySet[unsafe.Pointer]{db: db, model: m, cache: &resultCache[unsafe.Pointer]{}}
}

// modelQuerySet makes a model QuerySet usable as a Prefetch queryset.
func (qs *QuerySet[E]) modelQuerySet() (*QuerySet[unsafe.Pointer], error) {
	if qs.err != nil {
		return nil, qs.err
	}
	if qs.shape != shapeModels || qs.raw != nil {
		return nil, fmt.Errorf("%w: a Prefetch QuerySet must return model instances (no Values, no Raw)", ErrInvalidQuery)
	}
	return reshape[E, unsafe.Pointer](qs, shapeModels), nil
}

func (s *throughSubquery) modelQuerySet() (*QuerySet[unsafe.Pointer], error) {
	return nil, fmt.Errorf("%w: a join table is not a Prefetch QuerySet", ErrInvalidQuery)
}

// peerGroup links the instances one QuerySet returned, for FetchPeers: the
// first load of a relation from any of them loads it for all.
type peerGroup struct {
	mu     sync.Mutex
	m      *registry.Model
	objs   []unsafe.Pointer
	loaded map[string]error
}

func (p *peerGroup) add(m *registry.Model, obj unsafe.Pointer) {
	p.m = m
	p.objs = append(p.objs, obj)
	stateOf(m, obj).st.peers = p
}

// load prefetches the relation name for every peer, once.
func (p *peerGroup) load(ctx context.Context, db *DB, name string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err, ok := p.loaded[name]; ok {
		return err
	}
	err := prefetchInto(ctx, db, p.m, p.objs, []*PrefetchSpec{{path: name}})
	if p.loaded == nil {
		p.loaded = map[string]error{}
	}
	if ctx.Err() == nil {
		p.loaded[name] = err
	}
	return err
}

// fieldAt finds the relation field of m at the given offset.
func fieldAt(m *registry.Model, off uintptr) *registry.Field {
	for _, f := range m.Fields {
		if f.Offset == off && f.IsRelation() {
			return f
		}
	}
	return nil
}
