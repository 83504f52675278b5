package orm

import (
	"context"
	"errors"
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
// choices, decimal digits, ...), its validators=, that each foreign key
// points at a row, the model's Clean method (Cleaner), then unique fields,
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
		if skip[f.Name] || f.Auto || f.ParentLink || f.Generated != "" || leftToDatabase(m, f, p) {
			continue
		}
		if err := cleanField(m, f, f.Get(objptr.Of(p))); err != nil {
			errs[f.Name] = append(errs[f.Name], err)
		}
	}
	if err := db.validateKeys(ctx, m, p, skip, errs); err != nil {
		return err
	}
	if c, ok := obj.(Cleaner); ok {
		if err := c.Clean(ctx); err != nil {
			addCleanError(m, errs, err)
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

// validateKeys checks that each foreign key set on obj points at a row,
// as Django's ForeignKey.validate does (on the target's base manager).
func (db *DB) validateKeys(ctx context.Context, m *registry.Model, p unsafe.Pointer, skip map[string]bool, errs ValidationErrors) error {
	for _, f := range m.Relations {
		v := f.Get(objptr.Of(p))
		if v == nil || skip[f.Name] || len(errs[f.Name]) > 0 || f.Rel.To() == nil {
			continue
		}
		to, tf := f.Rel.To(), f.Rel.ToField()
		found, err := objectsOf(db, to).Filter(Q{tf.Name: v}).Exists(ctx)
		if err != nil {
			return err
		}
		if !found {
			shown := fmt.Sprint(v)
			if sv, ok := v.(string); ok {
				shown = "'" + sv + "'"
			}
			errs[f.Name] = append(errs[f.Name], failer(m, f)("invalid",
				"%s instance with %s %s does not exist.", to.TypeName, tf.Name, shown).(*ValidationError))
		}
	}
	return nil
}

// Cleaner is a model with checks of its own (Django's Model.clean), which
// Validate runs after the field checks and before the unique and
// constraint checks. Its error is a validation error: ValidationErrors
// are merged per field, any other error goes under "__all__".
type Cleaner interface {
	Clean(ctx context.Context) error
}

// addCleanError files a Clean error in errs.
func addCleanError(m *registry.Model, errs ValidationErrors, err error) {
	var many ValidationErrors
	if errors.As(err, &many) {
		for name, list := range many {
			errs[name] = append(errs[name], list...)
		}
		return
	}
	var one *ValidationError
	if !errors.As(err, &one) {
		one = &ValidationError{Model: m.TypeName, Field: "__all__", Code: "invalid", msg: err.Error()}
	}
	errs["__all__"] = append(errs["__all__"], one)
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
	pk := pkValue(m, p)
	adding := !stateOf(m, p).st.saved
	for _, f := range m.Fields {
		if skip[f.Name] || len(errs[f.Name]) > 0 {
			continue
		}
		// A key given to a new object is checked too (Django checks the
		// primary key only while adding).
		if f == m.PK && adding && pk != nil || f.Unique && !f.PrimaryKey {
			sets = append(sets, []string{f.Name})
		}
	}
	for _, set := range m.Meta.UniqueTogether {
		sets = append(sets, set)
	}
	if adding {
		pk = nil // nothing stored to leave out of the search
	}
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
