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
	NotRun      int
	Interrupted bool // ctx ended before every selected scenario ran
	Started     time.Time
	Wall        time.Duration
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
// does not fail the run counts as Warned, not Failed.
type Summary struct {
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Warned  int `json:"warned"`
	Skipped int `json:"skipped"`
	XFail   int `json:"xfail"`
	XPass   int `json:"xpass"`
	Errors  int `json:"error"`
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
	return s
}

func (s *Summary) Add(r Result, strict bool) {
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

// ExitCode is ExitInternal after an error verdict or an interruption, else
// ExitFail when anything fails the run, else ExitPass.
func (o Outcome) ExitCode() int {
	s := o.Summary()
	switch {
	case s.Errors > 0 || o.Interrupted:
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
