package orm

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"
	"unsafe"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

func lockOf(q *sqlq.Query, cfg lockConfig) (*dialects.Lock, error) {
	q.LockOf = cfg.of
	return &dialects.Lock{NoWait: cfg.noWait, SkipLocked: cfg.skipLocked, NoKey: cfg.noKey}, nil
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
		return f.Get(p)
	}
	return reflect.NewAt(f.Type, f.Ptr(p)).Elem().Interface()
}

// GetOrCreate gets the object matching lookup, or creates it from lookup's
// exact fields and defaults (a func() any default is called only when
// creating). It reports whether it created. A concurrent creation of the
// same unique row is absorbed: the IntegrityError makes it Get again.
func (qs *QuerySet[E]) GetOrCreate(ctx context.Context, lookup Q, defaults Set) (E, bool, error) {
	var zero E
	obj, err := qs.Get(ctx, lookup)
	if err == nil || !errors.Is(err, ErrDoesNotExist) {
		return obj, false, err
	}
	db, err := qs.database()
	if err != nil {
		return zero, false, err
	}
	p, err := qs.newFromParams(lookup, defaults)
	if err != nil {
		return zero, false, err
	}
	err = Atomic(ctx, db, func(ctx context.Context) error { return db.insert(ctx, qs.model, p) })
	var ie *IntegrityError
	if errors.As(err, &ie) {
		if obj, gerr := qs.Get(ctx, lookup); gerr == nil {
			return obj, false, nil
		}
		return zero, false, err
	}
	if err != nil {
		return zero, false, err
	}
	return elemPointer[E](p), true, nil
}

// newFromParams builds a new object from a lookup's plain field names and
// defaults, as Django's _extract_model_params does.
func (qs *QuerySet[E]) newFromParams(lookup Q, defaults Set) (unsafe.Pointer, error) {
	m := qs.model
	if qs.shape != shapeModels {
		return nil, fmt.Errorf("%w: GetOrCreate needs a model QuerySet", ErrInvalidQuery)
	}
	p := reflect.New(m.Type).UnsafePointer()
	applyDefaults(m, p)
	params := map[string]any{}
	for k, v := range lookup {
		if !containsSep(k) {
			params[k] = v
		}
	}
	for k, v := range defaults {
		params[k] = v
	}
	var bad []string
	for _, k := range sortedKeys(params) {
		f := m.Field(k)
		if k == "pk" {
			f = m.PK
		}
		if f == nil || !f.Concrete() {
			bad = append(bad, k)
			continue
		}
		v := params[k]
		if fn, ok := v.(func() any); ok {
			v = fn()
		}
		v, err := lookupValue(v)
		if err != nil {
			return nil, err
		}
		if _, isExpr := v.(sqlq.Spec); isExpr {
			return nil, fmt.Errorf("%w: expressions are not supported as GetOrCreate values (%s)", ErrInvalidQuery, k)
		}
		if err := f.Set(p, sqlq.Canon(v)); err != nil {
			return nil, &ValidationError{Model: m.TypeName, Field: f.Name, Code: "invalid", msg: fmt.Sprintf("orm: %s.%s: %v", m.TypeName, f.Name, err)}
		}
	}
	if len(bad) > 0 {
		return nil, &FieldError{Model: m.TypeName, Field: bad[0], Choices: concreteFieldNames(m), msg: fmt.Sprintf(
			"orm: Invalid field name(s) for model %s: '%s'. Choices are: %s", m.TypeName, bad[0], choicesText(concreteFieldNames(m)))}
	}
	return p, nil
}

func containsSep(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '_' && s[i+1] == '_' {
			return true
		}
	}
	return false
}

// UpdateOrCreate updates the object matching lookup with defaults, or
// creates it, inside a transaction with the row locked (where the backend
// has row locks). It reports whether it created.
func (qs *QuerySet[E]) UpdateOrCreate(ctx context.Context, lookup Q, defaults Set) (E, bool, error) {
	var zero E
	db, err := qs.database()
	if err != nil {
		return zero, false, err
	}
	var out E
	var created bool
	err = Atomic(ctx, db, func(ctx context.Context) error {
		src := qs
		if db.dialect.Features().SelectForUpdate {
			src = qs.SelectForUpdate()
		}
		obj, made, err := src.GetOrCreate(ctx, lookup, defaults)
		if err != nil || made {
			out, created = obj, made
			return err
		}
		m := qs.model
		p := *(*unsafe.Pointer)(unsafe.Pointer(&obj))
		names := make([]string, 0, len(defaults))
		for _, k := range sortedKeys(defaults) {
			f := m.Field(k)
			if f == nil || !f.Concrete() {
				return &FieldError{Model: m.TypeName, Field: k, Choices: concreteFieldNames(m), msg: fmt.Sprintf(
					"orm: Invalid field name(s) for model %s: '%s'. Choices are: %s", m.TypeName, k, choicesText(concreteFieldNames(m)))}
			}
			v := defaults[k]
			if fn, ok := v.(func() any); ok {
				v = fn()
			}
			v, err := lookupValue(v)
			if err != nil {
				return err
			}
			if err := f.Set(p, sqlq.Canon(v)); err != nil {
				return &ValidationError{Model: m.TypeName, Field: f.Name, Code: "invalid", msg: fmt.Sprintf("orm: %s.%s: %v", m.TypeName, f.Name, err)}
			}
			names = append(names, f.Name)
		}
		out = obj
		if len(names) == 0 {
			return nil
		}
		return db.Save(ctx, any(obj), names...)
	})
	if err != nil {
		return zero, false, err
	}
	return out, created, nil
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

// Dates returns the distinct dates of field truncated to kind ("year",
// "month", "week" or "day"), ascending (Django's dates()).
func (qs *QuerySet[E]) Dates(field, kind string) *QuerySet[time.Time] {
	switch kind {
	case "year", "month", "week", "day":
	default:
		v := reshape[E, time.Time](qs, shapeDates)
		v.err = fmt.Errorf("%w: Dates kind must be one of year, month, week, day (got %q)", ErrInvalidQuery, kind)
		return v
	}
	out := qs.Filter(Q{field + "__isnull": false}).
		Annotate(As("datefield", &Expr{s: &sqlq.TruncSpec{Kind: kind, Arg: &sqlq.F{Path: field}, Out: registry.Date}})).
		Distinct().OrderBy("datefield")
	v := reshape[E, time.Time](out, shapeDates)
	v.ops = &op{prev: out.ops, name: "dates", apply: func(b *build) error {
		return b.q.SetValues([]sqlq.ValuesItem{{Path: "datefield"}})
	}}
	return v
}

// combine builds UNION / INTERSECT / EXCEPT of qs and others.
func (qs *QuerySet[E]) combine(op string, others []Queryable) *QuerySet[E] {
	return qs.with(lowerCombinator(op), func(b *build) error {
		parts := []*sqlq.Query{b.q}
		for _, o := range others {
			if o == nil {
				return fmt.Errorf("%w: nil QuerySet in %s", ErrInvalidQuery, lowerCombinator(op))
			}
			pq, err := o.topQuery(b.db)
			if err != nil {
				return err
			}
			parts = append(parts, pq)
		}
		combined := sqlq.New(qs.model, b.db.dialect)
		if err := combined.SetCombinator(op, parts); err != nil {
			return err
		}
		b.q = combined
		return nil
	})
}

// topQuery builds a QuerySet's query on its own, for combining.
func (qs *QuerySet[E]) topQuery(db *DB) (*sqlq.Query, error) {
	b, err := qs.newQuery(db)
	if err != nil {
		return nil, err
	}
	return b.q, nil
}

// Union returns the rows of qs and others, without duplicates.
func (qs *QuerySet[E]) Union(others ...Queryable) *QuerySet[E] { return qs.combine("UNION", others) }

// UnionAll returns the rows of qs and others, duplicates kept.
func (qs *QuerySet[E]) UnionAll(others ...Queryable) *QuerySet[E] {
	return qs.combine("UNION ALL", others)
}

// Intersection returns the rows in qs and in every one of others.
func (qs *QuerySet[E]) Intersection(others ...Queryable) *QuerySet[E] {
	return qs.combine("INTERSECT", others)
}

// Difference returns the rows of qs that are in none of others.
func (qs *QuerySet[E]) Difference(others ...Queryable) *QuerySet[E] {
	return qs.combine("EXCEPT", others)
}

// Or returns the rows of qs or of other, one query over the model (Django's qs1 | qs2).
func (qs *QuerySet[E]) Or(other *QuerySet[E]) *QuerySet[E] { return qs.merge(other, true) }

// And returns the rows in both qs and other (Django's qs1 & qs2).
func (qs *QuerySet[E]) And(other *QuerySet[E]) *QuerySet[E] { return qs.merge(other, false) }

func (qs *QuerySet[E]) merge(other *QuerySet[E], or bool) *QuerySet[E] {
	name := map[bool]string{true: "|", false: "&"}[or]
	return qs.with(name, func(b *build) error {
		if other == nil {
			return fmt.Errorf("%w: nil QuerySet in %s", ErrInvalidQuery, name)
		}
		if b.q.IsSliced() {
			return fmt.Errorf("%w: cannot combine queries once a slice has been taken", ErrInvalidQuery)
		}
		if other.model != qs.model {
			return fmt.Errorf("%w: cannot combine queries on two different base models", ErrInvalidQuery)
		}
		c := sqlq.Pair{Key: "pk__in", Value: other.subquery(false)}
		if or {
			return b.q.OrWith(c)
		}
		return b.q.AddFilter(c, false)
	})
}
