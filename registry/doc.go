// Package registry turns Go struct types into model metadata: table and
// column names, field kinds, relations, indexes and the per-field codecs that
// move values between struct fields and database/sql.
//
// Metadata is derived once per type, when the model is registered, and is
// read-only afterwards (relations to models registered later are attached
// through atomic pointers), so the hot paths that bind and scan rows never use
// reflection. Package orm owns the registry instance users see through
// orm.Register; this package knows nothing of SQL text or dialects.
//
// The codecs read and write a field at its offset inside a model value. The
// accessors that do so (Field.Get, Set, TimeAt, DecimalAt) take an
// objptr.Obj, a type internal to the module that no exported function
// returns: code outside djorm can read the metadata (offsets included, as
// reflect gives them) but cannot hand the registry an address, and nothing
// here returns an unsafe.Pointer.
package registry
