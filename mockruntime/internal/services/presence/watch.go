package presence

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// scopeWatch is one presence.watch. It belongs to the process that made it
// and ends with it: a new process knows nothing of the old one's watch ids.
type scopeWatch struct {
	id       string
	p        service.Plugin
	owner    service.Process
	scope    string // as the plugin named it
	stored   string
	coalesce time.Duration
	flush    clock.Timer // the pending presence.changed, nil when none
}

// watch adds a watch of owner, a process of p, on a scope and returns its
// id.
func (h *Hub) watch(p service.Plugin, owner service.Process, scope, stored string, coalesce time.Duration) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.nextWatch++
	w := &scopeWatch{id: fmt.Sprintf("watch-%d", h.nextWatch), p: p, owner: owner, scope: scope, stored: stored, coalesce: coalesce}
	h.watches = append(h.watches, w)
	return w.id
}

// unwatch ends a watch of p's current process; any other id is NOT_FOUND.
func (h *Hub) unwatch(p service.Plugin, id string) error {
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
func (w *scopeWatch) live() bool { return w.owner.Current() }

// changedLocked tells every watch of a scope that it changed (PRES-5): at
// once for a watch without coalescing, else when its coalescing window,
// opened by the first change, closes.
func (h *Hub) changedLocked(stored string) {
	for _, w := range slices.Clone(h.watches) {
		switch {
		case w.stored != stored || w.flush != nil:
			// another scope, or a window already open will carry this change
		case w.coalesce == 0:
			h.sendLocked(w)
		default:
			w.flush = h.host.Clock().AfterFunc(w.coalesce, func() { h.flushWatch(w) })
		}
	}
}

// flushWatch ends a coalescing window on the clock.
func (h *Hub) flushWatch(w *scopeWatch) {
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
func (h *Hub) sendLocked(w *scopeWatch) {
	if !w.live() {
		h.dropLocked(w)
		h.host.Decide(w.p.Slug(), "notice", "PRES-5", fmt.Sprintf("watch %s ended with the process that made it", w.id), nil)
		return
	}
	_ = w.p.Notify(map[string]any{
		"type": wire.TypePresenceChanged, "watch_id": w.id, "scope": w.scope,
		"entries": append([]Entry{}, h.scopes[w.stored]...),
	})
}

// dropLocked removes a watch and cancels its pending frame.
func (h *Hub) dropLocked(w *scopeWatch) {
	if w.flush != nil {
		w.flush.Stop()
		w.flush = nil
	}
	h.watches = slices.DeleteFunc(h.watches, func(x *scopeWatch) bool { return x == w })
}

// Unload forgets a plugin's scopes and watches.
func (h *Hub) Unload(p service.Plugin) {
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

// Stop cancels every pending presence.changed, when the runtime closes.
func (h *Hub) Stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, w := range slices.Clone(h.watches) {
		h.dropLocked(w)
	}
}
