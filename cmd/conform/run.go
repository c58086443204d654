package main

import (
	"context"
	"io"

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
lines) and a summary with the wall time.

Exit status: 0 when every scenario passed (or failed only as the baseline
expects), 1 for a conformance failure (a MUST failure, a SHOULD failure
with --strict, a stale or expired baseline entry), 2 for a usage or input
error (reported before any plugin starts), 3 for an internal error of
conform.
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
	flags.StringVar(&cfg.Transcripts, "transcripts", "", "write a replayable transcript of each failure into this folder")
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
	cfg.Plugins = plugins
	return harness.Run(ctx, cfg, stdout, stderr)
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
