package conformtest

import (
	"context"
	"strings"
	"testing"

	"github.com/conform-dev/conform/harness/engine"
	"github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
	_ "github.com/conform-dev/conform/harness/steps" // registers the step kinds
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/suites"
)

// Options adjust Run. The zero value runs the plugin's conform/ folder
// under the plugin profile.
type Options struct {
	// Scenarios are scenario files or folders to run instead of the
	// plugin's conform/ folder.
	Scenarios []string
	// Builtin also runs the built-in suites of the profile.
	Builtin bool
	// Profile is scenario.ProfilePlugin (the default) or ProfileSDK.
	Profile string
	// TimeoutScale multiplies every time bound, as --timeout-scale; 0 means 1.
	TimeoutScale float64
	// Builds shares build steps; nil means one cache for the test binary.
	Builds *mockruntime.BuildCache
	// Parallel runs the subtests in parallel (t.Parallel).
	Parallel bool
}

var sharedBuilds = mockruntime.NewBuildCache()

// Run loads the plugin at path (its folder or manifest) and its scenarios,
// and runs each scenario that applies as the subtest t.Run(id): a pass
// passes, a skip skips with its reason, a failure or an error fails with
// the details conform run prints. A manifest or scenario that does not
// load fails t at once.
func Run(t *testing.T, path string, o Options) {
	t.Helper()
	m, err := mockruntime.LoadManifest(path, nil)
	if err != nil {
		t.Fatalf("conformtest: %v", err)
	}
	scs, err := plan.LoadPluginScenarios(m.Dir, o.Scenarios)
	if err != nil {
		t.Fatalf("conformtest: %v", err)
	}
	if o.Builtin {
		builtin, err := scenario.LoadFS(suites.FS, ".")
		if err != nil {
			t.Fatalf("conformtest: the built-in suites: %v", err)
		}
		scs = append(builtin, scs...)
	}
	builds := o.Builds
	if builds == nil {
		builds = sharedBuilds
	}
	profile := o.Profile
	if profile == "" {
		profile = scenario.ProfilePlugin
	}
	if err := builds.Build(context.Background(), m); err != nil {
		t.Fatalf("conformtest: building %s: %v", m.Path, err)
	}
	target := engine.Target{Manifest: m.Path, Profile: profile, Builds: builds}
	for _, sc := range scenario.ExpandForEach(scs, m) {
		ok, reason := engine.Applies(sc, target, m)
		if !ok && strings.HasPrefix(reason, "written for the") {
			continue // the other profile's: not a test of this run
		}
		t.Run(sc.ID, func(t *testing.T) {
			if o.Parallel {
				t.Parallel()
			}
			if !ok {
				t.Skip(reason)
			}
			res, _ := engine.Execute(context.Background(), sc, target, engine.ExecOptions{TimeoutScale: o.TimeoutScale})
			judge(t, res)
		})
	}
}

// judge turns a result into the subtest's outcome.
func judge(t *testing.T, res result.Result) {
	t.Helper()
	switch res.Verdict {
	case result.Pass:
		for _, w := range res.Warnings {
			t.Log("warning: " + w)
		}
	case result.Skip:
		t.Skip(res.SkipReason)
	default:
		var b strings.Builder
		report.WriteDetails(&b, res, false, true)
		t.Errorf("%s %s:\n%s", strings.ToUpper(string(res.Verdict)), res.ScenarioID, b.String())
	}
}
