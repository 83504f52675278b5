package orm

import (
	"fmt"

	"github.com/djorm/orm/internal/sqlq"
)

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
		combined := b.db.sqlQuery(qs.model)
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
