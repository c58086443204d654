package plan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"

	"github.com/conform-dev/conform/harness/internal/words"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// ListConfig is what `conform list` shows.
type ListConfig struct {
	Plugins     []string // optional: add each plugin's conform/ folder
	Profile     string   // only scenarios for this profile; "" for all
	Scenarios   []string // extra scenario folders or files, as run's
	NoBuiltin   bool
	Focus       string // as run's
	Skip        string // as run's
	LabelFilter string // as run's
	Coverage    bool   // show rules against scenarios instead
	// Builtin holds the built-in suites; nil means suites.FS.
	Builtin fs.FS
}

// List prints the selected scenarios (id, level, profile, labels,
// requirements), or with cfg.Coverage every MUST and SHOULD rule of
// CONFORMANCE.md against the scenarios proving it, on stdout. It returns
// ExitPass, or ExitUsage for bad input, explained on stderr. It may be
// called concurrently with itself.
func List(cfg ListConfig, stdout, stderr io.Writer) int {
	scs, err := cfg.load()
	if err != nil {
		PrintInputErrors(stderr, "conform list", err)
		return result.ExitUsage
	}
	if cfg.Coverage {
		printCoverage(stdout, Coverage(scs))
		return result.ExitPass
	}
	printScenarios(stdout, scs)
	return result.ExitPass
}

// load returns the scenarios cfg selects, in load order.
func (cfg ListConfig) load() ([]*scenario.Scenario, error) {
	if cfg.Profile != "" && cfg.Profile != scenario.ProfilePlugin && cfg.Profile != scenario.ProfileSDK {
		return nil, fmt.Errorf("--profile %q: want %s or %s", cfg.Profile, scenario.ProfilePlugin, scenario.ProfileSDK)
	}
	sel, err := selectionFlags{Focus: cfg.Focus, Skip: cfg.Skip, LabelFilter: cfg.LabelFilter}.parse()
	if err != nil {
		return nil, err
	}
	sel.profile = cfg.Profile
	all, _, err := loadSharedScenarios(cfg.Builtin, cfg.NoBuiltin, cfg.Scenarios)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, path := range cfg.Plugins {
		own, err := cfg.ownScenarios(path)
		errs = append(errs, err)
		all = append(all, own...)
	}
	if err := errors.Join(append(errs, scenario.CheckUniqueIDs(all))...); err != nil {
		return nil, err
	}
	return sel.apply(all), nil
}

// ownScenarios loads the conform/ folder of the plugin at path, unless
// --scenarios replaces it.
func (cfg ListConfig) ownScenarios(path string) ([]*scenario.Scenario, error) {
	m, err := mockruntime.LoadManifest(path, nil)
	if err != nil || len(cfg.Scenarios) > 0 {
		return nil, err
	}
	return loadOwnScenarios(m.Dir)
}

func printScenarios(w io.Writer, scs []*scenario.Scenario) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLEVEL\tPROFILE\tLABELS\tREQUIREMENTS")
	for _, sc := range scs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", sc.ID, sc.Level, sc.Profile, orDash(strings.Join(sc.Labels, ",")), orDash(strings.Join(sc.Requirements, ",")))
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%s\n", words.Count(len(scs), "scenario"))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printInputErrors prints each error joined in err on its own line.
func PrintInputErrors(w io.Writer, command string, err error) {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			PrintInputErrors(w, command, e)
		}
		return
	}
	fmt.Fprintf(w, "%s: %v\n", command, err)
}
