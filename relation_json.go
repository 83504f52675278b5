package orm

import (
	"bytes"
	"encoding/json"
)

// MarshalJSON writes the related object when it is loaded (SelectRelated,
// PrefetchRelated, Get), else its key, or null: json.Marshal of a model
// gives what an API sends instead of {}.
func (fk ForeignKey[T]) MarshalJSON() ([]byte, error) {
	if fk.loaded && fk.obj != nil {
		return json.Marshal(fk.obj)
	}
	if !fk.ref.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(fk.ref.Value())
}

// UnmarshalJSON reads a key (a number or a string) or null; an object is
// read as the related instance and its key.
func (fk *ForeignKey[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		fk.SetID(nil)
		return nil
	case len(b) > 0 && b[0] == '{':
		obj := new(T)
		if err := json.Unmarshal(b, obj); err != nil {
			return err
		}
		*fk = Ref(obj)
		return nil
	}
	var id any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&id); err != nil {
		return err
	}
	if n, ok := id.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			id = i
		} else {
			id = n.String()
		}
	}
	fk.SetID(id)
	return nil
}

// MarshalJSON writes nothing of a many-to-many field (null): its objects
// live in the manager (Related) or a prefetch (Prefetched), not the field.
func (ManyToMany[T]) MarshalJSON() ([]byte, error) { return []byte("null"), nil }
