package harness

import (
	"errors"
	"fmt"
)

// writeReports writes each report file cfg asks for, from the same
// outcome, and returns every write error, naming the file.
func writeReports(cfg RunConfig, o Outcome) error {
	var errs []error
	for _, r := range []struct {
		path  string
		write func(string, Outcome) error
	}{
		{cfg.JSON, writeJSONReport},
		{cfg.JUnit, writeJUnitReport},
		{cfg.Markdown, writeMarkdownReport},
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
