package schemas

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzFastPath extends the fast path's differential spec ("never disagrees
// with the full validator") from a fixed set of mutations to whatever the
// fuzzing engine makes. An input is a JSON text, optionally with a second
// JSON value grafted over one node of the first (or that node deleted), so
// that mutations stay JSON and reach deep into real frames. The document is
// checked as a frame in both directions, as service params when it is a
// service call, and as a transcript entry: wherever the fast path is sure,
// the full validator must agree, and ValidateFrame and ValidateParams must
// answer what the full validator answers. Any failure here is a real bug:
// the fast path accepts what the schemas refuse, or refuses what they
// accept.
func FuzzFastPath(f *testing.F) {
	for _, seed := range frameSeeds(f) {
		f.Add(seed, uint16(0), []byte(nil))
	}
	f.Add([]byte(`{"type":"data.kv","id":"c-1","params":{"op":"get","key":"k"}}`), uint16(7), []byte(`"x"`))
	f.Add([]byte(`{"type":"pong","id":"p-1"}`), uint16(0x8002), []byte(`1`))
	f.Add([]byte(`{"type":"response","id":"r-1","result":{"ok":true}}`), uint16(4), []byte(`1e3`))
	r, err := schemasOnce()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, doc []byte, at uint16, value []byte) {
		v, err := Decode(doc)
		if err != nil {
			return
		}
		if graft, err := Decode(value); err == nil {
			v = graftAt(v, int(at&0x7fff), graft, at&0x8000 != 0)
		}
		if _, _, bad := firstBadNumber(v, false); bad {
			return // refused before any schema (FRAME-27); the full validator never sees it
		}
		for _, dir := range []Direction{FromPlugin, ToPlugin} {
			s := r.dispatch(dir, v)
			fuzzAgreement(t, s, v)
			if got, want := ValidateFrame(dir, v) == nil, s.full.Validate(v) == nil; got != want {
				t.Errorf("ValidateFrame(%v) passes %v, the full validator %v: %s", dir, got, want, show(v))
			}
		}
		if params, ok := serviceParams(r, v); ok {
			typ := asObject(v)["type"].(string)
			s := r.paramsSchema(typ, params)
			fuzzAgreement(t, s, params)
			err := ValidateParams(typ, params)
			var se *Error
			if want := s.full.Validate(params) == nil; (err == nil) != want || (err != nil && !errors.As(err, &se)) {
				t.Errorf("ValidateParams(%s) = %v, the full validator passes %v: %s", typ, err, want, show(params))
			}
		}
		fuzzAgreement(t, r.documents[KindTranscript], v)
	})
}

// fuzzAgreement reports an error when the fast path is sure and the full
// validator says otherwise.
func fuzzAgreement(t *testing.T, s *compiled, instance any) {
	t.Helper()
	if s.fast == nil {
		return
	}
	full := s.full.Validate(instance) == nil
	switch s.fast.check(instance) {
	case pass:
		if !full {
			t.Errorf("fast pass, full fail: %s %s", s.full.Location, show(instance))
		}
	case fail:
		if full {
			t.Errorf("fast fail, full pass: %s %s", s.full.Location, show(instance))
		}
	}
}

// graftAt returns v with its node number at (in preorder, modulo the number
// of nodes) replaced by repl, or deleted from its object or array when del
// is set. v is not changed: the path to the node is copied.
func graftAt(v any, at int, repl any, del bool) any {
	n := countNodes(v)
	at %= n
	if at == 0 {
		return repl // the root cannot be deleted
	}
	return graft(v, at, repl, del)
}

// graft returns v with the node at, counted from v itself as 0, replaced
// or deleted.
func graft(v any, at int, repl any, del bool) any {
	seen := 1
	switch v := v.(type) {
	case map[string]any:
		for _, name := range sortedKeys(v) {
			if at-seen == 0 {
				c := with(v, name, repl)
				if del {
					delete(c, name)
				}
				return c
			}
			n := countNodes(v[name])
			if at-seen < n {
				child := graft(v[name], at-seen, repl, del)
				return with(v, name, child)
			}
			seen += n
		}
	case []any:
		for i, item := range v {
			if at-seen == 0 {
				c := append([]any(nil), v...)
				if del {
					return append(c[:i], c[i+1:]...)
				}
				c[i] = repl
				return c
			}
			n := countNodes(item)
			if at-seen < n {
				child := graft(item, at-seen, repl, del)
				c := append([]any(nil), v...)
				c[i] = child
				return c
			}
			seen += n
		}
	}
	return v
}

// countNodes counts v and every value inside it.
func countNodes(v any) int {
	n := 1
	switch v := v.(type) {
	case map[string]any:
		for _, member := range v {
			n += countNodes(member)
		}
	case []any:
		for _, item := range v {
			n += countNodes(item)
		}
	}
	return n
}

// frameSeeds returns a handful of the corpus's frames, of both directions
// and valid and invalid, without their IPC: prefix.
func frameSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, name := range []string{"valid/plugin.ndjson", "valid/runtime.ndjson"} {
		data, err := os.ReadFile(filepath.Join("..", "fixtures", "frames", name))
		if err != nil {
			f.Fatal(err)
		}
		for i, line := range bytes.Split(data, []byte("\n")) {
			if i%12 == 0 && len(line) > 0 {
				seeds = append(seeds, bytes.TrimPrefix(line, []byte("IPC:")))
			}
		}
	}
	for _, name := range []string{"invalid/plugin/data-kv-key-1025-bytes.json", "invalid/plugin/broadcast-to-users-no-ids.json"} {
		data, err := os.ReadFile(filepath.Join("..", "fixtures", "frames", name))
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, bytes.TrimPrefix(bytes.TrimSpace(data), []byte("IPC:")))
	}
	return seeds
}
