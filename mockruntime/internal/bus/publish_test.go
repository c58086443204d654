package bus_test

import (
	"context"
	"encoding/json"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("Publish (EVT-5)", func() {
	var f *fixture
	BeforeEach(func() { f = newFixture() })

	It("fans an event out to every matching subscription, the publisher's own included", func() {
		pub := f.subscriber("pub", bus.Options{}, "pub.*")
		exact := f.subscriber("exact", bus.Options{}, "pub.entry.added", "pub.entry.removed")
		wide := f.subscriber("wide", bus.Options{}, "pub.entry.*", "other.*")

		id := f.publish("pub.entry.added", 1)[0]

		Expect(pub.take()).To(ConsistOf(HaveField("Subscription", "pub.*")))
		Expect(exact.take()).To(ConsistOf(HaveField("Subscription", "pub.entry.added")))
		Expect(wide.take()).To(ConsistOf(HaveField("Subscription", "pub.entry.*")))
		for _, st := range []bus.SubscriptionState{f.state("pub", "pub.*"), f.state("exact", "pub.entry.added"), f.state("wide", "pub.entry.*")} {
			Expect(st.QueueLen).To(Equal(1), st.Pattern)
		}
		Expect(f.state("exact", "pub.entry.removed").QueueLen).To(BeZero())
		Expect(id).To(Equal("evt_1"))
	})

	It("carries the event's fields in every delivery", func() {
		s := f.subscriber("s", bus.Options{}, "a.*")
		id, err := f.bus.Publish(ctx, bus.Event{Topic: "a.b", Version: 3, Source: "a", Payload: json.RawMessage(`{"x":1}`)})
		Expect(err).NotTo(HaveOccurred())
		Expect(s.take()).To(Equal([]bus.Delivery{{
			ID: id, Topic: "a.b", Version: 3, TS: epoch.UnixMilli(), Source: "a",
			Payload: json.RawMessage(`{"x":1}`), Subscription: "a.*", Attempt: 1,
		}}))
	})

	It("defaults the version to 1 and the payload to null", func() {
		s := f.subscriber("s", bus.Options{}, "a.b")
		_, err := f.bus.Publish(ctx, bus.Event{Topic: "a.b", Source: "runtime"})
		Expect(err).NotTo(HaveOccurred())
		d := s.take()[0]
		Expect(d.Version).To(Equal(1))
		Expect(string(d.Payload)).To(Equal("null"))
	})

	It("gives ids unique within the file, across restarts", func() {
		first := f.publish("a.b", 3)
		f.restart()
		second := f.publish("a.b", 3)
		Expect(append(first, second...)).To(Equal([]string{"evt_1", "evt_2", "evt_3", "evt_4", "evt_5", "evt_6"}))
	})

	It("has stored the event and its fan-out when it returns", func() {
		f.subscriber("s", bus.Options{}, "a.b")
		f.publish("a.b", 2)
		f.bus.Crash()
		f.open()
		Expect(f.state("s", "a.b").QueueLen).To(Equal(2))
	})

	It("still publishes and delivers when the caller stops waiting", func() {
		s := f.subscriber("s", bus.Options{}, "a.b")
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		id, err := f.bus.Publish(cancelled, bus.Event{Topic: "a.b"})
		if err != nil {
			Expect(err).To(MatchError(context.Canceled))
		}
		Eventually(s.take).Should(ConsistOf(HaveField("ID", id)))
	})

	It("refuses an invalid topic with INVALID_PARAMS and publishes nothing", func() {
		_, err := f.bus.Publish(ctx, bus.Event{Topic: "a.*"})
		Expect(err).To(MatchError(wire.ErrInvalidParams))
		Expect(f.publish("a.b", 1)).To(Equal([]string{"evt_1"}))
	})
})
