package engine

import (
	"strings"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/harness/steps"
	"github.com/conform-dev/conform/mockruntime"
)

// fatalViolation returns the test steps use to stop waiting once the
// scenario cannot pass: a violation judge would count as a failure
// (a MUST, or a rule the scenario lists) of a rule no expect_violation
// step of the scenario claims, or an exit judge would count as a crash in
// a scenario without expect_exit, so nothing a later step sees can change
// the verdict, and the root cause that blame charges is already recorded.
// nil, so that every wait runs its course, when an expect_violation names
// its rule through a variable, which only the run can tell. Safe for
// concurrent use: it reads only the scenario.
func (x *execution) fatalViolation() func(mockruntime.Entry) bool {
	expected := x.expectedViolationRules()
	for rule := range expected {
		if rule == "" || strings.Contains(rule, "${") {
			return nil
		}
	}
	isExit, exitsExpected := steps.IsDecision(x.env.Plugin.Slug(), "exit"), hasStep(x.sc.Steps, "expect_exit")
	return func(e mockruntime.Entry) bool {
		if isExit(e) { // judge's crash, with no expect_exit that could claim it
			return !exitsExpected && unasked(e)
		}
		return render.IsViolation(e) && !expected[e.Rule] && x.violationFails(e.Rule)
	}
}

// hasStep reports whether list, or a repeat in it, holds a step of kind.
func hasStep(list []scenario.Step, kind string) bool {
	for _, st := range list {
		if st.Kind == kind {
			return true
		}
		if a, ok := st.Args.(scenario.RepeatArgs); ok && hasStep(a.Steps, kind) {
			return true
		}
	}
	return false
}
