package registry

import (
	"fmt"
	"reflect"
)

// Choice is one allowed value of a field and its human-readable label
// (Django's choices, TextChoices and IntegerChoices).
type Choice struct {
	Value any
	Label string
}

// Choicer is implemented by a field's Go type whose values are limited to a
// list: its Choices method, called on the zero value, gives the list.
type Choicer interface {
	Choices() []Choice
}

var choicerType = reflect.TypeOf((*Choicer)(nil)).Elem()

// readChoices fills f.Choices when the field's base type declares them,
// with each value in the field's canonical form.
func (f *Field) readChoices(base reflect.Type) error {
	var c Choicer
	switch {
	case base.Implements(choicerType):
		c, _ = reflect.Zero(base).Interface().(Choicer)
	case reflect.PointerTo(base).Implements(choicerType):
		c, _ = reflect.New(base).Interface().(Choicer)
	default:
		return nil
	}
	for _, ch := range c.Choices() {
		v, err := Convert(f.Kind, canonicalChoice(ch.Value))
		if err != nil || v == nil {
			return fmt.Errorf("choice %v (%s) is not a %s value", ch.Value, ch.Label, f.Kind)
		}
		f.Choices = append(f.Choices, Choice{Value: v, Label: ch.Label})
	}
	if len(f.Choices) == 0 {
		return fmt.Errorf("%s.Choices() lists no choice", base)
	}
	return nil
}

// canonicalChoice turns a value of a named string or integer type into
// string or int64, as field values are read.
func canonicalChoice(v any) any {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	}
	return v
}

// ChoiceLabel returns the label of v among f's choices (Django's
// get_FOO_display), or false when v is not one of them.
func (f *Field) ChoiceLabel(v any) (string, bool) {
	for _, c := range f.Choices {
		if c.Value == v {
			return c.Label, true
		}
	}
	return "", false
}
