package mockruntime_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// joinParams are the params of the testee's presence actions.
func joinParams(scope, userID string, data any) map[string]any {
	params := map[string]any{"scope": scope, "user_id": userID}
	if data != nil {
		params["data"] = data
	}
	return params
}

// entry is a presence entry as the testee records it.
func entry(userID, sessionID string, data any) map[string]any {
	return map[string]any{"user_id": userID, "session_id": sessionID, "data": data}
}

var ada = mockruntime.User{ID: "u1", DisplayName: "Ada", Role: "member"}

var _ = Describe("presence (PRES-1..PRES-7)", func() {
	var (
		w *world
		p *mockruntime.Plugin
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee([]string{"broadcast.clients", "events.subscribe:runtime.presence.*"}, nil)
	})

	join := func(scope, userID, sessionID string, data any) {
		GinkgoHelper()
		Expect(resultOf(callInSession(p, "presence.join", joinParams(scope, userID, data), sessionID))).To(BeNil())
	}
	watch := func(scope string, coalesceMs int) string {
		GinkgoHelper()
		out := resultOf(call(p, "presence.watch", map[string]any{"scope": scope, "coalesce_ms": coalesceMs}))
		return out.(map[string]any)["watch_id"].(string)
	}

	Describe("connections", func() {
		It("tells every running plugin of connects and disconnects, and publishes them with scope null", func() {
			Expect(resultOf(call(p, "subscribe", map[string]any{"pattern": "runtime.presence.*"}))).To(HaveKeyWithValue("subscribed", true))
			Expect(w.rt.Connect(ada, "sess-1")).To(Succeed())
			Expect(w.rt.Disconnect("u1", "sess-1")).To(Succeed())
			Eventually(recordOf(p, "connections")).Should(Equal([]any{
				map[string]any{"event": "connected", "user_id": "u1", "session_id": "sess-1"},
				map[string]any{"event": "disconnected", "user_id": "u1", "session_id": "sess-1"},
			}))
			Eventually(recordOf(p, "deliveries")).Should(ConsistOf(
				SatisfyAll(HaveKeyWithValue("topic", "runtime.presence.joined"), HaveKeyWithValue("payload", entryEvent("u1", "sess-1", nil, nil))),
				SatisfyAll(HaveKeyWithValue("topic", "runtime.presence.left"), HaveKeyWithValue("payload", entryEvent("u1", "sess-1", nil, nil))),
			))
		})

		It("records the notification a stopped plugin misses (NOTE-1)", func() {
			idle := w.load(testeeManifest(), testeeOverrides(nil, map[string]any{"slug": "idle"}))
			Expect(w.rt.Connect(ada, "sess-1")).To(Succeed())
			Expect(sentFrames(w.rt, "idle", "presence.connected")).To(BeEmpty())
			Expect(w.rt.Transcript().Entries()).To(ContainElement(SatisfyAll(
				HaveField("Plugin", idle.Slug()), HaveField("Decision", "notice"), HaveField("Rule", "NOTE-1"))))
		})
	})

	Describe("scoped calls", func() {
		It("puts the request's session into the plugin's own scope and publishes it prefixed (PRES-1, PRES-7)", func() {
			Expect(resultOf(call(p, "subscribe", map[string]any{"pattern": "runtime.presence.*"}))).To(HaveKeyWithValue("subscribed", true))
			join("room", "u1", "sess-1", map[string]any{"mood": "ok"})
			Expect(w.rt.Presence("testee", "room")).To(ConsistOf(mockruntime.PresenceEntry{UserID: "u1", SessionID: "sess-1", Data: []byte(`{"mood":"ok"}`)}))
			list, code := rawCall(p, "presence.list", map[string]any{"scope": "room"})
			Expect(code).To(BeEmpty())
			Expect(list).To(Equal([]any{entry("u1", "sess-1", map[string]any{"mood": "ok"})}))
			Eventually(recordOf(p, "deliveries")).Should(ConsistOf(SatisfyAll(
				HaveKeyWithValue("topic", "runtime.presence.joined"),
				HaveKeyWithValue("payload", entryEvent("u1", "sess-1", "testee.room", map[string]any{"mood": "ok"})),
			)))
		})

		It("updates and leaves, publishing each change", func() {
			Expect(resultOf(call(p, "subscribe", map[string]any{"pattern": "runtime.presence.*"}))).To(HaveKeyWithValue("subscribed", true))
			join("room", "u1", "sess-1", nil)
			Expect(resultOf(callInSession(p, "presence.update", joinParams("room", "u1", map[string]any{"typing": true}), "sess-1"))).To(BeNil())
			Expect(w.rt.Presence("testee", "room")).To(ConsistOf(HaveField("Data", MatchJSON(`{"typing":true}`))))
			Expect(resultOf(callInSession(p, "presence.leave", joinParams("room", "u1", nil), "sess-1"))).To(BeNil())
			Expect(w.rt.Presence("testee", "room")).To(BeEmpty())
			Eventually(recordOf(p, "deliveries")).Should(HaveEach(HaveKeyWithValue("subscription", "runtime.presence.*")))
			Eventually(func() []any { return topics(recordOf(p, "deliveries")()) }).Should(Equal([]any{
				"runtime.presence.joined", "runtime.presence.updated", "runtime.presence.left",
			}))
		})

		It("keeps each plugin's scopes apart (PRES-1, SVC-4)", func() {
			other := w.testee([]string{"broadcast.clients"}, map[string]any{"slug": "other"})
			join("room", "u1", "sess-1", nil)
			Expect(resultOf(callInSession(other, "presence.join", joinParams("room", "u2", nil), "sess-2"))).To(BeNil())
			Expect(w.rt.Presence("testee", "room")).To(ConsistOf(HaveField("UserID", "u1")))
			Expect(w.rt.Presence("other", "room")).To(ConsistOf(HaveField("UserID", "u2")))
		})

		It("refuses to put another user than the request's into a scope (PRES-8)", func() {
			Expect(resultOf(call(p, "subscribe", map[string]any{"pattern": "runtime.presence.*"}))).To(HaveKeyWithValue("subscribed", true))
			ctx, cancel := shortContext()
			defer cancel()
			r := p.Request(ctx, mockruntime.Request{Action: "presence.join", Params: joinParams("room", "mallory-victim", nil), SessionID: "sess-1", User: &ada})
			Expect(r).To(match.HaveErrorCode("PERMISSION_DENIED"))
			Expect(r.Error.Context).To(HaveKeyWithValue("reason", "other_user"))
			Expect(w.rt.Presence("testee", "room")).To(BeEmpty())
			Consistently(func() []map[string]any { return sentFrames(w.rt, "testee", "event.deliver") }, "50ms").Should(BeEmpty(), "nothing published")
			r = p.Request(ctx, mockruntime.Request{Action: "presence.join", Params: joinParams("room", "u1", nil), SessionID: "sess-1", User: &ada})
			Expect(r.Error).To(BeNil())
			Eventually(func() []map[string]any { return sentFrames(w.rt, "testee", "event.deliver") }).ShouldNot(BeEmpty(), "the check above could not fail")
		})

		It("refuses a join outside any request (PRES-3)", func() {
			Expect(resultOf(call(p, "presence.outside", joinParams("room", "u1", nil)))).To(Equal(map[string]any{"code": "PRESENCE_NO_SESSION_CONTEXT"}))
			Expect(w.rt.Presence("testee", "room")).To(BeEmpty())
		})

		It("refuses a join inside a request made without a session (PRES-3)", func() {
			Expect(call(p, "presence.join", joinParams("room", "u1", nil))).To(match.HaveErrorCode("PRESENCE_NO_SESSION_CONTEXT"))
		})

		It("refuses a request_id naming a request already answered (PRES-3)", func() {
			join("room", "u1", "sess-1", nil)
			params := map[string]any{"scope": "room", "user_id": "u9", "request_id": "req-1"}
			_, code := rawCall(p, "presence.join", params)
			Expect(code).To(Equal("PRESENCE_NO_SESSION_CONTEXT"))
		})

		It("needs broadcast.clients for scoped calls but not for presence.list (§8)", func() {
			bare := w.testee(nil, map[string]any{"slug": "bare"})
			Expect(callInSession(bare, "presence.join", joinParams("room", "u1", nil), "sess-1")).To(match.HaveErrorCode("PERMISSION_DENIED"))
			Expect(call(bare, "presence.watch", map[string]any{"scope": "room"})).To(match.HaveErrorCode("PERMISSION_DENIED"))
			list, code := rawCall(bare, "presence.list", map[string]any{"scope": "room"})
			Expect(code).To(BeEmpty())
			Expect(list).To(BeEmpty())
		})
	})

	Describe("watches", func() {
		It("coalesces the changes of coalesce_ms into one frame with the full entries (PRES-5)", func() {
			id := watch("room", 1000)
			join("room", "u1", "sess-1", nil)
			join("room", "u2", "sess-2", map[string]any{"x": 1})
			Expect(sentFrames(w.rt, "testee", "presence.changed")).To(BeEmpty())
			w.clock.Advance(999 * time.Millisecond)
			Expect(sentFrames(w.rt, "testee", "presence.changed")).To(BeEmpty())
			w.clock.Advance(time.Millisecond)
			Eventually(recordOf(p, "presence")).Should(Equal([]any{map[string]any{
				"watch_id": id, "scope": "room",
				"entries": []any{entry("u1", "sess-1", nil), entry("u2", "sess-2", map[string]any{"x": 1.0})},
			}}))
		})

		It("sends every change at once with coalesce_ms 0, and stops after unwatch", func() {
			id := watch("room", 0)
			join("room", "u1", "sess-1", nil)
			join("room", "u2", "sess-2", nil)
			Eventually(recordOf(p, "presence")).Should(HaveLen(2))
			Expect(recordOf(p, "presence")()[1]).To(HaveKeyWithValue("entries", HaveLen(2)))
			_, code := rawCall(p, "presence.unwatch", map[string]any{"watch_id": id})
			Expect(code).To(BeEmpty())
			join("room", "u3", "sess-3", nil)
			Expect(sentFrames(w.rt, "testee", "presence.changed")).To(HaveLen(2))
			_, code = rawCall(p, "presence.unwatch", map[string]any{"watch_id": id})
			Expect(code).To(Equal("NOT_FOUND"))
		})

		It("takes a disconnected session out of every scope and tells the watchers (PRES-6)", func() {
			id := watch("lobby", 0)
			join("room", "u1", "sess-1", nil)
			join("lobby", "u1", "sess-1", nil)
			join("lobby", "u2", "sess-2", nil)
			Expect(w.rt.Disconnect("u1", "sess-1")).To(Succeed())
			Expect(w.rt.Presence("testee", "room")).To(BeEmpty())
			Expect(w.rt.Presence("testee", "lobby")).To(ConsistOf(HaveField("UserID", "u2")))
			Eventually(recordOf(p, "presence")).Should(HaveLen(3))
			Expect(recordOf(p, "presence")()[2]).To(Equal(map[string]any{"watch_id": id, "scope": "lobby", "entries": []any{entry("u2", "sess-2", nil)}}))
		})

		It("ends with the process that made it", func() {
			watch("room", 0)
			w.restart(p)
			join("room", "u1", "sess-1", nil)
			Expect(sentFrames(w.rt, "testee", "presence.changed")).To(BeEmpty())
			Expect(w.rt.Transcript().Entries()).To(ContainElement(SatisfyAll(HaveField("Decision", "notice"), HaveField("Rule", "PRES-5"))))
		})
	})
})

// entryEvent is the payload of a runtime.presence.* event (§10.5).
func entryEvent(userID, sessionID string, scope, data any) map[string]any {
	return map[string]any{"user_id": userID, "session_id": sessionID, "scope": scope, "data": data}
}

// topics lists the topics of a deliveries record, in order.
func topics(deliveries []any) []any {
	out := make([]any, len(deliveries))
	for i, d := range deliveries {
		out[i] = d.(map[string]any)["topic"]
	}
	return out
}
