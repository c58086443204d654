package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// ErrNotJSON is wrapped by every error of Decode.
var ErrNotJSON = errors.New("not a JSON document")

// Decode parses data as exactly one JSON document, as the validators of this
// package expect it: numbers stay exact (json.Number), invalid UTF-8 is
// refused rather than replaced (FRAME-18, FRAME-19), and so is anything but
// whitespace after the document and an object with a member name twice
// (a *DuplicateKeyError). A syntax error from encoding/json stays in
// the chain, so errors.As finds its Offset. Safe for concurrent use.
func Decode(data []byte) (any, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%w: invalid UTF-8", ErrNotJSON)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w: empty input", ErrNotJSON)
		}
		return nil, fmt.Errorf("%w: %w", ErrNotJSON, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: data after the document", ErrNotJSON)
	}
	if e := duplicateKey(data); e != nil {
		return nil, e
	}
	return doc, nil
}
