package main

import (
	"context"
	"io"

	"github.com/conform-dev/conform/harness"
)

const baselineAbout = `
Rewrites a baseline file (the expected failures "conform run --baseline"
reads) from the JSON report of a run: keeps each entry, with its reason,
whose scenario still fails or did not run; drops each whose scenario
passed; adds an entry for each new failure with the reason
"failing since <date>: say why", for you to replace. Creates the file when
it does not exist.

Exit status: 0, or 2 for a usage or input error.
`

// defaultBaselineFile is where baseline update writes without --baseline.
const defaultBaselineFile = "conform-baseline.yaml"

// runBaseline is `conform baseline`; its only subcommand is update.
func runBaseline(_ context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := harness.BaselineUpdateConfig{}
	flags := newCommandFlags("baseline", "conform baseline update --from REPORT.json [--baseline FILE]", baselineAbout)
	flags.StringVar(&cfg.From, "from", "", "the JSON report of a run (conform run --json)")
	flags.StringVar(&cfg.Baseline, "baseline", defaultBaselineFile, "the baseline file to rewrite")
	positional, code, ok := flags.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(positional) != 1 || positional[0] != "update" {
		return flagError(flags, stderr, `want the subcommand "update"`)
	}
	if cfg.From == "" {
		return flagError(flags, stderr, "--from is required: the JSON report of a run")
	}
	return harness.UpdateBaseline(cfg, stdout, stderr)
}
