package steps

import (
	"context"
	"fmt"
	"time"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// RequestArgs are the arguments of request.
type RequestArgs struct {
	Action    string               `json:"action"`
	Params    any                  `json:"params"`     // {} when left out
	User      *scenario.UserArg    `json:"user"`       // the caller; mockruntime.DefaultUser when left out
	SessionID string               `json:"session_id"` // the caller's live client session, if any
	Expect    *ResponseExpectation `json:"expect"`     // default: a successful response
	Within    scenario.Duration    `json:"within"`     // real time for the response; default 2s
	As        string               `json:"as"`         // saves the response as ${as}, or names it for await
	Wait      *bool                `json:"wait"`       // false: send and go on; await collects it
	Retry     bool                 `json:"retry"`      // send it again until the response meets expect, within
	// Rule is the rule a response that does not meet expect is charged to,
	// for a request that checks something else than the scenario's first
	// requirement; a missing response is ENV-8 whatever it says.
	Rule string `json:"rule"`
}

func (a *RequestArgs) Check(scenario.ParseContext) error {
	if a.Expect != nil {
		return a.Expect.checkPatterns()
	}
	return nil
}

func (a RequestArgs) waits() bool { return a.Wait == nil || *a.Wait }

func (a RequestArgs) Bind(s *scenario.NameScope) error {
	switch {
	case a.Retry && !a.waits():
		return &scenario.ArgError{Pointer: "/retry", Message: "a request sent with wait: false cannot be retried"}
	case a.waits():
		s.Define(a.As)
	case a.As == "":
		return &scenario.ArgError{Pointer: "/as", Message: "a request sent with wait: false needs as: a name for await"}
	case s.Pending[a.As] || s.Vars[a.As]:
		return &scenario.ArgError{Pointer: "/as", Message: fmt.Sprintf("the name %q is already in use", a.As)}
	default:
		s.Pending[a.As] = true
	}
	return nil
}

func (a RequestArgs) request() mockruntime.Request {
	return mockruntime.Request{Action: a.Action, Params: a.Params, User: a.User.Caller(), SessionID: a.SessionID}
}

// Request sends a request to the plugin, as a client of the platform would,
// and checks its response; the runtime holds it while the plugin starts
// (LIFE-17). With wait: false it returns at once and await collects the
// response later. With retry it sends the request again, a little later
// each time, until the response meets the expectation or within runs out:
// for reading a record (§15) that the plugin's handlers fill concurrently
// with requests, where nothing in the transcript says when they are done.
// The cursor stays where it is, so expect_frame can still look at the
// response frame.
func Request(ctx context.Context, env *Env, a RequestArgs) error {
	if !a.waits() {
		env.sendAsync(ctx, a.As, a.Action, a.request())
		return nil
	}
	bound := env.Scaled(a.Within.Or(DefaultWithin))
	bounded, cancel := context.WithTimeout(ctx, bound)
	defer cancel()
	rctx, stop := env.doomedContext(bounded)
	defer stop()
	var last error // the previous attempt's failure, when it was answered
	for pause := retryPause; ; pause = min(2*pause, maxRetryPause) {
		r := env.Plugin.Request(rctx, a.request())
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if rctx.Err() != nil {
			if last != nil { // answered before, just not as expected: that is the verdict
				return last
			}
			if v, ok := env.wasDoomed(rctx); ok {
				return doomedResponse(a.Action, v)
			}
			return env.noResponse(ctx, a.Action, bound)
		}
		err := env.settle(a.As, a.Action, r, a.Expect, a.Rule)
		if _, failed := err.(*StepFailure); !a.Retry || !failed || sleepReal(rctx, pause) != nil {
			return err
		}
		last = err
	}
}

// The pauses between the attempts of a retried request.
const (
	retryPause    = 5 * time.Millisecond
	maxRetryPause = 100 * time.Millisecond
)

// noResponse is the failure of a request that got no response within
// bound. Before charging ENV-8 it asks whether the plugin still reads its
// stdin: it pings the process and waits up to pongPatience (scaled) for a
// pong. A plugin that pongs is still reading and simply never answered
// (ENV-8). One that does not, while this request is in its hands, let a
// busy handler stop its reading or its pongs (WD-3, FRAME-26): the missing
// response is the consequence, and the verdict names the cause. A plugin
// with no process that takes frames keeps ENV-8; the runtime's own record
// of its exit or kill leads the verdict.
func (e *Env) noResponse(ctx context.Context, action string, bound time.Duration) error {
	missing := &StepFailure{Rule: "ENV-8", Message: fmt.Sprintf("request %q: no response within %v of real time (--timeout-scale raises the bound)", action, bound), Expected: "one response", Got: "none"}
	before := e.Transcript().LastSeq()
	id, err := e.Plugin.Ping()
	if err != nil {
		return missing
	}
	patience := e.Scaled(e.pongPatience())
	s := e.scanFrom(before)
	err = e.waitWhole(ctx, time.Now().Add(patience), func() (bool, error) {
		_, ponged := s.find(isFrame(mockruntime.DirIn, "pong"))
		return ponged, nil
	})
	switch {
	case err == errElapsed:
		return &StepFailure{
			Rule: "WD-3",
			Message: fmt.Sprintf("request %q: no response within %v of real time, and a ping sent then (%s) got no pong within %v: while the request was in its hands the plugin stopped reading its stdin or answering pings (FRAME-26), so the response is a consequence",
				action, bound, id, patience),
			Expected: "a pong while a request is being handled",
			Got:      "none",
		}
	case err != nil:
		return err
	}
	missing.Message += fmt.Sprintf("; the plugin still answers pings (%s), so it reads its stdin and never answered", id)
	return missing
}

// settle saves a response as ${as} and checks it; a failure is charged to
// rule when the step names one.
func (e *Env) settle(as, action string, r mockruntime.Response, x *ResponseExpectation, rule string) error {
	if as != "" {
		v, err := responseValue(r)
		if err != nil {
			return err
		}
		e.Vars.Set(as, v)
	}
	if f := x.verify(action, r); f != nil {
		f.Rule = rule
		if f.Rule == "" {
			e.blameResponse(f, action, r, x)
		}
		return f
	}
	return nil
}
