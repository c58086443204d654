package presence

import (
	"context"
	"encoding/json"
	"time"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// defaultCoalesce is presence.watch's coalesce_ms when the call gives none
// (§9.7).
const defaultCoalesce = 50 * time.Millisecond

// Join serves presence.join: the session of the request named by
// request_id enters the scope, or changes its data there (PRES-1, PRES-3).
func (h *Hub) Join(ctx context.Context, c *service.Call) (any, error) {
	return nil, h.putPresence(ctx, c, TopicJoined)
}

// Update serves presence.update: like a join, it sets the session's data
// in the scope, entering it if it was not there.
func (h *Hub) Update(ctx context.Context, c *service.Call) (any, error) {
	return nil, h.putPresence(ctx, c, TopicUpdated)
}

// Leave serves presence.leave; leaving a scope the session is not in
// changes nothing and is not an error.
func (h *Hub) Leave(ctx context.Context, c *service.Call) (any, error) {
	sessionID, err := presenceSession(c)
	if err != nil {
		return nil, err
	}
	stored := storedScope(c)
	if e, ok := h.remove(stored, service.StringParam(c.Params, "user_id"), sessionID); ok {
		_ = h.Publish(ctx, TopicLeft, scopedEvent(stored, e))
	}
	return nil, nil
}

// Watch serves presence.watch: changes to the scope will reach this
// process as presence.changed frames, coalesced over coalesce_ms (PRES-5).
func (h *Hub) Watch(_ context.Context, c *service.Call) (any, error) {
	coalesce := defaultCoalesce
	if _, given := c.Params["coalesce_ms"]; given {
		coalesce = time.Duration(service.IntParam(c.Params, "coalesce_ms")) * time.Millisecond
	}
	id := h.watch(c.Plugin, c.Process, service.StringParam(c.Params, "scope"), storedScope(c), coalesce)
	return map[string]string{"watch_id": id}, nil
}

// Unwatch serves presence.unwatch; an unknown watch is NOT_FOUND.
func (h *Hub) Unwatch(_ context.Context, c *service.Call) (any, error) {
	return nil, h.unwatch(c.Plugin, service.StringParam(c.Params, "watch_id"))
}

// List serves presence.list: the scope's current entries. It needs no
// capability (§8).
func (h *Hub) List(_ context.Context, c *service.Call) (any, error) {
	return h.Entries(storedScope(c)), nil
}

// putPresence stores the entry of a join or update and publishes topic.
func (h *Hub) putPresence(ctx context.Context, c *service.Call, topic string) error {
	sessionID, err := presenceSession(c)
	if err != nil {
		return err
	}
	data, err := json.Marshal(c.Params["data"])
	if err != nil {
		return err
	}
	e := Entry{UserID: service.StringParam(c.Params, "user_id"), SessionID: sessionID, Data: data}
	stored := storedScope(c)
	h.put(stored, e)
	_ = h.Publish(ctx, topic, scopedEvent(stored, e))
	return nil
}

// presenceSession returns the client session of the request named by
// params.request_id: a request of this very process, still awaiting its
// response, made with a session (PRES-3). params.user_id must be the user
// of that request: a plugin cannot put another user into a scope (PRES-8).
func presenceSession(c *service.Call) (string, error) {
	id := service.StringParam(c.Params, "request_id")
	r, ok := c.Process.Request(id)
	if id == "" || !ok || r.SessionID == "" {
		return "", wire.Errorf(wire.CodePresenceNoSessionContext,
			"%s needs the request_id of a request that has a client session and is still awaiting its response", c.Type)
	}
	if user := service.StringParam(c.Params, "user_id"); user != r.User.ID {
		return "", wire.Errorf(wire.CodePermissionDenied, "%s names user %q, but request %q is made by user %q", c.Type, user, id, r.User.ID).
			With("reason", wire.ReasonOtherUser).With("pointer", "/params/user_id")
	}
	return r.SessionID, nil
}

// storedScope is the call's scope in the plugin's namespace (PRES-1).
func storedScope(c *service.Call) string {
	return c.Plugin.Slug() + "." + service.StringParam(c.Params, "scope")
}
