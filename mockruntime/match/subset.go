// Package match holds Gomega matchers over the reference runtime's
// transcripts, frames, responses and errors, for plugin authors testing
// their plugins in Go:
//
//	Eventually(rt.Transcript).Should(match.HaveFrame(mockruntime.DirIn, map[string]any{"type": "ready"}))
//	Expect(p.Request(ctx, req)).To(match.HaveErrorCode("PERMISSION_DENIED"))
//	Expect(rt.Transcript()).NotTo(match.HaveViolation(""))
package match

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
)

// Subset reports whether actual contains pattern: every member of a
// pattern object must be present in the actual object and match, arrays
// must match element by element with the same length, and scalars must be
// equal as JSON values. A pattern string of the form "/re/" matches any
// string the regular expression matches, and an object of matchers
// ({"$gte": 1}, {"$contains": ...}: see operators.go) a value they all
// accept. On a mismatch it returns the JSON
// pointer of the first difference and why. Values are compared after a JSON
// round trip, so Go structs, maps and json.RawMessage all work.
func Subset(pattern, actual any) (ok bool, pointer, why string) {
	return subset(normalize(pattern), normalize(actual), "")
}

func subset(p, a any, at string) (bool, string, string) {
	switch pv := p.(type) {
	case map[string]any:
		if isOperator(pv) {
			return applyOperators(pv, a, at)
		}
		av, isObj := a.(map[string]any)
		if !isObj {
			return false, at, fmt.Sprintf("expected an object, got %s", short(a))
		}
		for _, pk := range sortedKeys(pv) {
			k := unescapeKey(pk)
			v, present := av[k]
			if !present {
				return false, at + "/" + escape(k), "missing"
			}
			if ok, ptr, why := subset(pv[pk], v, at+"/"+escape(k)); !ok {
				return false, ptr, why
			}
		}
		return true, "", ""
	case []any:
		av, isArr := a.([]any)
		if !isArr || len(av) != len(pv) {
			return false, at, fmt.Sprintf("expected an array of %d, got %s", len(pv), short(a))
		}
		for i := range pv {
			if ok, ptr, why := subset(pv[i], av[i], fmt.Sprintf("%s/%d", at, i)); !ok {
				return false, ptr, why
			}
		}
		return true, "", ""
	case string:
		if re, isRe := regexOf(pv); isRe {
			s, isStr := a.(string)
			if isStr && re.MatchString(s) {
				return true, "", ""
			}
			return false, at, fmt.Sprintf("expected a string matching %s, got %s", pv, short(a))
		}
	}
	if reflect.DeepEqual(p, a) {
		return true, "", ""
	}
	return false, at, fmt.Sprintf("expected %s, got %s", short(p), short(a))
}

func regexOf(s string) (*regexp.Regexp, bool) {
	if len(s) < 2 || s[0] != '/' || s[len(s)-1] != '/' {
		return nil, false
	}
	re, err := regexp.Compile(s[1 : len(s)-1])
	return re, err == nil
}

// normalize turns any value into its generic JSON form (numbers as
// float64), so patterns written in Go compare with decoded frames.
func normalize(v any) any {
	var raw []byte
	switch t := v.(type) {
	case json.RawMessage:
		raw = t
	case []byte:
		raw = t
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return v
		}
		raw = b
	}
	var out any
	if json.Unmarshal(raw, &out) != nil {
		return v
	}
	return out
}

func short(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

func escape(k string) string { return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1") }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
