package steps

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/conform-dev/conform/mockruntime"
)

// errDoomed ends a wait that a recorded violation or exit made pointless.
var errDoomed = errors.New("the scenario already fails")

// doomed returns the first violation recorded so far that Fatal says
// fails the scenario whatever its later steps see; false while there is
// none, or when Fatal is nil. Waiting out the rest of a bound for a frame
// cannot change such a verdict, nor the root cause blame names, so the
// steps that wait for something expected give it only doomedGrace more,
// and a failing plugin costs a fraction of a second a step instead of
// seconds. Used by the goroutine running the steps.
func (e *Env) doomed() (mockruntime.Entry, bool) {
	if e.Fatal == nil {
		return mockruntime.Entry{}, false
	}
	if e.doomScan == nil {
		e.doomScan = e.scanFrom(0)
	}
	if e.doomedBy == nil {
		if v, ok := e.doomScan.find(e.Fatal); ok {
			e.doomedBy = &v
		}
	}
	if e.doomedBy == nil {
		return mockruntime.Entry{}, false
	}
	return *e.doomedBy, true
}

// doomedGrace is how long a wait still goes on once the scenario is
// doomed: long enough for a plugin that is answering to be heard, so a
// step that would pass still passes and says so, short against the 2 s a
// frame that never comes would cost.
func (e *Env) doomedGrace() time.Duration { return e.Scaled(DefaultWindow) }

// CutShort returns the violation for which a step stopped waiting before
// its bound, and whether one did. Used by the goroutine running the steps,
// and by the engine after them.
func (e *Env) CutShort() (mockruntime.Entry, bool) {
	if !e.cut || e.doomedBy == nil {
		return mockruntime.Entry{}, false
	}
	return *e.doomedBy, true
}

// cutShort marks the wait that ended for the violation doomed returned.
func (e *Env) cutShort() { e.cut = true }

// doomedContext returns a context that ends like ctx, and also, with cause
// errDoomed, doomedGrace after a violation Fatal accepts is recorded: for a wait that
// blocks on something other than the transcript (the response of a
// request). Its cancel must be called. The watching goroutine reads the
// transcript with a scanner of its own.
func (e *Env) doomedContext(ctx context.Context) (context.Context, context.CancelFunc) {
	dctx, cancel := context.WithCancelCause(ctx)
	fatal := e.Fatal
	if fatal == nil {
		return dctx, func() { cancel(nil) }
	}
	t, grace := e.Transcript(), e.doomedGrace()
	go func() {
		s := &scanner{t: t}
		for {
			changed := t.Changed()
			if _, ok := s.find(fatal); ok {
				g := time.NewTimer(grace)
				defer g.Stop()
				select {
				case <-g.C:
					cancel(errDoomed)
				case <-dctx.Done():
				}
				return
			}
			select {
			case <-changed:
			case <-dctx.Done():
				return
			}
		}
	}()
	return dctx, func() { cancel(nil) }
}

// wasDoomed returns the fatal entry for which ctx, from doomedContext,
// ended, and whether it did; if so it marks the step's wait as cut short.
func (e *Env) wasDoomed(ctx context.Context) (mockruntime.Entry, bool) {
	if !errors.Is(context.Cause(ctx), errDoomed) {
		return mockruntime.Entry{}, false
	}
	v, ok := e.doomed()
	if ok {
		e.cutShort()
	}
	return v, ok
}

// doomedResponse is the failure of a request whose wait for its response
// stopped because the scenario already fails for v.
func doomedResponse(action string, v mockruntime.Entry) *StepFailure {
	return &StepFailure{
		Rule:     v.Rule,
		Message:  fmt.Sprintf("request %q: no response", action),
		Expected: "one response",
		Got:      "none yet",
	}
}
