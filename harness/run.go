package harness

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/conform-dev/conform/mockruntime"
)

// Exit codes of Run, Replay and the other commands (the CLI contract of
// ../shared/BRIEF.md).
const (
	ExitPass     = 0 // every scenario passed, or failed only as the baseline expects
	ExitFail     = 1 // a conformance failure
	ExitUsage    = 2 // a usage or input error, reported before any plugin starts
	ExitInternal = 3 // a fault of conform itself
)

// Executor runs one scenario against one target; Execute is the real one.
// Tests inject a fake that returns chosen verdicts instantly. An Executor
// is called from several goroutines at once (--parallel).
type Executor func(ctx context.Context, sc *Scenario, t Target, o ExecOptions) (Result, []mockruntime.Entry)

// RunConfig is what `conform run` does: the flags of the command, one
// field each. The zero value of a field is its default unless it says
// otherwise.
type RunConfig struct {
	Plugins      []string // folders holding manifest.json, or the manifest files
	Profile      string   // ProfilePlugin (default) or ProfileSDK
	Scenarios    []string // extra scenario folders or files; when empty, each plugin's conform/ folder
	NoBuiltin    bool     // leave out the built-in suites
	Baseline     string   // the baseline file, "" for none
	JUnit        string   // where to write the JUnit XML report
	JSON         string   // where to write the JSON report
	Markdown     string   // where to write the Markdown summary
	Transcripts  string   // the folder for a replayable transcript per failure
	Parallel     int      // scenarios run at once; 0 means GOMAXPROCS
	Shard        string   // "I/N": run the I-th of N shards
	RerunFailed  string   // a JSON report: run only what failed in it
	Focus        string   // a regular expression over id and title: run only matches
	Skip         string   // a regular expression over id and title: leave out matches
	LabelFilter  string   // a Ginkgo label filter expression
	FailFast     bool     // stop starting scenarios after the first failure
	Strict       bool     // SHOULD failures fail the run
	TimeoutScale float64  // multiplies every scenario time bound; 0 means 1

	// Builtin holds the built-in suites; nil means suites.FS.
	Builtin fs.FS
	// Execute runs a scenario; nil means the package's Execute.
	Execute Executor
	// Now tells the time, for the wall time and baseline expiry; nil means
	// time.Now.
	Now func() time.Time
}

// Run runs cfg: it loads and checks every input, builds the plugins, runs
// the selected scenarios (each in a fresh runtime and plugin process),
// prints one line per scenario, the details of each failure and a summary
// on stdout, writes the reports asked for, and returns the exit code. Input
// errors go to stderr, naming file, line and field, and return ExitUsage
// before any plugin starts. When ctx ends, Run stops starting scenarios,
// reports what ran and returns ExitInternal. Run may be called
// concurrently with itself when the writers and files allow it.
func Run(ctx context.Context, cfg RunConfig, stdout, stderr io.Writer) int {
	cfg = cfg.withDefaults()
	started := cfg.Now()
	p, err := preparePlan(ctx, cfg)
	if err != nil {
		printInputErrors(stderr, "conform run", err)
		return ExitUsage
	}
	out := newRunner(cfg, p, stdout).runAll(ctx)
	out.Wall = cfg.Now().Sub(started)
	out.Started = started
	if ctx.Err() != nil && out.NotRun > 0 {
		out.Interrupted = true
	}
	printOutcome(stdout, out)
	if err := writeReports(cfg, out); err != nil {
		fmt.Fprintf(stderr, "conform run: %v\n", err)
		return ExitInternal
	}
	return out.ExitCode()
}

// withDefaults fills the fields whose zero value means a default.
func (cfg RunConfig) withDefaults() RunConfig {
	if cfg.Profile == "" {
		cfg.Profile = ProfilePlugin
	}
	if cfg.Parallel == 0 {
		cfg.Parallel = DefaultParallel()
	}
	if cfg.TimeoutScale == 0 {
		cfg.TimeoutScale = 1
	}
	if cfg.Execute == nil {
		cfg.Execute = Execute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}
