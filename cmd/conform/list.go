package main

import (
	"context"
	"io"

	"github.com/conform-dev/conform/harness"
)

const listAbout = `
Lists the scenarios: the built-in suites, the --scenarios folders, and the
conform/ folder of each PLUGIN named (a folder holding manifest.json, or
the manifest file). Each line shows the id, level, profile, labels and the
CONFORMANCE.md rules the scenario proves. The filters are those of run.

With --coverage, lists every MUST and SHOULD rule of CONFORMANCE.md with
the scenarios proving it, marks the uncovered ones, and counts them.

Exit status: 0, or 2 for a usage or input error.
`

// runList is `conform list`.
func runList(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var cfg harness.ListConfig
	flags := newCommandFlags("list", "conform list [flags] [PLUGIN...]", listAbout)
	flags.StringVar(&cfg.Profile, "profile", "", "only scenarios for this profile: plugin or sdk (default: both)")
	flags.Var((*repeatedFlag)(&cfg.Scenarios), "scenarios", "a folder (or file) of scenario files to add; repeatable; replaces each plugin's conform/ folder")
	flags.BoolVar(&cfg.NoBuiltin, "no-builtin", false, "leave out the built-in suites")
	addSelectionFlags(flags, &cfg.Focus, &cfg.Skip, &cfg.LabelFilter)
	flags.BoolVar(&cfg.Coverage, "coverage", false, "list the rules of CONFORMANCE.md against the scenarios proving them")
	plugins, code, ok := flags.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	cfg.Plugins = plugins
	return harness.List(cfg, stdout, stderr)
}
