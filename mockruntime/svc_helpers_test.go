package mockruntime_test

import (
	"context"
	"encoding/json"
	"time"

	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
)

// callInSession sends a request made by a client with a live session, so
// that the testee's presence calls have a session to name (PRES-3). The
// request is made by the user that params.user_id names, if any (PRES-8).
func callInSession(p *mockruntime.Plugin, action string, params any, sessionID string) mockruntime.Response {
	ctx, cancel := shortContext()
	defer cancel()
	req := mockruntime.Request{Action: action, Params: params, SessionID: sessionID}
	if m, ok := params.(map[string]any); ok {
		if id, ok := m["user_id"].(string); ok {
			req.User = &mockruntime.User{ID: id, DisplayName: id, Role: "member"}
		}
	}
	return p.Request(ctx, req)
}

// resultOf expects a successful response and decodes its result.
func resultOf(r mockruntime.Response) any {
	ExpectWithOffset(1, r.Error).To(BeNil())
	return decode(r.Result)
}

func decode(raw []byte) any {
	var v any
	ExpectWithOffset(2, json.Unmarshal(raw, &v)).To(Succeed())
	return v
}

// rawCall makes a service call through the testee's `call` action and
// returns its result and error code ("" when it succeeded).
func rawCall(p *mockruntime.Plugin, serviceType string, params any) (any, string) {
	out, ok := resultOf(call(p, "call", map[string]any{"type": serviceType, "params": params})).(map[string]any)
	ExpectWithOffset(1, ok).To(BeTrue())
	if e, failed := out["error"].(map[string]any); failed {
		return nil, e["code"].(string)
	}
	return out["result"], ""
}

// recordOf returns one of the testee's records (TST-4).
func recordOf(p *mockruntime.Plugin, name string) func() []any {
	return func() []any {
		list, ok := resultOf(call(p, "record", map[string]any{"name": name})).([]any)
		Expect(ok).To(BeTrue())
		return list
	}
}

// sentFrames returns the frames of type typ the runtime sent to slug so far.
func sentFrames(rt *mockruntime.Runtime, slug, typ string) []map[string]any {
	var out []map[string]any
	for _, e := range rt.Transcript().Entries() {
		if e.Kind == mockruntime.KindFrame && e.Dir == mockruntime.DirOut && e.Plugin == slug && e.FrameType() == typ {
			var f map[string]any
			Expect(e.Decode(&f)).To(Succeed())
			out = append(out, f)
		}
	}
	return out
}

// nowMillis is the fake clock's time as a wire `ts`, a JSON number.
func (w *world) nowMillis() float64 { return float64(w.clock.Now().UnixMilli()) }

// shortContext bounds a host call in real time.
func shortContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// stop stops the plugin in order and waits until the runtime has settled
// its exit (Stop returns once the process is reaped, a moment before the
// plugin's state says so).
func (w *world) stop(p *mockruntime.Plugin) {
	ctx, cancel := shortContext()
	defer cancel()
	Expect(p.Stop(ctx)).To(Succeed())
	Eventually(p.State).Should(Equal(mockruntime.Stopped))
}

// restart stops the plugin in order and starts it again.
func (w *world) restart(p *mockruntime.Plugin) {
	w.stop(p)
	w.start(p)
}
