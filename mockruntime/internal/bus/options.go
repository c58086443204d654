package bus

import "github.com/conform-dev/conform/mockruntime/wire"

// OverflowPolicy says what a subscription does when a new event would make
// its queue longer than MaxQueue (EVT-21).
type OverflowPolicy string

// The overflow policies of §10.4.
const (
	// MarkUnhealthy queues the event anyway and marks the subscription
	// unhealthy; nothing is ever dropped. The default.
	MarkUnhealthy OverflowPolicy = "mark_unhealthy"
	// DropOldest drops the oldest queued event that was never sent.
	DropOldest OverflowPolicy = "drop_oldest"
	// DropNewest does not queue the new event.
	DropNewest OverflowPolicy = "drop_newest"
)

// Limits and defaults of the subscribe options (§10.2).
const (
	DefaultMaxQueue    = 1000
	MaxMaxQueue        = 100_000
	DefaultMaxInFlight = 32
	MaxMaxInFlight     = 1024
)

// Options are a subscription's settings. A zero field means its default.
// Options is a plain value, safe to copy.
type Options struct {
	OverflowPolicy OverflowPolicy `json:"overflow_policy,omitempty"`
	MaxQueue       int            `json:"max_queue,omitempty"`
	MaxInFlight    int            `json:"max_in_flight,omitempty"`
}

// withDefaults returns o with every zero field set to its default, or an
// INVALID_PARAMS error naming the first field out of range.
func (o Options) withDefaults() (Options, error) {
	if o.OverflowPolicy == "" {
		o.OverflowPolicy = MarkUnhealthy
	}
	if o.MaxQueue == 0 {
		o.MaxQueue = DefaultMaxQueue
	}
	if o.MaxInFlight == 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	switch {
	case !o.OverflowPolicy.valid():
		return o, invalidOption("overflow_policy", "unknown overflow policy %q", o.OverflowPolicy)
	case o.MaxQueue < 1 || o.MaxQueue > MaxMaxQueue:
		return o, invalidOption("max_queue", "max_queue %d is outside 1..%d", o.MaxQueue, MaxMaxQueue)
	case o.MaxInFlight < 1 || o.MaxInFlight > MaxMaxInFlight:
		return o, invalidOption("max_in_flight", "max_in_flight %d is outside 1..%d", o.MaxInFlight, MaxMaxInFlight)
	}
	return o, nil
}

func (p OverflowPolicy) valid() bool {
	return p == MarkUnhealthy || p == DropOldest || p == DropNewest
}

func invalidOption(field, format string, args ...any) error {
	return wire.Errorf(wire.CodeInvalidParams, format, args...).With("pointer", "/options/"+field)
}
