package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// DuplicateKeyError is the error of Decode for an object with a member
// name twice (FRAME-19, MAN-7). Decoders disagree on such a document
// (encoding/json keeps the last member, many SDKs the first), so it is
// refused rather than read one way. It wraps ErrNotJSON.
type DuplicateKeyError struct {
	// Pointer is the JSON pointer of the second member with the name.
	Pointer string
	Name    string
}

func (e *DuplicateKeyError) Error() string {
	return fmt.Sprintf("%v: the member name %q appears twice in one object, at %s", ErrNotJSON, e.Name, e.Pointer)
}

// Unwrap returns ErrNotJSON.
func (e *DuplicateKeyError) Unwrap() error { return ErrNotJSON }

// duplicateKey scans data, a valid JSON document, for an object with a
// member name twice and returns the error naming the first such member, or
// nil. It is linear in len(data) and allocates only per object with
// members, for its names.
func duplicateKey(data []byte) *DuplicateKeyError {
	sc := dupScanner{data: data}
	sc.value()
	return sc.found
}

type dupScanner struct {
	data  []byte
	pos   int
	found *DuplicateKeyError // its Pointer grows token by token as the scan unwinds
}

func (sc *dupScanner) skipSpace() {
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

// value scans one value; it stops early once a duplicate is found.
func (sc *dupScanner) value() {
	sc.skipSpace()
	if sc.pos >= len(sc.data) || sc.found != nil {
		return
	}
	switch sc.data[sc.pos] {
	case '{':
		sc.object()
	case '[':
		sc.array()
	case '"':
		sc.str()
	default: // a number, true, false or null
		for sc.pos < len(sc.data) && !isDelimiter(sc.data[sc.pos]) {
			sc.pos++
		}
	}
}

func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

func (sc *dupScanner) object() {
	sc.pos++          // {
	var few [8][]byte // the names of a small object, without a map
	seen := memberNames{few: few[:0]}
	for sc.found == nil {
		sc.skipSpace()
		if sc.pos >= len(sc.data) || sc.data[sc.pos] == '}' {
			sc.pos++
			return
		}
		if sc.data[sc.pos] == ',' {
			sc.pos++
			sc.skipSpace()
		}
		name := sc.name()
		if !seen.add(name) {
			sc.found = &DuplicateKeyError{Pointer: "/" + escapePointer(string(name)), Name: string(name)}
			return
		}
		sc.skipSpace()
		sc.pos++ // :
		sc.value()
		if sc.found != nil {
			sc.found.Pointer = "/" + escapePointer(string(name)) + sc.found.Pointer
		}
	}
}

// memberNames is the set of names of one object: a slice while small, a
// map once it has more than eight.
type memberNames struct {
	few  [][]byte
	many map[string]bool
}

// add adds name and reports whether it was new.
func (m *memberNames) add(name []byte) bool {
	if m.many != nil {
		if m.many[string(name)] {
			return false
		}
		m.many[string(name)] = true
		return true
	}
	for _, n := range m.few {
		if bytes.Equal(n, name) {
			return false
		}
	}
	if len(m.few) < cap(m.few) {
		m.few = append(m.few, name)
		return true
	}
	m.many = make(map[string]bool, 2*len(m.few))
	for _, n := range m.few {
		m.many[string(n)] = true
	}
	m.many[string(name)] = true
	return true
}

func (sc *dupScanner) array() {
	sc.pos++ // [
	for i := 0; sc.found == nil; i++ {
		sc.skipSpace()
		if sc.pos >= len(sc.data) || sc.data[sc.pos] == ']' {
			sc.pos++
			return
		}
		if sc.data[sc.pos] == ',' {
			sc.pos++
		}
		sc.value()
		if sc.found != nil {
			sc.found.Pointer = "/" + strconv.Itoa(i) + sc.found.Pointer
		}
	}
}

// str skips a string and returns its raw bytes, quotes included.
func (sc *dupScanner) str() []byte {
	start := sc.pos
	sc.pos++ // "
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case '\\':
			sc.pos += 2
			continue
		case '"':
			sc.pos++
			return sc.data[start:sc.pos]
		}
		sc.pos++
	}
	return sc.data[start:]
}

// name reads a member name, unescaped so that "a" and "\u0061" are the
// same name; it aliases data unless the name has escapes.
func (sc *dupScanner) name() []byte {
	raw := sc.str()
	if bytes.IndexByte(raw, '\\') >= 0 {
		var s string
		_ = json.Unmarshal(raw, &s)
		return []byte(s)
	}
	if len(raw) < 2 {
		return nil
	}
	return raw[1 : len(raw)-1]
}
