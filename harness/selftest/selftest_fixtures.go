package selftest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"go.yaml.in/yaml/v3"

	runplan "github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// The folders of the repository the self-test reads.
const (
	referencesDir = "fixtures/plugins"
	// examplesDir holds example plugins: references of the plugin profile
	// only, since they are plugins, not testees of §15.
	examplesDir     = "examples"
	mutantsDir      = "fixtures/mutants"
	brokenManifests = "fixtures/manifests/expected-failures.json"
	mutantFile      = "mutant.yaml"
)

// MutantFile is a mutant's mutant.yaml (fixtures/mutants/README.md): the
// fault it runs, the rules it breaks, and the scenarios that must catch
// it. A plain value.
type MutantFile struct {
	Fault       string   `yaml:"fault"`
	Breaks      []string `yaml:"breaks"`
	Description string   `yaml:"description"`
	CaughtBy    []string `yaml:"caught_by"`
	// Profile, when "plugin", runs the mutant under the plugin profile only:
	// a mutant of an example plugin, which is no testee (§15), and must be
	// caught by what conform run checks of any plugin. When "sdk", it runs
	// under the sdk profile only: a testee whose fault breaks a rule that
	// binds testees alone (a manifest that cannot start it, TST-3), which
	// the plugin profile rightly charges to a plugin rule instead.
	Profile string `yaml:"profile"`
	// Misblamed lists the known misattributions still to fix: scenario id
	// -> the rule outside breaks that its failure last named (on a loaded
	// machine a real-time bound can change which step fails first, so an
	// entry excuses that scenario whatever rule it blames). Any other
	// misattribution fails the self-test; an entry that did not happen is
	// noted, so the list can shrink.
	Misblamed map[string]string `yaml:"misblamed"`
	// Unsteady lists scenarios whose catch of this mutant depends on
	// timing (seen both ways on a loaded machine, each confirmed by a
	// rerun): caught or not, either is accepted, and the blame is not
	// judged. Each entry is a weakness of the scenario to fix.
	Unsteady []string `yaml:"unsteady"`
}

// selftestTestee is one plugin the self-test runs: a reference testee, or
// a mutant with its declaration.
type selftestTestee struct {
	name     string // its folder's name
	dir      string
	manifest *mockruntime.Manifest
	mutant   *MutantFile // nil for a reference
	// pluginOnly marks a reference run under the plugin profile only (an
	// example plugin).
	pluginOnly bool
}

// selftest is a checked self-test: the built-in scenarios, the testees,
// the build cache they share and the runs to make. Read-only once made,
// but for the mutants' CaughtBy, which writeCaughtBy replaces.
type selftest struct {
	scenarios []*scenario.Scenario
	testees   []*selftestTestee
	builds    *mockruntime.BuildCache
	jobs      []selftestJob
	// manifestsPerRule counts the broken manifests proving each rule:
	// the manifest rules are judged before any scenario runs, so they are
	// proven by broken fixtures, not mutants (CONFORMANCE.md §14).
	manifestsPerRule map[string]int
}

// loadSelftest loads the suites and the testees of cfg, builds the
// testees, and plans the runs. Any error is an input error: nothing has
// run yet.
func loadSelftest(ctx context.Context, cfg SelftestConfig) (*selftest, error) {
	scenarios, err := scenario.LoadFS(runplan.BuiltinSuites(cfg.Builtin), ".")
	if err != nil {
		return nil, err
	}
	testees, err := loadTestees(cfg.Root, cfg.Mutants)
	if err != nil {
		return nil, err
	}
	perRule, err := loadBrokenManifests(filepath.Join(cfg.Root, brokenManifests))
	if err != nil {
		return nil, err
	}
	st := &selftest{scenarios: scenarios, testees: testees, builds: mockruntime.NewBuildCache(), manifestsPerRule: perRule}
	for _, t := range testees {
		if err := st.builds.Build(ctx, t.manifest); err != nil {
			return nil, err
		}
	}
	st.plan()
	return st, nil
}

// loadTestees finds the references (unless only some mutants are wanted)
// and the mutants below root, in folder order.
func loadTestees(root string, only []string) ([]*selftestTestee, error) {
	if root == "" {
		return nil, errors.New("no repository root: name it with --root")
	}
	var testees []*selftestTestee
	if len(only) == 0 {
		refs, err := loadReferences(filepath.Join(root, referencesDir))
		if err != nil {
			return nil, err
		}
		examples, err := loadExamples(filepath.Join(root, examplesDir))
		if err != nil {
			return nil, err
		}
		testees = append(refs, examples...)
	}
	mutants, err := loadMutants(filepath.Join(root, mutantsDir), only)
	return append(testees, mutants...), err
}

// loadReferences loads every folder of dir that holds a manifest: the
// reference testees, of which there must be one.
func loadReferences(dir string) ([]*selftestTestee, error) {
	refs, err := loadPlugins(dir, false)
	if err == nil && len(refs) == 0 {
		err = fmt.Errorf("%s: no reference testee (a folder holding %s)", dir, mockruntime.ManifestFile)
	}
	return refs, err
}

// loadExamples loads every folder of dir that holds a manifest, as a
// reference of the plugin profile only; a missing dir holds none.
func loadExamples(dir string) ([]*selftestTestee, error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return loadPlugins(dir, true)
}

// loadPlugins loads the manifest of every folder of dir holding one.
func loadPlugins(dir string, pluginOnly bool) ([]*selftestTestee, error) {
	names, err := subfoldersWith(dir, mockruntime.ManifestFile)
	if err != nil {
		return nil, err
	}
	var out []*selftestTestee
	var errs []error
	for _, name := range names {
		m, err := mockruntime.LoadManifest(filepath.Join(dir, name), nil)
		errs = append(errs, err)
		out = append(out, &selftestTestee{name: name, dir: filepath.Join(dir, name), manifest: m, pluginOnly: pluginOnly})
	}
	return out, errors.Join(errs...)
}

// loadMutants loads every folder of dir that holds a mutant.yaml, or only
// those named in only.
func loadMutants(dir string, only []string) ([]*selftestTestee, error) {
	names, err := subfoldersWith(dir, mutantFile)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, want := range only {
		if !slices.Contains(names, want) {
			errs = append(errs, fmt.Errorf("--mutant %s: no mutant of that name in %s", want, dir))
		}
	}
	var mutants []*selftestTestee
	for _, name := range names {
		if len(only) > 0 && !slices.Contains(only, name) {
			continue
		}
		t, err := loadMutant(filepath.Join(dir, name))
		errs = append(errs, err)
		mutants = append(mutants, t)
	}
	return mutants, errors.Join(errs...)
}

// loadMutant reads one mutant's folder: its mutant.yaml and manifest.
func loadMutant(dir string) (*selftestTestee, error) {
	mf, err := readMutantFile(filepath.Join(dir, mutantFile))
	if err != nil {
		return nil, err
	}
	m, err := mockruntime.LoadManifest(dir, nil)
	return &selftestTestee{name: filepath.Base(dir), dir: dir, manifest: m, mutant: mf}, err
}

// readMutantFile decodes a mutant.yaml, refusing unknown keys.
func readMutantFile(path string) (*MutantFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var mf MutantFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&mf); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(mf.Breaks) == 0 {
		return nil, fmt.Errorf("%s: breaks lists no rule", path)
	}
	switch mf.Profile {
	case "", scenario.ProfilePlugin, scenario.ProfileSDK:
	default:
		return nil, fmt.Errorf("%s: profile %q: want %s, %s or none", path, mf.Profile, scenario.ProfilePlugin, scenario.ProfileSDK)
	}
	return &mf, nil
}

// subfoldersWith lists, sorted, the folders of dir holding a file named
// file.
func subfoldersWith(dir, file string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, e.Name(), file)); err == nil {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// count returns how many of the testees are mutants (or references).
func (st *selftest) count(mutants bool) int {
	n := 0
	for _, t := range st.testees {
		if (t.mutant != nil) == mutants {
			n++
		}
	}
	return n
}

// loadBrokenManifests counts, per rule, the broken manifests that
// expected-failures.json annotates; a tree without the file has none.
func loadBrokenManifests(path string) (map[string]int, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]int{}, nil
	}
	if err != nil {
		return nil, err
	}
	var expected map[string]struct {
		Rule string `json:"rule"`
	}
	if err := json.Unmarshal(data, &expected); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	perRule := map[string]int{}
	for _, e := range expected {
		perRule[e.Rule]++
	}
	return perRule, nil
}
