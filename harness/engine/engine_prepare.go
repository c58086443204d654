package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/harness/steps"
	"github.com/conform-dev/conform/mockruntime"
)

// scenarioEpoch is where every scenario's fake clock starts, so that times
// in frames (ts, uploadedAt) are the same on every run.
var scenarioEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// execution is one run of one scenario. It is used by the goroutine that
// called Execute.
type execution struct {
	sc      *scenario.Scenario
	env     *steps.Env
	timeout time.Duration // scaled
	onStep  func(step int, st scenario.Step)

	stepStarts []int64 // the transcript's newest entry when each step began
	judgedUpTo int64   // the newest entry before teardown
	outcome    *stepOutcome
	closeErr   error
}

// prepare builds the runtime a scenario runs in and loads the plugin under
// test with the scenario's manifest patch, without starting it.
func prepare(sc *scenario.Scenario, t Target, o ExecOptions) (*execution, error) {
	if sc.IsTemplate() {
		return nil, fmt.Errorf("scenario %s is a for_each template: run its runs, one per manifest entry (scenario.ExpandForEach)", sc.ID)
	}
	timing, err := scenarioTiming(sc.Runtime)
	if err != nil {
		return nil, err
	}
	watched := steps.NewWatchedClock(scenarioEpoch)
	rt, err := mockruntime.New(mockruntime.Options{
		Clock: watched, Timing: timing, NoRestart: sc.Runtime.NoRestart, Builds: t.Builds,
		// SQL-9's deadline is real time: a slow machine stretches it as it
		// stretches a scenario's within bounds, so a deliberately slow
		// query is not cut short by the machine's load.
		SQLCallTime: steps.ScaledForMachine(mockruntime.DefaultSQLCallTime, o.TimeoutScale),
	})
	if err != nil {
		return nil, fmt.Errorf("creating the runtime: %w", err)
	}
	patch, err := manifestPatch(t.Manifest, sc.Manifest, sc.Each)
	if err != nil {
		closeBounded(rt, time.Second)
		return nil, err
	}
	p, err := rt.Load(t.Manifest, mockruntime.LoadOptions{Overrides: patch})
	if err != nil {
		closeBounded(rt, time.Second)
		return nil, fmt.Errorf("loading the plugin with the scenario's manifest patch: %w", err)
	}
	env := steps.NewEnv(rt, watched.Fake, p)
	env.Scale, env.Watch = o.TimeoutScale, watched
	env.Testee = t.Profile == scenario.ProfileSDK
	if sc.Each != nil {
		env.Vars.Set(scenario.EachVar, sc.Each)
	}
	timeout := sc.Timeout
	if timeout == 0 {
		timeout = steps.DefaultTimeout
	}
	x := &execution{sc: sc, env: env, timeout: env.Scaled(timeout), onStep: o.OnStep}
	env.Fatal = x.fatalViolation()
	return x, nil
}

// timingFields maps the snake_case names a scenario's runtime.timing uses to
// the durations of mockruntime.Timing.
var timingFields = map[string]func(*mockruntime.Timing) *time.Duration{
	"handshake_timeout":   func(t *mockruntime.Timing) *time.Duration { return &t.HandshakeTimeout },
	"serve_ready_timeout": func(t *mockruntime.Timing) *time.Duration { return &t.ServeReadyTimeout },
	"ping_interval":       func(t *mockruntime.Timing) *time.Duration { return &t.PingInterval },
	"pong_deadline":       func(t *mockruntime.Timing) *time.Duration { return &t.PongDeadline },
	"request_timeout":     func(t *mockruntime.Timing) *time.Duration { return &t.RequestTimeout },
	"shutdown_grace":      func(t *mockruntime.Timing) *time.Duration { return &t.ShutdownGrace },
	"term_grace":          func(t *mockruntime.Timing) *time.Duration { return &t.TermGrace },
	"restart_base":        func(t *mockruntime.Timing) *time.Duration { return &t.RestartBase },
	"restart_max":         func(t *mockruntime.Timing) *time.Duration { return &t.RestartMax },
	"restart_reset":       func(t *mockruntime.Timing) *time.Duration { return &t.RestartReset },
	"ack_deadline":        func(t *mockruntime.Timing) *time.Duration { return &t.AckDeadline },
	"redelivery_base":     func(t *mockruntime.Timing) *time.Duration { return &t.RedeliveryBase },
	"redelivery_max":      func(t *mockruntime.Timing) *time.Duration { return &t.RedeliveryMax },
}

// countFields maps the names of runtime.timing's counts to theirs.
var countFields = map[string]func(*mockruntime.Timing) *int{
	"missed_pings": func(t *mockruntime.Timing) *int { return &t.MissedPings },
	"max_restarts": func(t *mockruntime.Timing) *int { return &t.MaxRestarts },
	"max_attempts": func(t *mockruntime.Timing) *int { return &t.MaxAttempts },
}

// scenarioTiming turns a scenario's runtime.timing into mockruntime.Timing;
// what it leaves out keeps the defaults of §13.
func scenarioTiming(rc scenario.RuntimeConfig) (mockruntime.Timing, error) {
	var t mockruntime.Timing
	for name, d := range rc.Timing {
		field, ok := timingFields[name]
		if !ok {
			return t, fmt.Errorf("runtime.timing: no duration %q", name)
		}
		*field(&t) = d
	}
	for name, n := range rc.Counts {
		field, ok := countFields[name]
		if !ok {
			return t, fmt.Errorf("runtime.timing: no count %q", name)
		}
		*field(&t) = n
	}
	return t, nil
}

// closeBounded closes a runtime, killing what is left after d of real time.
func closeBounded(rt *mockruntime.Runtime, d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return rt.Close(ctx)
}
