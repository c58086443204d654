package mockruntime_test

import (
	"context"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("framing through a real process", func() {
	var w *world
	BeforeEach(func() { w = newWorld(optsZero()) })

	It("kills a plugin whose stdout line goes one byte over the cap (FRAME-7, FRAME-8)", func() {
		p := w.fake("oversized-line")
		Eventually(w.rt.Transcript).Should(match.HaveViolation("FRAME-7"))
		Eventually(w.rt.Transcript).Should(match.HaveDecision("kill"))
		Eventually(stateOf(p)).Should(Equal(mockruntime.Restarting))
		Expect(p.Exits()).To(ConsistOf(HaveField("Reason", "framing")))
	})

	It("accepts a line of exactly the cap (FRAME-8), keeping its first 64 KiB (FRAME-28)", func() {
		p := w.fake("line-at-cap")
		w.ready(p)
		Expect(call(p, "echo", map[string]any{"after": "cap"}).Error).To(BeNil())
		Expect(p.Logs().Lines()).To(ContainElement(SatisfyAll(HaveField("Text", HaveLen(64<<10)), HaveField("Elided", 4<<20-64<<10))))
		Expect(w.rt.Transcript().Entries()).To(ContainElement(SatisfyAll(HaveField("Kind", mockruntime.KindLog), HaveField("Elided", 4<<20-64<<10))))
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation(""))
	})

	It("classifies CRLF, blank, log, invalid and stray lines without stopping (FRAME-13..FRAME-20, ENV-9)", func() {
		p := w.fake("edges")
		w.ready(p)
		Expect(call(p, "echo", map[string]any{"still": "alive"}).Error).To(BeNil())
		// stderr has its own reader: nothing orders its lines with the
		// response on stdout, so wait for it.
		Eventually(w.rt.Transcript).Should(match.HaveLogLine("to stderr"))
		t := w.rt.Transcript()
		Expect(t).To(match.HaveLogLine("plain log line"))
		Expect(t).To(match.HaveLogLine("bad utf8 \uFFFD log"))
		Expect(t).To(match.HaveViolation("FRAME-19")) // not JSON, and an array
		Expect(t).To(match.HaveViolation("ENV-2"))    // a pong whose id is a number
		Expect(t).To(match.HaveViolation("ENV-8"))    // a response nobody asked for
		var frames, logs int
		for _, e := range t.Entries() {
			switch {
			case e.Kind == mockruntime.KindLog && e.Line == "":
				Fail("an empty line was recorded as a log line")
			case e.Kind == mockruntime.KindLog:
				logs++
			case e.Kind == mockruntime.KindFrame && e.Dir == mockruntime.DirIn:
				frames++
			}
		}
		Expect(logs).To(Equal(3))
	})

	It("kills a plugin that stops reading stdin instead of blocking (FRAME-25, FRAME-26)", func() {
		p := w.fake("deaf")
		w.ready(p)
		big := strings.Repeat("z", 1<<20)
		var err error
		for i := 0; i < 200 && err == nil; i++ {
			err = p.SendFrame(map[string]any{"type": "conform.padding", "pad": big})
		}
		Expect(err).To(HaveOccurred(), "64 MiB queued for a deaf plugin without complaint")
		Eventually(w.rt.Transcript).Should(match.HaveViolation("FRAME-26"))
		Eventually(stateOf(p)).Should(Equal(mockruntime.Restarting))
	})
})

var _ = Describe("service-call ids (ENV-5, ENV-6)", func() {
	It("records an id reused while its call is outstanding, and one reused later", func() {
		w := newWorld(optsZero())
		release := make(chan struct{})
		Expect(w.rt.SetAnswer("resources.get", func(map[string]any) (any, error) { <-release; return "r", nil })).To(Succeed())
		p := w.load(fakeManifest("reuser", "resources.read"), nil)
		Expect(p.Start(context.Background())).To(Succeed())
		w.ready(p)
		Eventually(w.rt.Transcript).Should(match.HaveViolation("ENV-5"))
		close(release)
		Eventually(w.rt.Transcript).Should(match.HaveViolation("ENV-6"))
	})
})
