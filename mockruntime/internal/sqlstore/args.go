package sqlstore

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// bindArgs converts JSON-decoded args (SQL-2) into the values SQLite binds
// to ? placeholders in order (?NNN takes argument NNN). Named placeholders
// (:name, @name, $name) find no argument and the statement fails with
// SQL_ERROR, as does a placeholder beyond the last argument. pointer names
// args in errors, such as "/args" or "/statements/3/args".
func bindArgs(args []any, pointer string) ([]any, error) {
	bound := make([]any, len(args))
	for i, arg := range args {
		v, err := bindValue(arg)
		if err != nil {
			return nil, invalidParam(fmt.Sprintf("%s/%d", pointer, i), i, "argument %d %s", i, err)
		}
		bound[i] = v
	}
	return bound, nil
}

// bindValue converts one JSON value: null to NULL, a boolean to 0 or 1, a
// string to TEXT, a number to INTEGER when it is integral and fits in 64
// bits, else to REAL. Objects and arrays have no SQL value. Numbers are
// expected as json.Number (decoding with UseNumber keeps large integers
// exact); float64 and Go integers are accepted too.
func bindValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, int64:
		return x, nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case int:
		return int64(x), nil
	case float64:
		return numberFromFloat(x), nil
	case json.Number:
		return numberValue(x)
	case map[string]any:
		return nil, fmt.Errorf("is an object; only null, booleans, numbers and strings bind")
	case []any:
		return nil, fmt.Errorf("is an array; only null, booleans, numbers and strings bind")
	default:
		return nil, fmt.Errorf("has type %T; only null, booleans, numbers and strings bind", v)
	}
}

// numberValue binds a number as the schema judged it (wire.Int): an
// integral value that fits in 64 bits is an INTEGER, whatever its form
// (1e4, 10000.0). An integer literal outside that range is refused rather
// than rounded to a REAL (SQL-2): SQLite cannot store it exactly, and a
// silently changed id or amount is worse than an error.
func numberValue(n json.Number) (any, error) {
	if i, ok := wire.Int(n); ok {
		return i, nil
	}
	if !strings.ContainsAny(string(n), ".eE") {
		return nil, fmt.Errorf("is the integer %s, outside the 64-bit range SQLite stores exactly (-9223372036854775808 to 9223372036854775807); pass it as a string to keep it exact", n)
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return nil, fmt.Errorf("is the number %s, which does not fit a 64-bit float", n)
	}
	return numberFromFloat(f), nil
}

// twoTo63 is 2^63, the first float64 too large for an int64.
const twoTo63 = float64(1 << 63)

func numberFromFloat(f float64) any {
	if f == math.Trunc(f) && f >= -twoTo63 && f < twoTo63 {
		return int64(f)
	}
	return f
}
