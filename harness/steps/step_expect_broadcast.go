package steps

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// ExpectBroadcastArgs are the arguments of expect_broadcast.
type ExpectBroadcastArgs struct {
	// Match is a subset pattern over a broadcast as {"plugin", "event",
	// "payload", "target", "user_ids"}; event is the name clients see,
	// prefixed with the sender's slug (BC-2).
	Match  any               `json:"match"`
	Count  *int              `json:"count"`  // exactly this many match; at least one when left out
	Within scenario.Duration `json:"within"` // default 2s
}

func (a *ExpectBroadcastArgs) Check(scenario.ParseContext) error {
	return scenario.CheckPattern(a.Match, "/match")
}

// ExpectBroadcast waits until the broadcasts the plugins sent to the
// simulated clients include the expected number matching the pattern.
func ExpectBroadcast(ctx context.Context, env *Env, a ExpectBroadcastArgs) error {
	var matched int
	var all []any
	err := env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		matched, all = countBroadcasts(env.Runtime.Broadcasts(), a.Match)
		if a.Count == nil {
			return matched > 0, nil
		}
		return matched == *a.Count, nil
	})
	if err == errElapsed {
		want := "at least 1"
		if a.Count != nil {
			want = fmt.Sprint(*a.Count)
		}
		return &StepFailure{Message: fmt.Sprintf("%d broadcasts match, not %s", matched, want), Expected: want + " matching " + render.ShortJSON(a.Match), Got: render.ShortJSON(all)}
	}
	return err
}

// countBroadcasts counts the broadcasts matching pattern and renders all.
func countBroadcasts(list []mockruntime.Broadcast, pattern any) (int, []any) {
	n := 0
	all := make([]any, 0, len(list))
	for _, b := range list {
		v := map[string]any{"plugin": b.Plugin, "event": b.Event, "payload": json.RawMessage(b.Payload), "target": b.Target, "user_ids": b.UserIDs}
		if ok, _, _ := match.Subset(pattern, v); ok || pattern == nil {
			n++
		}
		all = append(all, v)
	}
	return n, all
}
