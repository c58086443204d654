package schemas

import (
	"encoding/json"
	"regexp"
	"strconv"
	"unicode/utf8"
)

// fastSchema answers one question about an instance: does it pass? The full
// validator (jsonschema/v5) costs about a microsecond per schema node it
// visits on this project's machines, several times the cost of decoding a
// small frame, so instances that pass are accepted here, and only the others
// go to the full validator, which decides and explains.
//
// Every pass and fail it answers is certain. Where it cannot be sure (a
// number it cannot compare exactly, a Go type Decode never produces) it
// answers unsure, which the caller treats like fail: ask the full
// validator. Schemas using a keyword it does not know get no fastSchema at
// all (see compileFast). A fastSchema is immutable once built and safe for
// concurrent use.
type fastSchema struct {
	// always is set for the boolean schemas true and false.
	always *bool
	types  []string
	// values holds the allowed values of const and enum, one set each.
	values [][]any

	required    []string
	properties  []fastMember
	additional  *fastSchema
	dependent   []fastMember
	prefixItems []*fastSchema
	items       *fastSchema

	minLength, maxLength, maxBytes, minItems, maxItems int64
	minimum, maximum                                   *int64
	pattern                                            *regexp.Regexp

	// all holds allOf and $ref; anyOf, not, if, then and else are as named.
	all, any              []*fastSchema
	not, ifs, then, elses *fastSchema
}

// fastMember is the schema of one named member: properties and
// dependentSchemas.
type fastMember struct {
	name   string
	schema *fastSchema
}

// verdict is the fast path's answer.
type verdict uint8

const (
	fail verdict = iota
	pass
	unsure
)

// check returns the verdict of s on v.
func (s *fastSchema) check(v any) verdict {
	if s.always != nil {
		if *s.always {
			return pass
		}
		return fail
	}
	for _, step := range [...]func(*fastSchema, any) verdict{
		(*fastSchema).checkType, (*fastSchema).checkValues, (*fastSchema).checkShape,
		(*fastSchema).checkAll, (*fastSchema).checkAny, (*fastSchema).checkNot, (*fastSchema).checkConditional,
	} {
		if r := step(s, v); r != pass {
			return r
		}
	}
	return pass
}

func (s *fastSchema) checkType(v any) verdict {
	kind := kindOf(v)
	if kind == "" {
		return unsure
	}
	if len(s.types) == 0 {
		return pass
	}
	for _, t := range s.types {
		if t == kind || (t == "number" && kind == "integer") {
			return pass
		}
	}
	if kind == "number" && hasString(s.types, "integer") {
		return unsure // 1.0 and 1e3 are integers too
	}
	return fail
}

// kindOf returns the JSON type of a value Decode produces, "integer" for a
// number written as a plain int64, and "" for anything else.
func kindOf(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return "integer"
		}
		return "number"
	}
	return ""
}

func hasString(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

// checkValues applies const and enum, whose values are strings, booleans
// and nulls only (see compileFast).
func (s *fastSchema) checkValues(v any) verdict {
	for _, allowed := range s.values {
		if !containsScalar(allowed, v) {
			return fail
		}
	}
	return pass
}

func containsScalar(allowed []any, v any) bool {
	switch v.(type) {
	case nil, bool, string:
		for _, a := range allowed {
			if a == v {
				return true
			}
		}
	}
	return false
}

func (s *fastSchema) checkShape(v any) verdict {
	switch v := v.(type) {
	case string:
		return s.checkString(v)
	case json.Number:
		return s.checkNumber(v)
	case []any:
		return s.checkArray(v)
	case map[string]any:
		return s.checkObject(v)
	}
	return pass
}

func (s *fastSchema) checkString(v string) verdict {
	if s.minLength >= 0 || s.maxLength >= 0 {
		n := int64(utf8.RuneCountInString(v))
		if n < s.minLength || (s.maxLength >= 0 && n > s.maxLength) {
			return fail
		}
	}
	if s.maxBytes >= 0 && int64(len(v)) > s.maxBytes {
		return fail
	}
	if s.pattern != nil && !s.pattern.MatchString(v) {
		return fail
	}
	return pass
}

// checkNumber compares v with integer bounds; a number that is not a plain
// int64 is left to the full validator.
func (s *fastSchema) checkNumber(v json.Number) verdict {
	if s.minimum == nil && s.maximum == nil {
		return pass
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	switch {
	case err != nil:
		return unsure
	case (s.minimum != nil && n < *s.minimum) || (s.maximum != nil && n > *s.maximum):
		return fail
	}
	return pass
}

func (s *fastSchema) checkArray(v []any) verdict {
	n := int64(len(v))
	if n < s.minItems || (s.maxItems >= 0 && n > s.maxItems) {
		return fail
	}
	for i, item := range v {
		sub := s.items
		if i < len(s.prefixItems) {
			sub = s.prefixItems[i]
		}
		if sub == nil {
			continue
		}
		if r := sub.check(item); r != pass {
			return r
		}
	}
	return pass
}

func (s *fastSchema) checkObject(v map[string]any) verdict {
	for _, name := range s.required {
		if _, ok := v[name]; !ok {
			return fail
		}
	}
	for _, member := range s.properties {
		if value, ok := v[member.name]; ok {
			if r := member.schema.check(value); r != pass {
				return r
			}
		}
	}
	if r := s.checkAdditional(v); r != pass {
		return r
	}
	for _, dependent := range s.dependent {
		if _, ok := v[dependent.name]; ok {
			if r := dependent.schema.check(v); r != pass {
				return r
			}
		}
	}
	return pass
}

func (s *fastSchema) checkAdditional(v map[string]any) verdict {
	if s.additional == nil {
		return pass
	}
	for name, value := range v {
		if s.declares(name) {
			continue
		}
		if r := s.additional.check(value); r != pass {
			return r
		}
	}
	return pass
}

// declares reports whether name is one of the properties of s.
func (s *fastSchema) declares(name string) bool {
	for _, member := range s.properties {
		if member.name == name {
			return true
		}
	}
	return false
}

func (s *fastSchema) checkAll(v any) verdict {
	for _, sub := range s.all {
		if r := sub.check(v); r != pass {
			return r
		}
	}
	return pass
}

func (s *fastSchema) checkAny(v any) verdict {
	if len(s.any) == 0 {
		return pass
	}
	result := fail
	for _, sub := range s.any {
		switch sub.check(v) {
		case pass:
			return pass
		case unsure:
			result = unsure
		}
	}
	return result
}

func (s *fastSchema) checkNot(v any) verdict {
	if s.not == nil {
		return pass
	}
	switch s.not.check(v) {
	case pass:
		return fail
	case fail:
		return pass
	}
	return unsure
}

func (s *fastSchema) checkConditional(v any) verdict {
	if s.ifs == nil {
		return pass
	}
	switch s.ifs.check(v) {
	case pass:
		return orPass(s.then, v)
	case fail:
		return orPass(s.elses, v)
	}
	return unsure
}

// orPass returns the verdict of s on v, or pass when s is nil.
func orPass(s *fastSchema, v any) verdict {
	if s == nil {
		return pass
	}
	return s.check(v)
}
