package scenario

import (
	"strconv"
	"strings"
)

// MaxNesting is how deep a scenario file's values may nest, in the JSON
// and the YAML loader alike: far deeper than any scenario needs (the
// built-in suites reach 9), shallow enough that every walk over a loaded
// value stays cheap. A file nested deeper is refused with the line where
// the limit was passed.
const MaxNesting = 1000

// lineIndex records the line of every value of a document as a tree of
// (parent, segment) entries, so that its memory grows with the number of
// values, never with their depth or the length of their keys: a JSON
// pointer string is built only when an error needs one. Built by one
// goroutine and read-only afterwards.
type lineIndex struct {
	entries []lineEntry
	byKey   map[lineKey]int32
}

// lineEntry is one value: its parent entry, its segment (a member name or
// an array index, unescaped), and the 1-based line it stands on.
type lineEntry struct {
	parent int32
	seg    string
	line   int
}

type lineKey struct {
	parent int32
	seg    string
}

// rootEntry is the entry of the document's top value.
const rootEntry int32 = 0

func newLineIndex() *lineIndex {
	return &lineIndex{entries: []lineEntry{{parent: -1}}, byKey: map[lineKey]int32{}}
}

// child returns the entry of parent's member or item seg, making it with
// line when it is new; an existing entry keeps its first line.
func (x *lineIndex) child(parent int32, seg string, line int) int32 {
	key := lineKey{parent, seg}
	if id, ok := x.byKey[key]; ok {
		return id
	}
	id := int32(len(x.entries))
	x.entries = append(x.entries, lineEntry{parent: parent, seg: seg, line: line})
	x.byKey[key] = id
	return id
}

// item returns the entry of parent's array item i.
func (x *lineIndex) item(parent int32, i int, line int) int32 {
	return x.child(parent, strconv.Itoa(i), line)
}

// setLine records line for id unless it has one.
func (x *lineIndex) setLine(id int32, line int) {
	if x.entries[id].line == 0 {
		x.entries[id].line = line
	}
}

// line returns the line recorded for id, 0 when none was.
func (x *lineIndex) line(id int32) int { return x.entries[id].line }

// pointer builds the JSON pointer (RFC 6901) of id.
func (x *lineIndex) pointer(id int32) string {
	var segs []string
	for ; id > rootEntry; id = x.entries[id].parent {
		segs = append(segs, x.entries[id].seg)
	}
	var b strings.Builder
	for i := len(segs) - 1; i >= 0; i-- {
		b.WriteString(memberPointer("", segs[i]))
	}
	return b.String()
}

// lineOf returns the line of the value at pointer or, when the value is
// missing, of its nearest ancestor that has one.
func (x *lineIndex) lineOf(pointer string) int {
	id, line := rootEntry, x.entries[rootEntry].line
	if pointer == "" {
		return line
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		next, ok := x.byKey[lineKey{id, strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")}]
		if !ok {
			break
		}
		id = next
		if l := x.entries[id].line; l != 0 {
			line = l
		}
	}
	return line
}
