package presence

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"sync"

	"github.com/conform-dev/conform/mockruntime/service"
)

// Entry is one client session's presence in a scope (§9.7). A plain value;
// Data is null when the session joined without data.
type Entry struct {
	UserID    string          `json:"user_id"`
	SessionID string          `json:"session_id"`
	Data      json.RawMessage `json:"data"`
}

// Removed is an entry together with the stored name of the scope it left.
type Removed struct {
	Stored string
	Entry  Entry
}

// PublishFunc publishes payload on topic as the runtime and returns the
// event id.
type PublishFunc func(ctx context.Context, topic string, payload any) (string, error)

// Hub holds the scoped presence of every plugin of a runtime and the
// watches on it. Scopes are keyed by their stored name, <slug>.<scope>
// (PRES-1), so no plugin reaches another's. Safe for concurrent use; mu is
// also held while a presence.changed is queued, so each watch's frames
// leave in the order of the changes they report.
type Hub struct {
	host    service.Host
	publish PublishFunc

	mu        sync.Mutex
	scopes    map[string][]Entry // stored scope → entries, oldest join first
	watches   []*scopeWatch      // in the order they were made
	nextWatch int
}

// New returns an empty hub that times coalescing on host's clock and
// publishes its changes with publish.
func New(host service.Host, publish PublishFunc) *Hub {
	return &Hub{host: host, publish: publish}
}

// put adds a session to a scope, or replaces its data there, and tells the
// scope's watchers.
func (h *Hub) put(stored string, e Entry) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.scopes == nil {
		h.scopes = map[string][]Entry{}
	}
	list := h.scopes[stored]
	if i := indexOfEntry(list, e.UserID, e.SessionID); i >= 0 {
		list[i] = e
	} else {
		h.scopes[stored] = append(list, e)
	}
	h.changedLocked(stored)
}

// remove takes a session's user out of a scope and reports whether it was
// there; watchers are told only of a real change.
func (h *Hub) remove(stored, userID, sessionID string) (Entry, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	list := h.scopes[stored]
	i := indexOfEntry(list, userID, sessionID)
	if i < 0 {
		return Entry{}, false
	}
	e := list[i]
	h.setLocked(stored, slices.Delete(list, i, i+1))
	h.changedLocked(stored)
	return e, true
}

// RemoveSession takes a disconnected session out of every scope and tells
// the watchers of each scope it left (PRES-6). It returns what it removed,
// ordered by scope.
func (h *Hub) RemoveSession(sessionID string) []Removed {
	h.mu.Lock()
	defer h.mu.Unlock()
	var removed []Removed
	for _, stored := range slices.Sorted(maps.Keys(h.scopes)) {
		before := len(removed)
		for _, e := range h.scopes[stored] {
			if e.SessionID == sessionID {
				removed = append(removed, Removed{Stored: stored, Entry: e})
			}
		}
		if len(removed) == before {
			continue
		}
		h.setLocked(stored, slices.DeleteFunc(h.scopes[stored], func(e Entry) bool { return e.SessionID == sessionID }))
		h.changedLocked(stored)
	}
	return removed
}

// Entries returns a copy of the entries of a stored scope, never nil.
// Entries are handed out only as copies, so the hub may change its slices
// in place.
func (h *Hub) Entries(stored string) []Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Entry{}, h.scopes[stored]...)
}

func (h *Hub) setLocked(stored string, list []Entry) {
	if len(list) == 0 {
		delete(h.scopes, stored)
		return
	}
	h.scopes[stored] = list
}

func indexOfEntry(list []Entry, userID, sessionID string) int {
	return slices.IndexFunc(list, func(e Entry) bool { return e.UserID == userID && e.SessionID == sessionID })
}
