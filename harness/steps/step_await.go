package steps

import (
	"context"
	"fmt"
	"time"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// AwaitArgs are the arguments of await.
type AwaitArgs struct {
	As     string               `json:"as"`     // the name the request was sent as
	Expect *ResponseExpectation `json:"expect"` // default: a successful response
	Within scenario.Duration    `json:"within"` // default 2s
	Rule   string               `json:"rule"`   // as request's
}

func (a *AwaitArgs) Check(scenario.ParseContext) error {
	if a.Expect != nil {
		return a.Expect.checkPatterns()
	}
	return nil
}

func (a AwaitArgs) Bind(s *scenario.NameScope) error {
	if !s.Pending[a.As] {
		return &scenario.ArgError{Pointer: "/as", Message: fmt.Sprintf("no earlier request was sent with wait: false as %q", a.As)}
	}
	delete(s.Pending, a.As)
	s.Define(a.As)
	return nil
}

// asyncRequest is a request sent with wait: false, in flight on its own
// goroutine until await collects it.
type asyncRequest struct {
	action   string
	done     chan mockruntime.Response
	panicked chan error // a fault of conform while sending it
}

// sendAsync sends a request on its own goroutine, bounded by ctx.
func (e *Env) sendAsync(ctx context.Context, as, action string, req mockruntime.Request) {
	ar := &asyncRequest{action: action, done: make(chan mockruntime.Response, 1), panicked: make(chan error, 1)}
	e.pending[as] = ar
	e.inFlight.Add(1)
	go func() {
		defer e.inFlight.Done()
		defer func() {
			if r := recover(); r != nil {
				ar.panicked <- fmt.Errorf("sending request %q panicked: %v", action, r)
			}
		}()
		ar.done <- e.Plugin.Request(ctx, req)
	}()
}

// Await collects the response of a request sent with wait: false, saves it
// as ${as} and checks it.
func Await(ctx context.Context, env *Env, a AwaitArgs) error {
	ar, ok := env.pending[a.As]
	if !ok {
		return fmt.Errorf("no request in flight as %q", a.As)
	}
	bound := env.Scaled(a.Within.Or(DefaultWithin))
	timer := time.NewTimer(bound)
	defer timer.Stop()
	dctx, stop := env.doomedContext(ctx)
	defer stop()
	select {
	case r := <-ar.done:
		delete(env.pending, a.As)
		return env.settle(a.As, ar.action, r, a.Expect, a.Rule)
	case err := <-ar.panicked:
		return err
	case <-dctx.Done():
		select {
		case r := <-ar.done: // answered as the scenario became doomed: the answer is judged
			delete(env.pending, a.As)
			return env.settle(a.As, ar.action, r, a.Expect, a.Rule)
		default:
		}
		if v, ok := env.wasDoomed(dctx); ok {
			return doomedResponse(ar.action, v)
		}
		return ctx.Err()
	case <-timer.C:
		return env.noResponse(ctx, ar.action, bound)
	}
}
