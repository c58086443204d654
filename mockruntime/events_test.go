package mockruntime_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// delivery is one entry of the testee's `deliveries` record.
type delivery struct {
	Subscription string          `json:"subscription"`
	Topic        string          `json:"topic"`
	ID           string          `json:"id"`
	Attempt      int             `json:"attempt"`
	OK           bool            `json:"ok"`
	Payload      json.RawMessage `json:"payload"`
}

func deliveries(p *mockruntime.Plugin) func() []delivery {
	return func() []delivery {
		r := call(p, "record", map[string]any{"name": "deliveries"})
		Expect(r.Error).To(BeNil())
		var out []delivery
		Expect(json.Unmarshal(r.Result, &out)).To(Succeed())
		return out
	}
}

func subscribe(p *mockruntime.Plugin, pattern string, options map[string]any) {
	r := call(p, "subscribe", map[string]any{"pattern": pattern, "options": options})
	Expect(r.Error).To(BeNil())
	Expect(string(r.Result)).To(MatchJSON(`{"subscribed":true}`))
}

func (w *world) publish(topic string, payload any) string {
	id, err := w.rt.PublishAs(context.Background(), "source", topic, payload)
	Expect(err).NotTo(HaveOccurred())
	return id
}

// acksIn returns the event ids the plugin acknowledged positively, in order.
func acksIn(rt *mockruntime.Runtime) []string {
	var ids []string
	for _, e := range rt.Transcript().Entries() {
		if e.Kind == mockruntime.KindFrame && e.Dir == mockruntime.DirIn && e.FrameType() == "event.ack" {
			var f struct {
				OK bool `json:"ok"`
			}
			_ = e.Decode(&f)
			if f.OK {
				ids = append(ids, e.FrameID())
			}
		}
	}
	return ids
}

var subscriberPerms = []string{"events.subscribe:source.*", "events.publish:testee.*"}

var _ = Describe("the event bus through the Go testee", func() {
	var (
		w *world
		p *mockruntime.Plugin
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		w.load(fakeManifest("minimal"), map[string]any{"slug": "source", "backend": nil}) // a data-only publisher
		p = w.testee(subscriberPerms, nil)
	})

	It("delivers in publish order and gets every delivery acked in order (EVT-10..EVT-13)", func() {
		subscribe(p, "source.*", nil)
		var ids []string
		for i := 0; i < 50; i++ {
			ids = append(ids, w.publish(fmt.Sprintf("source.t%d", i%3), map[string]any{"n": i}))
		}
		Eventually(func() []string { return acksIn(w.rt) }).Should(Equal(ids))
		got := deliveries(p)()
		Expect(got).To(HaveLen(50))
		for i, d := range got {
			Expect(d.ID).To(Equal(ids[i]))
			Expect(d.Attempt).To(Equal(1))
		}
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation(""))
	})

	It("redelivers after a failing handler with backoff, then settles (EVT-12, EVT-15)", func() {
		subscribe(p, "source.*", nil)
		id := w.publish("source.x", map[string]any{"fail_attempts": 2})
		Eventually(deliveries(p)).Should(HaveLen(1))
		Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirIn, map[string]any{"type": "event.ack", "id": id, "ok": false}))
		w.advance(time.Second)
		Eventually(deliveries(p)).Should(HaveLen(2))
		w.advance(2 * time.Second)
		Eventually(deliveries(p)).Should(HaveLen(3))
		Expect(deliveries(p)()).To(HaveEach(HaveField("ID", id)))
		Expect(deliveries(p)()[2]).To(And(HaveField("Attempt", 3), HaveField("OK", true)))
		Eventually(func() int { s, _ := p.Subscription("source.*"); return s.QueueLen }).Should(BeZero())
	})

	It("dead-letters an event after the last attempt, visibly (EVT-16)", func() {
		subscribe(p, "source.*", nil)
		id := w.publish("source.x", map[string]any{"fail_attempts": 99})
		for attempt, backoff := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second} {
			Eventually(deliveries(p)).Should(HaveLen(attempt + 1))
			Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirIn, map[string]any{"type": "event.ack", "id": id, "ok": false}))
			w.advance(backoff)
		}
		Eventually(w.rt.Transcript).Should(match.HaveDecision("dead_letter"))
		s, ok := p.Subscription("source.*")
		Expect(ok).To(BeTrue())
		Expect(s.DeadLetters).To(ConsistOf(id))
		Expect(deliveries(p)()).To(HaveLen(5))
	})

	It("redelivers an unacked event after the ack deadline and treats the late ack as a notice (EVT-15, EVT-19)", func() {
		subscribe(p, "source.*", nil)
		id := w.publish("source.slow", map[string]any{"handle_ms": 400})
		Eventually(deliveries(p)).Should(HaveLen(1))
		w.advance(30 * time.Second)
		Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "event.deliver", "id": id, "attempt": 2}))
		Eventually(func() int { return len(acksIn(w.rt)) }, "5s").Should(Equal(2))
		Eventually(w.rt.Transcript).Should(match.HaveDecision("notice"))
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation(""))
	})

	It("keeps subscriptions across a crash and redelivers what was in flight, with attempt 2 (EVT-18)", func() {
		subscribe(p, "source.*", nil)
		id := w.publish("source.stuck", map[string]any{"handle_ms": 60000})
		Eventually(deliveries(p)).Should(HaveLen(1))
		p.Kill()
		Eventually(stateOf(p)).Should(Equal(mockruntime.Restarting))
		w.advance(time.Second)
		w.ready(p)
		s, _ := p.Subscription("source.*")
		Expect(s.Active).To(BeFalse())
		Consistently(deliveries(p), "100ms").Should(BeEmpty())
		subscribe(p, "source.*", nil)
		Eventually(w.rt.Transcript).Should(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "event.deliver", "id": id, "attempt": 2}))
	})

	It("loses nothing across a runtime restart on the same data folder (EVT-17)", func() {
		dir := w.rt.DataDir()
		subscribe(p, "source.*", nil)
		Expect(p.PauseDeliveries()).To(Succeed())
		ids := []string{w.publish("source.a", 1), w.publish("source.b", 2)}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		Expect(w.rt.Close(ctx)).To(Succeed())

		w2 := newWorld(mockruntime.Options{DataDir: dir})
		w2.load(fakeManifest("minimal"), map[string]any{"slug": "source", "backend": nil})
		p2 := w2.testee(subscriberPerms, nil)
		subscribe(p2, "source.*", nil)
		Eventually(func() []string { return acksIn(w2.rt) }).Should(Equal(ids))
	})

	It("marks an overflowing subscription unhealthy, loudly, and drops nothing (EVT-21..EVT-23)", func() {
		subscribe(p, "source.*", map[string]any{"max_queue": 4})
		Expect(p.PauseDeliveries()).To(Succeed())
		for i := 0; i < 6; i++ {
			w.publish("source.x", i)
		}
		Eventually(w.rt.Transcript).Should(match.HaveDecision("unhealthy"))
		s, _ := p.Subscription("source.*")
		Expect(s).To(And(HaveField("Healthy", false), HaveField("QueueLen", 6), HaveField("Drops", BeZero())))
		Expect(p.ResumeDeliveries()).To(Succeed())
		Eventually(func() int { return len(acksIn(w.rt)) }).Should(Equal(6))
		Eventually(w.rt.Transcript).Should(match.HaveDecision("healthy"))
	})

	DescribeTable("the lossy policies count every drop (EVT-21, EVT-23)",
		func(policy string, kept []int) {
			subscribe(p, "source.*", map[string]any{"max_queue": 3, "overflow_policy": policy})
			Expect(p.PauseDeliveries()).To(Succeed())
			for i := 0; i < 5; i++ {
				w.publish("source.x", i)
			}
			s, _ := p.Subscription("source.*")
			Expect(s.Drops).To(BeEquivalentTo(2))
			Expect(p.ResumeDeliveries()).To(Succeed())
			Eventually(func() int { return len(acksIn(w.rt)) }).Should(Equal(3))
			var payloads []int
			for _, d := range deliveries(p)() {
				var n int
				Expect(json.Unmarshal(d.Payload, &n)).To(Succeed())
				payloads = append(payloads, n)
			}
			Expect(payloads).To(Equal(kept))
			Eventually(w.rt.Transcript).Should(match.HaveDecision("drop"))
		},
		Entry("drop_oldest keeps the newest", "drop_oldest", []int{2, 3, 4}),
		Entry("drop_newest keeps the oldest", "drop_newest", []int{0, 1, 2}),
	)

	It("acknowledges a publish with the event id, only in the plugin's namespace (EVT-1, EVT-5)", func() {
		r := call(p, "publish", map[string]any{"topic": "testee.thing.created", "payload": map[string]any{"a": 1}})
		Expect(r.Error).To(BeNil())
		Expect(string(r.Result)).To(MatchRegexp(`\{"event_id":"[^"]+"\}`))
		Expect(call(p, "publish", map[string]any{"topic": "source.thing", "payload": 1})).To(match.HaveErrorCode("PERMISSION_DENIED"))
		Expect(call(p, "publish", map[string]any{"topic": "runtime.cascade.user.banned", "payload": 1})).To(match.HaveErrorCode("PERMISSION_DENIED"))
	})

	It("refuses a bare * and patterns the manifest does not cover (EVT-3, EVT-4)", func() {
		Expect(call(p, "subscribe", map[string]any{"pattern": "*"})).To(match.HaveErrorCode("INVALID_PARAMS"))
		Expect(call(p, "subscribe", map[string]any{"pattern": "core.category.*"})).To(match.HaveErrorCode("PERMISSION_DENIED"))
		Expect(p.CapabilityReport().Denied).To(ConsistOf(HaveField("Capability", "events.subscribe:core.category.*")))
	})

	It("removes a plugin's subscriptions when it is unloaded (EVT-25)", func() {
		subscribe(p, "source.*", nil)
		Expect(p.Subscriptions()).To(HaveLen(1))
		Expect(w.rt.Unload(context.Background(), "testee")).To(Succeed())
		Expect(p.Subscriptions()).To(BeEmpty())
	})
})
