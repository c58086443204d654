package mockruntimetest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// Options adjust Start. The zero value starts the plugin on the wall clock
// with the runtime's default timing.
type Options struct {
	// Runtime is passed to mockruntime.New; its DataDir defaults to a
	// folder of t.TempDir and its Builds to Builds below.
	Runtime mockruntime.Options
	// Load is passed to Runtime.Load (a manifest patch, for instance).
	Load mockruntime.LoadOptions
	// Builds shares build steps between tests: a plugin's build runs once
	// per cache. Nil means the package's cache, shared by every test of
	// the binary.
	Builds *mockruntime.BuildCache
	// ReadyWithin bounds the build, the start and the handshake; 0 means
	// one minute.
	ReadyWithin time.Duration
	// NoStart loads the plugin without starting it, for a test that seeds
	// its storage first (Plugin.Seed) or drives the start itself.
	NoStart bool
	// TranscriptTail is how many transcript entries a failed test logs;
	// 0 means 40.
	TranscriptTail int
}

// sharedBuilds is the build cache of every Start without Options.Builds.
var sharedBuilds = mockruntime.NewBuildCache()

// Harness is a running runtime with the plugin under test.
type Harness struct {
	Runtime *mockruntime.Runtime
	Plugin  *mockruntime.Plugin
}

// Start creates a runtime, loads the plugin at path (its folder or its
// manifest), starts it and waits until it is ready, failing the test with
// t.Fatal when any of that fails. t.Cleanup closes the runtime within 10 s
// of real time, killing what is left, and logs the transcript's tail if the
// test failed.
func Start(t testing.TB, path string, o Options) *Harness {
	t.Helper()
	ro := o.Runtime
	if ro.DataDir == "" {
		ro.DataDir = t.TempDir()
	}
	if ro.Builds == nil {
		ro.Builds = o.Builds
	}
	if ro.Builds == nil {
		ro.Builds = sharedBuilds
	}
	rt, err := mockruntime.New(ro)
	if err != nil {
		t.Fatalf("mockruntimetest: creating the runtime: %v", err)
	}
	h := &Harness{Runtime: rt}
	t.Cleanup(func() { h.close(t, o.TranscriptTail) })
	h.Plugin, err = rt.Load(path, o.Load)
	if err != nil {
		t.Fatalf("mockruntimetest: loading %s: %v", path, err)
	}
	if o.NoStart {
		return h
	}
	h.StartPlugin(t, o.ReadyWithin)
	return h
}

// StartPlugin starts the loaded plugin and waits until it is ready, within
// d of real time (0: one minute), failing the test otherwise. Start calls
// it unless Options.NoStart.
func (h *Harness) StartPlugin(t testing.TB, d time.Duration) {
	t.Helper()
	if d == 0 {
		d = time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if err := h.Plugin.Start(ctx); err != nil {
		t.Fatalf("mockruntimetest: starting %s: %v", h.Plugin.Slug(), err)
	}
	if err := h.Plugin.WaitReady(ctx); err != nil {
		t.Fatalf("mockruntimetest: %s did not become ready: %v", h.Plugin.Slug(), err)
	}
}

// close shuts the runtime down, bounded, and on failure logs the tail.
func (h *Harness) close(t testing.TB, tail int) {
	if t.Failed() {
		t.Log(h.TranscriptTail(tail))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.Runtime.Close(ctx); err != nil {
		t.Errorf("mockruntimetest: closing the runtime: %v", err)
	}
}

// TranscriptTail renders the last n entries of the transcript (0: 40),
// one per line, as a failed test logs them.
func (h *Harness) TranscriptTail(n int) string {
	if n <= 0 {
		n = 40
	}
	entries := h.Runtime.Transcript().Entries()
	start := max(0, len(entries)-n)
	var b strings.Builder
	fmt.Fprintf(&b, "the transcript's last %d of %d entries:\n", len(entries)-start, len(entries))
	for _, e := range entries[start:] {
		b.WriteString("  " + match.DescribeEntry(e) + "\n")
	}
	return b.String()
}

// Request calls an action as the default user and returns the result
// decoded as generic JSON, failing the test on an error response or no
// response within 10 s. RequestErr is the variant for expected errors.
func (h *Harness) Request(t testing.TB, action string, params any) any {
	t.Helper()
	r := h.Do(t, mockruntime.Request{Action: action, Params: params})
	if r.Error != nil {
		t.Fatalf("%s: error response %s: %s", action, r.Error.Code, r.Error.Message)
	}
	var v any
	if err := json.Unmarshal(r.Result, &v); err != nil {
		t.Fatalf("%s: result is not JSON: %v", action, err)
	}
	return v
}

// Do sends a request and returns its response, failing the test when none
// comes within 10 s of real time.
func (h *Harness) Do(t testing.TB, req mockruntime.Request) mockruntime.Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r := h.Plugin.Request(ctx, req)
	if ctx.Err() != nil {
		t.Fatalf("%s: no response within 10s", req.Action)
	}
	return r
}

// NoViolations fails the test when the runtime recorded any violation,
// naming each one.
func (h *Harness) NoViolations(t testing.TB) {
	t.Helper()
	var found []string
	for _, e := range h.Runtime.Transcript().Entries() {
		if e.Kind == mockruntime.KindDecision && e.Decision == "violation" {
			found = append(found, match.DescribeEntry(e))
		}
	}
	if len(found) > 0 {
		t.Errorf("the runtime recorded %d violations:\n  %s", len(found), strings.Join(found, "\n  "))
	}
}
