package mockruntime_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("schedule (SCHED-1)", func() {
	var (
		w *world
		p *mockruntime.Plugin
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee([]string{"schedule.register"}, nil)
	})

	register := func(name string, intervalMs int) string {
		GinkgoHelper()
		out := resultOf(call(p, "schedule.register", map[string]any{"name": name, "interval_ms": intervalMs}))
		return out.(map[string]any)["schedule_id"].(string)
	}
	firings := func() int { return len(sentFrames(w.rt, "testee", "schedule.fired")) }

	It("fires every interval of the runtime's clock", func() {
		id := register("tick", 1000)
		w.clock.Advance(999 * time.Millisecond)
		Expect(firings()).To(Equal(0))
		w.clock.Advance(time.Millisecond)
		Expect(sentFrames(w.rt, "testee", "schedule.fired")).To(Equal([]map[string]any{
			{"type": "schedule.fired", "schedule_id": id, "name": "tick", "ts": w.nowMillis()},
		}))
		w.clock.Advance(time.Second)
		Eventually(recordOf(p, "schedules")).Should(Equal([]any{
			map[string]any{"schedule_id": id, "name": "tick"},
			map[string]any{"schedule_id": id, "name": "tick"},
		}))
	})

	It("keeps the id and takes the new interval when a name registers again", func() {
		id := register("tick", 1000)
		Expect(register("tick", 3000)).To(Equal(id))
		Expect(register("other", 5000)).NotTo(Equal(id))
		w.clock.Advance(2 * time.Second)
		Expect(firings()).To(Equal(0))
		w.clock.Advance(time.Second)
		Expect(firings()).To(Equal(1))
	})

	It("stops firing once cancelled, and answers NOT_FOUND for an unknown id", func() {
		id := register("tick", 1000)
		_, code := rawCall(p, "schedule.cancel", map[string]any{"schedule_id": id})
		Expect(code).To(BeEmpty())
		w.clock.Advance(2 * time.Second)
		Expect(firings()).To(Equal(0))
		_, code = rawCall(p, "schedule.cancel", map[string]any{"schedule_id": id})
		Expect(code).To(Equal("NOT_FOUND"))
	})

	It("lets the host fire a schedule at once", func() {
		id := register("report", 60_000)
		Expect(p.FireSchedule("report")).To(Succeed())
		Eventually(recordOf(p, "schedules")).Should(Equal([]any{map[string]any{"schedule_id": id, "name": "report"}}))
		Expect(p.FireSchedule("nope")).To(match.HaveErrorCode("NOT_FOUND"))
	})

	It("needs schedule.register, and an interval of at least one second", func() {
		Expect(call(p, "schedule.register", map[string]any{"name": "fast", "interval_ms": 999})).To(match.HaveErrorCode("INVALID_PARAMS"))
		bare := w.testee(nil, map[string]any{"slug": "bare"})
		Expect(call(bare, "schedule.register", map[string]any{"name": "tick", "interval_ms": 1000})).To(match.HaveErrorCode("PERMISSION_DENIED"))
		_, code := rawCall(bare, "schedule.cancel", map[string]any{"schedule_id": "schedule-1"})
		Expect(code).To(Equal("PERMISSION_DENIED"))
	})

	It("outlives a restart, keeping its id for a process that registers it again", func() {
		id := register("tick", 1000)
		w.stop(p)
		w.clock.Advance(time.Second)
		Expect(firings()).To(Equal(0))
		Expect(w.rt.Transcript().Entries()).To(ContainElement(SatisfyAll(HaveField("Decision", "notice"), HaveField("Rule", "NOTE-1"))))
		w.start(p)
		Expect(register("tick", 1000)).To(Equal(id))
		w.clock.Advance(time.Second)
		Eventually(recordOf(p, "schedules")).Should(HaveLen(1))
	})
})
