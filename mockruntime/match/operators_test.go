package match_test

import (
	"testing"

	"github.com/conform-dev/conform/mockruntime/match"
)

func TestMatchers(t *testing.T) {
	for _, c := range []struct {
		name             string
		pattern, actual  any
		ok               bool
		pointer, message string
	}{
		{"a range holds", map[string]any{"n": map[string]any{"$gte": 1, "$lte": 5}}, map[string]any{"n": 3}, true, "", ""},
		{"a range fails", map[string]any{"n": map[string]any{"$gte": 1, "$lte": 5}}, map[string]any{"n": 6}, false, "/n", "expected a number at most 5, got 6"},
		{"a bound on a string", map[string]any{"$gt": 1}, "2", false, "", `expected a number greater than 1, got "2"`},
		{"any number", map[string]any{"$type": "number"}, 2.5, true, "", ""},
		{"an integer is a number", map[string]any{"$type": "number"}, 2, true, "", ""},
		{"not an integer", map[string]any{"$type": "integer"}, 2.5, false, "", "expected any integer, got 2.5"},
		{"any value", map[string]any{"a": map[string]any{"$any": true}}, map[string]any{"a": nil}, true, "", ""},
		{"any value needs the member", map[string]any{"a": map[string]any{"$any": true}}, map[string]any{}, false, "/a", "missing"},
		{"an array contains a subset", map[string]any{"$contains": map[string]any{"id": 2}}, []any{map[string]any{"id": 1}, map[string]any{"id": 2, "x": 0}}, true, "", ""},
		{"an array lacks it", map[string]any{"$contains": 3}, []any{1, 2}, false, "", "expected an array with an element matching 3, got [1,2]"},
		{"a string contains text", map[string]any{"$contains": "ell"}, "hello", true, "", ""},
		{"a prefix", map[string]any{"$prefix": "req-"}, "req-7", true, "", ""},
		{"a prefix fails", map[string]any{"$prefix": "req-"}, "c7", false, "", `expected a string starting with "req-", got "c7"`},
		{"a regex", map[string]any{"$regex": "^c[0-9]+$"}, "c12", true, "", ""},
		{"not", map[string]any{"$not": map[string]any{"$type": "null"}}, 1, true, "", ""},
		{"not fails", map[string]any{"$not": 1}, 1, false, "", "expected anything but 1, got 1"},
		{"an escaped member", map[string]any{"$$ref": "x"}, map[string]any{"$ref": "x"}, true, "", ""},
	} {
		ok, pointer, why := match.Subset(c.pattern, c.actual)
		if ok != c.ok || pointer != c.pointer || why != c.message {
			t.Errorf("%s: Subset = %v %q %q, want %v %q %q", c.name, ok, pointer, why, c.ok, c.pointer, c.message)
		}
	}
}

func TestCheckPattern(t *testing.T) {
	for _, c := range []struct {
		name             string
		pattern          any
		ok               bool
		pointer, message string
	}{
		{"plain", map[string]any{"a": []any{1, "/x/"}}, true, "", ""},
		{"matchers", map[string]any{"a": map[string]any{"$gte": 1, "$lt": 2}}, true, "", ""},
		{"unknown", map[string]any{"a": map[string]any{"$gtee": 1}}, false, "/a/$gtee", "no matcher $gtee (known: $any, $contains, $gt, $gte, $lt, $lte, $not, $prefix, $regex, $type)"},
		{"mixed", map[string]any{"$gte": 1, "b": 2}, false, "", `a pattern object has either matchers ("$gte", ...) or members to find, not both; write a member named "$x" as "$$x"`},
		{"a bound that is no number", map[string]any{"$lte": "5"}, false, "/$lte", "$lte takes a number"},
		{"a bad type", map[string]any{"$type": "float"}, false, "/$type", `$type takes "null", "boolean", "number", "integer", "string", "array" or "object"`},
		{"a bad regex", map[string]any{"$regex": "("}, false, "/$regex", "not a regular expression: error parsing regexp: missing closing ): `(`"},
		{"inside contains", map[string]any{"$contains": map[string]any{"$nope": 1}}, false, "/$contains/$nope", "no matcher $nope (known: $any, $contains, $gt, $gte, $lt, $lte, $not, $prefix, $regex, $type)"},
		{"a variable", map[string]any{"$prefix": "${slug}."}, true, "", ""},
	} {
		ok, pointer, why := match.CheckPattern(c.pattern)
		if ok != c.ok || pointer != c.pointer || why != c.message {
			t.Errorf("%s: CheckPattern = %v %q %q, want %v %q %q", c.name, ok, pointer, why, c.ok, c.pointer, c.message)
		}
	}
}
