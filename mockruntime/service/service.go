package service

import "context"

// Service is one service of the runtime's dispatch table.
type Service interface {
	// Name is the frame type plugins call it by, such as "data.kv".
	Name() string
	// Capability names the capability a call needs, "" for none (§8). It
	// sees the call with its params validated. It names a capability of
	// the vocabulary of §8, the only ones a manifest can declare. For a
	// service registered under a built-in name, the built-in's capability
	// is checked instead (see Registry).
	Capability(c *Call) string
	// Serve performs the call. Its result is sent back as the response's
	// result (encoded with encoding/json); an error is sent as an error
	// envelope: a *wire.Error (possibly wrapped) as it is, any other error
	// as INTERNAL. For events.publish, events.subscribe and
	// events.unsubscribe the runtime answers with an event.ack instead
	// (EVT-6), carrying the EventID of an Ack result.
	Serve(ctx context.Context, c *Call) (any, error)
}

// Handler performs a service call; see Service.Serve.
type Handler func(ctx context.Context, c *Call) (any, error)

// CapabilityFunc names the capability a call needs; see Service.Capability.
type CapabilityFunc func(c *Call) string

// Fixed is a capability that does not depend on the params.
func Fixed(capability string) CapabilityFunc {
	return func(*Call) string { return capability }
}

// New returns a Service named name that needs capability (nil: none) and
// is served by serve.
func New(name string, capability CapabilityFunc, serve Handler) Service {
	if capability == nil {
		capability = Fixed("")
	}
	return funcService{name: name, capability: capability, serve: serve}
}

type funcService struct {
	name       string
	capability CapabilityFunc
	serve      Handler
}

func (s funcService) Name() string                                    { return s.name }
func (s funcService) Capability(c *Call) string                       { return s.capability(c) }
func (s funcService) Serve(ctx context.Context, c *Call) (any, error) { return s.serve(ctx, c) }

// Ack is the result of a successful events.* call (EVT-6): the runtime
// answers it with a positive event.ack, carrying EventID when it is set.
type Ack struct{ EventID string }
