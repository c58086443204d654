package mockruntime

import (
	"encoding/json"
	"sort"
	"sync"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

// PublishedEvent is one event published on the bus (§10), by a plugin's
// events.publish or by the host, as the runtime stored it. A plain value;
// Payload must not be modified.
type PublishedEvent struct {
	ID      string          `json:"event_id"`
	Topic   string          `json:"topic"`
	Version int             `json:"version"`
	Source  string          `json:"source_plugin"` // the publisher's slug, or "runtime"
	Payload json.RawMessage `json:"payload"`
	seq     int64
}

// The bounds of what the runtime keeps of published events for the host:
// the newest events up to both limits; older ones are dropped and counted.
const (
	maxPublishedKept  = 10000
	maxPublishedBytes = 32 << 20
)

// publishedLog is the host's view of the events published, bounded in
// count and payload bytes. Safe for concurrent use.
type publishedLog struct {
	mu      sync.Mutex
	events  []PublishedEvent
	bytes   int
	dropped int
}

func (l *publishedLog) add(p bus.Published) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, PublishedEvent{ID: p.ID, Topic: p.Topic, Version: p.Version, Source: p.Source, Payload: p.Payload, seq: p.Seq})
	l.bytes += len(p.Payload)
	for len(l.events) > maxPublishedKept || (l.bytes > maxPublishedBytes && len(l.events) > 1) {
		l.bytes -= len(l.events[0].Payload)
		l.events[0] = PublishedEvent{}
		l.events = l.events[1:]
		l.dropped++
	}
}

// Published returns the events published on the bus of this runtime since
// it was created, in publish order (the order of their event ids), and how
// many older ones were dropped to keep the rest within 10,000 events and
// 32 MiB of payloads. The slice is the caller's own. Safe for concurrent
// use.
func (rt *Runtime) Published() (events []PublishedEvent, dropped int) {
	l := &rt.published
	l.mu.Lock()
	events = append([]PublishedEvent(nil), l.events...)
	dropped = l.dropped
	l.mu.Unlock()
	sort.Slice(events, func(i, j int) bool { return events[i].seq < events[j].seq })
	return events, dropped
}
