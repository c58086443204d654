package schemas

import (
	"encoding/json"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// maxBytesKeyword bounds the length of a string in bytes. JSON Schema's
// maxLength counts characters, while the protocol's limits (ENV-2, KV-1,
// §10.1) count bytes.
const maxBytesKeyword = "x-maxBytes"

const maxBytesMeta = `{"properties": {"x-maxBytes": {"type": "integer", "minimum": 0}}}`

// registerMaxBytes teaches c the x-maxBytes keyword.
func registerMaxBytes(c *jsonschema.Compiler) error {
	meta, err := jsonschema.CompileString(baseURL+"meta/x-maxBytes.json", maxBytesMeta)
	if err != nil {
		return err
	}
	c.RegisterExtension(maxBytesKeyword, meta, maxBytesCompiler{})
	return nil
}

type maxBytesCompiler struct{}

// Compile returns the limit of a schema that has x-maxBytes, or nil.
func (maxBytesCompiler) Compile(_ jsonschema.CompilerContext, m map[string]any) (jsonschema.ExtSchema, error) {
	raw, ok := m[maxBytesKeyword]
	if !ok {
		return nil, nil
	}
	n, ok := raw.(json.Number)
	if !ok {
		return nil, fmt.Errorf("%s: expected an integer, got %v", maxBytesKeyword, raw)
	}
	limit, err := n.Int64()
	return maxBytes(limit), err
}

// maxBytes is a compiled x-maxBytes: the most bytes a string may hold.
type maxBytes int64

// Validate accepts every value that is not a string longer than the limit.
func (limit maxBytes) Validate(ctx jsonschema.ValidationContext, v any) error {
	s, ok := v.(string)
	if !ok || int64(len(s)) <= int64(limit) {
		return nil
	}
	return ctx.Error(maxBytesKeyword, "must be at most %d bytes, but is %d", int64(limit), len(s))
}
