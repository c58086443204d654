package bus_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("subscriptions (EVT-8, EVT-9, EVT-25)", func() {
	var f *fixture
	BeforeEach(func() { f = newFixture() })

	It("applies the default options", func() {
		f.subscriber("s", bus.Options{}, "a.*")
		Expect(f.state("s", "a.*").Options).To(Equal(bus.Options{OverflowPolicy: bus.MarkUnhealthy, MaxQueue: 1000, MaxInFlight: 32}))
	})

	DescribeTable("refuses bad options and patterns with INVALID_PARAMS",
		func(pattern string, opts bus.Options, pointer string) {
			err := f.bus.Subscribe(ctx, "s", pattern, opts)
			Expect(err).To(MatchError(wire.ErrInvalidParams))
			Expect(wire.AsError(err).Context).To(HaveKeyWithValue("pointer", pointer))
			Expect(f.bus.Count("s")).To(BeZero())
		},
		Entry("bare *", "*", bus.Options{}, "/pattern"),
		Entry("unknown policy", "a.b", bus.Options{OverflowPolicy: "drop_all"}, "/options/overflow_policy"),
		Entry("max_queue too big", "a.b", bus.Options{MaxQueue: 100_001}, "/options/max_queue"),
		Entry("max_queue negative", "a.b", bus.Options{MaxQueue: -1}, "/options/max_queue"),
		Entry("max_in_flight too big", "a.b", bus.Options{MaxInFlight: 1025}, "/options/max_in_flight"),
	)

	It("gives a new subscription only the events published after it", func() {
		f.publish("a.b", 2)
		s := f.subscriber("s", bus.Options{}, "a.b")
		later := f.publish("a.b", 1)
		Expect(ids(s.take())).To(Equal(later))
		Expect(f.state("s", "a.b").Position).To(Equal(int64(2)))
	})

	It("updates the options of an existing subscription and keeps its position", func() {
		s := f.subscriber("s", bus.Options{MaxInFlight: 1}, "a.b")
		sent := f.publish("a.b", 3)
		Expect(ids(s.take())).To(Equal(sent[:1]))
		f.ack("s", "a.b", sent[0])
		Expect(ids(s.take())).To(Equal(sent[1:2]))

		Expect(f.bus.Subscribe(ctx, "s", "a.b", bus.Options{MaxInFlight: 5, OverflowPolicy: bus.DropNewest})).To(Succeed())

		Expect(ids(s.take())).To(Equal(sent[2:]))
		st := f.state("s", "a.b")
		Expect(st.Options).To(Equal(bus.Options{OverflowPolicy: bus.DropNewest, MaxQueue: 1000, MaxInFlight: 5}))
		Expect(st.Position).To(Equal(int64(1)))
		Expect(st.QueueLen).To(Equal(2))
		Expect(f.bus.Count("s")).To(Equal(1))
	})

	It("deletes a subscription and its pending events on unsubscribe", func() {
		s := f.subscriber("s", bus.Options{}, "a.b", "a.*")
		sent := f.publish("a.b", 2)
		s.take()
		Expect(f.bus.Unsubscribe(ctx, "s", "a.b")).To(Succeed())

		_, ok := f.bus.State("s", "a.b")
		Expect(ok).To(BeFalse())
		f.ack("s", "a.b", sent[0])
		Expect(f.reports.ofKind(bus.ReportNotice)).To(ConsistOf(HaveField("EventID", sent[0])))
		f.publish("a.b", 1)
		Expect(s.take()).To(ConsistOf(HaveField("Subscription", "a.*")))

		f.restart()
		Expect(f.bus.Count("s")).To(Equal(1))
		Expect(f.state("s", "a.*").QueueLen).To(Equal(3))
	})

	It("answers NOT_FOUND for an unknown subscription", func() {
		f.subscriber("s", bus.Options{}, "a.b")
		Expect(f.bus.Unsubscribe(ctx, "s", "a.c")).To(MatchError(wire.ErrNotFound))
		Expect(f.bus.Unsubscribe(ctx, "t", "a.b")).To(MatchError(wire.ErrNotFound))
		Expect(f.bus.Redeliver("s", "a.c")).To(MatchError(wire.ErrNotFound))
	})

	It("deletes every subscription of an unloaded subscriber and counts them", func() {
		s := f.subscriber("s", bus.Options{}, "a.b", "a.*", "c.*")
		f.subscriber("t", bus.Options{}, "a.*")
		Expect(f.bus.Count("s")).To(Equal(3))
		f.publish("a.b", 1)
		s.take()

		Expect(f.bus.Remove(ctx, "s")).To(Succeed())

		Expect(f.bus.Count("s")).To(BeZero())
		Expect(f.bus.Subscriptions("s")).To(BeEmpty())
		f.publish("a.b", 1)
		Expect(s.take()).To(BeEmpty())
		f.restart()
		Expect(f.bus.Count("s")).To(BeZero())
		Expect(f.bus.Count("t")).To(Equal(1))
	})

	It("removes a subscriber it never heard of without waiting forever", func() {
		Expect(f.bus.Remove(ctx, "nobody")).To(Succeed())
	})

	It("lists a subscriber's subscriptions in creation order", func() {
		f.subscriber("s", bus.Options{}, "z.*", "a.*", "m.n")
		var patterns []string
		for _, st := range f.bus.Subscriptions("s") {
			patterns = append(patterns, st.Pattern)
		}
		Expect(patterns).To(Equal([]string{"z.*", "a.*", "m.n"}))
	})
})
