// Package wire holds the protocol's vocabulary shared by the runtime, the
// harness and Go plugins: the structured error envelope, the error codes of
// CONFORMANCE.md §6.1, the frame type names and the protocol's size limits.
package wire

import (
	"errors"
	"fmt"
)

// Error is the structured error of a `response` or `event.ack` frame
// (CONFORMANCE.md ERR-1). Two Errors match under errors.Is when their codes
// are equal, so a sentinel such as ErrPermissionDenied still matches after
// wrapping with %w.
type Error struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Context map[string]any `json:"context,omitempty"`
}

// Error formats the error as "CODE: message".
func (e *Error) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// With returns a copy of e whose context also holds key = value.
func (e *Error) With(key string, value any) *Error {
	c := *e
	c.Context = make(map[string]any, len(e.Context)+1)
	for k, v := range e.Context {
		c.Context[k] = v
	}
	c.Context[key] = value
	return &c
}

// Errorf returns an Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of the first *Error in err's chain, or "" when
// there is none.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// AsError returns err as an *Error: the first one in its chain, or a new
// INTERNAL error carrying err's text.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: CodeInternal, Message: err.Error()}
}
