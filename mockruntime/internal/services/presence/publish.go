package presence

import (
	"context"
	"encoding/json"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

// Topics the runtime publishes about presence (PRES-7, §10.5).
const (
	TopicJoined  = "runtime.presence.joined"
	TopicUpdated = "runtime.presence.updated"
	TopicLeft    = "runtime.presence.left"
)

// Event is the payload of the runtime.presence.* topics (§10.5). Scope is
// the stored scope (PRES-1), nil for a connect or disconnect.
type Event struct {
	UserID    string          `json:"user_id"`
	SessionID string          `json:"session_id"`
	Scope     *string         `json:"scope"`
	Data      json.RawMessage `json:"data"`
}

// Publish publishes a presence change as the runtime (PRES-7). A failure
// is recorded, since the service calls that cause one have taken effect
// already, and returned for the host's own calls.
func (h *Hub) Publish(ctx context.Context, topic string, ev Event) error {
	_, err := h.publish(ctx, topic, ev)
	if err != nil {
		h.host.Decide(bus.RuntimeSource, "notice", "PRES-7", "publishing "+topic+" failed: "+err.Error(), nil)
	}
	return err
}

// scopedEvent is the runtime.presence.* payload of a change to a scope.
func scopedEvent(stored string, e Entry) Event {
	return Event{UserID: e.UserID, SessionID: e.SessionID, Scope: &stored, Data: e.Data}
}
