package bus_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

var _ = Describe("topics and patterns (EVT-3, EVT-4)", func() {
	long := strings.Repeat("a", 128) + "." + strings.Repeat("b", 127)

	DescribeTable("ValidTopic",
		func(topic string, valid bool) { Expect(bus.ValidTopic(topic)).To(Equal(valid)) },
		Entry("one segment", "guestbook", true),
		Entry("dashes and underscores", "text-channels.channel_x.created", true),
		Entry("256 bytes", long, true),
		Entry("257 bytes", long+"b", false),
		Entry("empty", "", false),
		Entry("empty segment", "a..b", false),
		Entry("leading dot", ".a", false),
		Entry("trailing dot", "a.", false),
		Entry("wildcard", "a.*", false),
		Entry("space", "a b", false),
		Entry("non-ASCII", "é.x", false),
	)

	DescribeTable("ValidPattern",
		func(pattern string, valid bool) { Expect(bus.ValidPattern(pattern)).To(Equal(valid)) },
		Entry("a topic", "core.category.deleted", true),
		Entry("a prefix wildcard", "core.*", true),
		Entry("a deep prefix wildcard", "core.category.*", true),
		Entry("bare *", "*", false),
		Entry("* in the middle", "core.*.deleted", false),
		Entry("* glued to a segment", "core.cat*", false),
		Entry("double wildcard", "core.*.*", false),
		Entry("empty segment before *", "core..*", false),
		Entry("too long", long+".*", false),
	)

	DescribeTable("Matches",
		func(pattern, topic string, match bool) { Expect(bus.Matches(pattern, topic)).To(Equal(match)) },
		Entry("exact", "a.b", "a.b", true),
		Entry("exact, other topic", "a.b", "a.b.c", false),
		Entry("wildcard, one more segment", "text-channels.*", "text-channels.created", true),
		Entry("wildcard, two more segments", "text-channels.*", "text-channels.channel.created", true),
		Entry("wildcard, not the prefix itself", "text-channels.*", "text-channels", false),
		Entry("wildcard, not a longer first segment", "text.*", "text-channels.created", false),
		Entry("wildcard, other namespace", "a.*", "b.a", false),
	)

	DescribeTable("Covers",
		func(capPattern, pattern string, covered bool) {
			Expect(bus.Covers(capPattern, pattern)).To(Equal(covered))
		},
		Entry("equal topic", "core.category.deleted", "core.category.deleted", true),
		Entry("equal wildcard", "core.*", "core.*", true),
		Entry("wildcard covers a narrower wildcard", "core.*", "core.category.*", true),
		Entry("wildcard covers a topic", "core.*", "core.category.deleted", true),
		Entry("wildcard does not cover its prefix", "core.*", "core", false),
		Entry("narrower does not cover wider", "core.category.*", "core.*", false),
		Entry("topic does not cover a wildcard under it", "core.category", "core.category.*", false),
		Entry("wildcard does not cover a sibling namespace", "core.*", "corex.a", false),
	)

	It("lists the runtime's topics and the reserved ones apart (EVT-24)", func() {
		Expect(bus.RuntimeTopics()).To(ContainElements("runtime.cascade.user.banned", "core.category.reordered", "runtime.presence.left"))
		Expect(bus.ReservedTopics()).To(ConsistOf("runtime.cascade.user.deleted", "core.user.deleted"))
		for _, t := range bus.ReservedTopics() {
			Expect(bus.RuntimeTopics()).NotTo(ContainElement(t))
			Expect(bus.IsReservedTopic(t)).To(BeTrue())
		}
		Expect(bus.IsReservedTopic("core.category.created")).To(BeFalse())
	})
})
