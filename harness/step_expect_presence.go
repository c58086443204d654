package harness

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/mockruntime/match"
)

// ExpectPresenceArgs are the arguments of expect_presence.
type ExpectPresenceArgs struct {
	Scope   string   `json:"scope"`   // as the plugin names it, without its slug
	Entries []any    `json:"entries"` // a subset pattern over {user_id, session_id, data}, one per entry, oldest join first
	Within  Duration `json:"within"`  // default 2s
}

func (a *ExpectPresenceArgs) check(parseContext) error { return checkPattern(a.Entries, "/entries") }

// ExpectPresence waits until one of the plugin's presence scopes holds
// entries matching the pattern.
func ExpectPresence(ctx context.Context, env *Env, a ExpectPresenceArgs) error {
	var got any
	var why string
	err := env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		entries := env.Runtime.Presence(env.Plugin.Slug(), a.Scope)
		got = entries
		ok, pointer, reason := match.Subset(a.Entries, entries)
		why = fmt.Sprintf("%s: %s", orRoot(pointer), reason)
		return ok, nil
	})
	if err == errElapsed {
		return &StepFailure{Message: fmt.Sprintf("presence scope %q differs at %s", a.Scope, why), Expected: shortJSON(a.Entries), Got: shortJSON(got)}
	}
	return err
}
