package harness

import (
	"errors"
	"fmt"
	"github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
)

// writeReports writes each report file cfg asks for, from the same
// outcome, and returns every write error, naming the file.
func writeReports(cfg plan.RunConfig, o result.Outcome) error {
	var errs []error
	for _, r := range []struct {
		path  string
		write func(string, result.Outcome) error
	}{
		{cfg.JSON, report.WriteJSONReport},
		{cfg.JUnit, report.WriteJUnitReport},
		{cfg.Markdown, report.WriteMarkdownReport},
	} {
		if r.path == "" {
			continue
		}
		if err := r.write(r.path, o); err != nil {
			errs = append(errs, fmt.Errorf("writing %s: %w", r.path, err))
		}
	}
	return errors.Join(errs...)
}
