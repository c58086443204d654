package bus_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

var _ = Describe("delivery (EVT-10)", func() {
	var f *fixture
	BeforeEach(func() { f = newFixture() })

	It("sends first deliveries in publish order, at most max_in_flight awaiting an ack", func() {
		s := f.subscriber("s", bus.Options{MaxInFlight: 3}, "a.*")
		sent := append(f.publish("a.x", 3), f.publish("a.y", 3)...)

		Expect(ids(s.take())).To(Equal(sent[:3]))
		Expect(f.state("s", "a.*").InFlight).To(Equal(3))

		f.ack("s", "a.*", sent[0])
		Expect(ids(s.take())).To(Equal(sent[3:4]))
		f.ack("s", "a.*", sent[1], sent[2], sent[3])
		Expect(ids(s.take())).To(Equal(sent[4:]))
		Expect(attempts(s.take())).To(BeEmpty())
	})

	It("settles an event on a positive ack and counts it", func() {
		s := f.subscriber("s", bus.Options{}, "a.*")
		sent := f.publish("a.x", 2)
		s.take()
		f.ack("s", "a.*", sent...)
		st := f.state("s", "a.*")
		Expect(st.QueueLen).To(BeZero())
		Expect(st.InFlight).To(BeZero())
		Expect(st.Position).To(Equal(int64(2)))
		Expect([]int64{st.Delivered, st.Acked, st.Nacked}).To(Equal([]int64{2, 2, 0}))
		f.clock.Advance(time.Hour)
		Expect(s.take()).To(BeEmpty(), "every ack deadline is stopped")
	})

	It("sends nothing before a sink is attached", func() {
		Expect(f.bus.Subscribe(ctx, "s", "a.*", bus.Options{})).To(Succeed())
		sent := f.publish("a.x", 2)
		s := &sink{}
		Expect(f.bus.Attach("s", s)).To(Succeed())
		Expect(ids(s.take())).To(Equal(sent))
	})

	It("keeps the per-subscription windows apart", func() {
		s := f.subscriber("s", bus.Options{MaxInFlight: 1}, "a.*", "a.x")
		sent := f.publish("a.x", 2)
		got := s.take()
		Expect(got).To(HaveLen(2))
		Expect(got).To(ContainElements(HaveField("Subscription", "a.*"), HaveField("Subscription", "a.x")))
		f.ack("s", "a.x", sent[0])
		Expect(s.take()).To(ConsistOf(And(HaveField("Subscription", "a.x"), HaveField("ID", sent[1]))))
	})

	It("lets a sink acknowledge from inside Deliver", func() {
		var b *bus.Bus
		var got []string
		acking := bus.SinkFunc(func(d bus.Delivery) {
			got = append(got, d.ID)
			Expect(b.Ack("s", d.Subscription, d.ID, true, "")).To(Succeed())
		})
		b = f.bus
		Expect(b.Attach("s", acking)).To(Succeed())
		Expect(b.Subscribe(ctx, "s", "a.*", bus.Options{MaxInFlight: 1})).To(Succeed())
		sent := f.publish("a.x", 5)
		Expect(got).To(Equal(sent))
		Expect(f.state("s", "a.*").QueueLen).To(BeZero())
	})
})
