package wire

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Int reads a JSON number the way the schemas judge integers (JSON Schema
// 2020-12: a number is an integer when its value is, whatever its form), so
// `10000`, `1e4`, `10000.0` and `100000e-1` all read as 10000. It is the one
// decoding path for validated numbers in the runtime: every integer member
// of a frame or of service params is read through it. v may be a
// json.Number (what schemas.Decode produces), a float64 or a Go int. ok is
// false for anything else, a number that is not integral, and one outside
// the int64 range; the check is linear in the literal's length, whatever its
// exponent.
func Int(v any) (n int64, ok bool) {
	switch x := v.(type) {
	case json.Number:
		return intOfLiteral(string(x))
	case float64:
		if x != x || x < -(1<<63) || x >= 1<<63 || x != float64(int64(x)) {
			return 0, false
		}
		return int64(x), true
	case int:
		return int64(x), true
	case int64:
		return x, true
	}
	return 0, false
}

// intOfLiteral reads a JSON number literal as an exact int64.
func intOfLiteral(s string) (int64, bool) {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > 1<<20 || e < -(1<<20) {
			return intOfHugeExponent(mant)
		}
		exp = e
	}
	digits := mant
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		digits = mant[:i] + mant[i+1:]
		exp -= len(mant) - i - 1
	}
	digits = strings.TrimLeft(digits, "0")
	for exp < 0 && strings.HasSuffix(digits, "0") {
		digits, exp = digits[:len(digits)-1], exp+1
	}
	switch {
	case digits == "":
		return 0, true
	case exp < 0, len(digits)+exp > 19:
		return 0, false
	}
	digits += strings.Repeat("0", exp)
	if neg {
		digits = "-" + digits
	}
	i, err := strconv.ParseInt(digits, 10, 64)
	return i, err == nil
}

// intOfHugeExponent answers for a literal whose exponent does not fit the
// cheap path: only a zero mantissa is an int64 (0e999999999 is 0).
func intOfHugeExponent(mant string) (int64, bool) {
	if strings.Trim(mant, "0.") == "" {
		return 0, true
	}
	return 0, false
}
