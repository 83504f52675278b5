package objptr

import (
	"testing"
	"unsafe"
)

func TestObjAddressesFields(t *testing.T) {
	type pair struct {
		A int32
		B int64
	}
	v := &pair{A: 1, B: 2}
	o := Of(unsafe.Pointer(v))
	if o.Nil() || o.Pointer() != unsafe.Pointer(v) {
		t.Fatalf("Of(%p) = %p", v, o.Pointer())
	}
	if got := *(*int64)(o.Add(unsafe.Offsetof(v.B))); got != 2 {
		t.Errorf("field B through Add = %d, want 2", got)
	}
	if !(Obj{}).Nil() {
		t.Error("zero Obj is not Nil")
	}
}
