package dialects

import (
	"strconv"

	"github.com/djorm/orm/registry"
)

// The lookups and transforms of array fields (Django's ArrayField, kind
// registry.Array). The compiler hands the lookups to Compare under these
// names and the transforms to Func; a backend with Features.Arrays renders
// them, every other one refuses them with a NotSupported error (Base
// and RenderFunc do).
const (
	// ArrayContains is lhs @> rhs: lhs holds every element of rhs
	// (Django's contains).
	ArrayContains = "array_contains"
	// ArrayContainedBy is lhs <@ rhs (Django's contained_by).
	ArrayContainedBy = "array_contained_by"
	// ArrayOverlap is lhs && rhs: an element in common (Django's overlap).
	ArrayOverlap = "array_overlap"

	// ArrayIndexFunc takes the array and one or more 1-based subscripts
	// (ArrayInt nodes): the element (Django's index transform, tags__0).
	ArrayIndexFunc = "ArrayIndex"
	// ArraySliceFunc takes the array and two 1-based bounds (ArrayInt nodes),
	// both included: the sub-array (Django's slice transform, tags__0_2).
	ArraySliceFunc = "ArraySlice"
	// ArrayLenFunc takes the array: the length of its first dimension, 0 for
	// an empty array and NULL for NULL (Django's len transform).
	ArrayLenFunc = "ArrayLen"
)

// IsArrayLookup reports whether a Compare lookup name is an array lookup.
func IsArrayLookup(name string) bool {
	return name == ArrayContains || name == ArrayContainedBy || name == ArrayOverlap
}

// IsArrayFunc reports whether a Func name is an array transform.
func IsArrayFunc(name string) bool {
	return name == ArrayIndexFunc || name == ArraySliceFunc || name == ArrayLenFunc
}

// ArrayInt is a subscript or slice bound of ArrayIndexFunc and ArraySliceFunc: a
// whole number written into the SQL (djorm computes it; it is never user
// text).
type ArrayInt int

// WriteSQL implements Node.
func (n ArrayInt) WriteSQL(w *Writer) { w.Buf = strconv.AppendInt(w.Buf, int64(n), 10) }

// Kind reports IntegerField, so an ArrayInt can stand where the compiler
// wants a typed operand.
func (ArrayInt) Kind() registry.Kind { return registry.Int }

// arrayTransformNames are Django's names of the array transforms, for
// messages.
var arrayTransformNames = map[string]string{
	ArrayIndexFunc: "the index transform (field__0)", ArraySliceFunc: "the slice transform (field__0_2)", ArrayLenFunc: "the len transform",
}

// unsupportedArray refuses an array lookup or transform on a backend
// without arrays.
func unsupportedArray(w *Writer, what string) {
	w.Unsupported("array fields (ArrayField: " + what + ")")
}

// CheckColumn reports whether d can create f's column: an array field
// (registry.Array) needs Features.Arrays, and its element type (an array
// field rebuilt without one cannot be created). The error is a
// *NotSupported for a backend without arrays. Schema code calls it before
// ColumnType, which cannot fail.
func CheckColumn(d Dialect, f *registry.Field) error {
	if f == nil || f.Kind != registry.Array {
		return nil
	}
	if !d.Features().Arrays {
		where := f.Name
		if f.Model != nil {
			where = f.Model.TypeName + "." + f.GoName
		}
		return &NotSupported{Dialect: d.Name(), Feature: "array fields (ArrayField " + where + "; PostgreSQL only)"}
	}
	if _, ok := f.ArrayType(); !ok {
		return &NotSupported{Dialect: d.Name(), Feature: "an array field without its element type (" + f.Name + ")"}
	}
	return nil
}
