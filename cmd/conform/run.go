package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/conform-dev/conform/harness"
)

const runAbout = `
Runs the conformance scenarios against each PLUGIN (a folder holding
manifest.json, or the manifest file): the built-in suites plus the plugin's
own conform/*.yaml (or the --scenarios folders instead). Each scenario runs
in a fresh runtime and a fresh plugin process. Build steps run once, before
any plugin starts.

Prints one line per scenario, the details of each failure (where, the rule
broken and its sentence, expected against got, the last frames and stderr
lines), the failed scenarios and a summary with the wall time. Scenarios
written for the other profile are not run, only counted ("N not in this
profile"). Runtime self-checks (scenarios that never run the plugin: a
script stands in for it, or no plugin starts) are counted apart from the
plugin's results. Colour only on a terminal, never with NO_COLOR set.

A report FILE of "-" goes to standard output, the console then to
standard error.

Exit status: 0 when every scenario passed (or failed only as the baseline
expects), 1 for a conformance failure (a MUST failure, a SHOULD failure
with --strict, a stale or expired baseline entry), 2 for a usage or input
error, reported before any plugin starts (among them a plugin whose
backend.command cannot be started, and a selection that leaves no
scenario to run), 3 for an internal error of conform (an error verdict,
a failed runtime self-check), 130 when interrupted (Ctrl-C), after the
reports of what ran were written, marked interrupted.
`

// runRun is `conform run`.
func runRun(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var cfg harness.RunConfig
	flags := newCommandFlags("run", "conform run [flags] PLUGIN...", runAbout)
	flags.StringVar(&cfg.Profile, "profile", harness.ProfilePlugin, "the profile to check: plugin (any plugin) or sdk (a testee of CONFORMANCE.md §15)")
	flags.Var((*repeatedFlag)(&cfg.Scenarios), "scenarios", "a folder (or file) of scenario files to add; repeatable; replaces each plugin's conform/ folder")
	flags.BoolVar(&cfg.NoBuiltin, "no-builtin", false, "leave out the built-in suites")
	flags.StringVar(&cfg.Baseline, "baseline", "", "a YAML file of expected failures, each with a reason")
	flags.StringVar(&cfg.JUnit, "junit", "", "write a JUnit XML report to this file")
	flags.StringVar(&cfg.JSON, "json", "", "write the JSON report (schemas/report.json) to this file")
	flags.StringVar(&cfg.Markdown, "markdown", "", "write a Markdown summary (for CI job summaries) to this file")
	flags.StringVar(&cfg.JSONL, "jsonl", "", "write a JSON Lines stream of the run's events (schemas/event.json) to this file as the run goes")
	flags.StringVar(&cfg.Transcripts, "transcripts", "", "write a replayable transcript of each failure into this folder")
	flags.BoolVar(&cfg.GitHub, "github", os.Getenv("GITHUB_ACTIONS") == "true", "GitHub Actions output: ::error annotations, details in ::group::, the Markdown summary appended to $GITHUB_STEP_SUMMARY (default on when GITHUB_ACTIONS=true)")
	flags.BoolVar(&cfg.Verbose, "v", false, "print each scenario and each of its steps as they start")
	flags.IntVar(&cfg.Parallel, "parallel", harness.DefaultParallel(), "how many scenarios run at once")
	flags.StringVar(&cfg.Shard, "shard", "", "run only shard I of N, as I/N")
	flags.StringVar(&cfg.RerunFailed, "rerun-failed", "", "run only the scenarios that failed in this JSON report")
	addSelectionFlags(flags, &cfg.Focus, &cfg.Skip, &cfg.LabelFilter)
	flags.BoolVar(&cfg.FailFast, "fail-fast", false, "start no more scenarios after the first failure")
	flags.BoolVar(&cfg.Strict, "strict", false, "SHOULD failures fail the run")
	flags.Float64Var(&cfg.TimeoutScale, "timeout-scale", 1, "multiply every time bound of the scenarios by this factor")
	plugins, code, ok := flags.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(plugins) == 0 {
		return flagError(flags, stderr, "name at least one PLUGIN")
	}
	if msg := checkNumbers(flags, cfg); msg != "" {
		return flagError(flags, stderr, msg)
	}
	cfg.Plugins = plugins
	cfg.GitHubSummary = os.Getenv("GITHUB_STEP_SUMMARY")
	cfg.Colour = colourFor(stdout)
	return harness.Run(ctx, cfg, stdout, stderr)
}

// checkNumbers refuses the numeric flags given with a value that means
// nothing (the library reads 0 as "the default"; a user who types 0 means
// something else).
func checkNumbers(flags *commandFlags, cfg harness.RunConfig) string {
	given := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { given[f.Name] = true })
	switch {
	case given["parallel"] && cfg.Parallel < 1:
		return fmt.Sprintf("--parallel %d: want 1 or more", cfg.Parallel)
	case given["timeout-scale"] && !(cfg.TimeoutScale > 0):
		return fmt.Sprintf("--timeout-scale %g: want a number above 0", cfg.TimeoutScale)
	}
	return ""
}

// colourFor reports whether the console on w may be coloured: w is a
// terminal and NO_COLOR is unset or empty (https://no-color.org).
func colourFor(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// addSelectionFlags adds the flags run and list share to choose scenarios.
func addSelectionFlags(flags *commandFlags, focus, skip, labels *string) {
	flags.StringVar(focus, "focus", "", "run only scenarios whose id or title matches this regular expression")
	flags.StringVar(skip, "skip", "", "leave out scenarios whose id or title matches this regular expression")
	flags.StringVar(labels, "label-filter", "", `run only scenarios whose labels match this Ginkgo label filter, as "framing && !slow"`)
}

// repeatedFlag is a string flag that may be given several times.
type repeatedFlag []string

func (r *repeatedFlag) String() string { return "" }

func (r *repeatedFlag) Set(v string) error {
	*r = append(*r, v)
	return nil
}
