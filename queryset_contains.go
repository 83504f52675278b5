package orm

import (
	"context"
	"fmt"
	"reflect"
)

// Contains reports whether obj (a saved instance of the QuerySet's model)
// is among the QuerySet's rows (Django's QuerySet.contains): from the
// result cache when the QuerySet was evaluated, else with one EXISTS query.
func (qs *QuerySet[E]) Contains(ctx context.Context, obj E) (bool, error) {
	if qs.err != nil {
		return false, qs.err
	}
	m, p, err := modelOf(any(obj))
	if err != nil {
		return false, err
	}
	if m != qs.model {
		return false, fmt.Errorf("%w: Contains: %s is not a %s", ErrInvalidQuery, m.TypeName, qs.model.TypeName)
	}
	pk := pkValue(m, p)
	if pk == nil {
		return false, fmt.Errorf("%w: Contains: an unsaved %s is in no QuerySet", ErrInvalidQuery, m.TypeName)
	}
	if qs.shape != shapeModels {
		return false, fmt.Errorf("%w: Contains cannot be used after Values or ValuesList", ErrInvalidQuery)
	}
	if rows, ok := qs.cached(); ok {
		for _, rp := range pointersOf(rows) {
			if reflect.DeepEqual(pkValue(m, rp), pk) {
				return true, nil
			}
		}
		return false, nil
	}
	return qs.Filter(Q{"pk": pk}).Exists(ctx)
}
