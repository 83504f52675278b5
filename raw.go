package orm

import (
	"context"
	"fmt"
	"strings"
	"unsafe"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

type rawQuery struct {
	sql  string
	args []any
}

// Raw maps the rows of a hand-written SELECT onto T (Django's raw()).
// Write ? for each argument on every backend; djorm turns them into the
// backend's placeholders. Columns named like T's fields fill them; other
// columns land in the instance's annotations; fields without a column are
// deferred. Chain methods other than Using, FetchMode and PrefetchRelated
// do not apply.
func Raw[T any](db *DB, sql SQLText, args ...any) *QuerySet[*T] {
	qs := Objects[T](db)
	qs.raw = &rawQuery{sql: string(sql), args: args}
	if db != nil && qs.err == nil {
		w := dialects.NewWriter(db.dialect)
		(&sqlq.RawExpr{SQL: string(sql), Args: canonArgs(args)}).WriteSQL(w)
		if w.Err != nil {
			qs.err = publicError(w.Err)
		} else {
			qs.raw.sql, qs.raw.args = string(w.Buf), w.Args
		}
	}
	return qs
}

func canonArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		v, _ := lookupValue(a)
		out[i] = sqlq.Canon(v)
	}
	return out
}

// fetchRawPrefetched is fetchRaw followed by the QuerySet's
// PrefetchRelated lookups (Django's RawQuerySet.prefetch_related).
func (qs *QuerySet[E]) fetchRawPrefetched(ctx context.Context, db *DB, each func(E) error) ([]E, error) {
	if len(qs.prefetch) == 0 || each != nil {
		return qs.fetchRaw(ctx, db, each)
	}
	if err := checkPrefetch(qs.model, qs.prefetch); err != nil {
		return nil, err
	}
	out, err := qs.fetchRaw(ctx, db, nil)
	if err != nil {
		return nil, err
	}
	if err := prefetchInto(ctx, db, qs.model, pointersOf(out), qs.prefetch); err != nil {
		return nil, err
	}
	return out, nil
}

func (qs *QuerySet[E]) fetchRaw(ctx context.Context, db *DB, each func(E) error) (out []E, err error) {
	if qs.ops != nil {
		return nil, fmt.Errorf("%w: a Raw QuerySet takes no chain calls (got %s)", ErrInvalidQuery, qs.ops.name)
	}
	rows, done, err := db.query(ctx, qs.raw.sql, qs.raw.args)
	if err != nil {
		return nil, err
	}
	n := int64(0)
	defer func() {
		if err = done.close(rows, n, err); err != nil {
			out = nil
		}
	}()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	m := qs.model
	c := &sqlq.Compiled{Groups: []sqlq.Group{{Model: m, Parent: -1}}}
	loaded := map[*registry.Field]bool{}
	for _, name := range cols {
		f := m.Field(strings.ToLower(name))
		if f == nil {
			for _, x := range m.Fields {
				if strings.EqualFold(x.Column, name) {
					f = x
				}
			}
		}
		if f != nil && f.Concrete() && !loaded[f] {
			loaded[f] = true
			c.Cols = append(c.Cols, sqlq.OutCol{Field: f, Kind: f.Kind, Group: 0})
			c.Groups[0].Fields = append(c.Groups[0].Fields, f)
		} else {
			c.Cols = append(c.Cols, sqlq.OutCol{Name: name, Group: -1, Annotation: true})
		}
	}
	if !loaded[m.PK] {
		return nil, fmt.Errorf("%w: Raw query must include the primary key column %q", ErrInvalidQuery, m.PK.Column)
	}
	var deferred []string
	for _, f := range m.Fields {
		if !loaded[f] {
			deferred = append(deferred, f.Name)
		}
	}
	if err := modelElem[E](); err != nil {
		return nil, err
	}
	s := newModelScanner(db, c, deferred, qs.mode, qs.alloc)
	defer s.release()
	for rows.Next() {
		var p unsafe.Pointer
		if p, err = s.scan(rows); err != nil {
			return nil, err
		}
		n++
		e := elemPointer[E](p)
		if each != nil {
			if err = each(e); err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, e)
	}
	if err = rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
