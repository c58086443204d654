package bus

import (
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
)

// Defaults of the bus's timing settings (§13).
const (
	DefaultAckDeadline = 30 * time.Second
	DefaultBackoffBase = time.Second
	DefaultBackoffMax  = 30 * time.Second
	DefaultMaxAttempts = 5
	// DefaultFlushInterval is not a protocol setting: it only bounds how
	// many acks a runtime crash can lose.
	DefaultFlushInterval = 20 * time.Millisecond
)

// Config says where the bus keeps its data and how it times deliveries.
// Zero fields take their defaults. Open reads it once; it is a plain value.
type Config struct {
	// Path is the SQLite file of the bus (usually <data dir>/bus.db). It is
	// created when missing and restored when present.
	Path string
	// Clock measures every deadline and backoff; clock.Real{} when nil.
	Clock clock.Clock
	// Observer receives every decision the bus takes; may be nil.
	Observer Observer
	// Published, when set, is called with each event once its publish is
	// committed, from the publishing goroutine (so concurrent publishes may
	// report out of sequence order); it must not block or call the bus.
	Published func(Published)
	// AckDeadline is how long a delivery may wait for its ack (EVT-15).
	AckDeadline time.Duration
	// BackoffBase and BackoffMax bound the wait after a negative ack:
	// BackoffBase × 2^(attempt-1), at most BackoffMax (EVT-15).
	BackoffBase time.Duration
	BackoffMax  time.Duration
	// MaxAttempts is the number of attempts after which an event is
	// dead-lettered (EVT-16).
	MaxAttempts int
	// FlushInterval bounds how long writes nobody waits for (acks,
	// attempt counts, dead letters) stay uncommitted when no publish or
	// subscription change commits them sooner. Losing them in a crash only
	// causes redeliveries.
	FlushInterval time.Duration
}

func (c Config) withDefaults() Config {
	if c.Clock == nil {
		c.Clock = clock.Real{}
	}
	if c.AckDeadline <= 0 {
		c.AckDeadline = DefaultAckDeadline
	}
	if c.BackoffBase <= 0 {
		c.BackoffBase = DefaultBackoffBase
	}
	if c.BackoffMax <= 0 {
		c.BackoffMax = DefaultBackoffMax
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.FlushInterval <= 0 {
		c.FlushInterval = DefaultFlushInterval
	}
	return c
}

// backoff returns the wait before the attempt after a failed attempt n.
func (c Config) backoff(n int) time.Duration {
	d := c.BackoffBase
	for i := 1; i < n && d < c.BackoffMax; i++ {
		d *= 2
	}
	return min(d, c.BackoffMax)
}
