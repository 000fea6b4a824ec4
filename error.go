package hitori

import (
	"errors"
	"fmt"
)

// Error codes: each maps to one HTTP status and one kind of message.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ETOOMANY      = "too_many_requests"
)

// Error is a domain error whose Message is safe to show to a user.
// Key, when set, names a message-catalogue entry the web layer translates.
type Error struct {
	Code    string
	Message string
	Key     string
	Fields  map[string]string // field name -> catalogue key or message
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("hitori error: code=%s message=%s", e.Code, e.Message)
}

// Errorf builds a user-safe error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// KeyError builds an error whose message is a catalogue key.
func KeyError(code, key string) *Error {
	return &Error{Code: code, Message: key, Key: key}
}

// FieldError builds a validation error naming one field.
func FieldError(field, key string) *Error {
	return &Error{Code: EINVALID, Message: field + ": " + key, Key: key, Fields: map[string]string{field: key}}
}

// ErrorCode returns the code of the first *Error in err's chain, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err; internal errors get a generic one.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// AsError returns the *Error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
