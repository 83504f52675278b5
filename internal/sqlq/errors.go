package sqlq

import (
	"fmt"
	"strings"
)

// FieldError reports a field path, lookup or name that does not resolve.
// Package orm converts it into orm.FieldError.
type FieldError struct {
	Model   string   // model the name was looked up on
	Name    string   // the part that failed
	Choices []string // valid names at that point
	Msg     string
}

func (e *FieldError) Error() string { return e.Msg }

func cannotResolve(model, name string, choices []string) *FieldError {
	return &FieldError{Model: model, Name: name, Choices: choices, Msg: fmt.Sprintf(
		"Cannot resolve keyword '%s' into field %s. Choices are: %s", name, model, strings.Join(choices, ", "))}
}

// InvalidError is a query Django would refuse with ValueError or TypeError.
// Package orm wraps it with orm.ErrInvalidQuery.
type InvalidError struct{ Msg string }

func (e *InvalidError) Error() string { return e.Msg }

func invalid(format string, args ...any) error {
	return &InvalidError{Msg: fmt.Sprintf(format, args...)}
}
