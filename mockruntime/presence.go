package mockruntime

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// PresenceEntry is one client session's presence in a scope (§9.7). A
// plain value; Data is null when the session joined without data.
type PresenceEntry struct {
	UserID    string          `json:"user_id"`
	SessionID string          `json:"session_id"`
	Data      json.RawMessage `json:"data"`
}

// scopedEntry is an entry together with the stored name of its scope.
type scopedEntry struct {
	stored string
	entry  PresenceEntry
}

// presenceHub holds the scoped presence of every plugin of a runtime and
// the watches on it. Scopes are keyed by their stored name,
// <slug>.<scope> (PRES-1), so no plugin reaches another's. Safe for
// concurrent use; mu is also held while a presence.changed is queued, so
// each watch's frames leave in the order of the changes they report.
type presenceHub struct {
	mu        sync.Mutex
	scopes    map[string][]PresenceEntry // stored scope → entries, oldest join first
	watches   []*scopeWatch              // in the order they were made
	nextWatch int
}

// scopeWatch is one presence.watch. It belongs to the process that made
// it and ends with it: a new process knows nothing of the old one's watch
// ids.
type scopeWatch struct {
	id       string
	p        *Plugin
	owner    *session
	scope    string // as the plugin named it
	stored   string
	coalesce time.Duration
	flush    clock.Timer // the pending presence.changed, nil when none
}

// put adds a session to a scope, or replaces its data there, and tells the
// scope's watchers.
func (h *presenceHub) put(stored string, e PresenceEntry) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.scopes == nil {
		h.scopes = map[string][]PresenceEntry{}
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
func (h *presenceHub) remove(stored, userID, sessionID string) (PresenceEntry, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	list := h.scopes[stored]
	i := indexOfEntry(list, userID, sessionID)
	if i < 0 {
		return PresenceEntry{}, false
	}
	e := list[i]
	h.setLocked(stored, slices.Delete(list, i, i+1))
	h.changedLocked(stored)
	return e, true
}

// removeSession takes a disconnected session out of every scope and tells
// the watchers of each scope it left (PRES-6). It returns what it removed,
// ordered by scope.
func (h *presenceHub) removeSession(sessionID string) []scopedEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	var removed []scopedEntry
	for _, stored := range slices.Sorted(maps.Keys(h.scopes)) {
		before := len(removed)
		for _, e := range h.scopes[stored] {
			if e.SessionID == sessionID {
				removed = append(removed, scopedEntry{stored: stored, entry: e})
			}
		}
		if len(removed) == before {
			continue
		}
		h.setLocked(stored, slices.DeleteFunc(h.scopes[stored], func(e PresenceEntry) bool { return e.SessionID == sessionID }))
		h.changedLocked(stored)
	}
	return removed
}

// entries returns a copy of a scope's entries, never nil. Entries are
// handed out only as copies, so the hub may change its slices in place.
func (h *presenceHub) entries(stored string) []PresenceEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]PresenceEntry{}, h.scopes[stored]...)
}

func (h *presenceHub) setLocked(stored string, list []PresenceEntry) {
	if len(list) == 0 {
		delete(h.scopes, stored)
		return
	}
	h.scopes[stored] = list
}

func indexOfEntry(list []PresenceEntry, userID, sessionID string) int {
	return slices.IndexFunc(list, func(e PresenceEntry) bool { return e.UserID == userID && e.SessionID == sessionID })
}

// watch adds a watch of owner's process on a scope and returns its id.
func (h *presenceHub) watch(owner *session, scope, stored string, coalesce time.Duration) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.nextWatch++
	w := &scopeWatch{id: fmt.Sprintf("watch-%d", h.nextWatch), p: owner.p, owner: owner, scope: scope, stored: stored, coalesce: coalesce}
	h.watches = append(h.watches, w)
	return w.id
}

// unwatch ends a watch of p's current process; any other id is NOT_FOUND.
func (h *presenceHub) unwatch(p *Plugin, id string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	i := slices.IndexFunc(h.watches, func(w *scopeWatch) bool { return w.id == id && w.p == p })
	if i < 0 || !h.watches[i].live() {
		return wire.Errorf(wire.CodeNotFound, "no watch %q", id).With("watch_id", id)
	}
	h.dropLocked(h.watches[i])
	return nil
}

// live reports whether the process that made the watch is still p's.
func (w *scopeWatch) live() bool { return w.p.current() == w.owner }

// changedLocked tells every watch of a scope that it changed (PRES-5): at
// once for a watch without coalescing, else when its coalescing window,
// opened by the first change, closes.
func (h *presenceHub) changedLocked(stored string) {
	for _, w := range slices.Clone(h.watches) {
		switch {
		case w.stored != stored || w.flush != nil:
			// another scope, or a window already open will carry this change
		case w.coalesce == 0:
			h.sendLocked(w)
		default:
			w.flush = w.p.rt.clock.AfterFunc(w.coalesce, func() { h.flushWatch(w) })
		}
	}
}

// flushWatch ends a coalescing window on the clock.
func (h *presenceHub) flushWatch(w *scopeWatch) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if w.flush == nil {
		return
	}
	w.flush = nil
	h.sendLocked(w)
}

// sendLocked sends a watch the full current entries of its scope; a watch
// whose process is gone is dropped instead.
func (h *presenceHub) sendLocked(w *scopeWatch) {
	if !w.live() {
		h.dropLocked(w)
		w.p.rt.decide(w.p.Slug(), "notice", "PRES-5", fmt.Sprintf("watch %s ended with the process that made it", w.id), nil)
		return
	}
	_ = w.p.notify(map[string]any{
		"type": wire.TypePresenceChanged, "watch_id": w.id, "scope": w.scope,
		"entries": append([]PresenceEntry{}, h.scopes[w.stored]...),
	})
}

// dropLocked removes a watch and cancels its pending frame.
func (h *presenceHub) dropLocked(w *scopeWatch) {
	if w.flush != nil {
		w.flush.Stop()
		w.flush = nil
	}
	h.watches = slices.DeleteFunc(h.watches, func(x *scopeWatch) bool { return x == w })
}

// unload forgets a plugin's scopes and watches.
func (h *presenceHub) unload(p *Plugin) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for stored := range h.scopes {
		if strings.HasPrefix(stored, p.Slug()+".") {
			delete(h.scopes, stored)
		}
	}
	for _, w := range slices.Clone(h.watches) {
		if w.p == p {
			h.dropLocked(w)
		}
	}
}

// stop cancels every pending presence.changed, when the runtime closes.
func (h *presenceHub) stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, w := range slices.Clone(h.watches) {
		h.dropLocked(w)
	}
}
