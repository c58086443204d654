package scenario

import (
	"github.com/conform-dev/conform/harness/result"
	"path"
	"strconv"
	"strings"
)

// sourceDoc is a scenario file read as the JSON value it denotes, with the
// line of every value, so that an error about a JSON pointer can name the
// line it stands on. It is built by one goroutine and read-only afterwards.
type SourceDoc struct {
	File  string
	Value any        // generic JSON: map[string]any, []any, string, json.Number, bool, nil
	lines *lineIndex // the line of every value; a member's line is its key's
}

// parseSource reads data as JSON when file ends in .json, as YAML otherwise.
func ParseSource(file string, data []byte) (*SourceDoc, error) {
	if strings.EqualFold(path.Ext(file), ".json") {
		return parseJSONSource(file, data)
	}
	return ParseYAMLSource(file, data)
}

// lineOf returns the line of the value at pointer or, when the value is
// missing, of its nearest ancestor that exists.
func (d *SourceDoc) LineOf(pointer string) int { return d.lines.lineOf(pointer) }

// errorAt builds a LoadError at pointer.
func (d *SourceDoc) ErrorAt(pointer, format string, args ...any) *LoadError {
	return newLoadError(result.Source{File: d.File, Line: d.LineOf(pointer)}, pointer, format, args...)
}

// memberPointer appends an object member to a JSON pointer (RFC 6901).
func memberPointer(pointer, name string) string {
	return pointer + "/" + strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

// indexPointer appends an array index to a JSON pointer.
func IndexPointer(pointer string, i int) string { return pointer + "/" + strconv.Itoa(i) }

// lineCounter turns growing byte offsets into 1-based line numbers without
// rescanning the text from its start.
type lineCounter struct {
	data   []byte
	offset int
	line   int
}

func newLineCounter(data []byte) *lineCounter { return &lineCounter{data: data, line: 1} }

// at returns the line of offset, which must not be less than the offset of
// the previous call.
func (c *lineCounter) at(offset int) int {
	offset = min(offset, len(c.data))
	for ; c.offset < offset; c.offset++ {
		if c.data[c.offset] == '\n' {
			c.line++
		}
	}
	return c.line
}
