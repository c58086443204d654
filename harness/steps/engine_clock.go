package steps

import (
	"sync"
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
)

// watchedClock is the clock a scenario's runtime runs on: a clock.Fake
// that also knows which of its timers are still pending and tells waiters
// when one is set or stopped. The runtime records a frame from the plugin
// before it acts on it, so seeing a pong or an ack in the transcript does
// not mean the runtime has handled it; handling one sets or stops a timer
// (the ping's deadline, the delivery's ack deadline, a redelivery backoff),
// which is how advance and expect_delivery see that it has. Safe for
// concurrent use.
type watchedClock struct {
	*clock.Fake
	mu      sync.Mutex
	live    map[*watchedTimer]time.Time // pending timer → its deadline
	changed chan struct{}               // closed and replaced when a timer is set or stopped
}

func NewWatchedClock(start time.Time) *watchedClock {
	return &watchedClock{Fake: clock.NewFake(start), live: map[*watchedTimer]time.Time{}, changed: make(chan struct{})}
}

// watchedTimer is a timer of a watchedClock.
type watchedTimer struct {
	c     *watchedClock
	inner clock.Timer
}

// AfterFunc schedules f on the fake clock, keeps track of the timer and
// wakes the clock's waiters.
func (c *watchedClock) AfterFunc(d time.Duration, f func()) clock.Timer {
	t := &watchedTimer{c: c}
	c.mu.Lock()
	c.live[t] = c.Now().Add(d)
	c.notifyLocked()
	c.mu.Unlock()
	t.inner = c.Fake.AfterFunc(d, func() {
		c.forget(t, false)
		f()
	})
	return t
}

// Stop cancels the timer and wakes the clock's waiters.
func (t *watchedTimer) Stop() bool {
	stopped := t.inner.Stop()
	t.c.forget(t, true)
	return stopped
}

func (c *watchedClock) forget(t *watchedTimer, notify bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.live, t)
	if notify {
		c.notifyLocked()
	}
}

// notifyLocked wakes the waiters. c.mu must be held.
func (c *watchedClock) notifyLocked() {
	close(c.changed)
	c.changed = make(chan struct{})
}

// Changed returns a channel closed when a timer is next set or stopped.
func (c *watchedClock) Changed() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.changed
}

// pendingWithin reports whether a timer is pending with a deadline in
// [at, at+width).
func (c *watchedClock) pendingWithin(at time.Time, width time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range c.live {
		if !d.Before(at) && d.Before(at.Add(width)) {
			return true
		}
	}
	return false
}
