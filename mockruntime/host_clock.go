package mockruntime

import (
	"context"
	"errors"
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
)

// ErrNotFakeClock is returned by Advance on a runtime that runs on a clock
// other than *clock.Fake.
var ErrNotFakeClock = errors.New("the runtime's clock is not a *clock.Fake")

// pongGrace bounds, in real time, how long Advance waits for pongs to the
// pings a step of the clock just sent.
const pongGrace = time.Second

// Advance moves the runtime's fake clock forward by d the way time really
// passes: one due timer at a time, and after each step that sent pings it
// waits (up to a second of real time, or until ctx ends) for running plugins
// to answer them. A single jump of the fake clock would otherwise fire
// several pings back to back and expire their deadlines before any plugin
// could answer, killing healthy plugins (WD-5). The whole of d is one step
// of the clock for the timers that fire at most once per step (SCHED-4,
// clock.Fake.HoldStep). Not safe to call
// concurrently with itself or with the clock's own Advance.
func (rt *Runtime) Advance(ctx context.Context, d time.Duration) error {
	fake, ok := rt.clock.(*clock.Fake)
	if !ok {
		return ErrNotFakeClock
	}
	target := fake.Now().Add(d)
	defer fake.HoldStep(target)()
	if err := rt.awaitHandled(ctx); err != nil {
		return err
	}
	for {
		next, pending := fake.NextDeadline()
		if !pending || next.After(target) {
			fake.Advance(target.Sub(fake.Now()))
			return nil
		}
		fake.Advance(next.Sub(fake.Now()))
		if err := rt.awaitPongs(ctx); err != nil {
			return err
		}
	}
}

// awaitHandled waits until every frame the runtime has recorded from its
// plugins has been acted on: a host that saw a pong or an ack in the
// transcript and then moves the clock must not fire a deadline the frame
// already met.
func (rt *Runtime) awaitHandled(ctx context.Context) error {
	for _, p := range rt.Plugins() {
		if s := p.current(); s != nil {
			if err := s.handling.wait(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// awaitPongs waits until no running plugin has a ping awaiting its pong
// (answered, or already counted as missed), for at most pongGrace.
func (rt *Runtime) awaitPongs(ctx context.Context) error {
	limit := time.NewTimer(pongGrace)
	defer limit.Stop()
	for {
		changed := rt.transcript.Changed()
		if err := rt.awaitHandled(ctx); err != nil {
			return err
		}
		if !rt.anyPingOutstanding() {
			return nil
		}
		select {
		case <-changed:
		case <-limit.C:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (rt *Runtime) anyPingOutstanding() bool {
	for _, p := range rt.Plugins() {
		if s := p.current(); s != nil && s.awaitingPong() {
			return true
		}
	}
	return false
}

// awaitingPong reports whether a ping of this process awaits its pong
// within its deadline.
func (s *session) awaitingPong() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.killReason != "" || s.done() {
		return false
	}
	for _, pg := range s.pings {
		if !pg.missed {
			return true
		}
	}
	return false
}
