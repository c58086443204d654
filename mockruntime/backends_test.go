package mockruntime_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// memoryKV is a service.KVStore keeping every plugin's pairs in memory.
type memoryKV struct {
	mu     sync.Mutex
	bySlug map[string]map[string]string
}

func newMemoryKV(seed map[string]map[string]string) *memoryKV {
	return &memoryKV{bySlug: seed}
}

func (m *memoryKV) Open(p service.Plugin) (service.KV, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.bySlug[p.Slug()] == nil {
		m.bySlug[p.Slug()] = map[string]string{}
	}
	return &memoryPlugin{store: m, slug: p.Slug()}, nil
}

func (m *memoryKV) value(slug, key string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.bySlug[slug][key]
	return v, ok
}

type memoryPlugin struct {
	store *memoryKV
	slug  string
}

func (k *memoryPlugin) pairs() map[string]string { return k.store.bySlug[k.slug] }

func (k *memoryPlugin) Get(_ context.Context, key string) (string, bool, error) {
	k.store.mu.Lock()
	defer k.store.mu.Unlock()
	v, ok := k.pairs()[key]
	return v, ok, nil
}

func (k *memoryPlugin) Set(_ context.Context, key, value string) error {
	k.store.mu.Lock()
	defer k.store.mu.Unlock()
	k.pairs()[key] = value
	return nil
}

func (k *memoryPlugin) Delete(_ context.Context, key string) error {
	k.store.mu.Lock()
	defer k.store.mu.Unlock()
	delete(k.pairs(), key)
	return nil
}

func (k *memoryPlugin) List(_ context.Context, prefix string, _ int) (any, error) {
	k.store.mu.Lock()
	defer k.store.mu.Unlock()
	out := []map[string]string{}
	for key, v := range k.pairs() {
		if len(key) >= len(prefix) && key[:len(prefix)] == prefix {
			out = append(out, map[string]string{"key": key, "value": v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i]["key"] < out[j]["key"] })
	return out, nil
}

func (k *memoryPlugin) GetMany(ctx context.Context, keys []string) (any, error) {
	out := map[string]any{}
	for _, key := range keys {
		v, ok, _ := k.Get(ctx, key)
		out[key] = nil
		if ok {
			out[key] = v
		}
	}
	return out, nil
}

func (k *memoryPlugin) Close() error { return nil }

// platformFunc is a service.Platform from a function, counting its calls.
type platformFunc struct {
	calls  atomic.Int32
	answer func(c *service.Call) (any, error)
}

func (f *platformFunc) Answer(_ context.Context, c *service.Call) (any, error) {
	f.calls.Add(1)
	return f.answer(c)
}

// fetcherFunc is a service.Fetcher from a function.
type fetcherFunc func(req service.FetchRequest) (service.FetchResponse, error)

func (f fetcherFunc) Fetch(_ context.Context, req service.FetchRequest) (service.FetchResponse, error) {
	return f(req)
}

// sinkRecorder is a TranscriptSink keeping what it was given.
type sinkRecorder struct {
	mu      sync.Mutex
	entries []mockruntime.Entry
}

func (r *sinkRecorder) Record(e mockruntime.Entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries = append(r.entries, e)
}

func (r *sinkRecorder) all() []mockruntime.Entry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]mockruntime.Entry(nil), r.entries...)
}

var _ = Describe("replaceable service backends (Options)", func() {
	It("serves data.kv from the host's KV backend, over the wire, with no database opened", func() {
		kv := newMemoryKV(map[string]map[string]string{"testee": {"greeting": "from the backend"}})
		w := newWorld(mockruntime.Options{KV: kv})
		p := w.testee([]string{"data.kv:self"}, nil)

		result, code := rawCall(p, "data.kv", map[string]any{"op": "get", "key": "greeting"})
		Expect(code).To(BeEmpty())
		Expect(result).To(Equal("from the backend"), "the plugin received the backend's value")
		Expect(w.rt.Transcript()).To(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "response", "result": "from the backend"}))

		_, code = rawCall(p, "data.kv", map[string]any{"op": "set", "key": "n", "value": "42"})
		Expect(code).To(BeEmpty())
		stored, _ := kv.value("testee", "n")
		Expect(stored).To(Equal("42"))
		hostView, set, err := p.KV("n")
		Expect(err).NotTo(HaveOccurred())
		Expect(set).To(BeTrue())
		Expect(hostView).To(Equal("42"), "the host reads the same backend")
		result, _ = rawCall(p, "data.kv", map[string]any{"op": "list", "prefix": ""})
		Expect(result).To(Equal([]any{
			map[string]any{"key": "greeting", "value": "from the backend"},
			map[string]any{"key": "n", "value": "42"},
		}))

		_, err = os.Stat(filepath.Join(p.DataDir(), "plugin.db"))
		Expect(os.IsNotExist(err)).To(BeTrue(), "the built-in SQLite store was never opened")
	})

	It("still checks the capability before the KV backend sees a call (CAP-1)", func() {
		kv := newMemoryKV(map[string]map[string]string{})
		w := newWorld(mockruntime.Options{KV: kv})
		p := w.testee(nil, nil)
		_, code := rawCall(p, "data.kv", map[string]any{"op": "set", "key": "k", "value": "v"})
		Expect(code).To(Equal("PERMISSION_DENIED"))
		Expect(kv.value("testee", "k")).To(BeEmpty())
		Expect(w.rt.Transcript()).To(match.HaveDecision("deny"))
		Expect(p.CapabilityReport().Denied).To(ConsistOf(HaveField("Capability", "data.kv:self")))
	})

	It("answers permissions.check from the host's backend, and SetAnswer refuses that area", func() {
		backend := &platformFunc{answer: func(c *service.Call) (any, error) {
			return map[string]any{"allowed": c.Params["action"] == "post", "asked_by": c.Plugin.Slug()}, nil
		}}
		w := newWorld(mockruntime.Options{Permissions: backend})
		p := w.testee([]string{"permissions.read"}, nil)

		result, code := rawCall(p, "permissions.check", map[string]any{"user_id": "u1", "action": "post"})
		Expect(code).To(BeEmpty())
		Expect(result).To(Equal(map[string]any{"allowed": true, "asked_by": "testee"}))
		Expect(w.rt.Transcript()).To(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "response", "result": map[string]any{"asked_by": "testee"}}))

		_, code = rawCall(p, "resources.get", map[string]any{"id": "r1"})
		Expect(code).To(Equal("PERMISSION_DENIED"), "the other areas keep their capabilities")
		Expect(w.rt.SetAnswer("permissions.check", func(map[string]any) (any, error) { return nil, nil })).NotTo(Succeed())
		Expect(w.rt.SetAnswer("resources.get", func(map[string]any) (any, error) { return "r", nil })).To(Succeed())
		Expect(backend.calls.Load()).To(BeEquivalentTo(1))
	})

	It("fetches through the host's Fetcher, records the request, and refuses canned answers", func() {
		w := newWorld(mockruntime.Options{Fetch: fetcherFunc(func(req service.FetchRequest) (service.FetchResponse, error) {
			if req.URL == "https://api.example.com/down" {
				return service.FetchResponse{}, wire.Errorf(wire.CodeNetworkError, "down")
			}
			return service.FetchResponse{Status: 201, Body: req.Method + " " + req.URL}, nil
		})})
		p := w.testee([]string{"http.fetch:api.example.com"}, nil)

		Expect(resultOf(call(p, "fetch", map[string]any{"url": "https://api.example.com/items", "method": "POST"}))).To(Equal(map[string]any{
			"status": 201.0, "headers": map[string]any{}, "body": "POST https://api.example.com/items",
		}))
		Expect(call(p, "fetch", map[string]any{"url": "https://api.example.com/down"})).To(match.HaveErrorCode("NETWORK_ERROR"))
		Expect(call(p, "fetch", map[string]any{"url": "https://elsewhere.example.org/"})).To(match.HaveErrorCode("PERMISSION_DENIED"))
		Expect(w.rt.Fetches()).To(HaveLen(2), "a denied call never reaches the backend")
		Expect(w.rt.SetFetchResponse("", "https://api.example.com/items", mockruntime.FetchResponse{Status: 200})).NotTo(Succeed())
	})
})

var _ = Describe("services replaced or added through Options.Services", func() {
	It("replaces a built-in service but keeps the capability it needs (CAP-1)", func() {
		var served atomic.Int32
		lax := service.New("data.kv", nil, func(context.Context, *service.Call) (any, error) {
			served.Add(1)
			return "replaced", nil
		})
		w := newWorld(mockruntime.Options{Services: []service.Service{lax}})

		denied := w.testee(nil, nil)
		_, code := rawCall(denied, "data.kv", map[string]any{"op": "get", "key": "k"})
		Expect(code).To(Equal("PERMISSION_DENIED"), "a replacement that needs nothing still needs data.kv:self")
		Expect(served.Load()).To(BeZero())
		w.stop(denied)
		Expect(w.rt.Unload(context.Background(), "testee")).To(Succeed())

		p := w.testee([]string{"data.kv:self"}, nil)
		result, code := rawCall(p, "data.kv", map[string]any{"op": "get", "key": "k"})
		Expect(code).To(BeEmpty())
		Expect(result).To(Equal("replaced"))
		_, code = rawCall(p, "data.kv", map[string]any{"op": "get"})
		Expect(code).To(Equal("INVALID_PARAMS"), "the built-in params schema still applies")
		Expect(served.Load()).To(BeEquivalentTo(1))
	})

	// A capability is one of the vocabulary a manifest can declare (§8):
	// an added service picks from it.
	It("adds a service with its capability, answered on the wire", func() {
		echo := service.New("example.echo", service.Fixed("broadcast.clients"), func(_ context.Context, c *service.Call) (any, error) {
			return map[string]any{"params": c.Params, "slug": c.Plugin.Slug()}, nil
		})
		w := newWorld(mockruntime.Options{Services: []service.Service{echo}})

		denied := w.testee(nil, nil)
		_, code := rawCall(denied, "example.echo", map[string]any{})
		Expect(code).To(Equal("PERMISSION_DENIED"))
		Expect(denied.CapabilityReport().Denied).To(ConsistOf(HaveField("Type", "example.echo")))
		w.stop(denied)
		Expect(w.rt.Unload(context.Background(), "testee")).To(Succeed())

		p := w.testee([]string{"broadcast.clients"}, nil)
		result, code := rawCall(p, "example.echo", map[string]any{"x": 1})
		Expect(code).To(BeEmpty())
		Expect(result).To(Equal(map[string]any{"params": map[string]any{"x": 1.0}, "slug": "testee"}))

		_, code = rawCall(p, "example.unknown", map[string]any{})
		Expect(code).To(Equal("UNKNOWN_SERVICE"))
	})
})

var _ = Describe("Options.TranscriptSink", func() {
	It("receives every entry, in order, as the in-memory transcript keeps it", func() {
		sink := &sinkRecorder{}
		w := newWorld(mockruntime.Options{TranscriptSink: sink})
		p := w.testee(nil, nil)
		Expect(resultOf(call(p, "echo", map[string]any{"x": 1}))).NotTo(BeNil())
		w.stop(p)

		kept := w.rt.Transcript().Entries()
		got := sink.all() // recorded under the same lock: it holds at least what was kept
		Expect(kept).NotTo(BeEmpty())
		Expect(got[:len(kept)]).To(Equal(kept))
	})
})
