package steps

import (
	"context"
	"github.com/conform-dev/conform/harness/scenario"
)

// PublishArgs are the arguments of publish.
type PublishArgs struct {
	Topic   string `json:"topic"`
	Payload any    `json:"payload"`
	As      string `json:"as"`      // "runtime" (the default) or the slug of a loaded plugin
	Save    string `json:"save"`    // saves the event id as ${save}
	Refused string `json:"refused"` // the error code the runtime must refuse the publish with
}

func (a PublishArgs) Bind(s *scenario.NameScope) error {
	s.Define(a.Save)
	return nil
}

// Publish publishes an event on the bus as the runtime (runtime.* and
// core.* topics, §10.5) or as a loaded plugin (its own namespace, EVT-1),
// and returns once it is stored and fanned out (EVT-5). With refused, the
// runtime's host API must refuse it with that code instead (EVT-2, EVT-24).
func Publish(ctx context.Context, env *Env, a PublishArgs) error {
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
