package mockruntime_test

import (
	"context"
	"os"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// fake loads and starts a fake plugin, without waiting for ready.
func (w *world) fake(behaviour string, perms ...string) *mockruntime.Plugin {
	p := w.load(fakeManifest(behaviour, perms...), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	Expect(p.Start(ctx)).To(Succeed())
	return p
}

func (w *world) ready(p *mockruntime.Plugin) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	Expect(p.WaitReady(ctx)).To(Succeed())
}

func stateOf(p *mockruntime.Plugin) func() mockruntime.State { return p.State }

var _ = Describe("lifecycle", func() {
	var w *world
	BeforeEach(func() { w = newWorld(optsZero()) })

	It("kills a plugin that never sends ready when the handshake timeout passes (LIFE-5, LIFE-6)", func() {
		p := w.fake("never-ready")
		Consistently(stateOf(p), "100ms").Should(Equal(mockruntime.Starting))
		w.clock.Advance(10 * time.Second)
		Eventually(w.rt.Transcript).Should(match.HaveViolation("LIFE-5"))
		Eventually(w.rt.Transcript).Should(match.HaveDecision("restart_scheduled"))
		Expect(p.Exits()).To(ContainElement(HaveField("Reason", "handshake")))
	})

	It("records a second ready and keeps the plugin running (LIFE-7, LIFE-8)", func() {
		p := w.fake("ready-twice")
		w.ready(p)
		Eventually(w.rt.Transcript).Should(match.HaveViolation("LIFE-7"))
		Expect(call(p, "echo", map[string]any{"a": 1}).Error).To(BeNil())
	})

	It("restarts a crashed plugin after the backoff and gives up after 5 crashes (LIFE-14, LIFE-15)", func() {
		p := w.fake("crash")
		for i, backoff := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
			Eventually(stateOf(p)).Should(Equal(mockruntime.Restarting), "crash %d", i+1)
			w.clock.Advance(backoff - time.Millisecond)
			Expect(p.State()).To(Equal(mockruntime.Restarting))
			w.clock.Advance(time.Millisecond)
		}
		Eventually(stateOf(p)).Should(Equal(mockruntime.Failed))
		Expect(p.Exits()).To(HaveLen(5))
		Expect(p.Exits()[0].Code).To(Equal(3))
	})

	It("fails a request in flight with PLUGIN_UNAVAILABLE when the plugin dies (LIFE-14)", func() {
		p := w.fake("deaf")
		w.ready(p)
		done := make(chan mockruntime.Response, 1)
		go func() { done <- call(p, "echo", nil) }()
		Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "request"}))
		p.Kill()
		Eventually(done).Should(Receive(match.HaveErrorCode("PLUGIN_UNAVAILABLE")))
	})

	It("holds a request made right after a kill until the restart, never writing it to the dying process (LIFE-14, LIFE-17)", func() {
		p := w.fake("minimal")
		w.ready(p)
		p.Kill()
		done := make(chan mockruntime.Response, 1)
		go func() { done <- call(p, "echo", map[string]any{"after": "kill"}) }()
		Eventually(stateOf(p)).Should(Equal(mockruntime.Restarting))
		Consistently(done, "100ms").ShouldNot(Receive())
		Expect(w.rt.Transcript()).NotTo(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "request"}))
		Eventually(func() mockruntime.State {
			w.clock.Advance(time.Second) // the first restart's backoff
			return p.State()
		}).Should(Equal(mockruntime.Running))
		Eventually(done, "10s").Should(Receive(HaveField("Error", BeNil())))
		Expect(w.rt.Transcript()).To(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "request", "params": map[string]any{"after": "kill"}}))
	})

	It("answers PLUGIN_UNAVAILABLE at once for a stopped plugin (LIFE-17)", func() {
		p := w.load(fakeManifest("minimal"), nil)
		Expect(call(p, "echo", nil)).To(match.HaveErrorCode("PLUGIN_UNAVAILABLE"))
	})

	It("holds a request made while starting until ready (LIFE-17)", func() {
		signal := filepath.Join(GinkgoT().TempDir(), "ready")
		p := w.load(fakeManifest("ready-on-signal"), map[string]any{"backend": map[string]any{"env": map[string]any{"FAKE_READY_FILE": signal}}})
		Expect(p.Start(context.Background())).To(Succeed())
		Expect(p.State()).To(Equal(mockruntime.Starting))
		done := make(chan mockruntime.Response, 1)
		go func() { done <- call(p, "echo", map[string]any{"held": true}) }()
		Consistently(done, "100ms").ShouldNot(Receive())
		Expect(w.rt.Transcript()).NotTo(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "request"}))
		Expect(os.WriteFile(signal, nil, 0o644)).To(Succeed())
		Eventually(done).Should(Receive(HaveField("Error", BeNil())))
	})

	It("stops an orderly plugin by closing stdin, without signals (LIFE-18, LIFE-19)", func() {
		p := w.fake("minimal")
		w.ready(p)
		Expect(p.Stop(context.Background())).To(Succeed())
		Expect(p.State()).To(Equal(mockruntime.Stopped))
		Expect(p.Exits()).To(ConsistOf(mockruntime.Exit{Code: 0, Requested: true, Reason: "stop"}))
		Expect(w.rt.Transcript()).NotTo(match.HaveDecision("sigterm"))
	})

	It("escalates to SIGTERM and SIGKILL on the clock for a plugin that ignores both (LIFE-18, LIFE-19)", func() {
		p := w.fake("stubborn")
		w.ready(p)
		pid := p.Pid()
		stopped := make(chan struct{})
		go func() { defer close(stopped); _ = p.Stop(context.Background()) }()
		Eventually(w.rt.Transcript).Should(match.HaveDecision("stdin_closed"))
		Consistently(stopped, "100ms").ShouldNot(BeClosed())
		w.clock.Advance(5 * time.Second)
		Eventually(w.rt.Transcript).Should(match.HaveDecision("sigterm"))
		Expect(w.rt.Transcript()).To(match.HaveViolation("LIFE-19"))
		// The kill timer is armed after the sigterm decision is recorded; an
		// advance made before it is armed is not seen by it, so advance until
		// the stop returns.
		Eventually(func() bool {
			w.clock.Advance(2 * time.Second)
			select {
			case <-stopped:
				return true
			default:
				return false
			}
		}, "10s", "50ms").Should(BeTrue())
		Expect(w.rt.Transcript()).To(match.HaveDecision("sigkill"))
		Expect(alive(pid)).To(BeFalse())
	})

	It("kills at once when the stop context ends, whatever the clock says (LIFE-24)", func() {
		p := w.fake("stubborn")
		w.ready(p)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		Expect(p.Stop(ctx)).To(Succeed())
		Expect(p.State()).To(Equal(mockruntime.Stopped))
	})

	It("kills processes the plugin leaves behind and records it (LIFE-22, LIFE-23)", func() {
		p := w.fake("orphan")
		w.ready(p)
		pgid := p.Pid()
		Expect(p.Stop(context.Background())).To(Succeed())
		Eventually(w.rt.Transcript).Should(match.HaveViolation("LIFE-22"))
		Eventually(func() []int { return mockruntime.LiveGroupMembers(pgid) }).Should(BeEmpty())
	})

	It("does not charge the plugin with what is left of a group it killed itself (LIFE-22)", func() {
		p := w.fake("orphan")
		w.ready(p)
		pgid := p.Pid()
		p.Kill()
		Eventually(p.Exits).Should(HaveLen(1))
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation("LIFE-22"))
		Eventually(func() []int { return mockruntime.LiveGroupMembers(pgid) }).Should(BeEmpty())
	})

	It("keeps the database across a restart (LIFE-16)", func() {
		p := w.testee([]string{"data.kv:self"}, nil)
		Expect(call(p, "kv.set", map[string]any{"key": "k", "value": "v"}).Error).To(BeNil())
		ctx := context.Background()
		Expect(p.Restart(ctx)).To(Succeed())
		w.ready(p)
		Expect(string(call(p, "kv.get", map[string]any{"key": "k"}).Result)).To(Equal(`"v"`))
	})
})

var _ = Describe("serve_ready (LIFE-11, LIFE-13)", func() {
	It("ignores a serve_ready before ready, so the first after ready releases requests (LIFE-13)", func() {
		w := newWorld(optsZero())
		p := w.load(fakeManifest("serve-ready-early"), map[string]any{"backend": map[string]any{"serve_ready": true}})
		w.start(p)
		var details []string
		for _, e := range w.rt.Transcript().Since(0) {
			if e.Kind == mockruntime.KindDecision && e.Decision == "violation" && e.Rule == "LIFE-12" {
				details = append(details, e.Detail)
			}
		}
		// the early one is the plugin's LIFE-12; the one after ready is the
		// first, so it is not recorded as a second
		Expect(details).To(Equal([]string{"serve_ready before ready"}))
	})

	It("accepts a frame left unterminated when the plugin exits (FRAME-16), recording the missing newline (FRAME-17)", func() {
		w := newWorld(optsZero())
		p := w.fake("last-line-unterminated")
		Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirIn, map[string]any{"type": "serve_ready"}))
		Eventually(w.rt.Transcript).Should(match.HaveViolation("FRAME-17"))
		Eventually(stateOf(p)).Should(Equal(mockruntime.Restarting))
	})
})
