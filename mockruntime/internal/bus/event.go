package bus

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Event is what a publisher hands to Publish; a plain value.
type Event struct {
	// Topic is a valid topic (EVT-3); the runtime has already checked the
	// publisher may use it.
	Topic string
	// Version is the payload's version; 0 means 1.
	Version int
	// Source is the publishing plugin's slug, or RuntimeSource.
	Source string
	// Payload is the event's JSON value; nil means null.
	Payload json.RawMessage
}

// Delivery is one attempt to hand an event to one subscription: the fields
// of an `event.deliver` frame other than its type. A plain value. Payload is shared by
// every delivery of the event and must not be modified.
type Delivery struct {
	ID           string          `json:"id"`
	Topic        string          `json:"topic"`
	Version      int             `json:"version"`
	TS           int64           `json:"ts"`
	Source       string          `json:"source_plugin"`
	Payload      json.RawMessage `json:"payload"`
	Subscription string          `json:"subscription"`
	Attempt      int             `json:"attempt"`
}

// Sink receives the deliveries of one subscriber. The bus calls Deliver from
// one goroutine at a time, in the order it decided the deliveries, never
// while holding its own lock. Deliver must not block; it may call the
// methods of the Bus that do not wait for a commit (see the package
// documentation).
type Sink interface {
	Deliver(Delivery)
}

// SinkFunc adapts a function to a Sink.
type SinkFunc func(Delivery)

// Deliver calls f(d).
func (f SinkFunc) Deliver(d Delivery) { f(d) }

// event is an entry of the log. It is immutable once appended and shared by
// every subscription it was fanned out to.
type event struct {
	seq     int64
	topic   string
	version int
	ts      int64
	source  string
	payload json.RawMessage
}

// eventIDPrefix starts every event id; the rest is the log sequence, which
// is unique within the bus file.
const eventIDPrefix = "evt_"

func formatEventID(seq int64) string {
	return eventIDPrefix + strconv.FormatInt(seq, 10)
}

// parseEventID returns the log sequence named by id, or false when id is not
// one the bus could have issued.
func parseEventID(id string) (int64, bool) {
	digits, ok := strings.CutPrefix(id, eventIDPrefix)
	if !ok {
		return 0, false
	}
	seq, err := strconv.ParseInt(digits, 10, 64)
	return seq, err == nil && seq > 0
}

func (e *event) delivery(pattern string, attempt int) Delivery {
	return Delivery{
		ID:           formatEventID(e.seq),
		Topic:        e.topic,
		Version:      e.version,
		TS:           e.ts,
		Source:       e.source,
		Payload:      e.payload,
		Subscription: pattern,
		Attempt:      attempt,
	}
}
