package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/conform-dev/conform/harness/result"
	"io"
	"unicode/utf8"
)

// parseJSONSource reads a scenario file written in JSON, refusing duplicate
// keys (which encoding/json would silently resolve to the last one) and
// recording the line of every value.
func parseJSONSource(file string, data []byte) (*SourceDoc, error) {
	doc := &SourceDoc{File: file, lines: newLineIndex()}
	if !utf8.Valid(data) {
		return nil, newLoadError(result.Source{File: file}, "", "not valid UTF-8")
	}
	r := &jsonReader{data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineCounter(data), doc: doc}
	r.dec.UseNumber()
	value, err := r.value(rootEntry, 0)
	if err == nil {
		err = r.end()
	}
	if err != nil {
		return nil, r.syntaxError(err)
	}
	doc.Value = value
	return doc, nil
}

// jsonReader walks the tokens of one JSON text. Used by one goroutine.
type jsonReader struct {
	data  []byte
	dec   *json.Decoder
	lines *lineCounter
	doc   *SourceDoc
}

// refusalError is a refusal that is not a syntax error: a key given twice
// in one object, or values nested too deep.
type refusalError struct{ err *LoadError }

func (e *refusalError) Error() string { return e.err.Error() }

// next reads one token and returns it with the line it starts on.
func (r *jsonReader) next() (json.Token, int, error) {
	line := r.lines.at(r.tokenStart())
	tok, err := r.dec.Token()
	return tok, line, err
}

// tokenStart is where the next token begins: only white space, colons and
// commas stand between two tokens.
func (r *jsonReader) tokenStart() int {
	i := int(r.dec.InputOffset())
	for i < len(r.data) && bytes.IndexByte([]byte(" \t\r\n:,"), r.data[i]) >= 0 {
		i++
	}
	return i
}

// value reads the value of entry id, nested depth containers deep.
func (r *jsonReader) value(id int32, depth int) (any, error) {
	tok, line, err := r.next()
	if err != nil {
		return nil, err
	}
	r.doc.lines.setLine(id, line)
	switch tok {
	case json.Delim('{'), json.Delim('['):
		if depth == MaxNesting {
			return nil, &refusalError{newLoadError(result.Source{File: r.doc.File, Line: line}, r.doc.lines.pointer(id), "values nest more than %d levels deep", MaxNesting)}
		}
		if tok == json.Delim('{') {
			return r.object(id, depth+1)
		}
		return r.array(id, depth+1)
	}
	return tok, nil
}

func (r *jsonReader) object(id int32, depth int) (any, error) {
	obj := map[string]any{}
	for r.dec.More() {
		tok, line, err := r.next()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		member := r.doc.lines.child(id, key, line)
		if _, dup := obj[key]; dup {
			return nil, &refusalError{newLoadError(result.Source{File: r.doc.File, Line: line}, r.doc.lines.pointer(member), "duplicate key %q (first on line %d)", key, r.doc.lines.line(member))}
		}
		if obj[key], err = r.value(member, depth); err != nil {
			return nil, err
		}
	}
	_, err := r.dec.Token() // '}'
	return obj, err
}

func (r *jsonReader) array(id int32, depth int) (any, error) {
	list := []any{}
	for r.dec.More() {
		v, err := r.value(r.doc.lines.item(id, len(list), 0), depth)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	_, err := r.dec.Token() // ']'
	return list, err
}

// end refuses anything but white space after the document.
func (r *jsonReader) end() error {
	if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("data after the document")
	}
	return nil
}

// syntaxError turns a decoding failure into a LoadError on its line.
func (r *jsonReader) syntaxError(err error) error {
	var refused *refusalError
	if errors.As(err, &refused) {
		return refused.err
	}
	offset := int(r.dec.InputOffset())
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		offset = int(syntax.Offset)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		offset, err = len(r.data), errors.New("unexpected end of the document")
	}
	line := 1 + bytes.Count(r.data[:min(offset, len(r.data))], []byte("\n"))
	return newLoadError(result.Source{File: r.doc.File, Line: line}, "", "not valid JSON: %v", err)
}
