package orm

import (
	"errors"
	"testing"
	"unsafe"
)

// The model-row paths reinterpret a model pointer as the QuerySet's element
// type; modelElem is the check that makes that safe by test, not by
// convention.
func TestModelElemAcceptsOnlyPointers(t *testing.T) {
	type book struct{ ID int64 }
	if err := modelElem[*book](); err != nil {
		t.Errorf("*book: %v", err)
	}
	if err := modelElem[unsafe.Pointer](); err != nil {
		t.Errorf("unsafe.Pointer: %v", err)
	}
	for name, err := range map[string]error{"Row": modelElem[Row](), "int64": modelElem[int64](), "book": modelElem[book]()} {
		if !errors.Is(err, ErrInvalidQuery) {
			t.Errorf("%s: %v, want ErrInvalidQuery", name, err)
		}
	}
	b := &book{ID: 7}
	if got := elemPointer[*book](unsafe.Pointer(b)); got != b {
		t.Errorf("elemPointer = %p, want %p", got, b)
	}
	if ps := pointersOf([]*book{b}); len(ps) != 1 || ps[0] != unsafe.Pointer(b) {
		t.Errorf("pointersOf = %v", ps)
	}
}
