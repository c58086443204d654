package selftest

import (
	"context"
	"fmt"
	"github.com/conform-dev/conform/harness/engine"
	"github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/result"
	"io"
	"io/fs"
	"runtime"
	"time"
)

// SelftestConfig is what `conform selftest` does: the flags of the
// command, one field each. The zero value of a field is its default unless
// it says otherwise.
type SelftestConfig struct {
	// Root is the repository: the reference testees are the folders of
	// fixtures/plugins below it, the mutants those of fixtures/mutants
	// holding a mutant.yaml.
	Root string
	// Mutants names the only mutants to run; the references are then left
	// out. Every mutant, and every reference, when empty.
	Mutants  []string
	Parallel int  // scenario runs at once; 0 means DefaultSelftestParallel
	Write    bool // rewrite each mutant's caught_by from what was observed
	// Matrix is where to write the mutant × scenario matrix as CSV; none
	// when empty.
	Matrix string
	// Times is where to write one CSV row per run (testee, scenario,
	// profile, verdict, rule blamed, milliseconds); none when empty.
	Times string

	// Builtin holds the built-in suites; nil means suites.FS.
	Builtin fs.FS
	// Execute runs a scenario; nil means the package's Execute.
	Execute engine.Executor
	// Now tells the time, for the wall time; nil means time.Now.
	Now func() time.Time
}

// Selftest proves the built-in suites: it runs every reference testee
// under both profiles and every mutant against every built-in scenario,
// each scenario in a fresh runtime. It checks that the references pass
// everything and that each mutant fails exactly the scenarios its
// mutant.yaml declares in caught_by, at least one of them proving a rule
// the mutant breaks. It prints one line per testee (for a mutant, the
// scenarios that caught it) and every problem on stdout, and returns
// ExitPass when all holds, ExitFail otherwise, ExitUsage for bad input
// (reported on stderr before anything runs) and ExitInternal when ctx ended
// first. With Write it first rewrites each mutant's caught_by to what was
// observed, then judges against that. With Matrix it also writes the
// mutant × scenario matrix there, and with Times every run's time (a
// folder that does not exist is an input error). Safe for concurrent use with other calls that do not write the
// same files.
func Selftest(ctx context.Context, cfg SelftestConfig, stdout, stderr io.Writer) int {
	cfg = cfg.withDefaults()
	started := cfg.Now()
	err := checkMatrixPath("--matrix", cfg.Matrix)
	if err == nil {
		err = checkMatrixPath("--times", cfg.Times)
	}
	var st *selftest
	if err == nil {
		st, err = loadSelftest(ctx, cfg)
	}
	if err != nil {
		plan.PrintInputErrors(stderr, "conform selftest", err)
		return result.ExitUsage
	}
	fmt.Fprintf(stdout, "selftest: %d scenarios, %d references, %d mutants: %d runs, %d at once\n",
		len(st.scenarios), st.count(false), st.count(true), len(st.jobs), cfg.Parallel)
	results := st.run(ctx, cfg)
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "conform selftest: interrupted: %v\n", context.Cause(ctx))
		return result.ExitInternal
	}
	results = st.confirm(ctx, cfg, results, stdout)
	verdicts := st.judge(results)
	if cfg.Write {
		if err := st.writeCaughtBy(verdicts, stdout); err != nil {
			fmt.Fprintf(stderr, "conform selftest: %v\n", err)
			return result.ExitInternal
		}
		verdicts = st.judge(results)
	}
	perRule := st.manifestsPerRule
	if len(cfg.Mutants) > 0 {
		perRule = nil // only a run of every mutant says how well each rule is proven
	}
	wall := cfg.Now().Sub(started)
	printRunTime(stdout, st.jobs, results, wall)
	code := printSelftest(stdout, verdicts, perRule, wall)
	if cfg.Matrix != "" {
		if err := writeMatrix(cfg.Matrix, st.scenarios, verdicts); err != nil {
			fmt.Fprintf(stderr, "conform selftest: %v\n", err)
			return result.ExitInternal
		}
	}
	if cfg.Times != "" {
		if err := writeTimes(cfg.Times, st.jobs, results); err != nil {
			fmt.Fprintf(stderr, "conform selftest: %v\n", err)
			return result.ExitInternal
		}
	}
	return code
}

// withDefaults fills the fields whose zero value means a default.
func (cfg SelftestConfig) withDefaults() SelftestConfig {
	if cfg.Parallel == 0 {
		cfg.Parallel = DefaultSelftestParallel()
	}
	if cfg.Execute == nil {
		cfg.Execute = engine.Execute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}

// DefaultSelftestParallel is how many scenario runs the self-test keeps
// going at once without --parallel: four per CPU, since most of a run is
// spent waiting for a plugin, often one that never answers. Safe for
// concurrent use.
func DefaultSelftestParallel() int { return 4 * runtime.GOMAXPROCS(0) }
