package report

import (
	"fmt"
	"github.com/conform-dev/conform/harness/internal/words"
	"github.com/conform-dev/conform/harness/result"
	"io"
	"strings"
	"time"
)

// progressThreshold is the number of scenarios from which each console
// line starts with a progress count "[12/84]".
const progressThreshold = 10

// verdictWords are the console's names of the verdicts, all of one width.
var verdictWords = map[result.Verdict]string{
	result.Pass: "PASS ", result.Fail: "FAIL ", result.Skip: "SKIP ", result.ExpectedFail: "XFAIL",
	result.UnexpectedPass: "XPASS", result.Error: "ERROR",
}

// console prints a run as it goes: one line per finished scenario. Its
// caller serialises calls.
type Console struct {
	w          io.Writer
	total      int
	showPlugin bool // several plugins: name the plugin on each line
}

func NewConsole(w io.Writer, total int, showPlugin bool) *Console {
	return &Console{w: w, total: total, showPlugin: showPlugin}
}

// line prints the n-th finished result.
func (c *Console) Line(n int, r result.Result, strict bool) {
	var b strings.Builder
	if c.total >= progressThreshold {
		width := len(fmt.Sprint(c.total))
		fmt.Fprintf(&b, "[%*d/%d] ", width, n, c.total)
	}
	b.WriteString(verdictWords[r.Verdict] + " " + r.ScenarioID)
	if c.showPlugin {
		b.WriteString(" (" + r.Slug + ")")
	}
	if r.Verdict != result.Skip {
		b.WriteString(" " + formatDuration(r.Duration))
	}
	if note := verdictNote(r, strict); note != "" {
		b.WriteString(" — " + note)
	}
	fmt.Fprintln(c.w, b.String())
}

// verdictNote is what a console line adds after the duration.
func verdictNote(r result.Result, strict bool) string {
	switch r.Verdict {
	case result.Skip:
		return r.SkipReason
	case result.ExpectedFail:
		return "expected by the baseline: " + r.Baseline
	case result.UnexpectedPass:
		return "passed, but the baseline expects a failure: " + r.Baseline
	case result.Fail:
		if !result.FailsRun(r, strict) {
			return "a SHOULD: warning only" + ruleSuffix(r)
		}
		return strings.TrimPrefix(ruleSuffix(r), " ")
	case result.Error:
		return "a fault of conform, not of the plugin"
	}
	return ""
}

func ruleSuffix(r result.Result) string {
	if r.Failure == nil || r.Failure.Rule == "" {
		return ""
	}
	return " [" + r.Failure.Rule + "]"
}

// printOutcome prints, after the scenario lines, the details of every
// result that needs a reader's attention, the baseline's problems and the
// closing summary line.
//
// Failures are grouped by cause: the first failure of a cause is printed
// in full with the other scenarios of that cause listed under it, one line
// each, and the causes are counted above the summary line.
func PrintOutcome(w io.Writer, o result.Outcome) {
	showPlugin := len(o.Plugins) > 1
	causes := Causes(o.Results, o.Strict)
	for _, r := range o.Results {
		if !NeedsDetails(r) {
			continue
		}
		c, grouped, first := causeOf(causes, r)
		if grouped && !first {
			continue
		}
		fmt.Fprintln(w)
		WriteDetails(w, r, showPlugin, o.Strict)
		if grouped {
			for _, l := range sameCauseLines(c, o.Results) {
				fmt.Fprintf(w, "    %s\n", l)
			}
		}
	}
	if len(causes) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "failures by cause (%d):\n", len(causes))
		for _, c := range causes {
			fmt.Fprintf(w, "  %s\n", c.line(showPlugin))
		}
	}
	if len(o.BaselineProblems) > 0 {
		fmt.Fprintln(w)
		for _, p := range o.BaselineProblems {
			fmt.Fprintln(w, p.String())
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, summaryLine(o))
}

// needsDetails reports whether the details of r are printed after the
// list: every failure, error, unexpected pass, and any warning.
func NeedsDetails(r result.Result) bool {
	switch r.Verdict {
	case result.Fail, result.Error, result.UnexpectedPass:
		return true
	}
	return len(r.Warnings) > 0
}

// summaryLine is "12 passed, 1 failed, 3 skipped in 2.31s", with the
// other counts when they are not zero.
func summaryLine(o result.Outcome) string {
	s := o.Summary()
	parts := []string{
		fmt.Sprintf("%d passed", s.Passed), fmt.Sprintf("%d failed", s.Failed), fmt.Sprintf("%d skipped", s.Skipped),
	}
	for _, extra := range []struct {
		n    int
		text string
	}{
		{s.Warned, fmt.Sprintf("%d warned (SHOULD)", s.Warned)}, {s.XFail, fmt.Sprintf("%d xfail", s.XFail)},
		{s.XPass, fmt.Sprintf("%d xpass", s.XPass)}, {s.Errors, fmt.Sprintf("%d error", s.Errors)},
		{len(o.BaselineProblems), words.Count(len(o.BaselineProblems), "baseline problem")}, {o.NotRun, fmt.Sprintf("%d not run", o.NotRun)},
	} {
		if extra.n > 0 {
			parts = append(parts, extra.text)
		}
	}
	line := strings.Join(parts, ", ") + " in " + formatDuration(o.Wall)
	if o.Interrupted {
		line += " (interrupted)"
	}
	return line
}

// formatDuration rounds d to the millisecond: "12ms", "2.013s".
func formatDuration(d time.Duration) string {
	return d.Round(time.Millisecond).String()
}
