package harness

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/conform-dev/conform/harness/engine"
	runplan "github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// runner runs the jobs of a plan on cfg.Parallel workers and gathers
// their results. runAll is called once; the workers call finish
// concurrently, which serialises on mu.
type runner struct {
	cfg     runplan.RunConfig
	plan    *runplan.Plan
	console *report.Console
	events  *report.EventStream // nil without --jsonl
	stopped atomic.Bool         // set by --fail-fast: start no more jobs

	mu          sync.Mutex
	results     []result.Result
	ran         []bool
	done        int
	interrupted []string // ids of the scenarios an interruption stopped mid-run
}

func newRunner(cfg runplan.RunConfig, p *runplan.Plan, console *report.Console, events *report.EventStream) *runner {
	return &runner{
		cfg:     cfg,
		plan:    p,
		console: console,
		events:  events,
		results: make([]result.Result, len(p.Jobs)),
		ran:     make([]bool, len(p.Jobs)),
	}
}

// runAll runs every job, unless --fail-fast or ctx stops it early, and
// returns the outcome in plan order.
func (r *runner) runAll(ctx context.Context) result.Outcome {
	jobs := make(chan runplan.Job)
	var workers sync.WaitGroup
	for range min(r.cfg.Parallel, len(r.plan.Jobs)) {
		workers.Go(func() {
			for j := range jobs {
				if !r.stopped.Load() && ctx.Err() == nil {
					res, interrupted := r.runJob(ctx, j)
					r.finish(j, res, interrupted)
				}
			}
		})
	}
	r.feed(ctx, jobs)
	close(jobs)
	workers.Wait()
	return r.outcome()
}

// feed hands the jobs to the workers in plan order until they run out,
// a failure stops a --fail-fast run, or ctx ends.
func (r *runner) feed(ctx context.Context, jobs chan<- runplan.Job) {
	for _, j := range r.plan.Jobs {
		if r.stopped.Load() || ctx.Err() != nil {
			return
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			return
		}
	}
}

// runJob runs one job and returns its judged result: a skip when the
// scenario does not apply, else the executor's verdict with the baseline
// applied. A panic of the executor is an Error verdict. interrupted says
// that ctx ended while the scenario ran and its failure or error is the
// interruption's doing, not a verdict.
func (r *runner) runJob(ctx context.Context, j runplan.Job) (res result.Result, interrupted bool) {
	defer func() {
		if p := recover(); p != nil {
			res = identifyJob(result.Result{Verdict: result.Error, Failure: &result.Failure{Source: j.Scenario.Source, Message: fmt.Sprintf("conform panicked: %v", p)}}, j)
		}
	}()
	t := j.Plugin
	if ok, reason := engine.Applies(j.Scenario, t.Target, t.Manifest); !ok {
		return identifyJob(result.Result{Verdict: result.Skip, SkipReason: reason}, j), false
	}
	r.started(j)
	started := time.Now()
	res, entries := r.cfg.Execute(ctx, j.Scenario, t.Target, engine.ExecOptions{TimeoutScale: r.cfg.TimeoutScale, KeepTranscript: r.cfg.Transcripts != "", OnStep: r.onStep(j)})
	if res.Duration == 0 {
		res.Duration = time.Since(started)
	}
	if ctx.Err() != nil && (res.Verdict == result.Error || res.Verdict == result.Fail) {
		return identifyJob(res, j), true
	}
	res = r.plan.Baseline.Judge(identifyJob(res, j))
	if r.cfg.Transcripts != "" && wantsTranscript(res) {
		r.saveTranscript(&res, j, entries)
	}
	return res, false
}

// started announces that j starts: on the event stream, and with -v on
// the console.
func (r *runner) started(j runplan.Job) {
	id := identifyJob(result.Result{}, j)
	r.events.ScenarioStart(id)
	if r.cfg.Verbose {
		r.mu.Lock()
		r.console.Start(id)
		r.mu.Unlock()
	}
}

// onStep returns the executor's step hook for j: with -v it prints each
// step as it starts; without, nil.
func (r *runner) onStep(j runplan.Job) func(int, scenario.Step) {
	if !r.cfg.Verbose {
		return nil
	}
	id := identifyJob(result.Result{}, j)
	return func(step int, st scenario.Step) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.console.Step(id, step, len(j.Scenario.Steps), st.Kind, st.Source)
	}
}

// identifyJob is identify for the scenario and plugin of j, marking a
// runtime self-check.
func identifyJob(res result.Result, j runplan.Job) result.Result {
	res = identify(res, j.Scenario, j.Plugin.Manifest)
	res.SelfCheck = j.SelfCheck
	return res
}

// identify fills the fields of res that say what ran against what, from
// the scenario and the plugin's manifest themselves.
func identify(res result.Result, sc *scenario.Scenario, m *mockruntime.Manifest) result.Result {
	res.ScenarioID, res.Title, res.Level = sc.ID, sc.Title, sc.Level
	res.Requirements, res.Labels, res.Source = sc.Requirements, sc.Labels, sc.Source
	res.Plugin, res.Slug = m.Path, m.Slug
	return res
}

// finish records the result of j, prints its line and stops a --fail-fast
// run after a result that fails it. A scenario an interruption stopped
// gets no result: it counts as not run.
func (r *runner) finish(j runplan.Job, res result.Result, interrupted bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if interrupted {
		r.interrupted = append(r.interrupted, res.ScenarioID)
		r.events.ScenarioInterrupted(res)
		return
	}
	r.results[j.Index], r.ran[j.Index] = res, true
	r.done++
	r.console.Line(r.done, res, r.cfg.Strict)
	r.events.ScenarioResult(res, r.cfg.Strict)
	if r.cfg.FailFast && result.FailsRun(res, r.cfg.Strict) {
		r.stopped.Store(true)
	}
}

// outcome returns what the run did, once every worker has finished.
func (r *runner) outcome() result.Outcome {
	o := result.Outcome{Profile: r.cfg.Profile, Strict: r.cfg.Strict, NotInProfile: r.plan.NotInProfile, Plugins: r.plugins()}
	for i, res := range r.results {
		if r.ran[i] {
			o.Results = append(o.Results, res)
		} else {
			o.NotRun++
		}
	}
	o.BaselineProblems = r.plan.Baseline.Problems(o.Results, r.plan.LoadedIDs, r.cfg.Now())
	return o
}

// plugins lists the plugins of the run.
func (r *runner) plugins() []result.RunPlugin {
	var out []result.RunPlugin
	for _, t := range r.plan.Plugins {
		out = append(out, result.RunPlugin{Path: t.Manifest.Path, Slug: t.Manifest.Slug, Version: t.Manifest.Version})
	}
	return out
}

// sourceFiles returns, for each result of o (as outcome returned them),
// the path of its scenario file for a GitHub annotation: inside the
// repository's suites/ folder for a built-in scenario, else as loaded.
func (r *runner) sourceFiles() []string {
	var files []string
	for i, res := range r.results {
		if !r.ran[i] {
			continue
		}
		file := res.Source.File
		if res.Failure != nil && res.Failure.Source.File != "" {
			file = res.Failure.Source.File
		}
		if r.plan.Jobs[i].Builtin {
			file = "suites/" + file
		}
		files = append(files, file)
	}
	return files
}
