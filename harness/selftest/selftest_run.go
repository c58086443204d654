package selftest

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/conform-dev/conform/harness/engine"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
)

// selftestJob is one scenario run against one testee under one profile.
type selftestJob struct {
	testee  *selftestTestee
	sc      *scenario.Scenario
	profile string
}

// plan makes the runs: each reference under both profiles, each scenario
// that applies; each mutant against every scenario once, under the
// scenario's own profile (the sdk one for a scenario of both), since a
// mutant is a testee — but for the scripted scenarios, whose manifest
// patch replaces the plugin's command, so that a mutant never runs in
// them and any catch there could only be noise. A for_each template runs
// once per entry of the testee's own manifest.
func (st *selftest) plan() {
	for _, t := range st.testees {
		for _, profile := range testeeProfiles(t) {
			for _, sc := range scenario.ExpandForEach(st.scenarios, t.manifest) {
				if t.mutant != nil && replacesPlugin(sc) {
					continue
				}
				p := profile
				if p == "" {
					p = mutantProfile(sc)
				}
				if ok, _ := engine.Applies(sc, engine.Target{Profile: p}, t.manifest); ok {
					st.jobs = append(st.jobs, selftestJob{testee: t, sc: sc, profile: p})
				}
			}
		}
	}
}

// testeeProfiles are the profiles a testee is run under: both for a
// reference testee, the plugin profile for an example plugin and its
// mutants, the sdk profile for a mutant that says so; for another mutant a
// single pass ("") where each scenario picks.
func testeeProfiles(t *selftestTestee) []string {
	switch {
	case t.pluginOnly, t.mutant != nil && t.mutant.Profile == scenario.ProfilePlugin:
		return []string{scenario.ProfilePlugin}
	case t.mutant != nil && t.mutant.Profile == scenario.ProfileSDK:
		return []string{scenario.ProfileSDK}
	case t.mutant != nil:
		return []string{""}
	}
	return []string{scenario.ProfilePlugin, scenario.ProfileSDK}
}

// mutantProfile is the profile a mutant runs a scenario under.
func mutantProfile(sc *scenario.Scenario) string {
	if sc.Profile == scenario.ProfileBoth {
		return scenario.ProfileSDK
	}
	return sc.Profile
}

// run makes every run on cfg.Parallel workers, until done or ctx ends, and
// returns the results in job order; a run that never started has the zero
// Result.
func (st *selftest) run(ctx context.Context, cfg SelftestConfig) []result.Result {
	results := make([]result.Result, len(st.jobs))
	next := make(chan int)
	var workers sync.WaitGroup
	for range min(cfg.Parallel, len(st.jobs)) {
		workers.Go(func() {
			for i := range next {
				results[i] = st.execute(ctx, cfg.Execute, st.jobs[i])
			}
		})
	}
	for i := range st.jobs {
		select {
		case next <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(next)
	workers.Wait()
	return results
}

// execute runs one job.
func (st *selftest) execute(ctx context.Context, execute engine.Executor, j selftestJob) result.Result {
	t := engine.Target{Manifest: j.testee.manifest.Path, Profile: j.profile, Builds: st.builds}
	res, _ := execute(ctx, j.sc, t, engine.ExecOptions{})
	return res
}

// replacesPlugin reports whether a scenario's manifest patch sets the
// backend's command: the scenario scripts its own plugin.
func replacesPlugin(sc *scenario.Scenario) bool {
	backend, _ := sc.Manifest["backend"].(map[string]any)
	_, ok := backend["command"]
	return ok
}

// maxConfirmed bounds how many runs confirm reruns: more disagreements
// than that are not noise.
const maxConfirmed = 300

// confirm reruns, two at a time, every run whose result disagrees with
// what is declared (a reference that did not pass cleanly; a mutant
// caught where caught_by does not say so or not caught where it does, or
// blaming a rule outside breaks and misblamed), and keeps the rerun's
// result. On a loaded machine a real-time bound can decide a run; a real
// disagreement happens again when the machine has room, noise does not.
func (st *selftest) confirm(ctx context.Context, cfg SelftestConfig, results []result.Result, w io.Writer) []result.Result {
	var suspects []int
	for i, j := range st.jobs {
		if st.disagrees(j, results[i]) {
			suspects = append(suspects, i)
		}
	}
	if len(suspects) == 0 || len(suspects) > maxConfirmed || ctx.Err() != nil {
		return results
	}
	fmt.Fprintf(w, "selftest: confirming %d runs that disagree with the declarations, 2 at once\n", len(suspects))
	again := &selftest{scenarios: st.scenarios, testees: st.testees, builds: st.builds}
	for _, i := range suspects {
		again.jobs = append(again.jobs, st.jobs[i])
	}
	rerun := again.run(ctx, SelftestConfig{Parallel: 2, Execute: cfg.Execute})
	out := slices.Clone(results)
	for k, i := range suspects {
		out[i] = rerun[k]
	}
	return out
}

// disagrees reports whether one run's result differs from what its
// testee declares.
func (st *selftest) disagrees(j selftestJob, res result.Result) bool {
	m := j.testee.mutant
	switch {
	case res.Verdict == result.Error:
		return true
	case m == nil:
		return res.Verdict != result.Pass || len(res.Warnings) > 0
	}
	if slices.Contains(m.Unsteady, j.sc.ID) {
		return false
	}
	failed := res.Verdict == result.Fail
	if failed != slices.Contains(m.CaughtBy, j.sc.ID) {
		return true
	}
	return failed && res.Failure != nil && !slices.Contains(m.Breaks, res.Failure.Rule) && !hasKey(m.Misblamed, j.sc.ID)
}
