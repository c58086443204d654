package harness

import (
	"errors"
	"fmt"
	"io"

	"github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
)

// writeReports writes each report file cfg asks for, from the same
// outcome, and returns every write error, naming the file.
// A report named "-" goes to stdout.
func writeReports(cfg plan.RunConfig, o result.Outcome, stdout io.Writer) error {
	var errs []error
	for _, r := range []struct {
		path  string
		write func(string, result.Outcome) error
	}{
		{cfg.JSON, report.WriteJSONReport},
		{cfg.JUnit, report.WriteJUnitReport},
		{cfg.Markdown, report.WriteMarkdownReport},
	} {
		var err error
		switch r.path {
		case "":
			continue
		case plan.Stdout:
			err = report.WriteReportTo(stdout, r.write, o)
		default:
			err = r.write(r.path, o)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("writing %s: %w", r.path, err))
		}
	}
	if cfg.GitHub && cfg.GitHubSummary != "" {
		if err := report.AppendMarkdownSummary(cfg.GitHubSummary, o); err != nil {
			errs = append(errs, fmt.Errorf("appending to $GITHUB_STEP_SUMMARY %s: %w", cfg.GitHubSummary, err))
		}
	}
	return errors.Join(errs...)
}
