package report

import (
	"fmt"
	"github.com/conform-dev/conform/harness/result"
	"io"
	"strings"
)

// writeDetails prints what went wrong in r for a person reading a CI log:
// where, which rule and its sentence, expected against got, the last
// frames and the plugin's last stderr lines.
func WriteDetails(w io.Writer, r result.Result, showPlugin, strict bool) {
	head := "--- " + strings.TrimSpace(verdictWords[r.Verdict]) + ": " + r.ScenarioID
	if showPlugin {
		head += " (" + r.Slug + ")"
	}
	if r.Verdict == result.Fail && !result.FailsRun(r, strict) {
		head += " — a SHOULD: warning only"
	}
	fmt.Fprintln(w, head)
	if r.Verdict == result.UnexpectedPass {
		fmt.Fprintf(w, "    the scenario passed, but the baseline expects it to fail (%s): remove its entry\n", r.Baseline)
	}
	if f := r.Failure; f != nil {
		writeFailure(w, f)
	}
	for _, warning := range r.Warnings {
		fmt.Fprintf(w, "    warning: %s\n", warning)
	}
	if r.TranscriptFile != "" {
		fmt.Fprintf(w, "    transcript: %s\n", r.TranscriptFile)
	}
}

func writeFailure(w io.Writer, f *result.Failure) {
	fmt.Fprintf(w, "    %s: %s%s\n", f.Source, stepLabel(f), f.Message)
	if f.Rule != "" {
		fmt.Fprintf(w, "    rule %s: %s\n", f.Rule, f.RuleText)
	}
	if f.Expected != "" || f.Got != "" {
		fmt.Fprintf(w, "    expected: %s\n    got:      %s\n", f.Expected, f.Got)
	}
	writeIndented(w, "last frames:", f.Frames)
	writeIndented(w, "last stderr lines:", f.Stderr)
}

// stepLabel is "step 3 (expect_frame): ", or "" when the failure is not
// tied to a step.
func stepLabel(f *result.Failure) string {
	if f.Step == 0 {
		return ""
	}
	return fmt.Sprintf("step %d (%s): ", f.Step, f.StepKind)
}

func writeIndented(w io.Writer, title string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "    %s\n", title)
	for _, l := range lines {
		fmt.Fprintf(w, "      %s\n", l)
	}
}
