package schemas_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/conform-dev/conform/schemas"
)

// smallFrame is a request with a few params, the common case.
const smallFrame = `{"type":"request","id":"r-000123","action":"entries.add",` +
	`"params":{"text":"hello world","tags":["a","b"],"limit":10},` +
	`"user":{"id":"u-1","displayName":"Ada","avatarUrl":null,"role":"member"},"session_id":"s-42"}`

// largeFrame returns a response whose result is rows of strings, about 4 MB
// in all and under the result limit of REQ-6.
func largeFrame(tb testing.TB) []byte {
	text := strings.Repeat("lorem ipsum dolor sit amet ", 8)
	var rows []map[string]any
	size := 0
	for i := 0; size < 4_100_000; i++ {
		row := map[string]any{"id": i, "author": fmt.Sprintf("user-%d", i%97), "text": text}
		rows = append(rows, row)
		size += len(text) + 48
	}
	data, err := json.Marshal(map[string]any{"type": "response", "id": "r-1", "result": rows})
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// sink keeps each decoded value alive until the next one, the same way in
// every benchmark, so they pay the same garbage collection.
var sink any

// settle starts a benchmark of size bytes from a collected heap, so that
// garbage left by the benchmark before it is not charged to it.
func settle(b *testing.B, size int) {
	b.SetBytes(int64(size))
	sink = nil
	runtime.GC()
}

// decodeBaseline is what every reader pays anyway: encoding/json decoding
// the same bytes into any, numbers kept exact.
func decodeBaseline(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func BenchmarkFrame(b *testing.B) {
	cases := []struct {
		name string
		dir  schemas.Direction
		data []byte
	}{
		{"small", schemas.ToPlugin, []byte(smallFrame)},
		{"4MB", schemas.FromPlugin, largeFrame(b)},
	}
	for _, c := range cases {
		frame, err := schemas.Decode(c.data)
		if err != nil {
			b.Fatal(err)
		}
		if err := schemas.ValidateFrame(c.dir, frame); err != nil {
			b.Fatal(err)
		}
		b.Run(c.name+"/decode", func(b *testing.B) {
			settle(b, len(c.data))
			for b.Loop() {
				v, err := decodeBaseline(c.data)
				if err != nil {
					b.Fatal(err)
				}
				sink = v
			}
		})
		b.Run(c.name+"/schemas.Decode", func(b *testing.B) {
			settle(b, len(c.data))
			for b.Loop() {
				v, err := schemas.Decode(c.data)
				if err != nil {
					b.Fatal(err)
				}
				sink = v
			}
		})
		b.Run(c.name+"/validate", func(b *testing.B) {
			settle(b, len(c.data))
			for b.Loop() {
				if err := schemas.ValidateFrame(c.dir, frame); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/schemas.Decode+validate", func(b *testing.B) {
			settle(b, len(c.data))
			for b.Loop() {
				v, err := schemas.Decode(c.data)
				if err == nil {
					err = schemas.ValidateFrame(c.dir, v)
				}
				if err != nil {
					b.Fatal(err)
				}
				sink = v
			}
		})
	}
}

// BenchmarkCompileAll measures the one-time cost of compiling every schema,
// paid by the first validation of a process.
func BenchmarkCompileAll(b *testing.B) {
	for b.Loop() {
		if err := schemas.CompileAll(); err != nil {
			b.Fatal(err)
		}
	}
}
