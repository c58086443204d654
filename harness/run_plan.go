package harness

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/conform-dev/conform/mockruntime"
)

// plan is a checked run: every input loaded and valid, every plugin built,
// the jobs to run in order. Read-only once made.
type plan struct {
	plugins  []*pluginTarget
	jobs     []job
	baseline *Baseline // nil without --baseline
	// loadedIDs holds the id of every scenario loaded for any plugin,
	// selected or not, for stale baseline entries.
	loadedIDs map[string]bool
	// builtin marks the scenarios of the built-in suites, whose source is
	// read from RunConfig.Builtin rather than from disk.
	builtin map[*Scenario]bool
}

// pluginTarget is one plugin under test and the scenarios loaded for it.
type pluginTarget struct {
	manifest  *mockruntime.Manifest
	target    Target
	scenarios []*Scenario
}

// job is one scenario to run against one plugin; index is its place in
// the plan.
type job struct {
	index  int
	sc     *Scenario
	plugin *pluginTarget
}

// preparePlan checks and loads every input of cfg, then builds the
// plugins. Any error is an input error: nothing has started yet.
func preparePlan(ctx context.Context, cfg RunConfig) (*plan, error) {
	p := &plan{}
	sel, err := cfg.selection()
	if err := errors.Join(err, p.load(cfg)); err != nil {
		return nil, err
	}
	if err := p.build(ctx); err != nil {
		return nil, err
	}
	p.schedule(sel)
	return p, nil
}

// checkConfig checks the plain values of cfg.
func (cfg RunConfig) checkConfig() error {
	var errs []error
	if len(cfg.Plugins) == 0 {
		errs = append(errs, errors.New("no plugin given: name a folder holding manifest.json, or the manifest file"))
	}
	if cfg.Profile != ProfilePlugin && cfg.Profile != ProfileSDK {
		errs = append(errs, fmt.Errorf("--profile %q: want %s or %s", cfg.Profile, ProfilePlugin, ProfileSDK))
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
func (p *plan) load(cfg RunConfig) error {
	if err := cfg.checkConfig(); err != nil {
		return err
	}
	errs := []error{p.loadPlugins(cfg), checkOutputs(cfg)}
	if cfg.Baseline != "" {
		b, err := LoadBaseline(cfg.Baseline)
		p.baseline = b
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// loadPlugins loads each plugin's manifest and the scenarios for it.
func (p *plan) loadPlugins(cfg RunConfig) error {
	shared, builtin, err := loadSharedScenarios(cfg.Builtin, cfg.NoBuiltin, cfg.Scenarios)
	errs := []error{err}
	p.builtin = builtin
	p.loadedIDs = map[string]bool{}
	cache := mockruntime.NewBuildCache()
	for _, path := range cfg.Plugins {
		m, err := mockruntime.LoadManifest(path, nil)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t, err := newPluginTarget(m, cfg, cache, shared)
		errs = append(errs, err)
		p.plugins = append(p.plugins, t)
		for _, sc := range t.scenarios {
			p.loadedIDs[sc.ID] = true
		}
	}
	return errors.Join(errs...)
}

// newPluginTarget pairs a loaded manifest with its scenarios: the shared
// ones, plus its own conform/ folder unless --scenarios was given.
func newPluginTarget(m *mockruntime.Manifest, cfg RunConfig, cache *mockruntime.BuildCache, shared []*Scenario) (*pluginTarget, error) {
	t := &pluginTarget{
		manifest:  m,
		target:    Target{Manifest: m.Path, Profile: cfg.Profile, Builds: cache},
		scenarios: shared,
	}
	if len(cfg.Scenarios) > 0 {
		return t, nil
	}
	own, err := loadOwnScenarios(m.Dir)
	if err != nil {
		return t, err
	}
	t.scenarios = append(append([]*Scenario(nil), shared...), own...)
	return t, CheckUniqueIDs(t.scenarios)
}

// checkOutputs checks that each report can be written where asked, and
// makes the transcripts folder.
func checkOutputs(cfg RunConfig) error {
	var errs []error
	for _, out := range []struct{ flag, file string }{{"--junit", cfg.JUnit}, {"--json", cfg.JSON}, {"--markdown", cfg.Markdown}} {
		if out.file == "" {
			continue
		}
		errs = append(errs, checkOutputFolder(out.flag, out.file))
	}
	if cfg.Transcripts != "" {
		if err := os.MkdirAll(cfg.Transcripts, 0o755); err != nil {
			errs = append(errs, fmt.Errorf("--transcripts: %w", err))
		}
	}
	return errors.Join(errs...)
}

// checkOutputFolder checks that the folder of an output file named by flag
// exists, so that the file can be written when the run ends.
func checkOutputFolder(flag, file string) error {
	if info, err := os.Stat(filepath.Dir(file)); err != nil || !info.IsDir() {
		return fmt.Errorf("%s %s: the folder %s does not exist", flag, file, filepath.Dir(file))
	}
	return nil
}

// build runs each plugin's build step once, before any plugin starts.
func (p *plan) build(ctx context.Context) error {
	var errs []error
	for _, t := range p.plugins {
		errs = append(errs, t.target.Builds.Build(ctx, t.manifest))
	}
	return errors.Join(errs...)
}

// schedule makes the jobs: for each plugin in order, each selected
// scenario in load order. Shards split the scenario ids of all plugins
// together, so a scenario runs in one shard against every plugin.
func (p *plan) schedule(sel selection) {
	chosen := make([][]*Scenario, len(p.plugins))
	var ids []string
	for i, t := range p.plugins {
		chosen[i] = sel.apply(t.scenarios)
		for _, sc := range chosen[i] {
			ids = append(ids, sc.ID)
		}
	}
	inShard := sel.shard.members(ids)
	for i, t := range p.plugins {
		for _, sc := range chosen[i] {
			if inShard[sc.ID] {
				p.jobs = append(p.jobs, job{index: len(p.jobs), sc: sc, plugin: t})
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
