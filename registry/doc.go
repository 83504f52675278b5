// Package registry turns Go struct types into model metadata: table and
// column names, field kinds, relations, indexes and the per-field codecs that
// move values between struct fields and database/sql.
//
// Metadata is derived once per type, when the model is registered, and is
// read-only afterwards (relations to models registered later are attached
// through atomic pointers), so the hot paths that bind and scan rows never use
// reflection. Package orm owns the registry instance users see through
// orm.Register; this package knows nothing of SQL text or dialects.
package registry
