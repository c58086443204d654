// Package clock is the single source of time for the runtime. Every duration
// the runtime owns (handshake timeout, ping interval, pong deadline, request
// timeout, ack deadline, backoffs, coalescing, schedules) is measured on a
// Clock, so a test can replace the wall clock with a Fake it advances by hand
// and check liveness rules without sleeping (CONFORMANCE.md TIME-1).
package clock

import "time"

// Clock tells the time and runs functions later. Implementations are safe
// for concurrent use.
type Clock interface {
	// Now returns the current time of this clock.
	Now() time.Time
	// AfterFunc calls f in its own goroutine (Real) or in the goroutine that
	// advances the clock (Fake) once d has elapsed on this clock.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending AfterFunc call.
type Timer interface {
	// Stop prevents the call if it has not happened yet and reports whether
	// it did so.
	Stop() bool
}

// Stepper is a Clock that moves in steps, as Fake does: StepEnd returns the
// time the step in progress moves to, and whether a step is in progress. A
// periodic timer re-arming itself from its callback uses it so that it fires
// at most once per step, however far one step moves the clock.
type Stepper interface {
	StepEnd() (time.Time, bool)
}

// Real is the wall clock.
type Real struct{}

// Now returns time.Now().
func (Real) Now() time.Time { return time.Now() }

// AfterFunc is time.AfterFunc.
func (Real) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Millis returns t as milliseconds since the Unix epoch, the unit of every
// `ts` field on the wire.
func Millis(t time.Time) int64 { return t.UnixMilli() }
