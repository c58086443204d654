package harness

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// ExpectSubscriptionArgs are the arguments of expect_subscription.
type ExpectSubscriptionArgs struct {
	Pattern string         `json:"pattern"` // the subscription's pattern
	State   map[string]any `json:"state"`   // a subset pattern over its state; it need only exist when left out
	Within  Duration       `json:"within"`  // default 2s
}

// ExpectSubscription waits until the plugin has a subscription to the
// pattern whose state, as subscriptionState renders it, matches.
func ExpectSubscription(ctx context.Context, env *Env, a ExpectSubscriptionArgs) error {
	var got any
	var why string
	err := env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		st, ok := env.Plugin.Subscription(a.Pattern)
		if !ok {
			got, why = nil, "no such subscription"
			return false, nil
		}
		got = subscriptionState(st)
		matched, pointer, reason := match.Subset(a.State, got)
		why = fmt.Sprintf("%s: %s", orRoot(pointer), reason)
		return a.State == nil || matched, nil
	})
	if err == errElapsed {
		return &StepFailure{Message: fmt.Sprintf("subscription %q: %s", a.Pattern, why), Expected: shortJSON(a.State), Got: shortJSON(got)}
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
		"options": map[string]any{
			"overflow_policy": string(st.Options.OverflowPolicy),
			"max_queue":       st.Options.MaxQueue,
			"max_in_flight":   st.Options.MaxInFlight,
		},
	}
}
