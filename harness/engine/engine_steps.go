package engine

import (
	"context"
	"errors"
	"fmt"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/harness/steps"
	"runtime/debug"
)

// stepOutcome is how the steps ended when they did not all pass.
type stepOutcome struct {
	step    int            // 1-based index of the step that ended the run
	verdict result.Verdict // Fail, Error or Skip
	failure *steps.StepFailure
	skip    string // for Skip: why the scenario does not apply
	err     error  // for Error
	atSeq   int64  // the transcript's newest entry when it ended
}

// run runs the steps in order until one fails, bounded by the scenario's
// timeout, then waits for the requests still in flight (their contexts end
// with the scenario's).
func (x *execution) run(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, x.timeout)
	defer x.env.Wait()
	defer cancel()
	for i, st := range x.sc.Steps {
		x.stepStarts = append(x.stepStarts, x.env.Transcript().LastSeq())
		if x.onStep != nil {
			x.onStep(i+1, st)
		}
		if err := runGuarded(ctx, x.env, st); err != nil {
			x.outcome = x.classify(i+1, err, ctx, parent)
			break
		}
	}
	x.env.Fatal = nil // what follows the steps (the requests still in flight) runs its course
	x.judgedUpTo = x.env.Transcript().LastSeq()
}

// runGuarded runs one step, turning a panic into an error.
func runGuarded(ctx context.Context, env *steps.Env, st scenario.Step) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("step %s panicked: %v\n%s", st.Kind, r, debug.Stack())
		}
	}()
	return steps.RunStep(ctx, env, st)
}

// classify decides whose fault a step's error is.
func (x *execution) classify(step int, err error, ctx, parent context.Context) *stepOutcome {
	o := &stepOutcome{step: step, atSeq: x.env.Transcript().LastSeq()}
	var sf *steps.StepFailure
	var na *steps.NotApplicable
	switch {
	case parent.Err() != nil:
		o.verdict, o.err = result.Error, fmt.Errorf("interrupted: %w", context.Cause(parent))
	case ctx.Err() != nil:
		o.verdict = result.Fail
		o.failure = &steps.StepFailure{Message: fmt.Sprintf("the scenario did not finish within its timeout of %v", x.timeout), Expected: "every step done", Got: "still at step " + fmt.Sprint(step)}
	case errors.As(err, &sf):
		o.verdict, o.failure = result.Fail, sf
	case errors.As(err, &na):
		o.verdict, o.skip = result.Skip, na.Reason
	default:
		o.verdict, o.err = result.Error, err
	}
	return o
}

// teardown closes the runtime, bounded in real time: a plugin still running
// gets its stdin closed, then is killed when the bound runs out. Whatever
// the runtime records meanwhile is not judged.
func (x *execution) teardown(parent context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), x.env.Scaled(steps.TeardownTimeout))
	defer cancel()
	x.closeErr = x.env.Runtime.Close(ctx)
}

// stepAt returns the 1-based index of the step that was running when the
// transcript entry seq was recorded (0 before the first step).
func (x *execution) stepAt(seq int64) int {
	step := 0
	for i, start := range x.stepStarts {
		if seq > start {
			step = i + 1
		}
	}
	return step
}
