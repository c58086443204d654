package mockruntime_test

import (
	"context"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("publishing as the host (§10.5, EVT-24)", func() {
	var (
		w   *world
		p   *mockruntime.Plugin
		ctx = context.Background()
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee([]string{"events.subscribe:runtime.*", "events.subscribe:core.*", "events.subscribe:testee.*"}, nil)
		for _, pattern := range []string{"runtime.*", "core.*", "testee.*"} {
			Expect(resultOf(call(p, "subscribe", map[string]any{"pattern": pattern}))).To(HaveKeyWithValue("subscribed", true))
		}
	})

	It("publishes runtime and core topics with source_plugin runtime", func() {
		banned := map[string]any{"user_id": "u1", "reason": "spam"}
		id, err := w.rt.Publish(ctx, "runtime.cascade.user.banned", banned)
		Expect(err).NotTo(HaveOccurred())
		_, err = w.rt.Publish(ctx, "core.category.deleted", map[string]any{"id": "c1"})
		Expect(err).NotTo(HaveOccurred())
		Eventually(recordOf(p, "deliveries")).Should(ConsistOf(
			SatisfyAll(HaveKeyWithValue("id", id), HaveKeyWithValue("topic", "runtime.cascade.user.banned"), HaveKeyWithValue("payload", banned)),
			HaveKeyWithValue("topic", "core.category.deleted"),
		))
		Expect(w.rt.Transcript()).To(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "event.deliver", "id": id, "source_plugin": "runtime"}))
	})

	DescribeTable("refuses topics the runtime may not publish",
		func(topic string) {
			_, err := w.rt.Publish(ctx, topic, nil)
			Expect(err).To(match.HaveErrorCode("PERMISSION_DENIED"))
		},
		Entry("the reserved runtime.cascade.user.deleted", "runtime.cascade.user.deleted"),
		Entry("the reserved core.user.deleted", "core.user.deleted"),
		Entry("a plugin's namespace", "testee.entry.added"),
	)

	It("publishes as a loaded plugin, inside its namespace only (EVT-1)", func() {
		id, err := w.rt.PublishAs(ctx, "testee", "testee.entry.added", map[string]any{"n": 1})
		Expect(err).NotTo(HaveOccurred())
		Eventually(recordOf(p, "deliveries")).Should(ConsistOf(HaveKeyWithValue("id", id)))
		Expect(w.rt.Transcript()).To(match.HaveFrame(mockruntime.DirOut, map[string]any{"type": "event.deliver", "id": id, "source_plugin": "testee"}))

		_, err = w.rt.PublishAs(ctx, "testee", "runtime.cascade.user.banned", nil)
		Expect(err).To(match.HaveErrorCode("PERMISSION_DENIED"))
		_, err = w.rt.PublishAs(ctx, "ghost", "ghost.x", nil)
		Expect(err).To(match.HaveErrorCode("NOT_FOUND"))
	})
})
