package mockruntime_test

import (
	"context"
	"os"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/clock"
)

// world is a runtime on a fake clock, closed at the end of the spec.
type world struct {
	rt    *mockruntime.Runtime
	clock *clock.Fake
}

func newWorld(opts mockruntime.Options) *world {
	fake := clock.NewFake(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if opts.Clock == nil {
		opts.Clock = fake
	}
	if opts.DataDir == "" {
		opts.DataDir = GinkgoT().TempDir()
	}
	opts.CheckOutbound = true
	rt, err := mockruntime.New(opts)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		Expect(rt.Close(ctx)).To(Succeed())
	})
	return &world{rt: rt, clock: fake}
}

// testee loads the Go testee with the given permissions and extra overrides
// and starts it, waiting for ready.
func (w *world) testee(perms []string, extra map[string]any) *mockruntime.Plugin {
	p := w.load(testeeManifest(), testeeOverrides(perms, extra))
	w.start(p)
	return p
}

func testeeOverrides(perms []string, extra map[string]any) map[string]any {
	o := map[string]any{
		"permissions": toAny(perms),
		"backend":     map[string]any{"command": []any{testeeBinary}, "build": nil},
	}
	for k, v := range extra {
		o[k] = v
	}
	return o
}

func (w *world) load(path string, overrides map[string]any) *mockruntime.Plugin {
	p, err := w.rt.Load(path, mockruntime.LoadOptions{Overrides: overrides})
	Expect(err).NotTo(HaveOccurred())
	return p
}

func (w *world) start(p *mockruntime.Plugin) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	Expect(p.Start(ctx)).To(Succeed())
	Expect(p.WaitReady(ctx)).To(Succeed())
}

// call sends a request and returns its response, with a real-time bound.
func call(p *mockruntime.Plugin, action string, params any) mockruntime.Response {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return p.Request(ctx, mockruntime.Request{Action: action, Params: params})
}

func toAny(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// fakeManifest writes a manifest that starts this test binary as the named
// fake plugin, and returns its path.
func fakeManifest(behaviour string, perms ...string) string {
	self, err := os.Executable()
	Expect(err).NotTo(HaveOccurred())
	dir := GinkgoT().TempDir()
	m := map[string]any{
		"slug": "fake", "version": "1.0.0", "permissions": toAny(perms),
		"backend": map[string]any{"command": []any{self}, "env": map[string]any{"CONFORM_FAKE_PLUGIN": behaviour, "GORACE": "atexit_sleep_ms=0"}},
	}
	writeJSON(dir+"/manifest.json", m)
	return dir + "/manifest.json"
}

// advance moves the fake clock as time really passes, letting the plugin
// answer the pings each step sends (Runtime.Advance).
func (w *world) advance(d time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	Expect(w.rt.Advance(ctx, d)).To(Succeed())
}
