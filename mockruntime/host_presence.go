package mockruntime

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Connect plays a client session connecting (§9.7): every plugin with a
// process is sent presence.connected (a plugin that is not running misses
// it, and the drop is recorded: NOTE-1), then runtime.presence.joined is
// published with scope null (PRES-7). The error is that of the publish.
// Safe for concurrent use.
func (rt *Runtime) Connect(user User, sessionID string) error {
	if user.ID == "" || sessionID == "" {
		return wire.Errorf(wire.CodeInvalidParams, "a connection needs a user id and a session id")
	}
	rt.notifyAll(map[string]any{"type": wire.TypePresenceConnected, "user": user, "session_id": sessionID})
	return rt.publishPresence(context.Background(), topicPresenceJoined, presenceEvent{UserID: user.ID, SessionID: sessionID})
}

// Disconnect plays a client session disconnecting: the session leaves every
// scope of every plugin and the watchers of those scopes are told (PRES-6),
// every plugin with a process is sent presence.disconnected, and
// runtime.presence.left is published for each scope the session left and
// once more with scope null (PRES-7). Safe for concurrent use.
func (rt *Runtime) Disconnect(userID, sessionID string) error {
	if userID == "" || sessionID == "" {
		return wire.Errorf(wire.CodeInvalidParams, "a disconnection needs a user id and a session id")
	}
	removed := rt.hub.presence.removeSession(sessionID)
	rt.notifyAll(map[string]any{"type": wire.TypePresenceDisconnected, "user_id": userID, "session_id": sessionID})
	ctx := context.Background()
	var errs []error
	for _, r := range removed {
		ev := presenceEvent{UserID: r.entry.UserID, SessionID: sessionID, Scope: &r.stored, Data: r.entry.Data}
		errs = append(errs, rt.publishPresence(ctx, topicPresenceLeft, ev))
	}
	errs = append(errs, rt.publishPresence(ctx, topicPresenceLeft, presenceEvent{UserID: userID, SessionID: sessionID}))
	return errors.Join(errs...)
}

// Presence returns the entries of one plugin's scope, named as the plugin
// names it (without its slug), oldest join first. Safe for concurrent use.
func (rt *Runtime) Presence(slug, scope string) []PresenceEntry {
	return rt.hub.presence.entries(slug + "." + scope)
}

// notifyAll sends a notification to every loaded plugin that has a process.
func (rt *Runtime) notifyAll(frame map[string]any) {
	for _, p := range rt.Plugins() {
		if p.manifest.Backend != nil {
			_ = p.notify(frame)
		}
	}
}

// presenceEvent is the payload of the runtime.presence.* topics (§10.5).
// Scope is the stored scope (PRES-1), nil for a connect or disconnect.
type presenceEvent struct {
	UserID    string          `json:"user_id"`
	SessionID string          `json:"session_id"`
	Scope     *string         `json:"scope"`
	Data      json.RawMessage `json:"data"`
}

// publishPresence publishes a presence change as the runtime (PRES-7). A
// failure is recorded, since the service calls that cause one have taken
// effect already, and returned for the host's own calls.
func (rt *Runtime) publishPresence(ctx context.Context, topic string, ev presenceEvent) error {
	_, err := rt.publish(ctx, bus.RuntimeSource, topic, ev)
	if err != nil {
		rt.decide(bus.RuntimeSource, "notice", "PRES-7", "publishing "+topic+" failed: "+err.Error(), nil)
	}
	return err
}
