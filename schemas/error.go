package schemas

import (
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Error is a document or frame that failed its schema. It names the most
// specific failure: the one deepest in the instance. An Error is never
// changed once returned, so any goroutine may read it.
type Error struct {
	// Direction is the direction of a failing frame; zero otherwise.
	Direction Direction
	// Kind is the kind of a failing document; empty otherwise.
	Kind Kind
	// FrameType is the type of a failing frame, or the service whose params
	// or result failed; empty when the frame has no string type.
	FrameType string
	// Pointer is the JSON pointer (RFC 6901) of the failing value in the
	// instance, "" for the instance itself. For a missing member it names
	// the member.
	Pointer string
	// SchemaLocation is the failing keyword, as a schema file below
	// schemas/ and a JSON pointer into it: "plugin/pong.json#/required".
	SchemaLocation string
	// Rule is the CONFORMANCE.md rule the failure breaks: the x-rule nearest
	// to the failing keyword on its schema path; it may be empty.
	Rule string
	// Message says what is wrong, on one line.
	Message string

	cause *jsonschema.ValidationError
}

// Error formats e as "/pointer: message [RULE]", leaving out the pointer of
// the whole instance and an empty rule.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pointer != "" {
		b.WriteString(e.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	if e.Rule != "" {
		fmt.Fprintf(&b, " [%s]", e.Rule)
	}
	return b.String()
}

// Unwrap returns the validator's *jsonschema.ValidationError, with every
// failure rather than only the most specific one.
func (e *Error) Unwrap() error {
	if e.cause == nil {
		return nil
	}
	return e.cause
}

// Under returns a copy of e whose Pointer is prefixed with prefix, for an
// instance that was checked on its own but sits inside a larger document:
// e.Under("/params") for the params of a service call.
func (e *Error) Under(prefix string) *Error {
	c := *e
	c.Pointer = prefix + e.Pointer
	return &c
}
