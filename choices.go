package orm

import (
	"fmt"

	"github.com/djorm/orm/internal/objptr"
	"github.com/djorm/orm/registry"
)

// Choice is one allowed value of a field and its label. A field's Go type
// declares its choices with a Choices method (Django's TextChoices and
// IntegerChoices):
//
//	type Status string
//
//	const (
//		Draft     Status = "d"
//		Published Status = "p"
//	)
//
//	func (Status) Choices() []orm.Choice {
//		return []orm.Choice{{Value: Draft, Label: "Draft"}, {Value: Published, Label: "Published"}}
//	}
//
// A value outside them is a *ValidationError (code invalid_choice) before
// any SQL, on every write; the empty string passes a field tagged blank.
type Choice = registry.Choice

// Display returns the label of the value obj's field holds (Django's
// get_FOO_display), or the value itself as text when it is not one of the
// field's choices. field is the field's name ("status").
func Display(obj any, field string) (string, error) {
	m, p, err := modelOf(obj)
	if err != nil {
		return "", err
	}
	f := m.Field(field)
	if f == nil || !f.Concrete() {
		return "", unknownField("Display", m, field, concreteFieldNames(m))
	}
	v := f.Get(objptr.Of(p))
	if label, ok := f.ChoiceLabel(v); ok {
		return label, nil
	}
	if v == nil {
		return "", nil
	}
	return fmt.Sprint(v), nil
}
