package bus_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

var _ = Describe("subscriber lifecycle and host controls (EVT-18)", func() {
	var f *fixture
	var s *sink
	var sent []string
	BeforeEach(func() {
		f = newFixture()
		s = f.subscriber("s", bus.Options{MaxInFlight: 3}, "a.*", "b.*")
		sent = f.publish("a.x", 5)
		Expect(ids(s.take())).To(Equal(sent[:3]))
		f.ack("s", "a.*", sent[0])
		Expect(ids(s.take())).To(Equal(sent[3:4]))
		f.reports.take()
	})

	It("pauses a dead subscriber's subscriptions until its next process subscribes again", func() {
		Expect(f.bus.Detach("s")).To(Succeed())
		st := f.state("s", "a.*")
		Expect(st.Active).To(BeFalse())
		Expect(st.InFlight).To(Equal(3))

		next := &sink{}
		Expect(f.bus.Attach("s", next)).To(Succeed())
		f.publish("b.x", 1)
		Expect(next.take()).To(BeEmpty(), "attached but not subscribed again")

		Expect(f.bus.Subscribe(ctx, "s", "a.*", bus.Options{MaxInFlight: 3})).To(Succeed())
		got := next.take()
		Expect(ids(got)).To(Equal(sent[1:4]))
		Expect(attempts(got)).To(Equal([]int{2, 2, 2}))
		redeliveries := f.reports.ofKind(bus.ReportRedeliver)
		Expect(redeliveries).To(HaveLen(3))
		Expect(redeliveries).To(HaveEach(HaveField("Rule", "EVT-18")))
		Expect(f.state("s", "b.*").Active).To(BeFalse())
	})

	It("counts the attempt a dead process never answered toward the limit", func() {
		g := newFixture(func(c *bus.Config) { c.MaxAttempts = 2 })
		one := g.subscriber("s", bus.Options{}, "a.*")
		id := g.publish("a.x", 1)[0]
		g.nack("s", "a.*", id)
		g.clock.Advance(time.Second)
		Expect(attempts(one.take())).To(Equal([]int{1, 2}))
		Expect(g.bus.Detach("s")).To(Succeed())
		Expect(g.reports.ofKind(bus.ReportDeadLetter)).To(ConsistOf(And(HaveField("EventID", id), HaveField("Rule", "EVT-16"))))
		Expect(g.subscriber("s", bus.Options{}, "a.*").take()).To(BeEmpty())
	})

	It("answers acks from the dead process with notices", func() {
		Expect(f.bus.Detach("s")).To(Succeed())
		f.ack("s", "a.*", sent[1])
		Expect(f.reports.ofKind(bus.ReportNotice)).To(HaveLen(1))
		Expect(f.state("s", "a.*").QueueLen).To(Equal(4))
	})

	It("also makes an event waiting out a backoff due on resume", func() {
		f.nack("s", "a.*", sent[1])
		Expect(f.bus.Detach("s")).To(Succeed())
		next := f.subscriber("s", bus.Options{MaxInFlight: 3}, "a.*")
		got := next.take()
		Expect(ids(got)).To(Equal(sent[1:4]))
		Expect(attempts(got)).To(Equal([]int{2, 2, 2}))
		f.clock.Advance(30 * time.Second)
		Expect(attempts(next.take())).To(Equal([]int{3, 3, 3}), "the backoff was dropped with the dead process")
	})

	It("holds every delivery while the host pauses the subscriber", func() {
		Expect(f.bus.Pause("s")).To(Succeed())
		Expect(f.state("s", "a.*").HeldByHost).To(BeTrue())
		f.ack("s", "a.*", sent[1])
		f.clock.Advance(30 * time.Second)
		Expect(s.take()).To(BeEmpty())

		Expect(f.bus.Resume("s")).To(Succeed())
		got := s.take()
		Expect(ids(got)).To(Equal([]string{sent[2], sent[3], sent[4]}))
		Expect(attempts(got)).To(Equal([]int{2, 2, 1}))
		Expect(f.state("s", "a.*").HeldByHost).To(BeFalse())
	})

	It("redelivers what is in flight at once when the host asks", func() {
		Expect(f.bus.Redeliver("s", "a.*")).To(Succeed())
		got := s.take()
		Expect(ids(got)).To(Equal(sent[1:4]))
		Expect(attempts(got)).To(Equal([]int{2, 2, 2}))
		f.ack("s", "a.*", sent[1], sent[2], sent[3])
		Expect(f.reports.ofKind(bus.ReportViolation)).To(BeEmpty())
		Expect(ids(s.take())).To(Equal(sent[4:]))
	})
})
