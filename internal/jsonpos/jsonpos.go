// Package jsonpos finds where in a JSON text a JSON pointer points, so an
// error about /settings/2/default can name the line it stands on.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Line returns the 1-based line of the value the pointer names in data, or
// of the deepest existing ancestor when the value is missing (a missing
// member is reported at its object). It returns 0 when data is not JSON.
func Line(data []byte, pointer string) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	off, ok := locate(dec, splitPointer(pointer))
	if !ok && off < 0 {
		return 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// splitPointer turns "/a/b~1c" into ["a", "b/c"].
func splitPointer(p string) []string {
	if p == "" || p == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return parts
}

// locate reads one value and descends along path. It returns the offset of
// the found value's first token (or of the deepest ancestor) and whether
// the whole path was found; an offset of -1 means the text is not JSON.
func locate(dec *json.Decoder, path []string) (int, bool) {
	tok, err := dec.Token()
	if err != nil {
		return -1, false
	}
	start := int(dec.InputOffset()) - tokenWidth(tok)
	if len(path) == 0 {
		return start, true
	}
	delim, isDelim := tok.(json.Delim)
	switch {
	case isDelim && delim == '{':
		return descendObject(dec, path, start)
	case isDelim && delim == '[':
		return descendArray(dec, path, start)
	}
	return start, false
}

func descendObject(dec *json.Decoder, path []string, start int) (int, bool) {
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return start, false
		}
		if key, _ := keyTok.(string); key == path[0] {
			if off, ok := locate(dec, path[1:]); off >= 0 {
				return off, ok
			}
			return start, false
		}
		if skip(dec) != nil {
			return start, false
		}
	}
	return start, false
}

func descendArray(dec *json.Decoder, path []string, start int) (int, bool) {
	want, err := strconv.Atoi(path[0])
	if err != nil {
		return start, false
	}
	for i := 0; dec.More(); i++ {
		if i == want {
			if off, ok := locate(dec, path[1:]); off >= 0 {
				return off, ok
			}
			return start, false
		}
		if skip(dec) != nil {
			return start, false
		}
	}
	return start, false
}

// skip consumes one whole value.
func skip(dec *json.Decoder) error {
	var v json.RawMessage
	return dec.Decode(&v)
}

// tokenWidth estimates how many bytes a token occupied, so the offset after
// it can be turned into its start. Strings and numbers never span lines, so
// an estimate that lands inside the token still gives the right line.
func tokenWidth(tok json.Token) int {
	switch t := tok.(type) {
	case json.Delim:
		return 1
	case string:
		return len(t) + 2
	case json.Number:
		return len(t)
	case bool:
		if t {
			return 4
		}
		return 5
	case nil:
		return 4
	}
	return 1
}
