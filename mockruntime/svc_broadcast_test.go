package mockruntime_test

import (
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

func userIDs(n int) []any {
	ids := make([]any, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("u%d", i+1)
	}
	return ids
}

var _ = Describe("broadcast (BC-1..BC-3)", func() {
	var w *world
	BeforeEach(func() { w = newWorld(optsZero()) })

	It("needs broadcast.clients and sends nothing without it (BC-1)", func() {
		p := w.testee(nil, nil)
		Expect(call(p, "broadcast.toAll", map[string]any{"event": "entry.added"})).To(match.HaveErrorCode("PERMISSION_DENIED"))
		Expect(w.rt.Broadcasts()).To(BeEmpty())
		Expect(p.CapabilityReport().Denied).To(ConsistOf(HaveField("Capability", "broadcast.clients")))
	})

	It("delivers each event under the sender's namespace to its target (BC-2)", func() {
		p := w.testee([]string{"broadcast.clients"}, nil)
		Expect(resultOf(call(p, "broadcast.toAll", map[string]any{"event": "entry.added", "payload": map[string]any{"n": 1}}))).To(BeNil())
		Expect(resultOf(call(p, "broadcast.toUsers", map[string]any{"event": "entry.liked", "user_ids": []any{"u1", "u2"}}))).To(BeNil())
		Expect(resultOf(call(p, "broadcast.toUser", map[string]any{"event": "entry.mentioned", "user_id": "u3", "payload": "hi"}))).To(BeNil())

		got := w.rt.Broadcasts()
		Expect(got).To(HaveLen(3))
		Expect(got[0]).To(broadcastLike(mockruntime.Broadcast{Plugin: "testee", Event: "testee.entry.added", Target: "all"}, `{"n":1}`))
		Expect(got[1]).To(broadcastLike(mockruntime.Broadcast{Plugin: "testee", Event: "testee.entry.liked", Target: "users", UserIDs: []string{"u1", "u2"}}, "null"))
		Expect(got[2]).To(broadcastLike(mockruntime.Broadcast{Plugin: "testee", Event: "testee.entry.mentioned", Target: "user", UserIDs: []string{"u3"}}, `"hi"`))
		for _, b := range got {
			entry := w.rt.Transcript().Since(b.Seq - 1)[0]
			Expect(entry.Decision).To(Equal("broadcast"))
			Expect(entry.Data).To(HaveKeyWithValue("event", b.Event))
		}
	})

	It("takes 100 user ids and refuses 101 with INVALID_PARAMS, sending nothing (BC-3)", func() {
		p := w.testee([]string{"broadcast.clients"}, nil)
		Expect(call(p, "broadcast.toUsers", map[string]any{"event": "e", "user_ids": userIDs(101)})).To(match.HaveErrorCode("INVALID_PARAMS"))
		Expect(w.rt.Broadcasts()).To(BeEmpty())
		Expect(resultOf(call(p, "broadcast.toUsers", map[string]any{"event": "e", "user_ids": userIDs(100)}))).To(BeNil())
		Expect(w.rt.Broadcasts()).To(ConsistOf(HaveField("UserIDs", HaveLen(100))))
	})
})

// broadcastLike matches a Broadcast equal to want apart from its Seq and
// its payload, which must encode to the JSON payload.
func broadcastLike(want mockruntime.Broadcast, payload string) OmegaMatcher {
	return SatisfyAll(
		WithTransform(func(b mockruntime.Broadcast) string { return string(b.Payload) }, MatchJSON(payload)),
		WithTransform(func(b mockruntime.Broadcast) mockruntime.Broadcast {
			b.Seq, b.Payload = 0, nil
			return b
		}, Equal(want)),
	)
}
