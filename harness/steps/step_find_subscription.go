package steps

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// FindSubscriptionArgs are the arguments of find_subscription.
type FindSubscriptionArgs struct {
	CoveredBy string            `json:"covered_by"` // a capability pattern: the subscription's pattern must be one it covers (EVT-4)
	Save      string            `json:"save"`       // saves {pattern, topic, payload, events} as ${save}
	Otherwise string            `json:"otherwise"`  // "fail" (the default) or "skip" when none is found
	Within    scenario.Duration `json:"within"`     // default 2s
}

func (a FindSubscriptionArgs) Bind(s *scenario.NameScope) error {
	s.Define(a.Save)
	return nil
}

// FindSubscription waits until the plugin holds a subscription whose
// pattern covered_by covers, and saves it with the events a probe can
// publish to it (probeEvents) as events, and the first of them as topic
// and payload. A probe uses it to learn what the
// plugin subscribed to from nothing but its manifest. With otherwise:
// skip, a plugin that holds no such subscription in time, or only one to
// topics the runtime never publishes (another plugin's namespace, a
// reserved topic), makes the scenario skipped rather than failed.
func FindSubscription(ctx context.Context, env *Env, a FindSubscriptionArgs) error {
	var found mockruntime.SubscriptionState
	err := env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		subs := env.Plugin.Subscriptions()
		sort.Slice(subs, func(i, j int) bool { return subs[i].Pattern < subs[j].Pattern })
		for _, st := range subs {
			if mockruntime.PatternCovers(a.CoveredBy, st.Pattern) {
				found = st
				return true, nil
			}
		}
		return false, nil
	})
	if err == errElapsed {
		why := fmt.Sprintf("the plugin made no subscription that events.subscribe:%s covers", a.CoveredBy)
		return notFound(a.Otherwise, why, "a subscription covered by "+a.CoveredBy, fmt.Sprintf("%d subscriptions", len(env.Plugin.Subscriptions())))
	}
	if err != nil {
		return err
	}
	events := probeEvents(found.Pattern)
	if len(events) == 0 && a.Otherwise == "skip" {
		return &NotApplicable{Reason: fmt.Sprintf("the plugin's subscription %s matches no topic the runtime publishes", found.Pattern)}
	}
	if a.Save != "" {
		saved := map[string]any{"pattern": found.Pattern, "topic": "", "payload": nil, "events": events}
		if len(events) > 0 {
			first := events[0].(map[string]any)
			saved["topic"], saved["payload"] = first["topic"], first["payload"]
		}
		env.Vars.Set(a.Save, saved)
	}
	return nil
}

// notFound is how a find_* step ends when the plugin never made what it
// waits for: skipped with otherwise: skip, else a failure.
func notFound(otherwise, why, expected, got string) error {
	if otherwise == "skip" {
		return &NotApplicable{Reason: why + " by the time it was probed"}
	}
	return &StepFailure{Message: why, Expected: expected, Got: got}
}

// probeEvents lists, as [{topic, payload}], the topics of §10.5 the
// pattern matches, each with a payload of the documented shape; or, when
// it matches none, the pattern itself (an exact one) or a topic just below
// it (a wildcard) with an empty payload, if the runtime may publish it.
func probeEvents(pattern string) []any {
	var events []any
	for _, t := range mockruntime.RuntimeTopics() {
		if mockruntime.TopicMatches(pattern, t.Topic) {
			events = append(events, map[string]any{"topic": t.Topic, "payload": t.Payload})
		}
	}
	if len(events) > 0 {
		return events
	}
	topic := pattern
	if prefix, wildcard := strings.CutSuffix(pattern, ".*"); wildcard {
		topic = prefix + ".conform-probe"
	}
	if !mockruntime.IsRuntimeTopic(topic) {
		return nil
	}
	return []any{map[string]any{"topic": topic, "payload": map[string]any{}}}
}
