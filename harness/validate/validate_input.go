package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/conform-dev/conform/internal/jsonpos"
	"github.com/conform-dev/conform/mockruntime/wire"
	"github.com/conform-dev/conform/schemas"
)

// document is one JSON document read from an input, with where it started.
type Document struct {
	Line  int
	Value any
	// fromPlugin is set when the line carried the IPC: prefix of a frame on
	// a plugin's stdout (FRAME-1).
	fromPlugin bool
	// text is the whole input when the document spans lines, so that a
	// problem can be placed on the line of the value it is about.
	text []byte
}

// lineOf returns the line a problem with the value at pointer stands on:
// the document's line when it is one line, else the line of the value (or
// of its nearest existing ancestor).
func (d Document) lineOf(pointer string) int {
	if d.text == nil {
		return d.Line
	}
	if line := jsonpos.Line(d.text, pointer); line > 0 {
		return line
	}
	return d.Line
}

// inputError is an input that is not what validate reads: a line (or a
// whole document) that is not JSON.
type inputError struct {
	line int
	err  error
}

func (e *inputError) Error() string { return fmt.Sprintf("%d: %v", e.line, e.err) }

// lineDocument decodes one line, numbered n from 1.
func lineDocument(line []byte, n int, ipcPrefix bool) (Document, *inputError) {
	line = bytes.TrimSuffix(line, []byte("\r"))
	doc := Document{Line: n}
	if ipcPrefix {
		line, doc.fromPlugin = bytes.CutPrefix(line, []byte(wire.FramePrefix))
	}
	value, err := schemas.Decode(line)
	if err != nil {
		return doc, &inputError{line: n, err: err}
	}
	doc.Value = value
	return doc, nil
}

// wholeDocument decodes data as one document that starts on line first
// (counted from 0), reporting a syntax error on the line where it is.
func wholeDocument(data []byte, first int) ([]Document, []*inputError) {
	value, err := schemas.Decode(data)
	if err == nil {
		return []Document{{Line: first + 1, Value: value, text: data}}, nil
	}
	line := first + 1
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		line = 1 + bytes.Count(data[:min(int(syntax.Offset), len(data))], []byte("\n"))
	}
	return nil, []*inputError{{line: line, err: err}}
}

func isBlank(line []byte) bool { return len(bytes.TrimSpace(line)) == 0 }
