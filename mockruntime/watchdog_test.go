package mockruntime_test

import (
	"fmt"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("the watchdog (WD-1..WD-9)", func() {
	var w *world
	BeforeEach(func() { w = newWorld(optsZero()) })

	It("pings on the interval and is satisfied by pongs with the ping's id", func() {
		p := w.testee(nil, nil)
		for i := 0; i < 5; i++ {
			w.clock.Advance(5 * time.Second)
			Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirIn, map[string]any{"type": "pong", "id": fmt.Sprintf("ping-%d", i+1)}))
		}
		w.clock.Advance(3 * time.Second)
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation(""))
		Expect(p.State()).To(Equal(mockruntime.Running))
	})

	It("records each missed pong and kills the plugin after three in a row", func() {
		p := w.fake("no-pong")
		w.ready(p)
		for i := 0; i < 3; i++ {
			w.clock.Advance(5 * time.Second)
			Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "ping", "id": fmt.Sprintf("ping-%d", i+1)}))
		}
		Expect(p.State()).To(Equal(mockruntime.Running))
		w.clock.Advance(3 * time.Second)
		Eventually(stateOf(p)).Should(Equal(mockruntime.Restarting))
		Expect(w.rt.Transcript()).To(match.HaveViolation("WD-2"))
		Expect(p.Exits()).To(ConsistOf(HaveField("Reason", "watchdog")))
	})

	It("is satisfied by pongs without id, the seed page's shape, each settling the oldest ping (WD-9)", func() {
		p := w.fake("idless-pong")
		w.ready(p)
		for range 5 {
			w.advance(5 * time.Second) // Advance waits until each ping's pong is acted on
		}
		w.advance(3 * time.Second)
		Expect(framesIn(w.rt.Transcript().Entries(), "pong")).To(Equal(5))
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation(""))
		Expect(p.State()).To(Equal(mockruntime.Running))
		Expect(p.Exits()).To(BeEmpty())
	})

	It("settles a pong without id against the oldest outstanding ping, even one already missed (WD-9)", func() {
		p := w.fake("one-behind-pong")
		w.ready(p)
		w.clock.Advance(5 * time.Second)
		Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "ping", "id": "ping-1"}))
		w.clock.Advance(3 * time.Second)
		Eventually(w.rt.Transcript).Should(match.HaveViolation("WD-2"))
		w.clock.Advance(2 * time.Second) // ping-2 goes out; the plugin's pong now is ping-1's, late
		Eventually(func() []string { return lateNotices(w.rt.Transcript().Entries()) }).Should(ConsistOf(ContainSubstring("ping-1")))
		Expect(p.State()).To(Equal(mockruntime.Running))
	})

	It("records a pong without id that answers no outstanding ping against WD-2", func() {
		p := w.fake("unsolicited-pong")
		w.ready(p)
		Eventually(w.rt.Transcript).Should(match.HaveViolation("WD-2"))
		w.advance(5 * time.Second)
		w.advance(3 * time.Second)
		Expect(w.rt.Transcript()).To(match.HaveFrame(mockruntime.DirIn, map[string]any{"type": "pong", "id": "ping-1"}))
		Expect(p.State()).To(Equal(mockruntime.Running))
	})

	It("sends no ping before ready (LIFE-9)", func() {
		w.fake("never-ready")
		w.clock.Advance(9 * time.Second)
		Consistently(w.rt.Transcript, "100ms").ShouldNot(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "ping"}))
	})
})

// framesIn counts the frames of type typ the plugin sent.
func framesIn(entries []mockruntime.Entry, typ string) int {
	n := 0
	for _, e := range entries {
		if e.Kind == mockruntime.KindFrame && e.Dir == mockruntime.DirIn && e.FrameType() == typ {
			n++
		}
	}
	return n
}

// lateNotices returns the details of the runtime's late-pong notices (WD-4).
func lateNotices(entries []mockruntime.Entry) []string {
	var out []string
	for _, e := range entries {
		if e.Kind == mockruntime.KindDecision && e.Decision == "notice" && e.Rule == "WD-4" {
			out = append(out, e.Detail)
		}
	}
	return out
}
