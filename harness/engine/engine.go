package engine

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// Target is the plugin a scenario runs against. A plain value.
type Target struct {
	Manifest string                  // path of the plugin's manifest.json (or its folder)
	Profile  string                  // ProfilePlugin or ProfileSDK; "" means plugin
	Builds   *mockruntime.BuildCache // shared: build steps run once per conform run; nil means a private cache
}

// ExecOptions adjust how Execute runs a scenario.
type ExecOptions struct {
	TimeoutScale   float64 // multiplies every within, window, sleep and timeout; 0 means 1
	KeepTranscript bool    // return the full transcript with the result
	// OnStep, when set, is called as each step starts, with its 1-based
	// index, from the goroutine that called Execute (conform run -v).
	OnStep func(step int, st scenario.Step)
}

// Applies says whether a scenario runs against this target and, when not,
// why: it is written for the other profile, it is a for_each template
// the manifest declares no entry for (scenario.ExpandForEach), or it starts the plugin and
// the manifest m (as loaded, without the scenario's patch; nil when not
// known) has no backend to start (MAN-9). Safe for concurrent use.
func Applies(sc *scenario.Scenario, t Target, m *mockruntime.Manifest) (ok bool, reason string) {
	profile := t.Profile
	if profile == "" {
		profile = scenario.ProfilePlugin
	}
	if sc.Profile != scenario.ProfileBoth && sc.Profile != profile {
		return false, fmt.Sprintf("written for the %s profile; this run checks the %s profile", sc.Profile, profile)
	}
	if sc.IsTemplate() {
		return false, scenario.NoEntriesReason(sc)
	}
	if m != nil && m.Backend == nil && startsPlugin(sc) {
		return false, "the plugin has no backend to start (MAN-9)"
	}
	return true, ""
}

func startsPlugin(sc *scenario.Scenario) bool {
	return slices.ContainsFunc(sc.Steps, func(st scenario.Step) bool { return st.Kind == "start" || st.Kind == "restart" })
}

// Execute runs one scenario in a fresh runtime, on a fake clock, with a
// fresh plugin process, and returns its result: Pass, Fail (the plugin
// broke a rule: a step's expectation, or a violation the runtime recorded
// that no expect_violation claimed) or Error (a fault of conform or of the
// scenario, never charged to the plugin). Baselines and skips are the
// caller's business. It never panics: a panic in a step becomes Error. It
// returns within the scenario's scaled timeout plus a bounded teardown,
// leaving no process behind; when ctx ends early the verdict is Error. With
// o.KeepTranscript it also returns the runtime's whole transcript. Safe for
// concurrent use: each call has a runtime of its own.
func Execute(ctx context.Context, sc *scenario.Scenario, t Target, o ExecOptions) (result.Result, []mockruntime.Entry) {
	began := time.Now()
	res := newResult(sc, t)
	x, err := prepare(sc, t, o)
	if err != nil {
		res.Verdict = result.Error
		res.Failure = &result.Failure{Source: sc.Source, Message: err.Error()}
		res.Duration = time.Since(began)
		return res, nil
	}
	x.run(ctx)
	x.teardown(ctx)
	x.judge(&res)
	res.Duration = time.Since(began)
	if !o.KeepTranscript {
		return res, nil
	}
	return res, x.env.Transcript().Entries()
}

func newResult(sc *scenario.Scenario, t Target) result.Result {
	return result.Result{
		ScenarioID:   sc.ID,
		Title:        sc.Title,
		Level:        sc.Level,
		Requirements: sc.Requirements,
		Labels:       sc.Labels,
		Source:       sc.Source,
		Plugin:       t.Manifest,
	}
}

// Executor runs one scenario against one target; Execute is the real one.
// Tests inject a fake that returns chosen verdicts instantly. An Executor
// is called from several goroutines at once (--parallel).
type Executor func(ctx context.Context, sc *scenario.Scenario, t Target, o ExecOptions) (result.Result, []mockruntime.Entry)
