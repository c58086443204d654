package events

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Events serves the events.* calls on one bus.
type Events struct{ bus *bus.Bus }

// New returns the events services of b.
func New(b *bus.Bus) *Events { return &Events{bus: b} }

// PublishCapability is events.publish:<topic> (§8).
func PublishCapability(c *service.Call) string {
	return "events.publish:" + service.StringParam(c.Params, "topic")
}

// SubscribeCapability is events.subscribe:<pattern> (§8).
func SubscribeCapability(c *service.Call) string {
	return "events.subscribe:" + service.StringParam(c.Params, "pattern")
}

// Publish appends an event in the plugin's own namespace (EVT-1, EVT-2,
// EVT-5).
func (e *Events) Publish(ctx context.Context, c *service.Call) (any, error) {
	slug := c.Plugin.Slug()
	topic := service.StringParam(c.Params, "topic")
	if !strings.HasPrefix(topic, slug+".") {
		return nil, wire.Errorf(wire.CodePermissionDenied, "topic %q is outside the plugin's namespace %q", topic, slug+".").
			With("reason", wire.ReasonNamespace)
	}
	payload, err := json.Marshal(c.Params["payload"])
	if err != nil {
		return nil, err
	}
	id, err := e.bus.Publish(ctx, bus.Event{Topic: topic, Version: service.IntParam(c.Params, "version"), Source: slug, Payload: payload})
	if err != nil {
		return nil, err
	}
	return service.Ack{EventID: id}, nil
}

// Subscribe creates or resumes the (plugin, pattern) subscription (EVT-4,
// EVT-8, EVT-18).
func (e *Events) Subscribe(ctx context.Context, c *service.Call) (any, error) {
	opts := bus.Options{}
	if o, ok := c.Params["options"].(map[string]any); ok {
		opts.OverflowPolicy = bus.OverflowPolicy(service.StringParam(o, "overflow_policy"))
		opts.MaxQueue = service.IntParam(o, "max_queue")
		opts.MaxInFlight = service.IntParam(o, "max_in_flight")
	}
	return service.Ack{}, e.bus.Subscribe(ctx, c.Plugin.Slug(), service.StringParam(c.Params, "pattern"), opts)
}

// Unsubscribe deletes a subscription and its queue (EVT-9).
func (e *Events) Unsubscribe(ctx context.Context, c *service.Call) (any, error) {
	return service.Ack{}, e.bus.Unsubscribe(ctx, c.Plugin.Slug(), service.StringParam(c.Params, "pattern"))
}
