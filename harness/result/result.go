package result

import (
	"strconv"
	"time"
)

// Verdict is the outcome of one scenario against one plugin.
type Verdict string

// The verdicts (issue: "pass; fail; skip; expected failure; unexpected
// pass; error"). Error is a fault of conform itself and never charged to
// the plugin.
const (
	Pass           Verdict = "pass"
	Fail           Verdict = "fail"
	Skip           Verdict = "skip"
	ExpectedFail   Verdict = "xfail" // failed, as the baseline says it does
	UnexpectedPass Verdict = "xpass" // passed, but the baseline says it fails: a stale entry
	Error          Verdict = "error"
)

// Result is the outcome of one scenario against one plugin. A plain value.
type Result struct {
	ScenarioID   string
	Title        string
	Level        string
	Requirements []string
	Labels       []string
	Source       Source
	Plugin       string // the plugin's manifest path
	Slug         string // the plugin's slug
	Verdict      Verdict
	SkipReason   string   // for Skip: why the scenario does not apply
	Failure      *Failure // for Fail, ExpectedFail and Error
	Baseline     string   // the baseline entry's reason, for ExpectedFail / UnexpectedPass
	Warnings     []string // SHOULD-level findings that did not fail the scenario
	Duration     time.Duration
	// SelfCheck marks a runtime self-check: a scenario that never runs the
	// plugin under test (its manifest patch replaces backend.command with
	// a script, or it starts no plugin at all). Its verdict is counted
	// apart from the plugin's.
	SelfCheck bool
	// TranscriptFile is where the full transcript of a failure was written
	// (--transcripts), "" otherwise.
	TranscriptFile string
}

// Failure says what went wrong, for people reading CI logs: where, which
// rule, expected against got, and the evidence around it.
type Failure struct {
	Step     int    // 1-based index of the failing step; 0 when not tied to a step
	StepKind string // e.g. "expect_frame"
	Source   Source // the failing step's file:line (the scenario's when no step)
	Rule     string // the CONFORMANCE.md rule broken, e.g. "WD-2"
	RuleText string // that rule's sentence
	Message  string // one line
	Expected string
	Got      string
	// Frames are the last transcript entries before the failure, rendered
	// one per line ("#12 <- {"type":"pong",...}").
	Frames []string
	// Stderr holds the plugin's last stderr lines.
	Stderr []string
}

// Source is a position in a scenario file.
type Source struct {
	File string // as given or embedded ("suites/lifecycle.yaml")
	Line int    // 1-based; 0 when unknown
}

func (s Source) String() string {
	if s.Line == 0 {
		return s.File
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}
