package mockruntime

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Plugin is one loaded plugin: its manifest, its durable state and, while it
// runs, its current process (a session). All methods are safe for
// concurrent use.
type Plugin struct {
	rt       *Runtime
	manifest *Manifest
	dataDir  string
	logs     *LogBuffer
	caps     capabilityLedger
	answers  answerHold    // HoldAnswers
	handle   *pluginHandle // the plugin as services see it

	mu            sync.Mutex
	state         State
	sess          *session
	changed       chan struct{} // closed and replaced on every state change
	crashes       int
	restartTimer  clock.Timer
	exits         []Exit
	nextRequestID uint64
}

// Exit records how one process of the plugin ended.
type Exit struct {
	Code      int    // exit status, or -1 when killed by a signal
	Signal    string // the signal that ended it, if any
	Requested bool   // true when the runtime was asked to stop it
	Reason    string // why the runtime ended it, if it did: "watchdog", "handshake", "framing", "hung", "stop"
}

func newPlugin(rt *Runtime, m *Manifest) (*Plugin, error) {
	dir := filepath.Join(rt.dataDir, "plugins", m.Slug)
	if err := os.MkdirAll(filepath.Join(dir, "files"), 0o755); err != nil {
		return nil, err
	}
	p := &Plugin{rt: rt, manifest: m, dataDir: dir, logs: newLogBuffer(rt.opts.LogLines, rt.opts.LogBytes), changed: make(chan struct{})}
	p.handle = &pluginHandle{p}
	return p, nil
}

// Slug returns the plugin's slug.
func (p *Plugin) Slug() string { return p.manifest.Slug }

// Manifest returns the manifest the plugin was loaded with.
func (p *Plugin) Manifest() *Manifest { return p.manifest }

// DataDir returns the plugin's data folder (database, files, settings).
func (p *Plugin) DataDir() string { return p.dataDir }

// Logs returns the plugin's log buffer.
func (p *Plugin) Logs() *LogBuffer { return p.logs }

// CapabilityReport returns the capabilities used and denied so far (CAP-4).
func (p *Plugin) CapabilityReport() CapabilityReport { return p.caps.report(p.manifest.Permissions) }

// State returns the current lifecycle state.
func (p *Plugin) State() State {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state
}

// Exits returns how each process of the plugin ended, oldest first.
func (p *Plugin) Exits() []Exit {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Exit(nil), p.exits...)
}

// Pid returns the process id of the current process, or 0.
func (p *Plugin) Pid() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sess == nil {
		return 0
	}
	return p.sess.proc.Pgid
}

// setStateLocked changes the state and wakes everyone waiting for a change.
// p.mu must be held.
func (p *Plugin) setStateLocked(s State) {
	if p.state == s {
		return
	}
	p.state = s
	close(p.changed)
	p.changed = make(chan struct{})
}

// notifyLocked wakes waiters without a state change (for example when a
// session starts taking requests). p.mu must be held.
func (p *Plugin) notifyLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// Start builds the plugin if needed (LIFE-2) and spawns its process. It
// returns once the process runs, without waiting for ready; use WaitReady.
func (p *Plugin) Start(ctx context.Context) error {
	if p.manifest.Backend == nil {
		return fmt.Errorf("plugin %s has no backend to start (MAN-9)", p.Slug())
	}
	if err := p.rt.opts.Builds.Build(ctx, p.manifest); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sess != nil {
		return fmt.Errorf("plugin %s is already running", p.Slug())
	}
	p.stopRestartLocked()
	p.crashes = 0
	return p.spawnLocked()
}

// spawnLocked starts a new session. p.mu must be held.
func (p *Plugin) spawnLocked() error {
	s, err := startSession(p)
	if err != nil {
		p.rt.decide(p.Slug(), "spawn_failed", "LIFE-1", err.Error(), nil)
		return err
	}
	p.sess = s
	p.setStateLocked(Starting)
	return nil
}

// WaitReady waits until the plugin has sent ready (and, for a plugin that
// opted in, until requests are released), or until it can no longer get
// there (stopped, crashed without restart, failed), or ctx ends.
func (p *Plugin) WaitReady(ctx context.Context) error {
	for {
		p.mu.Lock()
		state, s, changed := p.state, p.sess, p.changed
		p.mu.Unlock()
		switch {
		case state == Running && s != nil && s.isReady():
			return nil
		case !state.holdsRequests():
			return fmt.Errorf("plugin %s is %s: %w", p.Slug(), state, wire.ErrPluginUnavailable)
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s to send ready: %w", p.Slug(), ctx.Err())
		}
	}
}

// Kill ends the current process at once with SIGKILL to its process group.
// It counts as a crash, so the restart policy applies (LIFE-14); use Stop
// for an orderly shutdown.
func (p *Plugin) Kill() {
	p.mu.Lock()
	s := p.sess
	p.mu.Unlock()
	if s != nil {
		s.kill("host", "", "killed by the host")
	}
}

// Restart stops the current process (orderly, bounded by ctx) and starts a
// new one. Durable state is kept (LIFE-16).
func (p *Plugin) Restart(ctx context.Context) error {
	if err := p.Stop(ctx); err != nil {
		return err
	}
	return p.Start(ctx)
}

// Session returns a handle on the current process, or nil.
func (p *Plugin) current() *session {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sess
}

// ErrNotRunning is returned, possibly wrapped, by host calls that need a
// running plugin process when there is none, or when the one there has
// stopped taking frames (its stdin is closed or broken): the plugin is
// gone, whatever the caller did.
var ErrNotRunning = errors.New("the plugin has no running process")
