package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime/match"
)

// ExpectPresenceArgs are the arguments of expect_presence.
type ExpectPresenceArgs struct {
	Scope   string            `json:"scope"`   // as the plugin names it, without its slug
	Entries []any             `json:"entries"` // a subset pattern over {user_id, session_id, data}, one per entry, oldest join first
	Within  scenario.Duration `json:"within"`  // default 2s
}

func (a *ExpectPresenceArgs) Check(scenario.ParseContext) error {
	return scenario.CheckPattern(a.Entries, "/entries")
}

// ExpectPresence waits until one of the plugin's presence scopes holds
// entries matching the pattern.
func ExpectPresence(ctx context.Context, env *Env, a ExpectPresenceArgs) error {
	var got any
	var why string
	err := env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		entries := env.Runtime.Presence(env.Plugin.Slug(), a.Scope)
		got = entries
		ok, pointer, reason := match.Subset(a.Entries, entries)
		why = fmt.Sprintf("%s: %s", render.OrRoot(pointer), reason)
		return ok, nil
	})
	if err == errElapsed {
		return &StepFailure{Message: fmt.Sprintf("presence scope %q differs at %s", a.Scope, why), Expected: render.ShortJSON(a.Entries), Got: render.ShortJSON(got)}
	}
	return err
}
