package clock

import (
	"sort"
	"sync"
	"time"
)

// Fake is a clock that moves only when Advance or Set is called. Timers fire
// synchronously, in deadline order (ties in creation order), in the goroutine
// that advances the clock; a timer created by a firing callback fires in the
// same Advance if its deadline is within the new time. Fake is safe for
// concurrent use; callbacks must not call Advance.
type Fake struct {
	mu      sync.Mutex
	now     time.Time
	seq     uint64
	pending []*fakeTimer
	// advancing serialises Advance calls so timers fire in order.
	advancing sync.Mutex
	// stepEnd is the time the step in progress moves to; stepping tells
	// whether one is in progress, held tells whether HoldStep made it.
	stepEnd  time.Time
	stepping bool
	held     bool
}

type fakeTimer struct {
	clock    *Fake
	deadline time.Time
	seq      uint64
	f        func()
	stopped  bool
}

// NewFake returns a Fake clock reading start.
func NewFake(start time.Time) *Fake { return &Fake{now: start} }

// Now returns the fake time.
func (c *Fake) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc schedules f to run when the clock reaches Now()+d. A d of zero or
// less fires at the next Advance (including Advance(0)).
func (c *Fake) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	t := &fakeTimer{clock: c, deadline: c.now.Add(d), seq: c.seq, f: f}
	c.pending = append(c.pending, t)
	return t
}

// Stop cancels the timer if it has not fired.
func (t *fakeTimer) Stop() bool {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	if t.stopped {
		return false
	}
	t.stopped = true
	for i, p := range t.clock.pending {
		if p == t {
			t.clock.pending = append(t.clock.pending[:i], t.clock.pending[i+1:]...)
			return true
		}
	}
	return false
}

// Advance moves the clock forward by d, firing every timer that falls due,
// each with the clock reading its own deadline while it runs.
func (c *Fake) Advance(d time.Duration) {
	c.advancing.Lock()
	defer c.advancing.Unlock()
	c.mu.Lock()
	target := c.now.Add(d)
	if !c.held {
		c.stepEnd, c.stepping = target, true
		defer func() {
			c.mu.Lock()
			c.stepping = c.held
			c.mu.Unlock()
		}()
	}
	c.mu.Unlock()
	for {
		t := c.popDue(target)
		if t == nil {
			break
		}
		t.f()
	}
	c.mu.Lock()
	if target.After(c.now) {
		c.now = target
	}
	c.mu.Unlock()
}

// StepEnd returns the time the Advance in progress moves the clock to, and
// whether one is in progress; a timer callback uses it to fire at most once
// per step (see Stepper).
func (c *Fake) StepEnd() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stepEnd, c.stepping
}

// HoldStep makes the Advance calls until release one step of the clock,
// ending at end, as StepEnd reports it: a host that moves the clock in
// several Advance calls to let plugins answer between them (as
// mockruntime.Runtime.Advance does) still takes one step.
func (c *Fake) HoldStep(end time.Time) (release func()) {
	c.mu.Lock()
	c.stepEnd, c.stepping, c.held = end, true, true
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		c.stepping, c.held = false, false
		c.mu.Unlock()
	}
}

// popDue removes and returns the earliest timer due at or before target,
// moving the clock to its deadline, or returns nil.
func (c *Fake) popDue(target time.Time) *fakeTimer {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pending) == 0 {
		return nil
	}
	sort.SliceStable(c.pending, func(i, j int) bool {
		a, b := c.pending[i], c.pending[j]
		if !a.deadline.Equal(b.deadline) {
			return a.deadline.Before(b.deadline)
		}
		return a.seq < b.seq
	})
	t := c.pending[0]
	if t.deadline.After(target) {
		return nil
	}
	c.pending = c.pending[1:]
	t.stopped = true
	if t.deadline.After(c.now) {
		c.now = t.deadline
	}
	return t
}

// Pending reports how many timers are waiting to fire.
func (c *Fake) Pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending)
}

// NextDeadline returns the earliest pending deadline and whether there is one.
func (c *Fake) NextDeadline() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var next time.Time
	for i, t := range c.pending {
		if i == 0 || t.deadline.Before(next) {
			next = t.deadline
		}
	}
	return next, len(c.pending) > 0
}
