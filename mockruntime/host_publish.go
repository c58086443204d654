package mockruntime

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Publish publishes an event as the runtime itself, with source_plugin
// "runtime" (§10.5), and returns its event id once it is durably stored and
// fanned out (EVT-5). Only topics of the runtime's namespaces, runtime.*
// and core.*, are accepted (EVT-2), and never the reserved topics that are
// part of the contract but not emitted (EVT-24): both are refused with
// PERMISSION_DENIED. payload is any value that encodes to JSON. Safe for
// concurrent use.
func (rt *Runtime) Publish(ctx context.Context, topic string, payload any) (string, error) {
	if !strings.HasPrefix(topic, "runtime.") && !strings.HasPrefix(topic, "core.") {
		return "", wire.Errorf(wire.CodePermissionDenied, "the runtime publishes only to runtime.* and core.*, not %q", topic).
			With("reason", wire.ReasonNamespace)
	}
	if bus.IsReservedTopic(topic) {
		return "", wire.Errorf(wire.CodePermissionDenied, "%q is reserved: the runtime never publishes to it (EVT-24)", topic).
			With("topic", topic)
	}
	return rt.publish(ctx, bus.RuntimeSource, topic, payload)
}

// PublishAs publishes an event as the loaded plugin slug, as if it had
// called events.publish. The namespace rule still holds (EVT-1: the topic
// starts with the slug and a dot); the capability is not checked, the host
// being trusted. Safe for concurrent use.
func (rt *Runtime) PublishAs(ctx context.Context, slug, topic string, payload any) (string, error) {
	if rt.Plugin(slug) == nil {
		return "", wire.Errorf(wire.CodeNotFound, "no plugin %q is loaded", slug)
	}
	if !strings.HasPrefix(topic, slug+".") {
		return "", wire.Errorf(wire.CodePermissionDenied, "topic %q is outside the namespace %q", topic, slug+".").
			With("reason", wire.ReasonNamespace)
	}
	return rt.publish(ctx, slug, topic, payload)
}

// publish encodes payload and appends the event to the bus.
func (rt *Runtime) publish(ctx context.Context, source, topic string, payload any) (string, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return "", wire.Errorf(wire.CodeInvalidParams, "the payload does not encode to JSON: %v", err)
	}
	return rt.hub.bus.Publish(ctx, bus.Event{Topic: topic, Source: source, Payload: raw})
}
