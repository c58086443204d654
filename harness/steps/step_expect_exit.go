package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// ExpectExitArgs are the arguments of expect_exit.
type ExpectExitArgs struct {
	Code   *int              `json:"code"`   // the exit status; any when left out
	Within scenario.Duration `json:"within"` // default 2s
	// Rule is the rule a wrong status is charged to, when the status is the
	// plugin's to choose (the testee's exit action: TST-6) rather than what
	// the scenario is about.
	Rule string `json:"rule"`
}

// ExpectExit waits for the next exit of the plugin's process that no
// earlier expect_exit claimed, and checks its status. Each exit the
// runtime reaps (LIFE-21) is claimed by one expect_exit, in order.
func ExpectExit(ctx context.Context, env *Env, a ExpectExitArgs) error {
	var exit mockruntime.Entry
	err := env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		var found bool
		exit, found = env.nthExit(env.ExitsSeen + 1)
		return found, nil
	})
	if err == errElapsed {
		return &StepFailure{Message: fmt.Sprintf("the plugin did not exit within %v", env.Scaled(a.Within.Or(DefaultWithin))), Expected: "an exit", Got: "still " + env.Plugin.State().String()}
	}
	if err != nil {
		return err
	}
	env.ExitsSeen++
	if code := scenario.IntOf(exit.Data["code"]); a.Code != nil && code != *a.Code {
		return &StepFailure{Rule: a.Rule, Message: fmt.Sprintf("the plugin exited with status %d, not %d", code, *a.Code), Expected: fmt.Sprintf("exit status %d", *a.Code), Got: exit.Detail}
	}
	return nil
}

// nthExit returns the n-th exit decision (from 1) of the plugin.
func (e *Env) nthExit(n int) (mockruntime.Entry, bool) {
	isExit := IsDecision(e.Plugin.Slug(), "exit")
	for _, entry := range e.Transcript().Entries() {
		if isExit(entry) {
			if n--; n == 0 {
				return entry, true
			}
		}
	}
	return mockruntime.Entry{}, false
}
