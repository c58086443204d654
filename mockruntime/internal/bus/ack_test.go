package bus_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

var _ = Describe("acks, redelivery and dead letters (EVT-13 to EVT-16, EVT-19)", func() {
	var f *fixture
	var s *sink
	var sent []string
	BeforeEach(func() {
		f = newFixture()
		s = f.subscriber("s", bus.Options{MaxInFlight: 4}, "a.*")
		sent = f.publish("a.x", 2)
		Expect(ids(s.take())).To(Equal(sent))
		f.reports.take()
	})

	It("redelivers after a negative ack, backing off 1 s doubling to 30 s", func() {
		g := newFixture(func(c *bus.Config) { c.MaxAttempts = 8 })
		one := g.subscriber("s", bus.Options{}, "a.*")
		id := g.publish("a.x", 1)[0]
		one.take()
		waits := []time.Duration{1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second,
			16 * time.Second, 30 * time.Second, 30 * time.Second}
		for i, wait := range waits {
			g.nack("s", "a.*", id)
			g.clock.Advance(wait - time.Millisecond)
			Expect(one.take()).To(BeEmpty(), "before the backoff of attempt %d ends", i+1)
			g.clock.Advance(time.Millisecond)
			Expect(attempts(one.take())).To(Equal([]int{i + 2}))
		}
		Expect(g.reports.ofKind(bus.ReportRedeliver)).To(HaveLen(7))
	})

	It("redelivers when the ack deadline passes, keeping the window", func() {
		f.clock.Advance(30*time.Second - time.Millisecond)
		Expect(s.take()).To(BeEmpty())
		f.clock.Advance(time.Millisecond)
		got := s.take()
		Expect(ids(got)).To(Equal(sent))
		Expect(attempts(got)).To(Equal([]int{2, 2}))
		Expect(f.reports.ofKind(bus.ReportRedeliver)).To(HaveLen(2))
		Expect(f.state("s", "a.*").InFlight).To(Equal(2))
	})

	It("settles on a late ack for an attempt that timed out, and notes the ack of the newer one", func() {
		f.clock.Advance(30 * time.Second)
		s.take()
		f.ack("s", "a.*", sent[0], sent[1])
		Expect(f.state("s", "a.*").QueueLen).To(BeZero())
		f.ack("s", "a.*", sent[0], sent[1])
		Expect(f.reports.ofKind(bus.ReportNotice)).To(HaveLen(2))
		Expect(f.reports.ofKind(bus.ReportViolation)).To(BeEmpty())
	})

	It("dead-letters an event after its last attempt and moves on", func() {
		for attempt := 1; attempt < 5; attempt++ {
			f.nack("s", "a.*", sent[0])
			f.clock.Advance(30 * time.Second)
		}
		Expect(attempts(s.take())).To(Equal([]int{2, 2, 3, 3, 4, 4, 5, 5}))
		f.nack("s", "a.*", sent[0])

		dead := f.reports.ofKind(bus.ReportDeadLetter)
		Expect(dead).To(ConsistOf(And(HaveField("EventID", sent[0]), HaveField("Attempt", 5), HaveField("Rule", "EVT-16"))))
		Expect(dead[0].Detail).To(ContainSubstring("HANDLER_FAILED"))
		st := f.state("s", "a.*")
		Expect(st.DeadLetters).To(Equal([]string{sent[0]}))
		Expect(st.QueueLen).To(Equal(1))
		Expect(st.Position).To(Equal(int64(1)))

		f.clock.Advance(30 * time.Second)
		dead = f.reports.ofKind(bus.ReportDeadLetter)
		Expect(dead).To(ConsistOf(HaveField("EventID", sent[1])))
		Expect(f.state("s", "a.*").DeadLetters).To(Equal(sent))
		Expect(s.take()).To(BeEmpty())
		f.restart()
		Expect(f.state("s", "a.*").DeadLetters).To(Equal(sent))
	})

	It("reports an out-of-order ack as a violation of EVT-13 and still settles it", func() {
		f.ack("s", "a.*", sent[1])
		violations := f.reports.ofKind(bus.ReportViolation)
		Expect(violations).To(ConsistOf(And(HaveField("Rule", "EVT-13"), HaveField("EventID", sent[1]))))
		Expect(violations[0].Detail).To(ContainSubstring(sent[0]))
		Expect(f.state("s", "a.*").QueueLen).To(Equal(1))
		f.ack("s", "a.*", sent[0])
		Expect(f.reports.take()).To(BeEmpty())
	})

	It("notes, and otherwise ignores, acks for deliveries that await none", func() {
		f.ack("s", "a.*", sent[0])
		f.ack("s", "a.*", sent[0])
		f.ack("s", "a.*", "evt_99")
		f.ack("s", "a.*", "not-an-id")
		f.ack("s", "b.*", sent[1])
		f.ack("t", "a.*", sent[1])
		notices := f.reports.take()
		Expect(notices).To(HaveLen(5))
		Expect(notices).To(HaveEach(And(HaveField("Kind", bus.ReportNotice), HaveField("Rule", "EVT-19"))))
		Expect(f.state("s", "a.*").QueueLen).To(Equal(1))
	})

	It("counts negative acks and ignores one for an attempt already superseded", func() {
		f.clock.Advance(30 * time.Second)
		Expect(attempts(s.take())).To(Equal([]int{2, 2}))
		f.nack("s", "a.*", sent[0])
		st := f.state("s", "a.*")
		Expect(st.Nacked).To(Equal(int64(1)))
		f.clock.Advance(5 * time.Second)
		Expect(s.take()).To(BeEmpty(), "attempt 2 is still awaiting its ack")
	})
})
