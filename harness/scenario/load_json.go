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
	doc := &SourceDoc{File: file, lines: map[string]int{}}
	if !utf8.Valid(data) {
		return nil, newLoadError(result.Source{File: file}, "", "not valid UTF-8")
	}
	r := &jsonReader{data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineCounter(data), doc: doc}
	r.dec.UseNumber()
	value, err := r.value("")
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

// dupKeyError is a key given twice in one object.
type dupKeyError struct{ err *LoadError }

func (e *dupKeyError) Error() string { return e.err.Error() }

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

// value reads the value at pointer.
func (r *jsonReader) value(pointer string) (any, error) {
	tok, line, err := r.next()
	if err != nil {
		return nil, err
	}
	if _, seen := r.doc.lines[pointer]; !seen {
		r.doc.lines[pointer] = line
	}
	switch tok {
	case json.Delim('{'):
		return r.object(pointer)
	case json.Delim('['):
		return r.array(pointer)
	}
	return tok, nil
}

func (r *jsonReader) object(pointer string) (any, error) {
	obj := map[string]any{}
	for r.dec.More() {
		tok, line, err := r.next()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		member := memberPointer(pointer, key)
		if _, dup := obj[key]; dup {
			return nil, &dupKeyError{newLoadError(result.Source{File: r.doc.File, Line: line}, member, "duplicate key %q (first on line %d)", key, r.doc.lines[member])}
		}
		r.doc.lines[member] = line
		if obj[key], err = r.value(member); err != nil {
			return nil, err
		}
	}
	_, err := r.dec.Token() // '}'
	return obj, err
}

func (r *jsonReader) array(pointer string) (any, error) {
	list := []any{}
	for r.dec.More() {
		v, err := r.value(IndexPointer(pointer, len(list)))
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
	var dup *dupKeyError
	if errors.As(err, &dup) {
		return dup.err
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
