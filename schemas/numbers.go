package schemas

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// MaxNumberBytes is the longest number literal an instance may hold
// (FRAME-27).
const MaxNumberBytes = 100

// numberRule is the rule of the number limits.
const numberRule = "FRAME-27"

// checkNumbers refuses, before any schema is applied, the first number of
// instance that does not fit a float64: one that overflows it (1e999999),
// a non-zero one that underflows to zero (1e-999999), or a literal longer
// than MaxNumberBytes (FRAME-27). The full validator reads numbers as exact
// rationals, so such a number would cost it time and memory out of all
// proportion to its bytes; this walk costs one strconv.ParseFloat of at most
// MaxNumberBytes per number. With skipParams, the top-level "params" member
// is left to ValidateParams. It returns nil when every number fits.
func checkNumbers(instance any, about subject, skipParams bool) *Error {
	ptr, msg, bad := firstBadNumber(instance, skipParams)
	if !bad {
		return nil
	}
	e := &Error{Direction: about.direction, Kind: about.kind, FrameType: about.frameType, Pointer: ptr, Message: msg}
	if about.kind == "" { // a frame or service params; documents have no such rule
		e.Rule = numberRule
	}
	return e
}

// firstBadNumber walks v without allocating; only once it finds a bad
// number does it build that number's pointer, token by token as it
// unwinds.
func firstBadNumber(v any, skipParams bool) (ptr, msg string, bad bool) {
	switch v := v.(type) {
	case json.Number:
		if msg := numberProblem(string(v)); msg != "" {
			return "", msg, true
		}
	case map[string]any:
		for name, member := range v {
			if skipParams && name == "params" {
				continue
			}
			if p, msg, bad := firstBadNumber(member, false); bad {
				return "/" + escapePointer(name) + p, msg, true
			}
		}
	case []any:
		for i, item := range v {
			if p, msg, bad := firstBadNumber(item, false); bad {
				return "/" + strconv.Itoa(i) + p, msg, true
			}
		}
	}
	return "", "", false
}

// numberProblem says why a number literal is refused, "" when it fits.
func numberProblem(s string) string {
	if len(s) <= 15 && plainInteger(s) {
		return "" // the common case, without a float parse
	}
	if len(s) > MaxNumberBytes {
		return fmt.Sprintf("a number literal of %d bytes is over the limit of %d bytes", len(s), MaxNumberBytes)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Sprintf("the number %s does not fit a 64-bit float (largest magnitude 1.7976931348623157e308)", s)
	}
	if f == 0 && !zeroLiteral(s) {
		return fmt.Sprintf("the number %s does not fit a 64-bit float (it underflows to 0; smallest magnitude 5e-324)", s)
	}
	return ""
}

// zeroLiteral reports whether the mantissa of a number literal is zero.
func zeroLiteral(s string) bool {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	return strings.Trim(s, "-0.") == ""
}

func escapePointer(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

// plainInteger reports whether s is an optional minus and digits only.
func plainInteger(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
