package harness

import (
	"context"
	"fmt"
	"github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
	"io"
)

// Run runs cfg: it loads and checks every input, builds the plugins, runs
// the selected scenarios (each in a fresh runtime and plugin process),
// prints one line per scenario, the details of each failure and a summary
// on stdout, writes the reports asked for, and returns the exit code. Input
// errors go to stderr, naming file, line and field, and return ExitUsage
// before any plugin starts. When ctx ends, Run stops starting scenarios,
// reports what ran and returns ExitInternal. Run may be called
// concurrently with itself when the writers and files allow it.
func Run(ctx context.Context, cfg plan.RunConfig, stdout, stderr io.Writer) int {
	cfg = cfg.WithDefaults()
	started := cfg.Now()
	p, err := plan.PreparePlan(ctx, cfg)
	if err != nil {
		plan.PrintInputErrors(stderr, "conform run", err)
		return result.ExitUsage
	}
	out := newRunner(cfg, p, stdout).runAll(ctx)
	out.Wall = cfg.Now().Sub(started)
	out.Started = started
	if ctx.Err() != nil && out.NotRun > 0 {
		out.Interrupted = true
	}
	report.PrintOutcome(stdout, out)
	if err := writeReports(cfg, out); err != nil {
		fmt.Fprintf(stderr, "conform run: %v\n", err)
		return result.ExitInternal
	}
	return out.ExitCode()
}
