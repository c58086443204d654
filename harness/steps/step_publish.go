package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
)

// PublishArgs are the arguments of publish.
type PublishArgs struct {
	Topic   string `json:"topic"`
	Payload any    `json:"payload"`
	Events  any    `json:"events"`  // instead of topic: [{topic, payload}, ...] published in order
	As      string `json:"as"`      // "runtime" (the default) or the slug of a loaded plugin
	Save    string `json:"save"`    // saves the event id as ${save}
	Refused string `json:"refused"` // the error code the runtime must refuse the publish with
}

func (a PublishArgs) Bind(s *scenario.NameScope) error {
	s.Define(a.Save)
	return nil
}

// Publish publishes an event (or, with events, several in order) on the bus as the runtime (runtime.* and
// core.* topics, §10.5) or as a loaded plugin (its own namespace, EVT-1),
// and returns once it is stored and fanned out (EVT-5). With refused, the
// runtime's host API must refuse it with that code instead (EVT-2, EVT-24).
func Publish(ctx context.Context, env *Env, a PublishArgs) error {
	if a.Events != nil {
		return publishEach(ctx, env, a)
	}
	var id string
	var err error
	if a.As == "" || a.As == "runtime" {
		id, err = env.Runtime.Publish(ctx, a.Topic, a.Payload)
	} else {
		id, err = env.Runtime.PublishAs(ctx, a.As, a.Topic, a.Payload)
	}
	if err != nil || a.Refused != "" {
		return hostOutcome("publishing to "+a.Topic, err, a.Refused)
	}
	if a.Save != "" {
		env.Vars.Set(a.Save, id)
	}
	return nil
}

// publishEach publishes each of a.Events in order, as a.As.
func publishEach(ctx context.Context, env *Env, a PublishArgs) error {
	list, ok := a.Events.([]any)
	if !ok {
		return fmt.Errorf("publish: events is %s, not an array of {topic, payload}", render.ShortJSON(a.Events))
	}
	for i, item := range list {
		ev, _ := item.(map[string]any)
		topic, _ := ev["topic"].(string)
		if topic == "" {
			return fmt.Errorf("publish: events/%d has no topic: %s", i, render.ShortJSON(item))
		}
		if err := Publish(ctx, env, PublishArgs{Topic: topic, Payload: ev["payload"], As: a.As, Refused: a.Refused}); err != nil {
			return err
		}
	}
	return nil
}
