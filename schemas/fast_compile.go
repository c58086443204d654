package schemas

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// fastCompiler builds fastSchemas from the raw documents, sharing one
// fastSchema per schema location so that a definition referenced from many
// places is compiled once.
type fastCompiler struct {
	docs     map[string]any
	done     map[string]*fastSchema
	keywords map[string]fastKeyword
}

// location is a schema node: its document's URL and the plain tokens of its
// JSON pointer.
type location struct {
	doc  string
	path []string
}

func (l location) child(tokens ...string) location {
	return location{doc: l.doc, path: append(append([]string(nil), l.path...), tokens...)}
}

func (l location) String() string { return l.doc + "#" + joinPointer(l.path) }

// fastKeyword compiles one keyword's value into s.
type fastKeyword func(c *fastCompiler, s *fastSchema, at location, value any) error

// fastKeywords is every keyword the fast path understands. A schema using
// any other, apart from annotations, has no fastSchema.
var fastKeywords = map[string]fastKeyword{
	"type":                 compileTypes,
	"const":                func(_ *fastCompiler, s *fastSchema, _ location, v any) error { return s.addValues([]any{v}) },
	"enum":                 compileEnum,
	"required":             compileRequired,
	"properties":           compileProperties,
	"additionalProperties": func(c *fastCompiler, s *fastSchema, at location, _ any) error { return c.into(&s.additional, at) },
	"dependentSchemas":     compileDependent,
	"prefixItems":          func(c *fastCompiler, s *fastSchema, at location, v any) error { return c.list(&s.prefixItems, at, v) },
	"items":                func(c *fastCompiler, s *fastSchema, at location, _ any) error { return c.into(&s.items, at) },
	"minLength":            func(_ *fastCompiler, s *fastSchema, _ location, v any) error { return setInt(&s.minLength, v) },
	"maxLength":            func(_ *fastCompiler, s *fastSchema, _ location, v any) error { return setInt(&s.maxLength, v) },
	maxBytesKeyword:        func(_ *fastCompiler, s *fastSchema, _ location, v any) error { return setInt(&s.maxBytes, v) },
	"minItems":             func(_ *fastCompiler, s *fastSchema, _ location, v any) error { return setInt(&s.minItems, v) },
	"maxItems":             func(_ *fastCompiler, s *fastSchema, _ location, v any) error { return setInt(&s.maxItems, v) },
	"minimum":              func(_ *fastCompiler, s *fastSchema, _ location, v any) error { return setBound(&s.minimum, v) },
	"maximum":              func(_ *fastCompiler, s *fastSchema, _ location, v any) error { return setBound(&s.maximum, v) },
	"pattern":              compilePattern,
	"allOf":                func(c *fastCompiler, s *fastSchema, at location, v any) error { return c.list(&s.all, at, v) },
	"anyOf":                func(c *fastCompiler, s *fastSchema, at location, v any) error { return c.list(&s.any, at, v) },
	"not":                  func(c *fastCompiler, s *fastSchema, at location, _ any) error { return c.into(&s.not, at) },
	"if":                   func(c *fastCompiler, s *fastSchema, at location, _ any) error { return c.into(&s.ifs, at) },
	"then":                 func(c *fastCompiler, s *fastSchema, at location, _ any) error { return c.into(&s.then, at) },
	"else":                 func(c *fastCompiler, s *fastSchema, at location, _ any) error { return c.into(&s.elses, at) },
	"$ref":                 compileRef,
}

// annotationKeywords change nothing about validity.
var annotationKeywords = map[string]bool{
	"$schema": true, "$defs": true, "$comment": true, "title": true, "description": true,
	"examples": true, "x-rule": true, "x-message": true,
}

// compileFast returns the fastSchema of the schema at an absolute location
// ("url#/pointer"), or nil when it uses a keyword the fast path does not
// understand, in which case the full validator answers alone.
func compileFast(c *fastCompiler, absolute string) *fastSchema {
	doc, fragment, _ := strings.Cut(absolute, "#")
	s, err := c.compile(location{doc: doc, path: pointerTokens(fragment)})
	if err != nil {
		return nil
	}
	return s
}

func newFastCompiler(docs map[string]any) *fastCompiler {
	return &fastCompiler{docs: docs, done: map[string]*fastSchema{}, keywords: fastKeywords}
}

// compile returns the fastSchema of the node at at.
func (c *fastCompiler) compile(at location) (*fastSchema, error) {
	key := at.String()
	if s, ok := c.done[key]; ok {
		return s, nil
	}
	s := &fastSchema{minLength: -1, maxLength: -1, maxBytes: -1, maxItems: -1}
	c.done[key] = s
	switch node := descend(c.docs[at.doc], at.path).(type) {
	case bool:
		s.always = &node
	case map[string]any:
		for _, name := range sortedKeys(node) {
			if err := c.keyword(s, at, name, node[name]); err != nil {
				delete(c.done, key)
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("%s: not a schema", at)
	}
	return s, nil
}

func (c *fastCompiler) keyword(s *fastSchema, at location, name string, value any) error {
	if annotationKeywords[name] || (name == "$id" && len(at.path) == 0) {
		return nil
	}
	compile, ok := c.keywords[name]
	if !ok {
		return fmt.Errorf("%s: keyword %q is not supported by the fast path", at, name)
	}
	return compile(c, s, at.child(name), value)
}

// into compiles the subschema at at into *dst.
func (c *fastCompiler) into(dst **fastSchema, at location) error {
	s, err := c.compile(at)
	*dst = s
	return err
}

// list compiles the array of subschemas at at, appending to *dst.
func (c *fastCompiler) list(dst *[]*fastSchema, at location, value any) error {
	items, _ := value.([]any)
	for i := range items {
		s, err := c.compile(at.child(fmt.Sprint(i)))
		if err != nil {
			return err
		}
		*dst = append(*dst, s)
	}
	return nil
}

func compileTypes(_ *fastCompiler, s *fastSchema, _ location, value any) error {
	switch v := value.(type) {
	case string:
		s.types = []string{v}
	case []any:
		for _, t := range v {
			name, _ := t.(string)
			s.types = append(s.types, name)
		}
	}
	return nil
}

func compileEnum(_ *fastCompiler, s *fastSchema, _ location, value any) error {
	values, _ := value.([]any)
	return s.addValues(values)
}

// addValues adds one set of allowed values; the fast path compares only
// strings, booleans and nulls.
func (s *fastSchema) addValues(values []any) error {
	for _, v := range values {
		switch v.(type) {
		case nil, bool, string:
		default:
			return fmt.Errorf("const or enum value %v is not a string, boolean or null", v)
		}
	}
	s.values = append(s.values, values)
	return nil
}

func compileRequired(_ *fastCompiler, s *fastSchema, _ location, value any) error {
	names, _ := value.([]any)
	for _, name := range names {
		n, _ := name.(string)
		s.required = append(s.required, n)
	}
	return nil
}

func compileProperties(c *fastCompiler, s *fastSchema, at location, value any) error {
	return c.members(&s.properties, at, value)
}

func compileDependent(c *fastCompiler, s *fastSchema, at location, value any) error {
	return c.members(&s.dependent, at, value)
}

// members compiles an object of named subschemas.
func (c *fastCompiler) members(dst *[]fastMember, at location, value any) error {
	for _, name := range sortedKeys(asObject(value)) {
		s, err := c.compile(at.child(name))
		if err != nil {
			return err
		}
		*dst = append(*dst, fastMember{name: name, schema: s})
	}
	return nil
}

func compilePattern(_ *fastCompiler, s *fastSchema, _ location, value any) error {
	source, _ := value.(string)
	re, err := regexp.Compile(source)
	s.pattern = re
	return err
}

// compileRef adds the target of a $ref to the schemas an instance must
// also pass.
func compileRef(c *fastCompiler, s *fastSchema, at location, value any) error {
	ref, _ := value.(string)
	base, err := url.Parse(at.doc)
	if err != nil {
		return err
	}
	target, err := base.Parse(ref)
	if err != nil {
		return err
	}
	fragment := target.Fragment
	target.Fragment = ""
	sub, err := c.compile(location{doc: target.String(), path: pointerTokens(fragment)})
	if err != nil {
		return err
	}
	s.all = append(s.all, sub)
	return nil
}

func setInt(dst *int64, value any) error {
	n, ok := value.(json.Number)
	if !ok {
		return fmt.Errorf("%v is not a number", value)
	}
	v, err := n.Int64()
	*dst = v
	return err
}

// setBound keeps an integer bound; the fast path has no other kind.
func setBound(dst **int64, value any) error {
	var v int64
	if err := setInt(&v, value); err != nil {
		return err
	}
	*dst = &v
	return nil
}
