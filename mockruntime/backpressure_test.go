package mockruntime_test

import (
	"os"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("backpressure (FRAME-25)", func() {
	It("slows a plugin that pipelines 100,000 calls instead of killing it, and answers them all", func() {
		w := newWorld(optsZero())
		Expect(os.Setenv("FAKE_CALLS_N", "100000")).To(Succeed())
		DeferCleanup(os.Unsetenv, "FAKE_CALLS_N")
		p := w.fake("pipeliner")
		w.ready(p)
		// Generous: the bound is on a loaded machine, not a measurement.
		Eventually(w.rt.Transcript).WithTimeout(3 * time.Minute).WithPolling(100 * time.Millisecond).Should(match.HaveLogLine("all 100000 answered"))
		Expect(p.State()).To(Equal(mockruntime.Running))
		Expect(p.Exits()).To(BeEmpty())
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation("FRAME-26"))
	})
})
