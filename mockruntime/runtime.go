package mockruntime

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/internal/proc"
)

// Runtime is the reference host: it loads plugins from their manifests,
// runs each as a subprocess, serves their service calls and records
// everything in a transcript. All methods are safe for concurrent use.
type Runtime struct {
	opts       Options
	clock      clock.Clock
	dataDir    string
	ownDataDir bool
	transcript *Transcript
	hub        hub
	host       *hostHandle // the runtime as services see it
	published  publishedLog

	mu      sync.Mutex
	plugins map[string]*Plugin
	closed  bool
}

// New starts a runtime with no plugins loaded.
func New(opts Options) (*Runtime, error) {
	proc.Init() // child subreaper; sweeps what a runtime that died left (LIFE-25)
	opts = opts.withDefaults()
	rt := &Runtime{opts: opts, clock: opts.Clock, dataDir: opts.DataDir, plugins: map[string]*Plugin{}}
	rt.host = &hostHandle{rt}
	if rt.dataDir == "" {
		dir, err := os.MkdirTemp("", "conform-runtime-")
		if err != nil {
			return nil, err
		}
		rt.dataDir, rt.ownDataDir = dir, true
		proc.Own(dir) // removed by the next runtime if this one dies first
	}
	if err := os.MkdirAll(rt.dataDir, 0o755); err != nil {
		return nil, err
	}
	rt.transcript = NewTranscript(rt.clock, opts.TranscriptLimit)
	rt.transcript.SetByteLimit(opts.TranscriptBytes)
	rt.transcript.sink = opts.TranscriptSink
	if err := rt.hub.open(rt); err != nil {
		rt.removeOwnDataDir()
		return nil, err
	}
	return rt, nil
}

// Transcript returns the runtime's transcript.
func (rt *Runtime) Transcript() *Transcript { return rt.transcript }

// Clock returns the runtime's clock.
func (rt *Runtime) Clock() clock.Clock { return rt.clock }

// DataDir returns the folder holding every plugin's durable state.
func (rt *Runtime) DataDir() string { return rt.dataDir }

// Timing returns the effective timing.
func (rt *Runtime) Timing() Timing { return rt.opts.Timing }

// LoadOptions adjust how a plugin is loaded.
type LoadOptions struct {
	// Overrides is a JSON merge patch applied to the manifest (TST-3).
	Overrides map[string]any
}

// Load reads the manifest at path (a folder or the manifest file) and adds
// the plugin, without starting it. A second plugin with the same slug is
// refused.
func (rt *Runtime) Load(path string, lo LoadOptions) (*Plugin, error) {
	m, err := LoadManifest(path, lo.Overrides)
	if err != nil {
		return nil, err
	}
	return rt.Add(m)
}

// Add adds a plugin from an already loaded manifest.
func (rt *Runtime) Add(m *Manifest) (*Plugin, error) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if rt.closed {
		return nil, errClosed
	}
	if _, dup := rt.plugins[m.Slug]; dup {
		return nil, fmt.Errorf("a plugin with slug %q is already loaded", m.Slug)
	}
	p, err := newPlugin(rt, m)
	if err != nil {
		return nil, err
	}
	rt.plugins[m.Slug] = p
	rt.hub.add(p)
	rt.decide(m.Slug, "load", "", m.Path, nil)
	return p, nil
}

// Plugin returns the loaded plugin with the given slug, or nil.
func (rt *Runtime) Plugin(slug string) *Plugin {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.plugins[slug]
}

// Plugins returns every loaded plugin, sorted by slug.
func (rt *Runtime) Plugins() []*Plugin {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	out := make([]*Plugin, 0, len(rt.plugins))
	for _, p := range rt.plugins {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug() < out[j].Slug() })
	return out
}

// Unload stops the plugin and removes it, deleting its event subscriptions
// (EVT-25). Its data folder stays.
func (rt *Runtime) Unload(ctx context.Context, slug string) error {
	p := rt.Plugin(slug)
	if p == nil {
		return fmt.Errorf("no plugin %q is loaded", slug)
	}
	if err := p.Stop(ctx); err != nil {
		return err
	}
	rt.mu.Lock()
	delete(rt.plugins, slug)
	rt.mu.Unlock()
	_ = rt.hub.unload(p)
	rt.decide(slug, "unload", "EVT-25", "", nil)
	return nil
}

// Close stops every plugin (bounded by ctx: when it ends, remaining
// processes are killed at once), closes the services and removes a
// temporary data folder. Safe to call more than once.
func (rt *Runtime) Close(ctx context.Context) error {
	rt.mu.Lock()
	if rt.closed {
		rt.mu.Unlock()
		return nil
	}
	rt.closed = true
	plugins := make([]*Plugin, 0, len(rt.plugins))
	for _, p := range rt.plugins {
		plugins = append(plugins, p)
	}
	rt.mu.Unlock()

	var wg sync.WaitGroup
	for _, p := range plugins {
		wg.Add(1)
		go func() { defer wg.Done(); _ = p.Stop(ctx) }()
	}
	wg.Wait()
	var errs []error
	for _, p := range plugins {
		errs = append(errs, rt.hub.data.Detach(p.handle))
	}
	errs = append(errs, rt.hub.close())
	rt.removeOwnDataDir()
	return errors.Join(errs...)
}

func (rt *Runtime) removeOwnDataDir() {
	if rt.ownDataDir {
		_ = os.RemoveAll(rt.dataDir)
	}
}

// decide records a runtime decision in the transcript.
func (rt *Runtime) decide(plugin, decision, rule, detail string, data map[string]any) {
	rt.transcript.recordDecision(plugin, decision, rule, detail, data)
}

// pluginDir is where a plugin's durable state lives, loaded or not.
func (rt *Runtime) pluginDir(slug string) string {
	return filepath.Join(rt.dataDir, "plugins", slug)
}

var errClosed = errors.New("the runtime is closed")

// ctx is the context of host calls that are not bound to a caller.
func (rt *Runtime) ctx() context.Context { return context.Background() }
