package mockruntime

import (
	"context"
	"encoding/json"
	"time"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// defaultCoalesce is presence.watch's coalesce_ms when the call gives none
// (§9.7).
const defaultCoalesce = 50 * time.Millisecond

// Topics the runtime publishes about presence (PRES-7, §10.5).
const (
	topicPresenceJoined  = "runtime.presence.joined"
	topicPresenceUpdated = "runtime.presence.updated"
	topicPresenceLeft    = "runtime.presence.left"
)

// presenceJoin serves presence.join: the session of the request named by
// request_id enters the scope, or changes its data there (PRES-1, PRES-3).
func presenceJoin(ctx context.Context, c *call) (any, error) {
	return nil, c.putPresence(ctx, topicPresenceJoined)
}

// presenceUpdate serves presence.update: like a join, it sets the session's
// data in the scope, entering it if it was not there.
func presenceUpdate(ctx context.Context, c *call) (any, error) {
	return nil, c.putPresence(ctx, topicPresenceUpdated)
}

// presenceLeave serves presence.leave; leaving a scope the session is not
// in changes nothing and is not an error.
func presenceLeave(ctx context.Context, c *call) (any, error) {
	sessionID, err := c.presenceSession()
	if err != nil {
		return nil, err
	}
	stored := c.storedScope()
	if e, ok := c.s.rt.hub.presence.remove(stored, stringParam(c.Params, "user_id"), sessionID); ok {
		_ = c.s.rt.publishPresence(ctx, topicPresenceLeft, scopedEvent(stored, e))
	}
	return nil, nil
}

// presenceWatch serves presence.watch: changes to the scope will reach this
// process as presence.changed frames, coalesced over coalesce_ms (PRES-5).
func presenceWatch(_ context.Context, c *call) (any, error) {
	coalesce := defaultCoalesce
	if _, given := c.Params["coalesce_ms"]; given {
		coalesce = time.Duration(intParam(c.Params, "coalesce_ms")) * time.Millisecond
	}
	id := c.s.rt.hub.presence.watch(c.s, stringParam(c.Params, "scope"), c.storedScope(), coalesce)
	return map[string]string{"watch_id": id}, nil
}

// presenceUnwatch serves presence.unwatch; an unknown watch is NOT_FOUND.
func presenceUnwatch(_ context.Context, c *call) (any, error) {
	return nil, c.s.rt.hub.presence.unwatch(c.p, stringParam(c.Params, "watch_id"))
}

// presenceList serves presence.list: the scope's current entries. It needs
// no capability (§8).
func presenceList(_ context.Context, c *call) (any, error) {
	return c.s.rt.hub.presence.entries(c.storedScope()), nil
}

// putPresence stores the entry of a join or update and publishes topic.
func (c *call) putPresence(ctx context.Context, topic string) error {
	sessionID, err := c.presenceSession()
	if err != nil {
		return err
	}
	data, err := json.Marshal(c.Params["data"])
	if err != nil {
		return err
	}
	e := PresenceEntry{UserID: stringParam(c.Params, "user_id"), SessionID: sessionID, Data: data}
	stored := c.storedScope()
	c.s.rt.hub.presence.put(stored, e)
	_ = c.s.rt.publishPresence(ctx, topic, scopedEvent(stored, e))
	return nil
}

// scopedEvent is the runtime.presence.* payload of a change to a scope.
func scopedEvent(stored string, e PresenceEntry) presenceEvent {
	return presenceEvent{UserID: e.UserID, SessionID: e.SessionID, Scope: &stored, Data: e.Data}
}

// presenceSession returns the client session of the request named by
// params.request_id: a request of this very process, still awaiting its
// response, made with a session (PRES-3).
func (c *call) presenceSession() (string, error) {
	if id := stringParam(c.Params, "request_id"); id != "" {
		if sessionID, _, ok := c.s.requestSession(id); ok {
			return sessionID, nil
		}
	}
	return "", wire.Errorf(wire.CodePresenceNoSessionContext,
		"%s needs the request_id of a request that has a client session and is still awaiting its response", c.Type)
}

// storedScope is the call's scope in the plugin's namespace (PRES-1).
func (c *call) storedScope() string { return c.p.Slug() + "." + stringParam(c.Params, "scope") }
