package mockruntime

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/wire"
)

func publishCapability(c *call) string { return "events.publish:" + stringParam(c.Params, "topic") }
func subscribeCapability(c *call) string {
	return "events.subscribe:" + stringParam(c.Params, "pattern")
}

// eventsPublish appends an event in the plugin's own namespace (EVT-1,
// EVT-2, EVT-5).
func eventsPublish(ctx context.Context, c *call) (any, error) {
	topic := stringParam(c.Params, "topic")
	if !strings.HasPrefix(topic, c.p.Slug()+".") {
		return nil, wire.Errorf(wire.CodePermissionDenied, "topic %q is outside the plugin's namespace %q", topic, c.p.Slug()+".").
			With("reason", wire.ReasonNamespace)
	}
	payload, err := json.Marshal(c.Params["payload"])
	if err != nil {
		return nil, err
	}
	id, err := c.s.rt.hub.bus.Publish(ctx, bus.Event{Topic: topic, Version: intParam(c.Params, "version"), Source: c.p.Slug(), Payload: payload})
	if err != nil {
		return nil, err
	}
	return ackResult{EventID: id}, nil
}

// eventsSubscribe creates or resumes the (plugin, pattern) subscription
// (EVT-4, EVT-8, EVT-18).
func eventsSubscribe(ctx context.Context, c *call) (any, error) {
	opts := bus.Options{}
	if o, ok := c.Params["options"].(map[string]any); ok {
		opts.OverflowPolicy = bus.OverflowPolicy(stringParam(o, "overflow_policy"))
		opts.MaxQueue = intParam(o, "max_queue")
		opts.MaxInFlight = intParam(o, "max_in_flight")
	}
	return ackResult{}, c.s.rt.hub.bus.Subscribe(ctx, c.p.Slug(), stringParam(c.Params, "pattern"), opts)
}

// eventsUnsubscribe deletes a subscription and its queue (EVT-9).
func eventsUnsubscribe(ctx context.Context, c *call) (any, error) {
	return ackResult{}, c.s.rt.hub.bus.Unsubscribe(ctx, c.p.Slug(), stringParam(c.Params, "pattern"))
}

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
	})
}
