package schemas

import "testing"

// BenchmarkFastPath compares, on a valid request frame, the full validator
// alone with the fast path that ValidateFrame tries first.
func BenchmarkFastPath(b *testing.B) {
	r, err := schemasOnce()
	if err != nil {
		b.Fatal(err)
	}
	frame, err := Decode([]byte(`{"type":"request","id":"r-000123","action":"entries.add",` +
		`"params":{"text":"hello world","tags":["a","b"],"limit":10},` +
		`"user":{"id":"u-1","displayName":"Ada","avatarUrl":null,"role":"member"},"session_id":"s-42"}`))
	if err != nil {
		b.Fatal(err)
	}
	request := r.frames[ToPlugin]["request"]
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			if err := request.full.Validate(frame); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			if request.fast.check(frame) != pass {
				b.Fatal("not sure")
			}
		}
	})
}
