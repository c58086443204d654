package bus_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

var _ = Describe("overflow (EVT-21 to EVT-23)", func() {
	var f *fixture
	var s *sink
	subscribe := func(policy bus.OverflowPolicy) {
		s = f.subscriber("s", bus.Options{OverflowPolicy: policy, MaxQueue: 4, MaxInFlight: 2}, "a.*")
	}
	BeforeEach(func() { f = newFixture() })

	It("queues anyway under mark_unhealthy, reports the change once, and recovers at half", func() {
		subscribe(bus.MarkUnhealthy)
		sent := f.publish("a.x", 7)
		Expect(f.reports.take()).To(ConsistOf(And(HaveField("Kind", bus.ReportUnhealthy), HaveField("Rule", "EVT-22"))))
		st := f.state("s", "a.*")
		Expect(st.Healthy).To(BeFalse())
		Expect(st.QueueLen).To(Equal(7))
		Expect(st.Drops).To(BeZero())

		f.ack("s", "a.*", sent[:4]...)
		Expect(f.state("s", "a.*").Healthy).To(BeFalse())
		f.ack("s", "a.*", sent[4])
		Expect(f.reports.take()).To(ConsistOf(HaveField("Kind", bus.ReportHealthy)))
		Expect(f.state("s", "a.*").Healthy).To(BeTrue())
		Expect(ids(s.take())).To(Equal(sent[:7]))
	})

	It("drops the oldest event never sent under drop_oldest", func() {
		subscribe(bus.DropOldest)
		sent := f.publish("a.x", 6)
		drops := f.reports.ofKind(bus.ReportDrop)
		Expect(drops).To(HaveLen(2))
		Expect([]string{drops[0].EventID, drops[1].EventID}).To(Equal([]string{sent[2], sent[3]}))
		st := f.state("s", "a.*")
		Expect(st.Drops).To(Equal(int64(2)))
		Expect(st.QueueLen).To(Equal(4))
		Expect(st.Healthy).To(BeTrue())

		f.ack("s", "a.*", sent[0], sent[1])
		Expect(ids(s.take())).To(Equal([]string{sent[0], sent[1], sent[4], sent[5]}))
		Expect(f.state("s", "a.*").Position).To(Equal(int64(4)))
	})

	It("drops the new event under drop_oldest when every queued one is in flight", func() {
		f.subscriber("t", bus.Options{OverflowPolicy: bus.DropOldest, MaxQueue: 2, MaxInFlight: 2}, "a.*")
		sent := f.publish("a.x", 3)
		Expect(f.reports.ofKind(bus.ReportDrop)).To(ConsistOf(HaveField("EventID", sent[2])))
		Expect(f.state("t", "a.*").QueueLen).To(Equal(2))
	})

	It("does not queue the new event under drop_newest", func() {
		subscribe(bus.DropNewest)
		sent := f.publish("a.x", 6)
		drops := f.reports.ofKind(bus.ReportDrop)
		Expect([]string{drops[0].EventID, drops[1].EventID}).To(Equal(sent[4:]))
		Expect(f.state("s", "a.*").Drops).To(Equal(int64(2)))

		f.ack("s", "a.*", sent[:4]...)
		Expect(ids(s.take())).To(Equal(sent[:4]))
		Expect(f.state("s", "a.*").Position).To(Equal(int64(6)))
	})

	It("keeps drop counts and health across a restart", func() {
		subscribe(bus.DropNewest)
		f.publish("a.x", 5)
		f.subscriber("u", bus.Options{MaxQueue: 1}, "a.*")
		f.publish("a.x", 2)
		f.restart()
		Expect(f.state("s", "a.*").Drops).To(Equal(int64(3)))
		Expect(f.state("u", "a.*").Healthy).To(BeFalse())
	})

	It("re-evaluates health when max_queue changes", func() {
		subscribe(bus.MarkUnhealthy)
		f.publish("a.x", 3)
		f.reports.take()
		Expect(f.bus.Subscribe(ctx, "s", "a.*", bus.Options{MaxQueue: 2})).To(Succeed())
		Expect(f.reports.take()).To(ConsistOf(HaveField("Kind", bus.ReportUnhealthy)))
		Expect(f.bus.Subscribe(ctx, "s", "a.*", bus.Options{MaxQueue: 6})).To(Succeed())
		Expect(f.reports.take()).To(ConsistOf(HaveField("Kind", bus.ReportHealthy)))
	})
})
