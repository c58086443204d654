package service

import "github.com/conform-dev/conform/mockruntime/wire"

// StringParam reads a string member of params, "" when absent or not a
// string.
func StringParam(params map[string]any, key string) string {
	s, _ := params[key].(string)
	return s
}

// IntParam reads an integer member of params (decoded as json.Number), 0
// when absent.
func IntParam(params map[string]any, key string) int {
	switch n := params[key].(type) {
	case interface{ Int64() (int64, error) }:
		v, _ := n.Int64()
		return int(v)
	case float64:
		return int(n)
	}
	return 0
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
