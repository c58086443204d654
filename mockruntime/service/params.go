package service

import "github.com/conform-dev/conform/mockruntime/wire"

// StringParam reads a string member of params, "" when absent or not a
// string.
func StringParam(params map[string]any, key string) string {
	s, _ := params[key].(string)
	return s
}

// IntParam reads an integer member of params, 0 when absent. It reads the
// number the way the schema judged it (wire.Int): `1e4` and `10000.0` are
// 10000, as for the schema they are valid integers.
func IntParam(params map[string]any, key string) int {
	n, _ := wire.Int(params[key])
	return int(n)
}

// StringList reads a JSON array of strings; members that are not strings
// become "".
func StringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, _ := item.(string)
		out = append(out, s)
	}
	return out
}

// UnknownOp is the INVALID_PARAMS error of an operation the service does
// not have.
func UnknownOp(c *Call) error {
	return wire.Errorf(wire.CodeInvalidParams, "%s has no operation %q", c.Type, c.Op).With("pointer", "/params/op")
}

// ResultTooLarge is the RESPONSE_TOO_LARGE error of a result that encodes
// to size bytes, over wire.MaxResultBytes (SVC-6).
func ResultTooLarge(size int) *wire.Error {
	return wire.Errorf(wire.CodeResponseTooLarge, "the result encodes to %d bytes, over the limit of %d", size, wire.MaxResultBytes).
		With("size", size).With("limit", wire.MaxResultBytes)
}
