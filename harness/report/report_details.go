package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/conform-dev/conform/harness/internal/words"
	"github.com/conform-dev/conform/harness/result"
)

// WriteDetails prints what went wrong in r for a person reading a CI log:
// where, which rule and its sentence, expected against got, the last
// frames and the plugin's last stderr lines. Every text is escaped with
// words.Visible, so a plugin's colour codes and control bytes show as
// "\x1b[31m" instead of acting on the terminal.
func WriteDetails(w io.Writer, r result.Result, showPlugin, strict bool) {
	writeDetails(w, r, showPlugin, strict, words.Visible)
}

// writeDetails is WriteDetails with clean applied to each text it prints
// (words.Visible for a console, words.Line for a report).
func writeDetails(w io.Writer, r result.Result, showPlugin, strict bool, clean func(string) string) {
	head := "--- " + strings.TrimSpace(verdictWords[r.Verdict]) + ": " + clean(r.ScenarioID)
	if showPlugin {
		head += " (" + clean(r.Slug) + ")"
	}
	if r.Verdict == result.Fail && !result.FailsRun(r, strict) {
		head += " — a SHOULD: warning only"
	}
	fmt.Fprintln(w, head)
	if r.Verdict == result.UnexpectedPass {
		fmt.Fprintf(w, "    the scenario passed, but the baseline expects it to fail (%s): remove its entry\n", clean(r.Baseline))
	}
	if f := r.Failure; f != nil {
		writeFailure(w, f, clean)
	}
	for _, warning := range r.Warnings {
		fmt.Fprintf(w, "    warning: %s\n", clean(warning))
	}
	if r.TranscriptFile != "" {
		fmt.Fprintf(w, "    transcript: %s\n", clean(r.TranscriptFile))
	}
}

func writeFailure(w io.Writer, f *result.Failure, clean func(string) string) {
	fmt.Fprintf(w, "    %s: %s%s\n", clean(f.Source.String()), clean(stepLabel(f)), clean(f.Message))
	if f.Rule != "" {
		fmt.Fprintf(w, "    rule %s: %s\n", clean(f.Rule), clean(f.RuleText))
	}
	if f.Expected != "" || f.Got != "" {
		fmt.Fprintf(w, "    expected: %s\n    got:      %s\n", clean(f.Expected), clean(f.Got))
	}
	writeIndented(w, "last frames:", f.Frames, clean)
	writeIndented(w, "last stderr lines:", f.Stderr, clean)
}

// stepLabel is "step 3 (expect_frame): ", or "" when the failure is not
// tied to a step.
func stepLabel(f *result.Failure) string {
	if f.Step == 0 {
		return ""
	}
	return fmt.Sprintf("step %d (%s): ", f.Step, f.StepKind)
}

func writeIndented(w io.Writer, title string, lines []string, clean func(string) string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "    %s\n", title)
	for _, l := range lines {
		fmt.Fprintf(w, "      %s\n", clean(l))
	}
}

// pluginLabel names p in a report: its slug, followed by its manifest path
// when another plugin of the run has the same slug, so that three testees
// sharing a slug stay apart.
func pluginLabel(plugins []result.RunPlugin, p result.RunPlugin) string {
	return slugLabel(plugins, p.Slug, p.Path)
}

// slugLabel is pluginLabel for the plugin of a result or cause.
func slugLabel(plugins []result.RunPlugin, slug, path string) string {
	for _, other := range plugins {
		if other.Slug == slug && other.Path != path {
			return slug + " (" + path + ")"
		}
	}
	return slug
}
