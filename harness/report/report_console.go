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

// ConsoleOptions change how the console prints.
type ConsoleOptions struct {
	// Colour colours the verdict words and the summary with ANSI codes;
	// for a terminal only, never with NO_COLOR or into a pipe.
	Colour bool
	// GitHub folds the details of each scenario in ::group:: and
	// ::endgroup:: workflow commands (GitHub Actions).
	GitHub bool
}

// console prints a run as it goes: one line per finished scenario. Its
// caller serialises calls.
type Console struct {
	w          io.Writer
	total      int
	showPlugin bool // several plugins: name the plugin on each line
	opts       ConsoleOptions
}

func NewConsole(w io.Writer, total int, showPlugin bool) *Console {
	return &Console{w: w, total: total, showPlugin: showPlugin}
}

// WithOptions returns c printing as opts say.
func (c *Console) WithOptions(opts ConsoleOptions) *Console {
	c.opts = opts
	return c
}

// Step prints, for -v, that a step of a scenario starts.
func (c *Console) Step(r result.Result, step, steps int, kind string, at result.Source) {
	plugin := ""
	if c.showPlugin {
		plugin = " (" + r.Slug + ")"
	}
	fmt.Fprintf(c.w, "  %s%s step %d/%d %s — %s\n", r.ScenarioID, plugin, step, steps, kind, at)
}

// Start prints, for -v, that a scenario starts.
func (c *Console) Start(r result.Result) {
	plugin := ""
	if c.showPlugin {
		plugin = " (" + r.Slug + ")"
	}
	fmt.Fprintf(c.w, "=== RUN   %s%s\n", r.ScenarioID, plugin)
}

// Interrupted prints that the scenarios of ids were still running when the
// run was interrupted; they get no verdict.
func (c *Console) Interrupted(ids []string) {
	if len(ids) == 0 {
		return
	}
	fmt.Fprintf(c.w, "%s %s — interrupted, no verdict\n", paint(c.opts.Colour, ansiYellow, "INTR "), strings.Join(ids, ", "))
}

// line prints the n-th finished result.
func (c *Console) Line(n int, r result.Result, strict bool) {
	var b strings.Builder
	if c.total >= progressThreshold {
		width := len(fmt.Sprint(c.total))
		fmt.Fprintf(&b, "[%*d/%d] ", width, n, c.total)
	}
	b.WriteString(paint(c.opts.Colour, verdictColour(r, strict), verdictWords[r.Verdict]) + " " + r.ScenarioID)
	if c.showPlugin {
		b.WriteString(" (" + r.Slug + ")")
	}
	if r.Verdict != result.Skip {
		b.WriteString(" " + formatDuration(r.Duration))
	}
	if note := verdictNote(r, strict); note != "" {
		b.WriteString(" — " + note)
	}
	if r.SelfCheck {
		b.WriteString(" (runtime self-check)")
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
		if r.SelfCheck {
			return "the runtime's own check could not run: a fault of conform or of this machine"
		}
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
func PrintOutcome(w io.Writer, o result.Outcome) { PrintOutcomeWith(w, o, ConsoleOptions{}) }

// PrintOutcomeWith is PrintOutcome printing as opts say. It ends with the
// index of the scenarios that failed the run, one per line, right above
// the summary line, so the last lines of a log say what to look at.
func PrintOutcomeWith(w io.Writer, o result.Outcome, opts ConsoleOptions) {
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
		if opts.GitHub {
			fmt.Fprintf(w, "::group::%s %s\n", strings.TrimSpace(verdictWords[r.Verdict]), escapeGitHubData(r.ScenarioID+ruleSuffix(r)))
		}
		WriteDetails(w, r, showPlugin, o.Strict)
		if grouped {
			for _, l := range sameCauseLines(c, o.Results) {
				fmt.Fprintf(w, "    %s\n", l)
			}
		}
		if opts.GitHub {
			fmt.Fprintln(w, "::endgroup::")
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
	printAreaLevels(w, o, showPlugin)
	if failed := failedIndex(o, showPlugin, opts.Colour); len(failed) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "failed (%d):\n", len(failed))
		for _, l := range failed {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	fmt.Fprintln(w)
	line := summaryLine(o)
	if opts.Colour {
		line = paint(true, map[bool]string{true: ansiGreen, false: ansiRed}[o.ExitCode() == result.ExitPass], line)
	}
	fmt.Fprintln(w, line)
}

// failedIndex lists the results that fail the run (failures, errors,
// unexpected passes), one line each: verdict, id, rule and file:line.
func failedIndex(o result.Outcome, showPlugin, colour bool) []string {
	var lines []string
	for _, r := range o.Results {
		if !result.FailsRun(r, o.Strict) {
			continue
		}
		l := paint(colour, ansiRed, verdictWords[r.Verdict]) + " " + r.ScenarioID
		if showPlugin {
			l += " (" + r.Slug + ")"
		}
		l += ruleSuffix(r)
		if r.Failure != nil && r.Failure.Source.File != "" {
			l += " " + r.Failure.Source.String()
		}
		if r.SelfCheck {
			l += " (runtime self-check)"
		}
		lines = append(lines, l)
	}
	return lines
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
// other counts when they are not zero. The verdict counts are the
// plugin's; the runtime self-checks and the scenarios of the other
// profile are counted after them, apart.
func summaryLine(o result.Outcome) string {
	s := o.Summary()
	parts := []string{
		fmt.Sprintf("%d passed", s.Passed), fmt.Sprintf("%d failed", s.Failed), fmt.Sprintf("%d skipped", s.Skipped),
	}
	selfChecks := ""
	if s.SelfChecks > 0 {
		selfChecks = fmt.Sprintf("%d runtime self-checks passed", s.SelfChecks-s.SelfChecksFailed)
		if s.SelfChecksFailed > 0 {
			selfChecks = fmt.Sprintf("%d of %d runtime self-checks failed", s.SelfChecksFailed, s.SelfChecks)
		}
	}
	for _, extra := range []struct {
		n    int
		text string
	}{
		{s.Warned, fmt.Sprintf("%d warned (SHOULD)", s.Warned)}, {s.XFail, fmt.Sprintf("%d xfail", s.XFail)},
		{s.XPass, fmt.Sprintf("%d xpass", s.XPass)}, {s.Errors, fmt.Sprintf("%d error", s.Errors)},
		{len(o.BaselineProblems), words.Count(len(o.BaselineProblems), "baseline problem")}, {o.NotRun, fmt.Sprintf("%d not run", o.NotRun)},
		{s.SelfChecks, selfChecks}, {s.NotInProfile, fmt.Sprintf("%d not in this profile", s.NotInProfile)},
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

// ANSI colours of the console.
const (
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiReset  = "\x1b[0m"
)

// paint wraps text in colour when on is true.
func paint(on bool, colour, text string) string {
	if !on || colour == "" {
		return text
	}
	return colour + text + ansiReset
}

// verdictColour is the colour of r's verdict word: green for a pass, red
// for what fails the run, yellow for the rest but skips.
func verdictColour(r result.Result, strict bool) string {
	switch {
	case r.Verdict == result.Pass:
		return ansiGreen
	case result.FailsRun(r, strict):
		return ansiRed
	case r.Verdict == result.Skip:
		return ""
	}
	return ansiYellow
}
