package orm

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unsafe"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/registry"
)

// ValidationErrors collects the errors Validate found, per field name
// ("__all__" for those of several fields, Django's NON_FIELD_ERRORS).
type ValidationErrors map[string][]*ValidationError

// Error lists every error, fields in order.
func (e ValidationErrors) Error() string {
	names := make([]string, 0, len(e))
	for n := range e {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		for _, v := range e[n] {
			parts = append(parts, v.Error())
		}
	}
	return strings.Join(parts, "; ")
}

// RegisterValidator names a function that validators=name runs in
// Validate (Django's field validators); email, url, slug, ipv4, ipv6 and ip
// are built in. Register it before the models that use it.
func RegisterValidator(name string, fn func(v any) error) error {
	return models.RegisterValidator(name, fn)
}

// Validate checks obj as Django's full_clean does and collects every
// error as ValidationErrors: each field's value (null, blank, max_length,
// choices, decimal digits, ...), its validators=, then unique fields,
// Meta.UniqueTogether and Meta.Constraints against the database (other
// rows only; Django's validate_unique and validate_constraints). Fields
// named in exclude are not checked, nor constraints over them. It writes
// nothing.
func (db *DB) Validate(ctx context.Context, obj any, exclude ...string) error {
	m, p, err := modelOf(obj)
	if err != nil {
		return err
	}
	errs := ValidationErrors{}
	skip := map[string]bool{}
	for _, n := range exclude {
		if f := m.Field(n); f == nil {
			return unknownField("Validate", m, n, concreteFieldNames(m))
		}
		skip[n] = true
	}
	for _, f := range m.Fields {
		if skip[f.Name] || f.Auto || f.Generated != "" || leftToDatabase(m, f, p) {
			continue
		}
		if err := cleanField(m, f, f.Get(objptr.Of(p))); err != nil {
			errs[f.Name] = append(errs[f.Name], err)
		}
	}
	if err := db.validateUnique(ctx, m, p, skip, errs); err != nil {
		return err
	}
	if err := db.validateConstraints(ctx, m, p, skip, errs); err != nil {
		return err
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// cleanField checks one value: what writes check, then blank (an empty
// value in a field not tagged blank, NULL included, as Django's
// Field.validate) and the field's validators, which skip empty values.
func cleanField(m *registry.Model, f *registry.Field, v any) *ValidationError {
	fail := func(code, format string, args ...any) *ValidationError {
		return failer(m, f)(code, format, args...).(*ValidationError)
	}
	if err := validate(m, f, v); err != nil {
		if ve, ok := err.(*ValidationError); ok {
			return ve
		}
		return fail("invalid", "%v", err)
	}
	if v == nil || v == "" {
		if !f.Blank {
			return fail("blank", "This field cannot be blank.")
		}
		return nil
	}
	for _, val := range f.Validators {
		if err := val.Check(v); err != nil {
			return fail(val.Name, "%v", err)
		}
	}
	return nil
}

// validateUnique looks for other rows holding obj's unique values (Django's
// validate_unique): one query per unique field and set.
func (db *DB) validateUnique(ctx context.Context, m *registry.Model, p unsafe.Pointer, skip map[string]bool, errs ValidationErrors) error {
	sets := [][]string{}
	for _, f := range m.Fields {
		if f.Unique && !f.Auto && !skip[f.Name] && len(errs[f.Name]) == 0 {
			sets = append(sets, []string{f.Name})
		}
	}
	for _, set := range m.Meta.UniqueTogether {
		sets = append(sets, set)
	}
	pk := pkValue(m, p)
	for _, set := range sets {
		q := Q{}
		complete := true
		for _, name := range set {
			f := m.Field(name)
			v := f.Get(objptr.Of(p))
			if v == nil || skip[name] {
				complete = false // NULLs are distinct; an excluded field is not checked
				break
			}
			q[f.Attname] = v
		}
		if !complete {
			continue
		}
		qs := objectsOf(db, m).Filter(q)
		if pk != nil {
			qs = qs.Exclude(Q{"pk": pk})
		}
		taken, err := qs.Exists(ctx)
		if err != nil {
			return err
		}
		if !taken {
			continue
		}
		key, what, code := set[0], set[0], "unique"
		if len(set) > 1 {
			key, what, code = "__all__", strings.Join(set, " and "), "unique_together"
		}
		errs[key] = append(errs[key], &ValidationError{Model: m.TypeName, Field: key, Code: code,
			msg: fmt.Sprintf("orm: %s with this %s already exists.", m.TypeName, what)})
	}
	return nil
}
