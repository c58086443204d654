package steps

import (
	"context"
	"errors"
	"time"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// errElapsed is a wait whose real-time bound ran out.
var errElapsed = errors.New("the time allowed ran out")

// waitUntil calls check now and again after every new transcript entry
// (and every timer the runtime sets or stops), until check reports done or fails,
// the deadline (real time) passes (errElapsed), or ctx ends (ctx.Err()).
// Everything about the exchange a step waits for — frames, decisions, log
// lines — is announced by a transcript entry, so there is no polling. It
// is for a step waiting for something expected, whose errElapsed is its
// failure: once the scenario is doomed (a violation fails it whatever
// comes), a check not yet done gets doomedGrace more, then errElapsed,
// and CutShort says why.
func (e *Env) waitUntil(ctx context.Context, deadline time.Time, check func() (bool, error)) error {
	return e.wait(ctx, deadline, nil, check, true)
}

// waitWhole is waitUntil for a wait that must run its course whatever was
// recorded: a window in which nothing may happen, or a diagnosis after a
// failure.
func (e *Env) waitWhole(ctx context.Context, deadline time.Time, check func() (bool, error)) error {
	return e.wait(ctx, deadline, nil, check, false)
}

// statePoll is how often waitForState looks again without news.
const statePoll = 10 * time.Millisecond

// waitForState is waitUntil for a check of the plugin's services (its
// database, KV store, presence, subscriptions): it also looks again every
// statePoll. The runtime records a service call when it reads it, before
// the call takes effect, and an answer held back (hold_answers) or still
// being computed records nothing after it: no entry announces the change.
func (e *Env) waitForState(ctx context.Context, deadline time.Time, check func() (bool, error)) error {
	tick := time.NewTicker(statePoll)
	defer tick.Stop()
	return e.wait(ctx, deadline, tick.C, check, true)
}

func (e *Env) wait(ctx context.Context, deadline time.Time, poll <-chan time.Time, check func() (bool, error), cut bool) error {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	var grace <-chan time.Time // once doomed: the little that is still waited
	for {
		changed, stopped := e.Transcript().Changed(), e.timerStopped()
		if done, err := check(); done || err != nil {
			return err
		}
		if cut && grace == nil {
			if _, doomed := e.doomed(); doomed {
				g := time.NewTimer(e.doomedGrace())
				defer g.Stop()
				grace = g.C
			}
		}
		select {
		case <-changed:
		case <-stopped:
		case <-poll:
		case <-grace:
			e.cutShort()
			return errElapsed
		case <-timer.C:
			return errElapsed
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// timerStopped returns a channel closed when the runtime next sets or
// stops a timer, or nil (never ready) when the clock is not watched.
func (e *Env) timerStopped() <-chan struct{} {
	if e.Watch == nil {
		return nil
	}
	return e.Watch.Changed()
}

// deadline is now plus the scaled bound d, or def when d is zero.
func (e *Env) deadline(d scenario.Duration, def time.Duration) time.Time {
	return time.Now().Add(e.Scaled(d.Or(def)))
}

// scanner reads the transcript forward from a sequence number, one batch
// of new entries per call. Used by one goroutine.
type scanner struct {
	t    *mockruntime.Transcript
	last int64
}

func (e *Env) scanFrom(seq int64) *scanner { return &scanner{t: e.Transcript(), last: seq} }

// find returns the first new entry satisfying pred.
func (s *scanner) find(pred func(mockruntime.Entry) bool) (mockruntime.Entry, bool) {
	for _, entry := range s.t.Since(s.last) {
		s.last = entry.Seq
		if pred(entry) {
			return entry, true
		}
	}
	return mockruntime.Entry{}, false
}

// sleepReal waits d of real time, or until ctx ends.
func sleepReal(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
