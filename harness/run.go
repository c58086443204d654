package harness

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
)

// Run runs cfg: it loads and checks every input, builds the plugins, runs
// the selected scenarios (each in a fresh runtime and plugin process),
// prints one line per scenario, the details of each failure and a summary
// on stdout, writes the reports asked for, and returns the exit code. Input
// errors go to stderr, naming file, line and field, and return ExitUsage
// before any plugin starts: among them a plugin that cannot be started and
// a selection that leaves no scenario to run. When ctx ends (Ctrl-C), Run
// starts no more scenarios, reports the ones it stopped as interrupted
// (without a verdict), writes the reports marked interrupted and returns
// ExitInterrupted. A report named "-" goes to stdout, and the console then
// to stderr. Run may be called concurrently with itself when the writers
// and files allow it.
func Run(ctx context.Context, cfg plan.RunConfig, stdout, stderr io.Writer) int {
	cfg = cfg.WithDefaults()
	started := cfg.Now()
	p, err := plan.PreparePlan(ctx, cfg)
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "conform run: interrupted before any scenario started")
			return result.ExitInterrupted
		}
		plan.PrintInputErrors(stderr, "conform run", err)
		return result.ExitUsage
	}
	consoleOut := stdout
	if reportsToStdout(cfg) {
		consoleOut = stderr
	}
	events, closeEvents, err := openEvents(cfg, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "conform run: --jsonl: %v\n", err)
		return result.ExitUsage
	}
	defer closeEvents()
	opts := report.ConsoleOptions{Colour: cfg.Colour, GitHub: cfg.GitHub}
	console := report.NewConsole(consoleOut, len(p.Jobs), len(p.Plugins) > 1).WithOptions(opts)
	r := newRunner(cfg, p, console, events)
	events.RunStart(cfg.Profile, r.plugins(), len(p.Jobs), p.NotInProfile)
	out := r.runAll(ctx)
	out.Wall = cfg.Now().Sub(started)
	out.Started = started
	if ctx.Err() != nil {
		out.Interrupted = true
		console.Interrupted(r.interrupted)
	}
	if cfg.GitHub {
		files := r.sourceFiles()
		report.WriteAnnotations(consoleOut, out, func(i int) string { return files[i] })
	}
	report.PrintOutcomeWith(consoleOut, out, opts)
	code := out.ExitCode()
	if err := writeReports(cfg, out, stdout); err != nil {
		fmt.Fprintf(stderr, "conform run: %v\n", err)
		code = max(code, result.ExitInternal)
	}
	events.RunEnd(out)
	if err := events.Err(); err != nil {
		fmt.Fprintf(stderr, "conform run: writing --jsonl %s: %v\n", cfg.JSONL, err)
		code = max(code, result.ExitInternal)
	}
	if out.Interrupted {
		fmt.Fprintln(stderr, "conform run: interrupted; the reports mark the run interrupted")
	}
	return code
}

// reportsToStdout reports whether a report of cfg goes to stdout.
func reportsToStdout(cfg plan.RunConfig) bool {
	for _, path := range []string{cfg.JSON, cfg.JUnit, cfg.Markdown, cfg.JSONL} {
		if path == plan.Stdout {
			return true
		}
	}
	return false
}

// openEvents opens the --jsonl stream of cfg: nil without one (a nil
// stream writes nothing), stdout for "-", else the file, created afresh.
func openEvents(cfg plan.RunConfig, stdout io.Writer) (*report.EventStream, func(), error) {
	switch cfg.JSONL {
	case "":
		return nil, func() {}, nil
	case plan.Stdout:
		return report.NewEventStream(stdout, cfg.Now), func() {}, nil
	}
	f, err := os.Create(cfg.JSONL)
	if err != nil {
		return nil, nil, err
	}
	return report.NewEventStream(f, cfg.Now), func() { f.Close() }, nil
}
