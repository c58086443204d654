package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"

	"github.com/conform-dev/conform/harness/result"
	"go.yaml.in/yaml/v3"
)

// maxYAMLNodes bounds the values an aliased YAML document may expand to.
const maxYAMLNodes = 100_000

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
	doc := &SourceDoc{File: file, lines: map[string]int{}}
	c := &yamlConverter{doc: doc}
	value, err := c.value(&root, "")
	if err != nil {
		return nil, err
	}
	doc.Value = value
	return doc, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a parser error into a LoadError on its line.
func yamlError(file string, err error) error {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return newLoadError(result.Source{File: file}, "", "not valid YAML: %v", err)
	}
	line, _ := strconv.Atoi(m[1])
	return newLoadError(result.Source{File: file, Line: line}, "", "not valid YAML: %s", m[2])
}

// yamlConverter turns a node tree into generic JSON. Used by one goroutine.
type yamlConverter struct {
	doc   *SourceDoc
	nodes int
}

func (c *yamlConverter) value(n *yaml.Node, pointer string) (any, error) {
	if c.nodes++; c.nodes > maxYAMLNodes {
		return nil, c.errorAt(n, pointer, "the document expands to more than %d values", maxYAMLNodes)
	}
	if _, seen := c.doc.lines[pointer]; !seen {
		c.doc.lines[pointer] = n.Line
	}
	switch n.Kind {
	case yaml.DocumentNode:
		return c.value(n.Content[0], pointer)
	case yaml.AliasNode:
		return c.value(n.Alias, pointer)
	case yaml.MappingNode:
		return c.mapping(n, pointer)
	case yaml.SequenceNode:
		return c.sequence(n, pointer)
	}
	return c.scalar(n, pointer)
}

func (c *yamlConverter) mapping(n *yaml.Node, pointer string) (any, error) {
	obj := make(map[string]any, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode || key.ShortTag() == "!!merge" {
			return nil, c.errorAt(key, pointer, "a key must be a plain scalar (merge keys are not supported)")
		}
		member := memberPointer(pointer, key.Value)
		if _, dup := obj[key.Value]; dup {
			return nil, c.errorAt(key, member, "duplicate key %q (first on line %d)", key.Value, c.doc.lines[member])
		}
		c.doc.lines[member] = key.Line
		v, err := c.value(val, member)
		if err != nil {
			return nil, err
		}
		obj[key.Value] = v
	}
	return obj, nil
}

func (c *yamlConverter) sequence(n *yaml.Node, pointer string) (any, error) {
	list := make([]any, 0, len(n.Content))
	for i, item := range n.Content {
		v, err := c.value(item, IndexPointer(pointer, i))
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, nil
}

// scalar converts a scalar by its resolved tag; numbers become json.Number
// so that they reach the schema exactly as written.
func (c *yamlConverter) scalar(n *yaml.Node, pointer string) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		return b, c.decode(n, pointer, &b)
	case "!!int":
		var i int64
		if err := c.decode(n, pointer, &i); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatInt(i, 10)), nil
	case "!!float":
		var f float64
		if err := c.decode(n, pointer, &f); err != nil {
			return nil, err
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, c.errorAt(n, pointer, "%s has no JSON form", n.Value)
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	case "!!str", "!!timestamp", "!!binary":
		return n.Value, nil
	}
	return nil, c.errorAt(n, pointer, "the YAML tag %s has no JSON form", n.ShortTag())
}

func (c *yamlConverter) decode(n *yaml.Node, pointer string, into any) error {
	if err := n.Decode(into); err != nil {
		return c.errorAt(n, pointer, "%s is out of range", n.Value)
	}
	return nil
}

func (c *yamlConverter) errorAt(n *yaml.Node, pointer, format string, args ...any) *LoadError {
	return newLoadError(result.Source{File: c.doc.File, Line: n.Line}, pointer, format, args...)
}
