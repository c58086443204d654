package steps

import (
	"context"
	"fmt"
)

// DisconnectArgs are the arguments of disconnect.
type DisconnectArgs struct {
	UserID    string `json:"user_id"`
	SessionID string `json:"session_id"`
}

// Disconnect plays a client session disconnecting: it leaves every scope,
// watchers are told (PRES-6), every running plugin is sent
// presence.disconnected.
func Disconnect(_ context.Context, env *Env, a DisconnectArgs) error {
	if err := env.Runtime.Disconnect(a.UserID, a.SessionID); err != nil {
		return fmt.Errorf("disconnecting %s: %w", a.UserID, err)
	}
	return nil
}
