package schemas

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// subject says what an instance being checked is.
type subject struct {
	direction Direction
	kind      Kind
	frameType string
	// serviceCall marks a frame checked against the service-call
	// envelope, whose params are ValidateParams' to check.
	serviceCall bool
}

// finding is one leaf failure of a validation, explained.
type finding struct {
	pointer, message, rule, schemaLocation, keywordLocation string
}

// check validates instance against s and explains a failure as an *Error.
// The fast path accepts what certainly passes; the full validator decides
// the rest.
func (r *registry) check(s *compiled, instance any, about subject) error {
	if e := checkNumbers(instance, about, about.serviceCall); e != nil {
		return e
	}
	if s.fast != nil && s.fast.check(instance) == pass {
		return nil
	}
	err := s.full.Validate(instance)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("schemas: %w", err)
	}
	found := r.findings(s.full.Location, instance, ve)
	first := found[0]
	e := &Error{
		Direction:      about.direction,
		Kind:           about.kind,
		FrameType:      about.frameType,
		Pointer:        first.pointer,
		SchemaLocation: strings.TrimPrefix(first.schemaLocation, baseURL),
		Rule:           first.rule,
		Message:        first.message,
		cause:          ve,
	}
	if more := countOthers(found); more > 0 {
		e.Message += fmt.Sprintf(" (and %d more)", more)
	}
	return e
}

// findings explains every leaf of ve, most specific first: deepest in the
// instance, then by instance and keyword location, so the order never
// depends on map iteration inside the validator.
func (r *registry) findings(root string, instance any, ve *jsonschema.ValidationError) []finding {
	var found []finding
	for _, leaf := range leaves(ve, nil) {
		found = append(found, r.explain(root, instance, leaf))
	}
	sort.Slice(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if da, db := strings.Count(a.pointer, "/"), strings.Count(b.pointer, "/"); da != db {
			return da > db
		}
		if a.pointer != b.pointer {
			return a.pointer < b.pointer
		}
		return a.keywordLocation < b.keywordLocation
	})
	return found
}

// leaves appends the failures of ve that have no causes to into.
func leaves(ve *jsonschema.ValidationError, into []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return append(into, ve)
	}
	for _, cause := range ve.Causes {
		into = leaves(cause, into)
	}
	return into
}

// explain turns one leaf failure into a finding, with its rule, its
// x-message if any, and the pointer of the member a "required" misses.
func (r *registry) explain(root string, instance any, leaf *jsonschema.ValidationError) finding {
	a := r.annotate(root, leaf.KeywordLocation)
	tokens := pointerTokens(leaf.InstanceLocation)
	f := finding{
		pointer:         joinPointer(tokens),
		message:         leaf.Message,
		rule:            a.rule,
		schemaLocation:  leaf.AbsoluteKeywordLocation,
		keywordLocation: leaf.KeywordLocation,
	}
	if name, message, ok := namedMember(a, descend(instance, tokens)); ok {
		f.pointer, f.message = joinPointer(append(tokens, name)), message
	}
	if a.message != "" {
		f.message = a.message
	}
	return f
}

// namedMember names the member a failure is about, when the validator
// reports it at the enclosing object: the one member a "required" misses, or
// the one member an "additionalProperties": false refuses.
func namedMember(a annotation, object any) (name, message string, ok bool) {
	present := asObject(object)
	var names []string
	switch a.keyword {
	case "required":
		required, _ := a.holder["required"].([]any)
		for _, r := range required {
			if n, isString := r.(string); isString && !hasMember(present, n) {
				names = append(names, n)
			}
		}
		message = "missing required member"
	case "additionalProperties":
		declared := asObject(a.holder["properties"])
		for n := range present {
			if _, known := declared[n]; !known {
				names = append(names, n)
			}
		}
		message = "unknown member"
	}
	if len(names) != 1 {
		return "", "", false
	}
	return names[0], message, true
}

func hasMember(object map[string]any, name string) bool {
	_, ok := object[name]
	return ok
}

// countOthers counts the other places in the instance that fail, besides
// the pointer of the first finding.
func countOthers(found []finding) int {
	places := map[string]bool{found[0].pointer: true}
	for _, f := range found[1:] {
		places[f.pointer] = true
	}
	return len(places) - 1
}
