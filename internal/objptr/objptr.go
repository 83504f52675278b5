// Package objptr is the address of one model value, as the registry's field
// accessors take it.
//
// The registry reads and writes model fields at an offset from a model
// value's address, without reflection, for speed. Accepting a bare
// unsafe.Pointer would let any caller hand it the address of anything; an
// Obj can only be made inside this module (the package is internal), so
// every Obj the registry sees was made by djorm from a pointer to a value
// of the model's Go type.
package objptr

import "unsafe"

// Obj is the address of one value of a model's Go type.
type Obj struct{ p unsafe.Pointer }

// Of wraps p, which must point to a value of the model's Go type.
func Of(p unsafe.Pointer) Obj { return Obj{p} }

// Pointer returns the address.
func (o Obj) Pointer() unsafe.Pointer { return o.p }

// Add returns the address off bytes past the value's start: a field's.
func (o Obj) Add(off uintptr) unsafe.Pointer { return unsafe.Add(o.p, off) }

// Nil reports whether o holds no address.
func (o Obj) Nil() bool { return o.p == nil }
