package steps

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// StartArgs are the arguments of start (and of restart).
type StartArgs struct {
	Ready  *bool             `json:"ready"`  // wait for ready; default true
	Within scenario.Duration `json:"within"` // real time allowed for ready; default readyBound()
	// ExpectError makes the step pass only when the runtime refuses to
	// start the plugin, citing this rule: LIFE-2 for a build step that
	// fails, LIFE-1 for a command that cannot be spawned.
	ExpectError *RuleRefusal `json:"expect_error"`
}

// RuleRefusal is a refusal a step expects from the runtime: the rule it
// cites and, where the refusal names one, the JSON pointer.
type RuleRefusal struct {
	Rule    string `json:"rule"`
	Pointer string `json:"pointer"` // any when left out
}

// waitsForReady reports whether the step waits for ready.
func (a StartArgs) waitsForReady() bool { return a.Ready == nil || *a.Ready }

// Start builds the plugin if its manifest says how (once per conform run)
// and spawns it. Unless ready is false it then waits for the plugin to
// become ready (LIFE-5). With expect_error it instead checks that the
// runtime refuses to start it. Like every step but expect_frame and
// expect_delivery, it leaves the cursor where it is.
func Start(ctx context.Context, env *Env, a StartArgs) error {
	err := env.Plugin.Start(ctx)
	if a.ExpectError != nil {
		return expectStartRefused(env, err, a.ExpectError.Rule)
	}
	if err != nil {
		if f := env.testeeCommandMissing(); f != nil {
			return f
		}
		return fmt.Errorf("starting %s: %w", env.Plugin.Slug(), err)
	}
	if !a.waitsForReady() {
		return nil
	}
	return env.awaitReady(ctx, a.Within)
}

// expectStartRefused checks the outcome of a start the scenario expects
// the runtime to refuse for rule.
func expectStartRefused(env *Env, err error, rule string) error {
	if err == nil {
		return &StepFailure{Rule: rule, Message: "the runtime started the plugin", Expected: "a refusal citing " + rule, Got: fmt.Sprintf("a process, pid %d", env.Plugin.Pid())}
	}
	got := env.startRefusalRule(err)
	switch {
	case got == "":
		return fmt.Errorf("starting %s: %w", env.Plugin.Slug(), err)
	case got != rule:
		return &StepFailure{Rule: rule, Message: "the runtime refused to start the plugin for another reason", Expected: "a refusal citing " + rule, Got: fmt.Sprintf("%s: %v", got, err)}
	}
	return nil
}

// testeeCommandMissing is the failure of a testee whose manifest cannot
// start it (TST-3): the runtime could not spawn it, and argv[0] is a path
// (it holds a slash, so it is resolved against the manifest's folder,
// LIFE-1) to a file that is not there once any build step has run: the
// manifest names a program it neither ships nor builds. nil for a plugin
// that is no testee, and for every other refusal, such as an interpreter
// missing from PATH or a build that failed, which say more about the
// machine than about the manifest and stay errors of the run.
func (e *Env) testeeCommandMissing() *StepFailure {
	if !e.Testee {
		return nil
	}
	if _, failed := e.scanFrom(0).find(IsDecision(e.Plugin.Slug(), "spawn_failed")); !failed {
		return nil
	}
	m := e.Plugin.Manifest()
	if m.Backend == nil || len(m.Backend.Command) == 0 {
		return nil
	}
	argv0 := m.Backend.Command[0]
	if !strings.ContainsAny(argv0, `/\`) {
		return nil
	}
	path := argv0
	if !filepath.IsAbs(path) {
		path = filepath.Join(m.Dir, path)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	built := "and it has no backend.build"
	if m.Backend.Build != nil {
		built = "even after its backend.build ran"
	}
	return &StepFailure{
		Rule:     "TST-3",
		Message:  fmt.Sprintf("the testee's manifest cannot start it: backend.command names %s, which does not exist (%s), %s", argv0, path, built),
		Expected: "a backend.command that starts the testee, built by backend.build when it needs a build",
		Got:      "no such file",
	}
}

// startRefusalRule names the rule behind a refused start: a build step
// that failed (LIFE-2) or a process the runtime could not spawn, which it
// records as a spawn_failed decision (LIFE-1); "" for anything else.
func (e *Env) startRefusalRule(err error) string {
	var be *mockruntime.BuildError
	if errors.As(err, &be) {
		return "LIFE-2"
	}
	if _, ok := e.scanFrom(0).find(IsDecision(e.Plugin.Slug(), "spawn_failed")); ok {
		return "LIFE-1"
	}
	return ""
}

// awaitReady waits until the plugin takes requests.
func (e *Env) awaitReady(ctx context.Context, within scenario.Duration) error {
	bound := e.Scaled(within.Or(readyBound()))
	wctx, cancel := context.WithTimeout(ctx, bound)
	defer cancel()
	started := time.Now()
	if err := e.Plugin.WaitReady(wctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return notReady(err, wctx.Err() != nil, bound)
	}
	e.noteReadyTime(time.Since(started))
	return nil
}

func notReady(err error, elapsed bool, bound time.Duration) *StepFailure {
	f := &StepFailure{Rule: "LIFE-5", Expected: `{"type":"ready"} from the plugin`}
	if elapsed {
		f.Message, f.Got = fmt.Sprintf("the plugin did not become ready within %v of real time (conform's bound; --timeout-scale raises it)", bound), "no ready"
		return f
	}
	f.Message, f.Got = "the plugin ended before it became ready", err.Error()
	return f
}
