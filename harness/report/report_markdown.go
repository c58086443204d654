package report

import (
	"bytes"
	"fmt"
	"github.com/conform-dev/conform/harness/result"
	"io"
	"os"
	"strings"
)

// writeMarkdownReport writes o as Markdown for a CI job summary: a table of
// counts per plugin, then the details of each failure.
func WriteMarkdownReport(path string, o result.Outcome) error {
	var b bytes.Buffer
	writeMarkdown(&b, o)
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func writeMarkdown(w io.Writer, o result.Outcome) {
	fmt.Fprintf(w, "# conform: %s\n\n", markdownVerdict(o))
	fmt.Fprintf(w, "Profile `%s`%s. %s.\n\n", o.Profile, map[bool]string{true: ", strict", false: ""}[o.Strict], summaryLine(o))
	fmt.Fprintln(w, "| plugin | passed | failed | warned | skipped | xfail | xpass | error |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, p := range o.Plugins {
		s := pluginSummary(o, p.Path)
		fmt.Fprintf(w, "| `%s` | %d | %d | %d | %d | %d | %d | %d |\n", p.Slug, s.Passed, s.Failed, s.Warned, s.Skipped, s.XFail, s.XPass, s.Errors)
	}
	writeMarkdownProblems(w, o)
}

// markdownVerdict is the heading's word for the whole run.
func markdownVerdict(o result.Outcome) string {
	switch o.ExitCode() {
	case result.ExitPass:
		return "passed"
	case result.ExitFail:
		return "failed"
	}
	return "error"
}

func pluginSummary(o result.Outcome, path string) result.Summary {
	var s result.Summary
	for _, r := range o.Results {
		if r.Plugin == path {
			s.Add(r, o.Strict)
		}
	}
	return s
}

// writeMarkdownProblems lists the baseline's problems and the details of
// each result that needs attention, in fenced blocks.
func writeMarkdownProblems(w io.Writer, o result.Outcome) {
	if len(o.BaselineProblems) > 0 {
		fmt.Fprint(w, "\n## Baseline problems\n\n")
		for _, p := range o.BaselineProblems {
			fmt.Fprintf(w, "- %s\n", markdownEscape(p.String()))
		}
	}
	causes := Causes(o.Results, o.Strict)
	if len(causes) > 0 {
		fmt.Fprint(w, "\n## Failures by cause\n\n| cause | plugin | scenarios |\n| --- | --- | ---: |\n")
		for _, c := range causes {
			fmt.Fprintf(w, "| %s | `%s` | %d |\n", markdownEscape(c.title()), c.Slug, len(c.Scenarios))
		}
	}
	first := true
	for _, r := range o.Results {
		if !NeedsDetails(r) {
			continue
		}
		c, grouped, firstOfCause := causeOf(causes, r)
		if grouped && !firstOfCause {
			continue
		}
		if first {
			fmt.Fprint(w, "\n## Failures\n")
			first = false
		}
		fmt.Fprintf(w, "\n### %s `%s` (%s)\n\n", strings.TrimSpace(verdictWords[r.Verdict]), r.ScenarioID, r.Slug)
		fmt.Fprintf(w, "```\n%s```\n", detailsText(r, o.Strict))
		if more := sameCauseLines(c, o.Results); grouped && len(more) > 0 {
			fmt.Fprintf(w, "\n%s\n\n", markdownEscape(more[0]))
			for _, l := range more[1:] {
				fmt.Fprintf(w, "- %s\n", markdownEscape(strings.TrimSpace(l)))
			}
		}
	}
}

var markdownEscaper = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`")

func markdownEscape(s string) string { return markdownEscaper.Replace(s) }
