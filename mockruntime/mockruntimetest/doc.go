// Package mockruntimetest starts the reference runtime with one plugin for
// a Go test, the way net/http/httptest starts a server: Start loads the
// plugin, builds it (once per test binary for every plugin sharing
// Builds), starts it, waits for ready, and registers with t.Cleanup a
// bounded shutdown that leaves no process behind. When the test has
// failed, the cleanup logs the tail of the transcript, so the frames and
// violations behind the failure are in the test output.
//
//	func TestGreeting(t *testing.T) {
//		h := mockruntimetest.Start(t, "..", mockruntimetest.Options{})
//		res := h.Request(t, "greet", map[string]any{"name": "Ada"})
//		...
//		h.NoViolations(t)
//	}
//
// It may import mockruntime, mockruntime/clock and mockruntime/match. The
// Harness it returns is used by the test's goroutine; its Runtime and
// Plugin keep their own concurrency guarantees.
package mockruntimetest
