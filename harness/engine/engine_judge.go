package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/harness/steps"
	"github.com/conform-dev/conform/mockruntime"
)

// judge applies the verdict rules: a step that fails fails the scenario
// (or makes it Error when it is not the plugin's fault); otherwise every
// violation the runtime recorded during the steps that no expect_violation
// claimed fails it, attributed to that rule, and so does a process that
// ended on its own without an expect_exit claiming it. A step that found
// the scenario does not apply makes it Skip when nothing else failed. A violation of a
// SHOULD rule the scenario does not list among its requirements is a
// warning instead.
func (x *execution) judge(res *result.Result) {
	fails, warns := x.unclaimedViolations()
	res.Warnings = warns
	if x.closeErr != nil {
		res.Warnings = append(res.Warnings, "closing the runtime: "+x.closeErr.Error())
	}
	exit, crashed := x.unexpectedExit()
	if x.outcome != nil && x.outcome.verdict == result.Skip && (len(fails) > 0 || crashed) {
		x.outcome = nil // the plugin broke a rule before the step found the scenario does not apply
	}
	switch {
	case x.outcome != nil && x.outcome.verdict == result.Error:
		res.Verdict, res.Failure = result.Error, x.errorFailure()
	case x.outcome != nil && x.outcome.verdict == result.Skip:
		res.Verdict, res.SkipReason = result.Skip, x.outcome.skip
	case x.outcome != nil:
		res.Verdict, res.Failure = result.Fail, x.stepFailure(fails)
	case len(fails) > 0:
		res.Verdict, res.Failure = result.Fail, x.violationFailure(fails)
	case crashed:
		res.Verdict, res.Failure = result.Fail, x.exitFailure(exit)
	default:
		res.Verdict = result.Pass
	}
}

// unexpectedExit returns the first exit of the plugin's process during the
// steps that no step asked for (stop, close_stdin, kill), that the runtime
// did not cause for a violation it recorded (watchdog, handshake, framing),
// and that no expect_exit claimed.
func (x *execution) unexpectedExit() (mockruntime.Entry, bool) {
	isExit := steps.IsDecision(x.env.Plugin.Slug(), "exit")
	n := 0
	for _, e := range x.env.Transcript().Since(0) {
		if e.Seq > x.judgedUpTo || !isExit(e) {
			continue
		}
		n++
		if n > x.env.ExitsSeen && unasked(e) {
			return e, true
		}
	}
	return mockruntime.Entry{}, false
}

// unasked reports whether an exit decision is of a process nobody asked
// to end (stop, close_stdin, kill) and the runtime did not end for a
// violation it recorded (watchdog, handshake, framing).
func unasked(exit mockruntime.Entry) bool {
	requested, _ := exit.Data["requested"].(bool)
	reason, _ := exit.Data["reason"].(string)
	return !requested && reason == ""
}

// violationFails reports whether an unclaimed violation of rule fails the
// scenario: a MUST, an unknown rule, or one the scenario lists; any other
// is a warning.
func (x *execution) violationFails(rule string) bool {
	r, ok := x.sc.LookupRule(rule)
	return !ok || r.Level == "MUST" || slices.Contains(x.sc.Requirements, rule)
}

// exitFailure is the evidence of a process that ended on its own.
func (x *execution) exitFailure(exit mockruntime.Entry) *result.Failure {
	rule, why := x.exitRule(exit)
	f := x.evidence(x.stepAt(exit.Seq), rule, exit.Seq)
	f.Message = "the plugin's process ended without being asked to: " + exit.Detail + why
	f.Expected = "the plugin running until the scenario stops it, or an expect_exit for this exit"
	f.Got = fmt.Sprintf("#%d %s", exit.Seq, exit.Detail)
	return f
}

// unclaimedViolations splits the violations recorded before teardown that
// no expect_violation claimed into those that fail the scenario and
// warnings.
func (x *execution) unclaimedViolations() (fails []mockruntime.Entry, warns []string) {
	for _, e := range x.env.Transcript().Since(0) {
		if e.Seq > x.judgedUpTo || !render.IsViolation(e) || x.env.ClaimedRule(e.Rule) {
			continue
		}
		if !x.violationFails(e.Rule) {
			r, _ := x.sc.LookupRule(e.Rule)
			warns = append(warns, fmt.Sprintf("%s (%s): %s", e.Rule, r.Level, e.Detail))
			continue
		}
		fails = append(fails, e)
	}
	return fails, warns
}

// stepFailure is the evidence of a failed step. The root cause leads: when
// the plugin broke a rule at or before the step that the scenario does not
// expect, that rule is charged and the step's failure follows as its
// consequence. Otherwise the step's own rule is charged (a barrier such as
// a pong or a ready carries the rule of what it waits for); the scenario's
// requirement is named only when the step has no rule of its own, that is
// when the scenario's own check failed.
func (x *execution) stepFailure(violations []mockruntime.Entry) *result.Failure {
	o := x.outcome
	label := fmt.Sprintf("step %d (%s)", o.step, x.sc.Steps[o.step-1].Kind)
	if c, ok := x.rootCause(violations, o.atSeq); ok {
		f := x.evidence(o.step, c.rule, o.atSeq)
		f.Message = fmt.Sprintf("%s; in consequence %s failed: %s", c.detail, label, o.failure.Message)
		if v, cut := x.env.CutShort(); cut {
			f.Message += fmt.Sprintf(" (conform stopped waiting soon after #%d, which fails the scenario whatever comes next)", v.Seq)
		}
		f.Expected, f.Got = o.failure.Expected, o.failure.Got
		return f
	}
	rule := o.failure.Rule
	if rule == "" {
		rule = x.scenarioRule()
	}
	f := x.evidence(o.step, rule, o.atSeq)
	f.Message = o.failure.Message // Step and StepKind carry the label
	if rule != "" && len(x.sc.Requirements) > 0 && !slices.Contains(x.sc.Requirements, rule) {
		f.Message += fmt.Sprintf("; the scenario's own check (%s) could not run", strings.Join(x.sc.Requirements, ", "))
	}
	f.Expected, f.Got = o.failure.Expected, o.failure.Got
	return f
}

// violationFailure is the evidence of the first unclaimed violation.
func (x *execution) violationFailure(violations []mockruntime.Entry) *result.Failure {
	v := violations[0]
	f := x.evidence(x.stepAt(v.Seq), v.Rule, v.Seq)
	f.Message = fmt.Sprintf("the runtime recorded a violation of %s: %s", v.Rule, v.Detail)
	if more := len(violations) - 1; more > 0 {
		f.Message += fmt.Sprintf(" (and %d more: %s)", more, ruleList(violations[1:]))
	}
	f.Expected = "no violation of " + v.Rule
	f.Got = fmt.Sprintf("#%d %s", v.Seq, v.Detail)
	return f
}

// errorFailure explains a fault of conform or of the scenario.
func (x *execution) errorFailure() *result.Failure {
	o := x.outcome
	f := x.evidence(o.step, "", o.atSeq)
	f.Message = fmt.Sprintf("could not run: %v", o.err)
	return f
}

// evidence fills in where, which rule, the last transcript entries up to
// seq and the plugin's last stderr lines.
func (x *execution) evidence(step int, rule string, seq int64) *result.Failure {
	f := &result.Failure{Step: step, Source: x.sc.Source, Rule: rule}
	if step > 0 {
		f.StepKind, f.Source = x.sc.Steps[step-1].Kind, x.sc.Steps[step-1].Source
	}
	if r, ok := x.sc.LookupRule(rule); ok {
		f.RuleText = r.Text
	}
	f.Frames = render.LastEntries(x.env.Transcript(), seq)
	f.Stderr = render.LastStderr(x.env.Plugin)
	return f
}

// expectedViolationRules are the rules the scenario's expect_violation
// steps claim, whether or not they ran, those inside a repeat included.
func (x *execution) expectedViolationRules() map[string]bool {
	rules := map[string]bool{}
	addExpectedViolations(rules, x.sc.Steps)
	return rules
}

func addExpectedViolations(rules map[string]bool, list []scenario.Step) {
	for _, st := range list {
		switch a := st.Args.(type) {
		case steps.ExpectViolationArgs:
			rules[a.Rule] = true
		case scenario.RepeatArgs:
			addExpectedViolations(rules, a.Steps)
		}
	}
}

func ruleList(entries []mockruntime.Entry) string {
	var rules []string
	for _, e := range entries {
		if !slices.Contains(rules, e.Rule) {
			rules = append(rules, e.Rule)
		}
	}
	return strings.Join(rules, ", ")
}
