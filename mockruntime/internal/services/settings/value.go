package settings

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/conform-dev/conform/mockruntime/manifest"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// maxExactInteger is the largest integer a float64 holds exactly.
const maxExactInteger = 1 << 53

// Value checks v against the type of s (MAN-5, SET-2) and returns it
// in the form the runtime keeps and sends: int64 for integer, float64 for
// number, string for string and select, bool for boolean. v may be any Go
// value that encodes to JSON; an integral number such as 5.0 is an integer.
func Value(s manifest.Setting, v any) (any, error) {
	doc, err := asJSON(v)
	if err != nil {
		return nil, badSetting(s, v)
	}
	var out any
	switch s.Type {
	case "integer":
		out = integerOf(doc)
	case "number":
		out = numberOf(doc)
	case "string", "boolean":
		out = ofKind(doc, s.Type)
	case "select":
		if str, ok := doc.(string); ok && containsJSON(s.Options, str) {
			out = str
		}
	}
	if out == nil {
		return nil, badSetting(s, v)
	}
	return out, nil
}

// asJSON turns a Go value into the value JSON decoding gives, with numbers
// kept exact as json.Number.
func asJSON(v any) (any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	return doc, dec.Decode(&doc)
}

func integerOf(doc any) any {
	n, ok := doc.(json.Number)
	if !ok {
		return nil
	}
	if i, err := n.Int64(); err == nil {
		return i
	}
	f, err := n.Float64()
	if err != nil || f != math.Trunc(f) || math.Abs(f) > maxExactInteger {
		return nil
	}
	return int64(f)
}

// ofKind returns doc when it is a JSON string (kind "string") or boolean
// (kind "boolean"), else nil.
func ofKind(doc any, kind string) any {
	switch doc.(type) {
	case string:
		if kind == "string" {
			return doc
		}
	case bool:
		if kind == "boolean" {
			return doc
		}
	}
	return nil
}

func numberOf(doc any) any {
	n, ok := doc.(json.Number)
	if !ok {
		return nil
	}
	f, err := n.Float64()
	if err != nil {
		return nil
	}
	return f
}

// settingKinds describes what each setting type takes, for error messages.
var settingKinds = map[string]string{
	"integer": "an integer", "number": "a number", "string": "a string",
	"boolean": "a boolean", "select": "one of its options",
}

func badSetting(s manifest.Setting, v any) *wire.Error {
	return wire.Errorf(wire.CodeInvalidParams, "setting %q takes %s, not %#v", s.Key, settingKinds[s.Type], v).With("key", s.Key)
}

// containsJSON reports whether list holds a value equal to v as JSON.
func containsJSON(list []any, v any) bool {
	want, _ := json.Marshal(v)
	for _, x := range list {
		got, _ := json.Marshal(x)
		if string(got) == string(want) {
			return true
		}
	}
	return false
}
