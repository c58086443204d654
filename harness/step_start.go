package harness

import (
	"context"
	"fmt"
	"time"
)

// StartArgs are the arguments of start.
type StartArgs struct {
	Ready  *bool    `json:"ready"`  // wait for ready; default true
	Within Duration `json:"within"` // real time allowed for ready; default 2s
}

// waitsForReady reports whether the step waits for ready.
func (a StartArgs) waitsForReady() bool { return a.Ready == nil || *a.Ready }

// Start builds the plugin if its manifest says how (once per conform run)
// and spawns it. Unless ready is false it then waits for the plugin to
// become ready (LIFE-5). Like every step but expect_frame and
// expect_delivery, it leaves the cursor where it is.
func Start(ctx context.Context, env *Env, a StartArgs) error {
	if err := env.Plugin.Start(ctx); err != nil {
		return fmt.Errorf("starting %s: %w", env.Plugin.Slug(), err)
	}
	if !a.waitsForReady() {
		return nil
	}
	return env.awaitReady(ctx, a.Within)
}

// awaitReady waits until the plugin takes requests.
func (e *Env) awaitReady(ctx context.Context, within Duration) error {
	bound := e.scaled(within.or(DefaultWithin))
	wctx, cancel := context.WithTimeout(ctx, bound)
	defer cancel()
	if err := e.Plugin.WaitReady(wctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return notReady(err, wctx.Err() != nil, bound)
	}
	return nil
}

func notReady(err error, elapsed bool, bound time.Duration) *StepFailure {
	f := &StepFailure{Rule: "LIFE-5", Expected: `{"type":"ready"} from the plugin`}
	if elapsed {
		f.Message, f.Got = fmt.Sprintf("the plugin did not become ready within %v", bound), "no ready"
		return f
	}
	f.Message, f.Got = "the plugin ended before it became ready", err.Error()
	return f
}
