package result

import (
	"fmt"
	"time"
)

// Outcome is what one run did: every result in plan order, what the
// baseline found wrong with itself, and what was left undone. Built by one
// goroutine; a plain value once Run has it.
type Outcome struct {
	Profile string
	Strict  bool
	Plugins []RunPlugin
	Results []Result
	// BaselineProblems are stale or expired baseline entries; each fails
	// the run.
	BaselineProblems []BaselineProblem
	// NotRun counts the selected scenarios that never started, after
	// --fail-fast stopped the run or ctx ended.
	NotRun int
	// NotInProfile counts the loaded scenarios written only for the other
	// profile: they are neither run nor listed, only counted.
	NotInProfile int
	Interrupted  bool // ctx ended (Ctrl-C) before the run was done
	Started      time.Time
	Wall         time.Duration
}

// RunPlugin is one plugin of a run.
type RunPlugin struct {
	Path string `json:"path"` // its manifest file
	Slug string `json:"slug"`
	// Version is the manifest's version (MAN-2): which build of the
	// plugin the run judged.
	Version string `json:"version"`
}

// Summary counts the results of a run by verdict. A SHOULD failure that
// does not fail the run counts as Warned, not Failed. The verdict counts
// are the plugin's own: the runtime self-checks (Result.SelfCheck) are
// counted apart, in SelfChecks and SelfChecksFailed, since they say
// nothing about the plugin.
type Summary struct {
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Warned  int `json:"warned"`
	Skipped int `json:"skipped"`
	XFail   int `json:"xfail"`
	XPass   int `json:"xpass"`
	Errors  int `json:"error"`
	// SelfChecks counts the runtime self-checks that ran; SelfChecksFailed
	// those of them that failed or erred (a fault of conform's runtime or
	// of the machine, never of the plugin).
	SelfChecks       int `json:"self_checks"`
	SelfChecksFailed int `json:"self_checks_failed"`
	// NotInProfile is Outcome.NotInProfile.
	NotInProfile int `json:"not_in_profile"`
}

// FailsRun reports whether r fails a run: an error, an unexpected pass, or
// a failure of a MUST scenario (of any scenario when strict).
func FailsRun(r Result, strict bool) bool {
	switch r.Verdict {
	case Error, UnexpectedPass:
		return true
	case Fail:
		return strict || r.Level != ShouldLevel
	}
	return false
}

// Summary counts o's results.
func (o Outcome) Summary() Summary {
	var s Summary
	for _, r := range o.Results {
		s.Add(r, o.Strict)
	}
	s.NotInProfile = o.NotInProfile
	return s
}

// Add counts r: under its verdict, or as a self-check.
func (s *Summary) Add(r Result, strict bool) {
	if r.SelfCheck {
		s.SelfChecks++
		if r.Verdict == Fail || r.Verdict == Error {
			s.SelfChecksFailed++
		}
		return
	}
	switch r.Verdict {
	case Pass:
		s.Passed++
	case Fail:
		if FailsRun(r, strict) {
			s.Failed++
		} else {
			s.Warned++
		}
	case Skip:
		s.Skipped++
	case ExpectedFail:
		s.XFail++
	case UnexpectedPass:
		s.XPass++
	case Error:
		s.Errors++
	}
}

// ExitCode is ExitInterrupted after an interruption, else ExitInternal
// after an error verdict or a failed runtime self-check, else ExitFail
// when anything fails the run, else ExitPass.
func (o Outcome) ExitCode() int {
	s := o.Summary()
	switch {
	case o.Interrupted:
		return ExitInterrupted
	case s.Errors > 0 || s.SelfChecksFailed > 0:
		return ExitInternal
	case s.Failed > 0 || s.XPass > 0 || len(o.BaselineProblems) > 0:
		return ExitFail
	}
	return ExitPass
}

// shouldLevel is the level whose failures only warn unless the run is
// strict (CONFORMANCE.md §0).
const ShouldLevel = "SHOULD"

// Exit codes of Run, Replay and the other commands (the CLI contract of
// ../shared/BRIEF.md).
const (
	ExitPass     = 0 // every scenario passed, or failed only as the baseline expects
	ExitFail     = 1 // a conformance failure
	ExitUsage    = 2 // a usage or input error, reported before any plugin starts
	ExitInternal = 3 // a fault of conform itself
	// ExitInterrupted ends a run stopped by SIGINT or SIGTERM, after the
	// reports of what ran were written (128 + SIGINT, as shells report it).
	ExitInterrupted = 130
)

// BaselineProblem is a baseline entry that fails the run: stale (its
// scenario passes, or no loaded scenario has its id) or expired. A plain
// value.
type BaselineProblem struct {
	Path     string `json:"file"`
	Line     int    `json:"line"`
	Scenario string `json:"scenario"`
	Message  string `json:"message"`
}

// String formats p as "file:line: baseline entry for "id" message".
func (p BaselineProblem) String() string {
	return fmt.Sprintf("%s:%d: baseline entry for %q %s", p.Path, p.Line, p.Scenario, p.Message)
}
