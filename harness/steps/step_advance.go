package steps

import (
	"context"
	"time"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// maxAdvanceSteps bounds the timer instants one advance visits.
const maxAdvanceSteps = 100_000

// Advance moves the runtime's fake clock forward by d, firing the timers
// that fall due on the way (pings, pong deadlines, handshake and request
// timeouts, ack deadlines, redeliveries, restarts, schedules, presence
// coalescing) in order. It visits each instant at which a timer is due in
// turn, and when the runtime sent pings at one, it gives the plugin up to
// the default within of real time, or the pong deadline when that is
// shorter (scaled), to answer them before the clock moves on towards their
// deadlines, as it would have in the time passing
// (and waits until the runtime has handled the pongs, see watchedClock);
// once a ping goes unanswered that long it stops waiting, so the
// deadlines then fall due and the runtime records what it would. d itself
// is clock time, not scaled.
func Advance(ctx context.Context, env *Env, d scenario.Duration) error {
	target := env.Clock.Now().Add(time.Duration(d))
	patient := true
	for range maxAdvanceSteps {
		next, ok := env.Clock.NextDeadline()
		if !ok || next.After(target) {
			break
		}
		before := env.Transcript().LastSeq()
		env.Clock.Advance(next.Sub(env.Clock.Now()))
		if patient {
			answered, err := env.awaitPongs(ctx, before)
			if err != nil {
				return err
			}
			patient = answered
		}
	}
	if now := env.Clock.Now(); target.After(now) {
		env.Clock.Advance(target.Sub(now))
	}
	return nil
}

// awaitPongs waits until every ping sent after the entry before has its
// pong and the runtime has handled it, and reports whether they all came
// in time.
func (e *Env) awaitPongs(ctx context.Context, before int64) (bool, error) {
	pings := map[string]time.Time{} // ping id → its deadline on the clock
	ponged := map[string]bool{}
	s := e.scanFrom(before)
	err := e.waitWhole(ctx, e.deadline(0, e.pongPatience()), func() (bool, error) {
		s.find(func(entry mockruntime.Entry) bool {
			switch {
			case isFrame(mockruntime.DirOut, "ping")(entry):
				pings[entry.FrameID()] = e.pongDeadline(entry)
			case isFrame(mockruntime.DirIn, "pong")(entry):
				ponged[entry.FrameID()] = true
			}
			return false
		})
		for id, deadline := range pings {
			if !ponged[id] || e.Watch != nil && e.Watch.pendingWithin(deadline, time.Millisecond) {
				return false, nil
			}
		}
		return true, nil
	})
	if err == errElapsed {
		return false, nil
	}
	return err == nil, err
}

// pongPatience is how long, in real time before scaling, advance waits for
// the pongs to the pings of one instant: the default within, or the pong
// deadline when a scenario makes it shorter.
func (e *Env) pongPatience() time.Duration {
	return min(DefaultWithin, e.Runtime.Timing().PongDeadline)
}

// pongDeadline is when the runtime's clock declares a ping missed: its ts
// plus the pong deadline.
func (e *Env) pongDeadline(ping mockruntime.Entry) time.Time {
	var frame struct {
		TS int64 `json:"ts"`
	}
	_ = ping.Decode(&frame)
	return time.UnixMilli(frame.TS).Add(e.Runtime.Timing().PongDeadline)
}
