package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/conform-dev/conform/harness/result"
)

// GitHub Actions output (conform run --github): workflow commands on the
// console and the Markdown summary appended to $GITHUB_STEP_SUMMARY. See
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions.

// WriteAnnotations prints one ::error (or, for a SHOULD warning, one
// ::warning) workflow command per result of o that needs a reader's
// attention, pointing at the scenario file and the failing step's line.
// file returns the repository path of the scenario file of o.Results[i].
func WriteAnnotations(w io.Writer, o result.Outcome, file func(i int) string) {
	for i, r := range o.Results {
		if !NeedsDetails(r) || r.Verdict == result.Pass && len(r.Warnings) == 0 {
			continue
		}
		level := "warning"
		if result.FailsRun(r, o.Strict) {
			level = "error"
		}
		props := []string{"file=" + escapeGitHubProperty(file(i))}
		if line := annotationLine(r); line > 0 {
			props = append(props, "line="+strconv.Itoa(line))
		}
		props = append(props, "title="+escapeGitHubProperty(annotationTitle(r)))
		fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeGitHubData(annotationMessage(r)))
	}
}

// annotationLine is the failing step's line, else the scenario's.
func annotationLine(r result.Result) int {
	if r.Failure != nil && r.Failure.Source.Line > 0 {
		return r.Failure.Source.Line
	}
	return r.Source.Line
}

// annotationTitle is "conform FAIL handshake.ready [LIFE-7] (testee)".
func annotationTitle(r result.Result) string {
	title := "conform " + strings.TrimSpace(verdictWords[r.Verdict]) + " " + r.ScenarioID + ruleSuffix(r)
	if r.Slug != "" {
		title += " (" + r.Slug + ")"
	}
	return title
}

// annotationMessage is what went wrong, in a few lines.
func annotationMessage(r result.Result) string {
	var lines []string
	switch f := r.Failure; {
	case r.Verdict == result.UnexpectedPass:
		lines = append(lines, "the scenario passed, but the baseline expects it to fail ("+r.Baseline+"): remove its entry")
	case f != nil:
		lines = append(lines, stepLabel(f)+f.Message)
		if f.Rule != "" {
			lines = append(lines, "rule "+f.Rule+": "+f.RuleText)
		}
		if f.Expected != "" || f.Got != "" {
			lines = append(lines, "expected: "+f.Expected, "got:      "+f.Got)
		}
	}
	for _, warning := range r.Warnings {
		lines = append(lines, "warning: "+warning)
	}
	return strings.Join(lines, "\n")
}

// escapeGitHubData escapes the message of a workflow command.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a property value of a workflow command.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// AppendMarkdownSummary appends o's Markdown report (as --markdown writes
// it) to the file at path, $GITHUB_STEP_SUMMARY, creating it if needed and
// never truncating what earlier steps wrote.
func AppendMarkdownSummary(path string, o result.Outcome) error {
	md, err := renderToBytes(WriteMarkdownReport, o)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(md); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// renderToBytes runs a report writer that takes a file name, through a
// temporary file, and returns what it wrote: the one way to send any
// report to standard output or append it to a file byte for byte as the
// writer makes it.
func renderToBytes(write func(string, result.Outcome) error, o result.Outcome) ([]byte, error) {
	dir, err := os.MkdirTemp("", "conform-report-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "report")
	if err := write(path, o); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// WriteReportTo writes o with a report writer that takes a file name to
// w instead (conform run --json - and the like).
func WriteReportTo(w io.Writer, write func(string, result.Outcome) error, o result.Outcome) error {
	data, err := renderToBytes(write, o)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
