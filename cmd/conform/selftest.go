package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/conform-dev/conform/harness"
)

const selftestAbout = `
Proves the built-in suites. Runs every reference testee (fixtures/plugins/*)
under both profiles and every mutant (fixtures/mutants/*/) against every
built-in scenario, each in a fresh runtime, and checks that the references
pass everything and that each mutant is caught by exactly the scenarios its
mutant.yaml lists in caught_by, at least one of them proving a rule the
mutant breaks, and every one of them blaming a rule in the mutant's
breaks. A mutant no scenario catches fails the self-test.

Prints one line per reference, one per mutant with the scenarios that
caught it, then every problem, the precision (how many failing results of
mutants name a rule the mutant breaks) and a closing line. With --matrix
FILE it also writes the whole matrix as CSV: a row per scenario, a column
per mutant, the rule blamed where the scenario caught the mutant, and how
many mutants each scenario catches. With --times FILE it writes one CSV row
per run: testee, scenario, profile, verdict, rule blamed, milliseconds.

With --write, first rewrites each mutant's caught_by to what was observed
(like a golden-file update: review the diff).

Exit status: 0 when all holds, 1 otherwise, 2 for a usage or input error,
3 for an internal error of conform.
`

// runSelftest is `conform selftest`.
func runSelftest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var cfg harness.SelftestConfig
	flags := newCommandFlags("selftest", "conform selftest [flags]", selftestAbout)
	flags.StringVar(&cfg.Root, "root", "", "the repository holding fixtures/ (default: the folder holding go.mod, from the working directory up)")
	flags.Var((*repeatedFlag)(&cfg.Mutants), "mutant", "run only this mutant, and no reference; repeatable")
	flags.IntVar(&cfg.Parallel, "parallel", harness.DefaultSelftestParallel(), "how many scenario runs go at once")
	flags.BoolVar(&cfg.Write, "write", false, "rewrite each mutant's caught_by from what was observed")
	flags.StringVar(&cfg.Matrix, "matrix", "", "also write the mutant × scenario matrix to this CSV `file`")
	flags.StringVar(&cfg.Times, "times", "", "also write one CSV row per run, with its verdict and milliseconds, to this `file`")
	rest, code, ok := flags.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return flagError(flags, stderr, fmt.Sprintf("unexpected argument %q", rest[0]))
	}
	if cfg.Parallel < 1 {
		return flagError(flags, stderr, fmt.Sprintf("--parallel %d: want 1 or more", cfg.Parallel))
	}
	if cfg.Root == "" {
		root, err := moduleRoot()
		if err != nil {
			return flagError(flags, stderr, err.Error())
		}
		cfg.Root = root
	}
	return harness.Selftest(ctx, cfg, stdout, stderr)
}

// moduleRoot walks up from the working directory to the folder holding
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in the working directory or above it: name the repository with --root")
		}
		dir = parent
	}
}
