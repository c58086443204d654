package plan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"time"

	baselines "github.com/conform-dev/conform/harness/baseline"
	"github.com/conform-dev/conform/harness/engine"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// plan is a checked run: every input loaded and valid, every plugin built,
// the jobs to run in order. Read-only once made.
type Plan struct {
	Plugins  []*pluginTarget
	Jobs     []Job
	Baseline *baselines.Baseline // nil without --baseline
	// loadedIDs holds the id of every scenario loaded for any plugin,
	// selected or not, for stale baseline entries.
	LoadedIDs map[string]bool
	// NotInProfile counts the selected scenarios (over every plugin)
	// written only for the other profile: they get no job.
	NotInProfile int
	// builtin marks the scenarios of the built-in suites, whose source is
	// read from RunConfig.Builtin rather than from disk.
	builtin map[*scenario.Scenario]bool
}

// pluginTarget is one plugin under test and the scenarios loaded for it.
type pluginTarget struct {
	Manifest  *mockruntime.Manifest
	Target    engine.Target
	scenarios []*scenario.Scenario
}

// job is one scenario to run against one plugin; index is its place in
// the plan.
type Job struct {
	Index    int
	Scenario *scenario.Scenario
	Plugin   *pluginTarget
	// SelfCheck marks a runtime self-check: the scenario never runs the
	// plugin under test (see IsSelfCheck).
	SelfCheck bool
	// Builtin marks a scenario of the built-in suites; its Source.File is
	// then a path inside the repository's suites/ folder.
	Builtin bool
}

// preparePlan checks and loads every input of cfg, then builds the
// plugins. Any error is an input error: nothing has started yet.
func PreparePlan(ctx context.Context, cfg RunConfig) (*Plan, error) {
	p := &Plan{}
	sel, err := cfg.selection()
	if err := errors.Join(err, p.load(cfg)); err != nil {
		return nil, err
	}
	if err := p.build(ctx); err != nil {
		return nil, err
	}
	if err := p.checkStartable(); err != nil {
		return nil, err
	}
	p.schedule(sel, cfg.Profile)
	if len(p.Jobs) == 0 {
		return nil, emptySelection(cfg, p.NotInProfile)
	}
	return p, nil
}

// checkConfig checks the plain values of cfg.
func (cfg RunConfig) checkConfig() error {
	var errs []error
	if len(cfg.Plugins) == 0 {
		errs = append(errs, errors.New("no plugin given: name a folder holding manifest.json, or the manifest file"))
	}
	if cfg.Profile != scenario.ProfilePlugin && cfg.Profile != scenario.ProfileSDK {
		errs = append(errs, fmt.Errorf("--profile %q: want %s or %s", cfg.Profile, scenario.ProfilePlugin, scenario.ProfileSDK))
	}
	if cfg.Parallel < 1 {
		errs = append(errs, fmt.Errorf("--parallel %d: want 1 or more", cfg.Parallel))
	}
	if cfg.TimeoutScale <= 0 {
		errs = append(errs, fmt.Errorf("--timeout-scale %g: want a number above 0", cfg.TimeoutScale))
	}
	return errors.Join(errs...)
}

// load reads the manifests, scenarios, baseline and rerun report, and
// checks where the reports go, gathering every error.
func (p *Plan) load(cfg RunConfig) error {
	if err := cfg.checkConfig(); err != nil {
		return err
	}
	errs := []error{p.loadPlugins(cfg), checkOutputs(cfg)}
	if cfg.Baseline != "" {
		b, err := baselines.LoadBaseline(cfg.Baseline)
		p.Baseline = b
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// loadPlugins loads each plugin's manifest and the scenarios for it.
func (p *Plan) loadPlugins(cfg RunConfig) error {
	shared, builtin, err := loadSharedScenarios(cfg.Builtin, cfg.NoBuiltin, cfg.Scenarios)
	errs := []error{err}
	p.builtin = builtin
	p.LoadedIDs = map[string]bool{}
	cache := mockruntime.NewBuildCache()
	for _, path := range cfg.Plugins {
		m, err := mockruntime.LoadManifest(path, nil)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t, err := newPluginTarget(m, cfg, cache, shared)
		errs = append(errs, err)
		p.Plugins = append(p.Plugins, t)
		for _, sc := range t.scenarios {
			p.LoadedIDs[sc.ID] = true
		}
	}
	return errors.Join(errs...)
}

// newPluginTarget pairs a loaded manifest with its scenarios: the shared
// ones, plus its own conform/ folder unless --scenarios was given, with
// each for_each template run once per entry of the manifest.
func newPluginTarget(m *mockruntime.Manifest, cfg RunConfig, cache *mockruntime.BuildCache, shared []*scenario.Scenario) (*pluginTarget, error) {
	t := &pluginTarget{
		Manifest:  m,
		Target:    engine.Target{Manifest: m.Path, Profile: cfg.Profile, Builds: cache},
		scenarios: scenario.ExpandForEach(shared, m),
	}
	if len(cfg.Scenarios) > 0 {
		return t, scenario.CheckUniqueIDs(t.scenarios)
	}
	own, err := loadOwnScenarios(m.Dir)
	if err != nil {
		return t, err
	}
	t.scenarios = scenario.ExpandForEach(append(append([]*scenario.Scenario(nil), shared...), own...), m)
	return t, scenario.CheckUniqueIDs(t.scenarios)
}

// checkOutputs checks that each report can be written where asked, and
// makes the transcripts folder.
func checkOutputs(cfg RunConfig) error {
	var errs []error
	toStdout := []string{}
	for _, out := range []struct{ flag, file string }{{"--junit", cfg.JUnit}, {"--json", cfg.JSON}, {"--markdown", cfg.Markdown}, {"--jsonl", cfg.JSONL}} {
		switch out.file {
		case "":
		case Stdout:
			toStdout = append(toStdout, out.flag)
		default:
			errs = append(errs, CheckOutputFile(out.flag, out.file))
		}
	}
	if len(toStdout) > 1 {
		errs = append(errs, fmt.Errorf("%s: only one report can go to standard output (-)", strings.Join(toStdout, " and ")))
	}
	if cfg.Transcripts != "" {
		errs = append(errs, checkOutputDir("--transcripts", cfg.Transcripts))
	}
	if cfg.GitHub && cfg.GitHubSummary != "" {
		errs = append(errs, CheckOutputFile("$GITHUB_STEP_SUMMARY", cfg.GitHubSummary))
	}
	return errors.Join(errs...)
}

// build runs each plugin's build step once, before any plugin starts.
func (p *Plan) build(ctx context.Context) error {
	var errs []error
	for _, t := range p.Plugins {
		errs = append(errs, t.Target.Builds.Build(ctx, t.Manifest))
	}
	return errors.Join(errs...)
}

// schedule makes the jobs: for each plugin in order, each selected
// scenario of the profile in load order. Selected scenarios written only
// for the other profile get no job; they are counted in NotInProfile.
// Shards split the scenario ids of all plugins together, so a scenario
// runs in one shard against every plugin.
func (p *Plan) schedule(sel selection, profile string) {
	chosen := make([][]*scenario.Scenario, len(p.Plugins))
	var ids []string
	for i, t := range p.Plugins {
		for _, sc := range sel.apply(t.scenarios) {
			if sc.Profile != scenario.ProfileBoth && sc.Profile != profile {
				p.NotInProfile++
				continue
			}
			chosen[i] = append(chosen[i], sc)
			ids = append(ids, sc.ID)
		}
	}
	inShard := sel.shard.members(ids)
	for i, t := range p.Plugins {
		for _, sc := range chosen[i] {
			if inShard[sc.ID] {
				p.Jobs = append(p.Jobs, Job{Index: len(p.Jobs), Scenario: sc, Plugin: t, SelfCheck: IsSelfCheck(sc), Builtin: p.builtin[sc.Written()]})
			}
		}
	}
}

// DefaultParallel is how many scenarios run at once without --parallel:
// GOMAXPROCS. Safe for concurrent use.
func DefaultParallel() int { return runtime.GOMAXPROCS(0) }

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
	JSONL        string   // where to write the JSON Lines event stream (schemas/event.json)
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
	Verbose      bool     // print each step as it starts
	// GitHub turns on GitHub Actions output: workflow-command annotations
	// for each failure, per-scenario details folded in groups, and the
	// Markdown summary appended to the file GitHubSummary names.
	GitHub        bool
	GitHubSummary string // $GITHUB_STEP_SUMMARY; "" for none
	// Colour colours the console's verdict words (ANSI); the CLI sets it
	// only for a terminal without NO_COLOR.
	Colour bool

	// Builtin holds the built-in suites; nil means suites.FS.
	Builtin fs.FS
	// Execute runs a scenario; nil means the package's Execute.
	Execute engine.Executor
	// Now tells the time, for the wall time and baseline expiry; nil means
	// time.Now.
	Now func() time.Time
}

// withDefaults fills the fields whose zero value means a default.
func (cfg RunConfig) WithDefaults() RunConfig {
	if cfg.Profile == "" {
		cfg.Profile = scenario.ProfilePlugin
	}
	if cfg.Parallel == 0 {
		cfg.Parallel = DefaultParallel()
	}
	if cfg.TimeoutScale == 0 {
		cfg.TimeoutScale = 1
	}
	if cfg.Execute == nil {
		cfg.Execute = engine.Execute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}
