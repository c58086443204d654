package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"testing"
	"unicode/utf8"
)

// FuzzDecode checks Decode against encoding/json on arbitrary bytes. Decode
// never panics; it refuses exactly the texts that are not one valid JSON
// document in valid UTF-8, plus those with a member name twice in one
// object, and for those it names the same member and pointer as a
// reference scan through json.Decoder's tokens (FRAME-19, MAN-7): the
// duplicate scan neither misses a duplicate (which the decoded map would
// silently hide) nor invents one. What it accepts re-encodes and decodes
// again to an equal value.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"type":"ready","sdk":{"name":"conform-go","version":"0.1.0"},"protocol":"1.0"}`,
		`{"type":"pong","type":"ready"}`,
		`{"a":{"b":[1,{"c":1,"\u0063":2}]}}`,
		`{"~/":1,"x":[{"a/b":{"k":1,"k":2}}]}`,
		`[1e999, -0.0, 12345678901234567890, "\ud800", "é"] `,
		`{"a":1} {"b":2}`,
		`{"1":1,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9,"1":0}`,
	} {
		f.Add([]byte(seed))
	}
	for _, seed := range frameSeeds(f)[:3] {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Decode(data)
		var dup *DuplicateKeyError
		valid := utf8.Valid(data) && json.Valid(data)
		switch {
		case errors.As(err, &dup):
			if !valid {
				t.Fatalf("a duplicate key in a text that is not valid JSON: %q", data)
			}
			ptr, name, found := referenceDuplicate(data)
			if !found || ptr != dup.Pointer || name != dup.Name {
				t.Fatalf("Decode found %q at %s, the reference %v %q at %s: %q", dup.Name, dup.Pointer, found, name, ptr, data)
			}
			return
		case err != nil:
			if !errors.Is(err, ErrNotJSON) {
				t.Fatalf("an error not wrapping ErrNotJSON: %v", err)
			}
			if valid {
				t.Fatalf("refused valid JSON: %v: %q", err, data)
			}
			return
		}
		if !valid {
			t.Fatalf("accepted what is not valid JSON: %q", data)
		}
		if ptr, name, found := referenceDuplicate(data); found {
			t.Fatalf("accepted a duplicate member %q at %s: %q", name, ptr, data)
		}
		again, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("re-encoding %#v: %v", v, err)
		}
		w, err := Decode(again)
		if err != nil {
			t.Fatalf("decoding the re-encoded %s: %v", again, err)
		}
		if !reflect.DeepEqual(v, w) {
			t.Fatalf("re-encoded and decoded again: %#v, want %#v", w, v)
		}
	})
}

// referenceDuplicate finds, in a valid JSON text, the first member whose
// name an earlier member of the same object has, in document order, with
// json.Decoder's tokens: names as encoding/json unescapes them.
func referenceDuplicate(data []byte) (ptr, name string, found bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	ptr, name, found, _ = refValue(dec)
	return
}

func refValue(dec *json.Decoder) (ptr, name string, found bool, err error) {
	tok, err := dec.Token()
	if err != nil {
		return "", "", false, err
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return "", "", false, err
			}
			k := key.(string)
			if seen[k] {
				return "/" + escapePointer(k), k, true, nil
			}
			seen[k] = true
			if p, n, found, err := refValue(dec); found || err != nil {
				return "/" + escapePointer(k) + p, n, found, err
			}
		}
		_, err = dec.Token()
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if p, n, found, err := refValue(dec); found || err != nil {
				return "/" + strconv.Itoa(i) + p, n, found, err
			}
		}
		_, err = dec.Token()
	}
	return "", "", false, err
}
