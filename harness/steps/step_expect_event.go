package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// ExpectEventArgs are the arguments of expect_event.
type ExpectEventArgs struct {
	// Match is a subset pattern over a published event as {"event_id",
	// "topic", "version", "source_plugin", "payload"}.
	Match any  `json:"match"`
	Count *int `json:"count"` // exactly this many match; at least one when left out
	// DeliveredTo names plugins (slugs) each of which must have been sent
	// every matching event and acknowledged it positively.
	DeliveredTo []string          `json:"delivered_to"`
	As          string            `json:"as"`     // saves the first matching event as ${as}
	Within      scenario.Duration `json:"within"` // default 2s
}

func (a *ExpectEventArgs) Check(scenario.ParseContext) error {
	return scenario.CheckPattern(a.Match, "/match")
}

func (a ExpectEventArgs) Bind(s *scenario.NameScope) error {
	s.Define(a.As)
	return nil
}

// ExpectEvent waits until the events published on the bus during the
// scenario, by any plugin or the runtime, include the expected number
// matching the pattern and, with delivered_to, until each named plugin has
// been sent each of them and acknowledged it positively. It observes the
// bus itself, not frames: an event counts once its publish is stored.
func ExpectEvent(ctx context.Context, env *Env, a ExpectEventArgs) error {
	var matched []mockruntime.PublishedEvent
	var all []any
	var undelivered string
	err := env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		events, _ := env.Runtime.Published()
		matched, all = matchEvents(events, a.Match)
		if (a.Count == nil && len(matched) == 0) || (a.Count != nil && len(matched) != *a.Count) {
			undelivered = ""
			return false, nil
		}
		undelivered = env.firstUndelivered(matched, a.DeliveredTo)
		return undelivered == "", nil
	})
	if err == errElapsed {
		return eventFailure(a, matched, all, undelivered)
	}
	if err != nil {
		return err
	}
	if a.As != "" && len(matched) > 0 {
		env.Vars.Set(a.As, eventValue(matched[0]))
	}
	return nil
}

func eventFailure(a ExpectEventArgs, matched []mockruntime.PublishedEvent, all []any, undelivered string) *StepFailure {
	want := "at least 1"
	if a.Count != nil {
		want = fmt.Sprint(*a.Count)
	}
	if undelivered != "" {
		return &StepFailure{Message: "published, but " + undelivered, Expected: "delivered to and acknowledged by " + strings.Join(a.DeliveredTo, ", "), Got: undelivered}
	}
	return &StepFailure{Message: fmt.Sprintf("%d published events match, not %s", len(matched), want), Expected: want + " matching " + render.ShortJSON(a.Match), Got: render.ShortJSON(all)}
}

// eventValue is an event as patterns and ${as} see it.
func eventValue(e mockruntime.PublishedEvent) map[string]any {
	return map[string]any{"event_id": e.ID, "topic": e.Topic, "version": e.Version, "source_plugin": e.Source, "payload": json.RawMessage(e.Payload)}
}

// matchEvents returns the events matching pattern and renders all, newest
// last, at most the 20 newest.
func matchEvents(events []mockruntime.PublishedEvent, pattern any) ([]mockruntime.PublishedEvent, []any) {
	var matched []mockruntime.PublishedEvent
	var all []any
	for i, e := range events {
		v := eventValue(e)
		if ok, _, _ := match.Subset(pattern, v); ok || pattern == nil {
			matched = append(matched, e)
		}
		if i >= len(events)-20 {
			all = append(all, v)
		}
	}
	return matched, all
}

// firstUndelivered says which of the events a plugin of slugs was not
// sent or did not acknowledge positively yet, or "" when every one was.
func (e *Env) firstUndelivered(events []mockruntime.PublishedEvent, slugs []string) string {
	if len(slugs) == 0 {
		return ""
	}
	sent := map[string]bool{}  // slug + "\x00" + event id
	acked := map[string]bool{} // the same, with a positive ack
	for _, en := range e.Transcript().Since(0) {
		if en.Kind != mockruntime.KindFrame || (en.FrameType() != wire.TypeEventDeliver && en.FrameType() != wire.TypeEventAck) {
			continue
		}
		key := en.Plugin + "\x00" + en.FrameID()
		if en.FrameType() == wire.TypeEventDeliver && en.Dir == mockruntime.DirOut {
			sent[key] = true
			continue
		}
		var ack struct {
			OK           bool   `json:"ok"`
			Subscription string `json:"subscription"`
		}
		if en.Dir == mockruntime.DirIn && en.Decode(&ack) == nil && ack.OK && ack.Subscription != "" {
			acked[key] = true
		}
	}
	for _, slug := range slugs {
		for _, ev := range events {
			key := slug + "\x00" + ev.ID
			switch {
			case !sent[key]:
				return fmt.Sprintf("%s was not sent %s (%s)", slug, ev.ID, ev.Topic)
			case !acked[key]:
				return fmt.Sprintf("%s did not acknowledge %s (%s) positively", slug, ev.ID, ev.Topic)
			}
		}
	}
	return ""
}
