package match

import (
	"fmt"
	"regexp"
	"strings"
)

// A pattern object whose members all start with "$" is a matcher, not an
// object to find: {"$gte": 1, "$lte": 5} matches a number from 1 to 5.
// Several members must all hold. A member of an object to find whose name
// starts with "$" is written with "$$" ("$$ref" finds "$ref").
//
//	$gt, $gte, $lt, $lte  a number beyond or within the bound
//	$type                 "null", "boolean", "number", "integer", "string", "array" or "object"
//	$any                  true: any value at all (the member need only be there)
//	$contains             an array with an element matching the pattern, or a string holding the text
//	$prefix               a string starting with the text
//	$regex                a string the regular expression (RE2) matches
//	$not                  a value the pattern does not match
var operatorNames = []string{"$any", "$contains", "$gt", "$gte", "$lt", "$lte", "$not", "$prefix", "$regex", "$type"}

// operator returns the check of a matcher member, nil for an unknown one.
func operator(name string) func(arg, actual any) (ok bool, why string) {
	switch name {
	case "$gt":
		return numberOp("greater than", func(a, b float64) bool { return a > b })
	case "$gte":
		return numberOp("at least", func(a, b float64) bool { return a >= b })
	case "$lt":
		return numberOp("less than", func(a, b float64) bool { return a < b })
	case "$lte":
		return numberOp("at most", func(a, b float64) bool { return a <= b })
	case "$type":
		return typeOp
	case "$any":
		return func(any, any) (bool, string) { return true, "" }
	case "$contains":
		return containsOp
	case "$prefix":
		return prefixOp
	case "$regex":
		return regexOp
	case "$not":
		return notOp
	}
	return nil
}

// isOperator reports whether a pattern object is a matcher.
func isOperator(p map[string]any) bool {
	if len(p) == 0 {
		return false
	}
	for k := range p {
		if !strings.HasPrefix(k, "$") || strings.HasPrefix(k, "$$") {
			return false
		}
	}
	return true
}

// unescapeKey turns the "$$name" spelling of a member back into "$name".
func unescapeKey(k string) string {
	if strings.HasPrefix(k, "$$") {
		return k[1:]
	}
	return k
}

// applyOperators checks actual against every member of a matcher.
func applyOperators(p map[string]any, actual any, at string) (bool, string, string) {
	for _, k := range sortedKeys(p) {
		if ok, why := operator(k)(p[k], actual); !ok {
			return false, at, why
		}
	}
	return true, "", ""
}

func numberOp(word string, holds func(a, b float64) bool) func(arg, actual any) (bool, string) {
	return func(arg, actual any) (bool, string) {
		bound, _ := arg.(float64)
		n, isNum := actual.(float64)
		if isNum && holds(n, bound) {
			return true, ""
		}
		return false, fmt.Sprintf("expected a number %s %s, got %s", word, short(arg), short(actual))
	}
}

func typeOf(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if t == float64(int64(t)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

func typeOp(arg, actual any) (bool, string) {
	want, _ := arg.(string)
	got := typeOf(actual)
	if got == want || (want == "number" && got == "integer") {
		return true, ""
	}
	return false, fmt.Sprintf("expected any %s, got %s", want, short(actual))
}

func containsOp(arg, actual any) (bool, string) {
	if s, isStr := actual.(string); isStr {
		text, _ := arg.(string)
		if strings.Contains(s, text) {
			return true, ""
		}
		return false, fmt.Sprintf("expected a string containing %s, got %s", short(arg), short(actual))
	}
	items, isArr := actual.([]any)
	for _, item := range items {
		if ok, _, _ := subset(arg, item, ""); ok {
			return true, ""
		}
	}
	if !isArr {
		return false, fmt.Sprintf("expected an array or a string containing %s, got %s", short(arg), short(actual))
	}
	return false, fmt.Sprintf("expected an array with an element matching %s, got %s", short(arg), short(actual))
}

func prefixOp(arg, actual any) (bool, string) {
	prefix, _ := arg.(string)
	if s, isStr := actual.(string); isStr && strings.HasPrefix(s, prefix) {
		return true, ""
	}
	return false, fmt.Sprintf("expected a string starting with %s, got %s", short(arg), short(actual))
}

func regexOp(arg, actual any) (bool, string) {
	expr, _ := arg.(string)
	re, err := regexp.Compile(expr)
	if s, isStr := actual.(string); err == nil && isStr && re.MatchString(s) {
		return true, ""
	}
	return false, fmt.Sprintf("expected a string matching /%s/, got %s", expr, short(actual))
}

func notOp(arg, actual any) (bool, string) {
	if ok, _, _ := subset(arg, actual, ""); !ok {
		return true, ""
	}
	return false, fmt.Sprintf("expected anything but %s, got %s", short(arg), short(actual))
}

// CheckPattern reports the first matcher of a pattern that cannot work:
// an unknown operator, one mixed with plain members, or an argument of the
// wrong type. It returns the JSON pointer below the pattern and why, or
// ok. Strings holding "${" are not checked: they are expanded later. Safe
// for concurrent use.
func CheckPattern(pattern any) (ok bool, pointer, why string) {
	return checkPattern(normalize(pattern), "")
}

func checkPattern(p any, at string) (bool, string, string) {
	switch pv := p.(type) {
	case []any:
		for i, item := range pv {
			if ok, ptr, why := checkPattern(item, fmt.Sprintf("%s/%d", at, i)); !ok {
				return false, ptr, why
			}
		}
	case map[string]any:
		plain := 0
		for k := range pv {
			if !strings.HasPrefix(k, "$") || strings.HasPrefix(k, "$$") {
				plain++
			}
		}
		if plain > 0 && plain < len(pv) {
			return false, at, `a pattern object has either matchers ("$gte", ...) or members to find, not both; write a member named "$x" as "$$x"`
		}
		for _, k := range sortedKeys(pv) {
			ptr := at + "/" + escape(k)
			if plain == 0 {
				if ok, why := checkOperator(k, pv[k]); !ok {
					return false, ptr, why
				}
				if k != "$contains" && k != "$not" {
					continue
				}
			}
			if ok, ptr, why := checkPattern(pv[k], ptr); !ok {
				return false, ptr, why
			}
		}
	}
	return true, "", ""
}

// checkOperator checks one matcher member.
func checkOperator(name string, arg any) (bool, string) {
	if operator(name) == nil {
		return false, fmt.Sprintf("no matcher %s (known: %s)", name, strings.Join(operatorNames, ", "))
	}
	if s, isStr := arg.(string); isStr && strings.Contains(s, "${") {
		return true, ""
	}
	switch name {
	case "$gt", "$gte", "$lt", "$lte":
		if _, isNum := arg.(float64); !isNum {
			return false, name + " takes a number"
		}
	case "$type":
		switch arg {
		case "null", "boolean", "number", "integer", "string", "array", "object":
		default:
			return false, `$type takes "null", "boolean", "number", "integer", "string", "array" or "object"`
		}
	case "$any":
		if arg != true {
			return false, "$any takes true"
		}
	case "$prefix":
		if _, isStr := arg.(string); !isStr {
			return false, name + " takes a string"
		}
	case "$regex":
		expr, isStr := arg.(string)
		if !isStr {
			return false, "$regex takes a string"
		}
		if _, err := regexp.Compile(expr); err != nil {
			return false, fmt.Sprintf("not a regular expression: %v", err)
		}
	}
	return true, ""
}
