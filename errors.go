package orm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// Sentinel errors; test for them with errors.Is.
var (
	// ErrDoesNotExist: Get (or a related accessor) matched no row.
	ErrDoesNotExist = errors.New("orm: object does not exist")
	// ErrMultipleObjectsReturned: Get matched more than one row.
	ErrMultipleObjectsReturned = errors.New("orm: get() returned more than one object")
	// ErrInvalidQuery: a query Django would refuse with ValueError or TypeError.
	ErrInvalidQuery = errors.New("orm: invalid query")
	// ErrFetchBlocked: FetchMode(Raise) and an unloaded relation was touched.
	ErrFetchBlocked = errors.New("orm: fetching is blocked by FetchMode(Raise)")
	// ErrTransactionManagement: a transaction was used in a way it cannot be
	// (SelectForUpdate outside a transaction, OnCommit without a database).
	ErrTransactionManagement = errors.New("orm: transaction management error")
	// ErrTxBroken: an earlier statement of the transaction failed and no
	// savepoint absorbed it; the error unwraps to that first failure.
	ErrTxBroken = errors.New("orm: the transaction is broken by an earlier error")
	// ErrDurableNested: a Durable Atomic block was nested in another.
	ErrDurableNested = errors.New("orm: a durable atomic block cannot be nested")
	// ErrLockNotAvailable: SelectForUpdate(NoWait) found a row locked.
	ErrLockNotAvailable = errors.New("orm: could not obtain the row lock")
	// ErrRetryable: a deadlock or serialization failure; the work may be retried.
	ErrRetryable = errors.New("orm: deadlock or serialization failure")
	// ErrCommitOutcomeUnknown: COMMIT was sent but its answer never arrived.
	ErrCommitOutcomeUnknown = errors.New("orm: the outcome of COMMIT is unknown")
)

// FieldError reports a field path, lookup or field name that does not
// resolve, with the names that would have.
type FieldError struct {
	Model   string   // the model the name was looked up on
	Field   string   // the name that failed
	Choices []string // the valid names at that point
	msg     string
	err     error
}

// Error returns the message, naming the model, the input and the choices.
func (e *FieldError) Error() string { return e.msg }

// Unwrap returns the underlying cause (ErrFetchBlocked for FetchMode(Raise)).
func (e *FieldError) Unwrap() error { return e.err }

// ValidationError reports a value that cannot be stored in its field,
// detected before any SQL runs. Code is Django's validation code.
type ValidationError struct {
	Model string
	Field string
	Code  string // invalid, max_length, max_digits, max_decimal_places, max_whole_digits, null, ...
	// Constraint names the Meta.Constraints entry Validate found violated.
	Constraint string
	msg        string
}

// Error returns the message, naming the model and field.
func (e *ValidationError) Error() string { return e.msg }

// IntegrityError wraps a constraint violation reported by the database.
type IntegrityError struct {
	Kind string // "unique", "foreign_key", "not_null", "check", or "protected"
	// Constraint names the violated constraint when the database says
	// which (a Meta.Constraints name, UniqueTogether's, or one the
	// database named), else "".
	Constraint string
	Err        error // the driver's error
	msg        string
}

// Error describes the violation and the driver's message.
func (e *IntegrityError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	if e.Constraint != "" {
		return "orm: integrity error (" + e.Kind + ", constraint " + e.Constraint + "): " + e.Err.Error()
	}
	return "orm: integrity error (" + e.Kind + "): " + e.Err.Error()
}

// Unwrap returns the driver's error.
func (e *IntegrityError) Unwrap() error { return e.Err }

// DataError is Django's DataError: the database refused a value it
// computed or received as out of range or too long for its column (an
// UPDATE with F("n").Add(1) at the column's largest value). Values djorm
// can check itself are refused earlier, as a *ValidationError.
type DataError struct {
	Err error // the driver's error
}

// Error describes the refusal and the driver's message.
func (e *DataError) Error() string {
	return "orm: data error (value out of range or too long): " + e.Err.Error()
}

// Unwrap returns the driver's error.
func (e *DataError) Unwrap() error { return e.Err }

// NotSupportedError says the backend (or the operation's context) cannot
// do what was asked.
type NotSupportedError struct {
	Dialect string
	Feature string
}

// Error names the feature and the backend.
func (e *NotSupportedError) Error() string {
	if e.Dialect == "" {
		return "orm: " + e.Feature + " is not supported"
	}
	return fmt.Sprintf("orm: %s is not supported on %s", e.Feature, e.Dialect)
}

// TooManyParametersError says a statement would bind more parameters than
// the backend accepts, and could not be split.
type TooManyParametersError struct {
	Got, Limit int
}

// Error gives the parameter count and the limit.
func (e *TooManyParametersError) Error() string {
	return fmt.Sprintf("orm: statement needs %d bind parameters; the backend accepts %d", e.Got, e.Limit)
}

// invalidf returns an error wrapping ErrInvalidQuery.
func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidQuery, fmt.Sprintf(format, args...))
}

// publicError converts errors of the layers below into the orm's own types.
func publicError(err error) error {
	if err == nil {
		return nil
	}
	var fe *sqlq.FieldError
	if errors.As(err, &fe) {
		return &FieldError{Model: fe.Model, Field: fe.Name, Choices: fe.Choices, msg: fe.Msg}
	}
	var ie *sqlq.InvalidError
	if errors.As(err, &ie) {
		return fmt.Errorf("%w: %s", ErrInvalidQuery, ie.Msg)
	}
	var ns *dialects.NotSupported
	if errors.As(err, &ns) {
		return &NotSupportedError{Dialect: ns.Dialect, Feature: ns.Feature}
	}
	if feature, dialect, ok := sqlq.NotSupported(err); ok {
		return &NotSupportedError{Dialect: dialect, Feature: feature}
	}
	return err
}

// driverError classifies an error from the database.
func (db *DB) driverError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ce := ctx.Err(); ce != nil && !errors.Is(err, ce) {
		return fmt.Errorf("%w (%v)", ce, err)
	}
	switch class := db.dialect.TranslateError(err); class {
	case dialects.ErrUnique:
		return db.integrityError("unique", err)
	case dialects.ErrForeignKey:
		return db.integrityError("foreign_key", err)
	case dialects.ErrNotNull:
		return &IntegrityError{Kind: "not_null", Err: err}
	case dialects.ErrCheck:
		return db.integrityError("check", err)
	case dialects.ErrLock:
		return fmt.Errorf("%w: %v", ErrLockNotAvailable, err)
	case dialects.ErrRetryable:
		return fmt.Errorf("%w: %v", ErrRetryable, err)
	case dialects.ErrDataTooLong:
		return &DataError{Err: err}
	}
	return err
}

func choicesText(c []string) string { return strings.Join(c, ", ") }

// unknownField reports a name that is none of choices on model m, in
// Django's words; call names the API that was given it.
func unknownField(call string, m *registry.Model, name string, choices []string) *FieldError {
	return &FieldError{Model: m.TypeName, Field: name, Choices: choices, msg: fmt.Sprintf(
		"orm: %s: Cannot resolve keyword '%s' into field %s. Choices are: %s", call, name, m.TypeName, choicesText(choices))}
}
