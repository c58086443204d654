package steps

import (
	"context"
	"fmt"
	"github.com/conform-dev/conform/harness/scenario"
)

// ConnectArgs are the arguments of connect.
type ConnectArgs struct {
	User      scenario.UserArg `json:"user"`
	SessionID string           `json:"session_id"`
}

// Connect plays a client session connecting: every running plugin is sent
// presence.connected and runtime.presence.joined is published (§9.7).
func Connect(_ context.Context, env *Env, a ConnectArgs) error {
	if err := env.Runtime.Connect(a.User.User, a.SessionID); err != nil {
		return fmt.Errorf("connecting %s: %w", a.User.ID, err)
	}
	return nil
}
