package mockruntime

import (
	"context"
	"errors"

	"github.com/conform-dev/conform/mockruntime/internal/services/presence"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// PresenceEntry is one client session's presence in a scope (§9.7). A
// plain value; Data is null when the session joined without data.
type PresenceEntry = presence.Entry

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
	return rt.hub.presence.Publish(context.Background(), presence.TopicJoined, presence.Event{UserID: user.ID, SessionID: sessionID})
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
	removed := rt.hub.presence.RemoveSession(sessionID)
	rt.notifyAll(map[string]any{"type": wire.TypePresenceDisconnected, "user_id": userID, "session_id": sessionID})
	ctx := context.Background()
	var errs []error
	for _, r := range removed {
		ev := presence.Event{UserID: r.Entry.UserID, SessionID: sessionID, Scope: &r.Stored, Data: r.Entry.Data}
		errs = append(errs, rt.hub.presence.Publish(ctx, presence.TopicLeft, ev))
	}
	errs = append(errs, rt.hub.presence.Publish(ctx, presence.TopicLeft, presence.Event{UserID: userID, SessionID: sessionID}))
	return errors.Join(errs...)
}

// Presence returns the entries of one plugin's scope, named as the plugin
// names it (without its slug), oldest join first. Safe for concurrent use.
func (rt *Runtime) Presence(slug, scope string) []PresenceEntry {
	return rt.hub.presence.Entries(slug + "." + scope)
}

// notifyAll sends a notification to every loaded plugin that has a process.
func (rt *Runtime) notifyAll(frame map[string]any) {
	for _, p := range rt.Plugins() {
		if p.manifest.Backend != nil {
			_ = p.notify(frame)
		}
	}
}
