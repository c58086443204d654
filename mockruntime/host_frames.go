package mockruntime

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/internal/framing"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// SendFrame sends a frame the host composed, as is, to the plugin's
// current process — for example a frame type the plugin cannot know
// (ENV-4). It is recorded like any frame the runtime sends. It does not
// wait for ready. Safe for concurrent use.
func (p *Plugin) SendFrame(frame map[string]any) error {
	s := p.current()
	if s == nil {
		return ErrNotRunning
	}
	s.sentFrame(frame)
	return s.send(frame)
}

// maxUnknownSent bounds how many frames of unknown type a session
// remembers for ENV-4's attribution.
const maxUnknownSent = 64

// runtimeFrameTypes are the types the runtime sends (§2-§11): any other
// is a frame of a type the plugin does not know.
var runtimeFrameTypes = map[string]bool{
	wire.TypeRequest: true, wire.TypePing: true, wire.TypeEventDeliver: true, wire.TypeFileUploaded: true,
	wire.TypeConfigChanged: true, wire.TypePresenceConnected: true, wire.TypePresenceDisconnected: true,
	wire.TypePresenceChanged: true, wire.TypeScheduleFired: true, wire.TypeResponse: true, wire.TypeEventAck: true,
}

// sentFrame remembers the id of a host-sent frame of unknown type, so that
// a response under that id is charged to ENV-4 (the plugin answered a frame
// it must ignore) rather than ENV-8.
func (s *session) sentFrame(frame map[string]any) {
	typ, _ := frame["type"].(string)
	id, hasID := frame["id"].(string)
	if runtimeFrameTypes[typ] || !hasID {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unknownSent == nil {
		s.unknownSent = map[string]string{}
	}
	if len(s.unknownSent) < maxUnknownSent {
		s.unknownSent[id] = typ
	}
}

// answeredUnknownFrame returns the type of the frame of unknown type sent
// under id, or "".
func (s *session) answeredUnknownFrame(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unknownSent[id]
}

// SendRaw writes bytes to the plugin's stdin exactly as given (they should
// end in a newline), bypassing encoding — for framing edge cases such as
// blank lines or CRLF (FRAME-15). They are recorded as a log-like decision,
// not as a frame.
func (p *Plugin) SendRaw(b []byte) error {
	s := p.current()
	if s == nil {
		return ErrNotRunning
	}
	if len(b) > 4<<20+1 {
		return errTooLarge
	}
	p.rt.decide(p.Slug(), "raw_sent", "", fmt.Sprintf("%d raw bytes to stdin", len(b)), map[string]any{"raw": truncate(b, maxRawInViolation)})
	err := s.w.Enqueue(append([]byte(nil), b...))
	if errors.Is(err, framing.ErrWriterFull) {
		s.kill("hung", "FRAME-25", "killing a plugin that does not read its stdin")
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotRunning, err)
	}
	return nil
}

// SubscriptionState is what the host can read about one event subscription
// of a plugin (§10): position, window, queue, health, drops, dead letters.
type SubscriptionState = bus.SubscriptionState

// Subscriptions returns the plugin's event subscriptions, kept across
// restarts (EVT-18) and counted so leaks are visible (EVT-25).
func (p *Plugin) Subscriptions() []SubscriptionState {
	return p.rt.hub.bus.Subscriptions(p.Slug())
}

// Subscription returns the state of the plugin's subscription to pattern.
func (p *Plugin) Subscription(pattern string) (SubscriptionState, bool) {
	return p.rt.hub.bus.State(p.Slug(), pattern)
}

// PauseDeliveries holds every delivery to the plugin until
// ResumeDeliveries; acks still count.
func (p *Plugin) PauseDeliveries() error { return p.rt.hub.bus.Pause(p.Slug()) }

// ResumeDeliveries ends PauseDeliveries.
func (p *Plugin) ResumeDeliveries() error { return p.rt.hub.bus.Resume(p.Slug()) }

// Redeliver sends again, at once, every delivery of the subscription that
// awaits its ack.
func (p *Plugin) Redeliver(pattern string) error { return p.rt.hub.bus.Redeliver(p.Slug(), pattern) }

// Query runs a read-only host query on the plugin's own database, for
// assertions; the plugin's statement rules apply. It runs on the store
// backend (Options.Store).
func (p *Plugin) Query(sql string, args ...any) (json.RawMessage, error) {
	db, err := p.rt.hub.data.DatabaseFor(p.handle)
	if err != nil {
		return nil, err
	}
	rows, err := db.Query(p.rt.ctx(), sql, args)
	if err != nil {
		return nil, err
	}
	return json.Marshal(rows)
}

// Exec runs SQL on the plugin's own database as the host, for seeding
// tables (a data-only plugin's published tables, for example).
func (p *Plugin) Exec(sql string) error {
	db, err := p.rt.hub.data.DatabaseFor(p.handle)
	if err != nil {
		return err
	}
	return db.Exec(p.rt.ctx(), sql)
}

// KV returns the value of key in the plugin's KV store and whether it is set.
func (p *Plugin) KV(key string) (string, bool, error) {
	kv, err := p.rt.hub.data.KVFor(p.handle)
	if err != nil {
		return "", false, err
	}
	return kv.Get(p.rt.ctx(), key)
}
