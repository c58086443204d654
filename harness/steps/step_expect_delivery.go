package steps

import (
	"context"
	"fmt"
	"time"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// The acks expect_delivery can ask for.
const (
	AckOK   = "ok"   // a positive event.ack
	AckNack = "nack" // a negative event.ack
	AckAny  = "any"  // an event.ack either way
	AckNone = "none" // do not wait for the ack
)

// ExpectDeliveryArgs are the arguments of expect_delivery.
type ExpectDeliveryArgs struct {
	Match  any               `json:"match"`  // a subset pattern over the event.deliver frame
	Ack    string            `json:"ack"`    // ok (the default), nack, any or none
	Within scenario.Duration `json:"within"` // for the delivery and its ack together; default 2s
}

func (a *ExpectDeliveryArgs) Check(scenario.ParseContext) error {
	return scenario.CheckPattern(a.Match, "/match")
}

// ExpectDelivery waits for an event.deliver to the plugin matching the
// pattern, after the cursor, and moves the cursor to it; then, unless ack
// is none, for the plugin's event.ack of that delivery — same id and
// subscription (EVT-12) — with the outcome asked for.
func ExpectDelivery(ctx context.Context, env *Env, a ExpectDeliveryArgs) error {
	deadline := env.deadline(a.Within, DefaultWithin)
	m := frameMatcher{dir: mockruntime.DirOut, pattern: withType(a.Match, wire.TypeEventDeliver)}
	from := env.cursor
	s := env.scanFrom(from)
	var deliver mockruntime.Entry
	err := env.waitUntil(ctx, deadline, func() (bool, error) {
		var ok bool
		deliver, ok = s.find(m.matches)
		return ok, nil
	})
	if err == errElapsed {
		return env.noSuchFrame(m, from, a.Within.Or(DefaultWithin))
	}
	if err != nil {
		return err
	}
	env.moveCursor(deliver.Seq)
	if a.Ack == AckNone {
		return nil
	}
	return env.expectAck(ctx, deliver, a.Ack, deadline)
}

// withType adds the frame type to a pattern that does not name one.
func withType(pattern any, typ string) any {
	obj, ok := pattern.(map[string]any)
	if pattern != nil && !ok {
		return pattern
	}
	out := map[string]any{"type": typ}
	for k, v := range obj {
		out[k] = v
	}
	return out
}

// expectAck waits for the plugin's ack of one delivery.
func (e *Env) expectAck(ctx context.Context, deliver mockruntime.Entry, want string, deadline time.Time) error {
	frame, err := decodeFrame(deliver)
	if err != nil {
		return err
	}
	key := map[string]any{"type": wire.TypeEventAck, "id": render.AsObject(frame)["id"], "subscription": render.AsObject(frame)["subscription"]}
	acks := frameMatcher{dir: mockruntime.DirIn, pattern: key}
	s := e.scanFrom(deliver.Seq)
	var ack mockruntime.Entry
	err = e.waitUntil(ctx, deadline, func() (bool, error) {
		var ok bool
		ack, ok = s.find(acks.matches)
		return ok, nil
	})
	if err == errElapsed {
		return &StepFailure{Rule: "EVT-12", Message: fmt.Sprintf("delivery #%d was not acknowledged in time", deliver.Seq), Expected: "an event.ack " + render.ShortJSON(key), Got: "none"}
	}
	if err != nil {
		return err
	}
	if err := e.awaitAckCounted(ctx, ack, deadline); err != nil {
		return err
	}
	return ackOutcome(ack, want)
}

// awaitAckCounted waits until the bus has acted on an ack the plugin sent,
// so that a step after this one (advance to a redelivery) finds it done:
// the acks of the subscription the bus matched (acked, nacked) or refused
// (EVT-19 notices) add up to the ack frames recorded for it, up to this
// one, since the plugin last unsubscribed from it.
func (e *Env) awaitAckCounted(ctx context.Context, ack mockruntime.Entry, deadline time.Time) error {
	frame, _ := decodeFrame(ack)
	pattern, _ := render.AsObject(frame)["subscription"].(string)
	sent, notices := e.acksFor(pattern, ack.Seq)
	err := e.waitUntil(ctx, deadline, func() (bool, error) {
		st, _ := e.Plugin.Subscription(pattern)
		_, counted := e.acksFor(pattern, ack.Seq)
		return int(st.Acked+st.Nacked)+counted >= sent, nil
	})
	if err == errElapsed {
		return fmt.Errorf("the runtime did not act on ack #%d in time (%d acks for %s, %d notices)", ack.Seq, sent, pattern, notices)
	}
	return err
}

// acksFor counts, since the plugin last unsubscribed from pattern, the
// plugin's event.ack frames for it up to entry upTo, and the runtime's
// EVT-19 notices about acks for it.
func (e *Env) acksFor(pattern string, upTo int64) (acks, notices int) {
	slug := e.Plugin.Slug()
	for _, entry := range e.Transcript().Entries() {
		switch {
		case entry.Plugin != slug:
		case isFrame(mockruntime.DirIn, "events.unsubscribe")(entry) && framePattern(entry, "params", "pattern") == pattern:
			acks, notices = 0, 0
		case isFrame(mockruntime.DirIn, wire.TypeEventAck)(entry) && entry.Seq <= upTo && framePattern(entry, "subscription") == pattern:
			acks++
		case entry.Kind == mockruntime.KindDecision && entry.Rule == "EVT-19" && entry.Data["subscription"] == pattern:
			notices++
		}
	}
	return acks, notices
}

// framePattern reads a string member of a frame entry, following path.
func framePattern(entry mockruntime.Entry, path ...string) string {
	frame, err := decodeFrame(entry)
	if err != nil {
		return ""
	}
	for _, step := range path {
		frame = render.AsObject(frame)[step]
	}
	s, _ := frame.(string)
	return s
}

// ackOutcome checks that an ack is positive or negative as wanted.
func ackOutcome(ack mockruntime.Entry, want string) error {
	frame, err := decodeFrame(ack)
	if err != nil {
		return err
	}
	ok, _ := render.AsObject(frame)["ok"].(bool)
	if want == AckAny || (ok && want != AckNack) || (!ok && want == AckNack) {
		return nil
	}
	expected := map[bool]string{true: "a positive ack", false: "a negative ack"}[want != AckNack]
	return &StepFailure{Rule: "EVT-12", Message: fmt.Sprintf("the plugin's ack #%d is not what the scenario expects", ack.Seq), Expected: expected, Got: fmt.Sprintf("#%d %s", ack.Seq, render.ShortJSON(frame))}
}
