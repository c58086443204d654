package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/conform-dev/conform/harness/result"
	"go.yaml.in/yaml/v3"
)

// maxAliasedValues bounds the values a YAML document's aliases may
// expand to: a billion laughs is refused, while the values written out in
// the file are bounded by its size, as in JSON.
const maxAliasedValues = 100_000

// parseYAMLSource reads a scenario file written in YAML: exactly one
// document, keys that are scalars and appear once per mapping, values that
// have a JSON form (no .inf, no merge keys). Aliases are expanded.
func ParseYAMLSource(file string, data []byte) (*SourceDoc, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, newLoadError(result.Source{File: file, Line: 1}, "", "the file holds no scenario")
		}
		return nil, yamlError(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, newLoadError(result.Source{File: file, Line: extra.Line}, "", "a scenario file holds one YAML document; use scenarios: for several scenarios")
	}
	doc := &SourceDoc{File: file, lines: newLineIndex()}
	c := &yamlConverter{doc: doc}
	value, err := c.value(&root, rootEntry, 0)
	if err != nil {
		return nil, err
	}
	doc.Value = value
	return doc, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a parser error into a LoadError on its line.
func yamlError(file string, err error) error {
	if strings.Contains(err.Error(), "exceeded max depth") {
		// The parser stops at its own limit, deeper than ours, and says
		// nothing of the line.
		return newLoadError(result.Source{File: file}, "", "values nest more than %d levels deep", MaxNesting)
	}
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return newLoadError(result.Source{File: file}, "", "not valid YAML: %v", err)
	}
	line, _ := strconv.Atoi(m[1])
	return newLoadError(result.Source{File: file, Line: line}, "", "not valid YAML: %s", m[2])
}

// yamlConverter turns a node tree into generic JSON. Used by one goroutine.
type yamlConverter struct {
	doc     *SourceDoc
	aliased int // values converted so far through an alias
	inAlias int // how many aliases the conversion is inside
}

// value converts node n, the value of entry id, nested depth containers
// deep.
func (c *yamlConverter) value(n *yaml.Node, id int32, depth int) (any, error) {
	if c.inAlias > 0 {
		if c.aliased++; c.aliased > maxAliasedValues {
			return nil, c.errorAt(n, id, "its aliases expand to more than %d values", maxAliasedValues)
		}
	}
	c.doc.lines.setLine(id, n.Line)
	switch n.Kind {
	case yaml.DocumentNode:
		return c.value(n.Content[0], id, depth)
	case yaml.AliasNode:
		c.inAlias++
		defer func() { c.inAlias-- }()
		return c.value(n.Alias, id, depth)
	case yaml.MappingNode, yaml.SequenceNode:
		if depth == MaxNesting {
			return nil, c.errorAt(n, id, "values nest more than %d levels deep", MaxNesting)
		}
		if n.Kind == yaml.MappingNode {
			return c.mapping(n, id, depth+1)
		}
		return c.sequence(n, id, depth+1)
	}
	return c.scalar(n, id)
}

func (c *yamlConverter) mapping(n *yaml.Node, id int32, depth int) (any, error) {
	obj := make(map[string]any, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode || key.ShortTag() == "!!merge" {
			return nil, c.errorAt(key, id, "a key must be a plain scalar (merge keys are not supported)")
		}
		member := c.doc.lines.child(id, key.Value, key.Line)
		if _, dup := obj[key.Value]; dup {
			return nil, c.errorAt(key, member, "duplicate key %q (first on line %d)", key.Value, c.doc.lines.line(member))
		}
		v, err := c.value(val, member, depth)
		if err != nil {
			return nil, err
		}
		obj[key.Value] = v
	}
	return obj, nil
}

func (c *yamlConverter) sequence(n *yaml.Node, id int32, depth int) (any, error) {
	list := make([]any, 0, len(n.Content))
	for i, item := range n.Content {
		v, err := c.value(item, c.doc.lines.item(id, i, 0), depth)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, nil
}

// scalar converts a scalar by its resolved tag; numbers become json.Number
// so that they reach the schema exactly as written.
func (c *yamlConverter) scalar(n *yaml.Node, id int32) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		return b, c.decode(n, id, &b)
	case "!!int":
		var i int64
		if err := c.decode(n, id, &i); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatInt(i, 10)), nil
	case "!!float":
		var f float64
		if err := c.decode(n, id, &f); err != nil {
			return nil, err
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, c.errorAt(n, id, "%s has no JSON form", n.Value)
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	case "!!str", "!!timestamp", "!!binary":
		return n.Value, nil
	}
	return nil, c.errorAt(n, id, "the YAML tag %s has no JSON form", n.ShortTag())
}

func (c *yamlConverter) decode(n *yaml.Node, id int32, into any) error {
	if err := n.Decode(into); err != nil {
		return c.errorAt(n, id, "%s is out of range", n.Value)
	}
	return nil
}

// errorAt builds a LoadError on node n's line at the pointer of entry id.
func (c *yamlConverter) errorAt(n *yaml.Node, id int32, format string, args ...any) *LoadError {
	return newLoadError(result.Source{File: c.doc.File, Line: n.Line}, c.doc.lines.pointer(id), format, args...)
}
