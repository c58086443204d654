package mockruntime

import (
	"encoding/json"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// The session's side of the event bus: deliveries out, acks of them in.
// The events.* calls are a service (internal/services/events).

// onEventAck hands the plugin's ack of a delivery to the bus (EVT-12).
func (s *session) onEventAck(f frameIn) {
	ok, _ := f.obj["ok"].(bool)
	code := ""
	if !ok {
		code = decodeWireError(f.obj["error"]).Code
	}
	sub, _ := f.obj["subscription"].(string)
	_ = s.rt.hub.bus.Ack(s.p.Slug(), sub, f.id, ok, code)
}

// attachBus lets the bus deliver to this session once it is ready (LIFE-9).
func (p *Plugin) attachBus(s *session) {
	_ = p.rt.hub.bus.Attach(p.Slug(), bus.SinkFunc(s.deliver))
}

// detachBus pauses the plugin's subscriptions when its process is gone
// (EVT-18).
func (p *Plugin) detachBus(s *session) {
	s.mu.Lock()
	wasReady := s.ready
	s.mu.Unlock()
	if wasReady {
		_ = p.rt.hub.bus.Detach(p.Slug())
	}
}

// deliver sends one event.deliver frame. It never blocks (the bus calls it).
func (s *session) deliver(d bus.Delivery) {
	body, err := json.Marshal(d)
	if err != nil || s.done() {
		return
	}
	line := make([]byte, 0, len(body)+24)
	line = append(line, `{"type":"event.deliver",`...)
	line = append(line, body[1:]...)
	_ = s.sendLine(wire.TypeEventDeliver, d.ID, line, func() []byte {
		b, _ := json.Marshal(map[string]any{"type": wire.TypeEventDeliver, "id": d.ID, "subscription": d.Subscription, "attempt": d.Attempt, "topic": d.Topic})
		return b
	}, false)
}
