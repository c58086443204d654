package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// ExpectSubscriptionArgs are the arguments of expect_subscription.
type ExpectSubscriptionArgs struct {
	Pattern string            `json:"pattern"` // the subscription's pattern
	State   map[string]any    `json:"state"`   // a subset pattern over its state; it need only exist when left out
	Absent  bool              `json:"absent"`  // instead: the plugin has no subscription to the pattern
	Within  scenario.Duration `json:"within"`  // default 2s
}

// ExpectSubscription waits until the plugin has a subscription to the
// pattern whose state, as subscriptionState renders it, matches; or, with
// absent, until it has none (EVT-9, EVT-25).
func ExpectSubscription(ctx context.Context, env *Env, a ExpectSubscriptionArgs) error {
	var got any
	var why string
	err := env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		st, ok := env.Plugin.Subscription(a.Pattern)
		switch {
		case a.Absent:
			got, why = subscriptionState(st), "the subscription exists"
			return !ok, nil
		case !ok:
			got, why = nil, "no such subscription"
			return false, nil
		}
		got = subscriptionState(st)
		matched, pointer, reason := match.Subset(a.State, got)
		why = fmt.Sprintf("%s: %s", render.OrRoot(pointer), reason)
		return a.State == nil || matched, nil
	})
	if err == errElapsed {
		expected := render.ShortJSON(a.State)
		if a.Absent {
			expected = "no subscription"
		}
		return &StepFailure{Message: fmt.Sprintf("subscription %q: %s", a.Pattern, why), Expected: expected, Got: render.ShortJSON(got)}
	}
	return err
}

// subscriptionState is the bus state of a subscription with snake_case
// names, as scenarios match it.
func subscriptionState(st mockruntime.SubscriptionState) map[string]any {
	return map[string]any{
		"pattern":      st.Pattern,
		"active":       st.Active,
		"held_by_host": st.HeldByHost,
		"position":     st.Position,
		"in_flight":    st.InFlight,
		"queue_len":    st.QueueLen,
		"healthy":      st.Healthy,
		"drops":        st.Drops,
		"dead_letters": append([]string{}, st.DeadLetters...),
		"delivered":    st.Delivered,
		"acked":        st.Acked,
		"nacked":       st.Nacked,
		// derived: the attempts the plugin answered, and those it has not
		"answered":     st.Acked + st.Nacked,
		"awaiting_ack": st.Delivered - st.Acked - st.Nacked,
		"options": map[string]any{
			"overflow_policy": string(st.Options.OverflowPolicy),
			"max_queue":       st.Options.MaxQueue,
			"max_in_flight":   st.Options.MaxInFlight,
		},
	}
}
