package harness

import (
	"context"
	"fmt"
	"io"
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
	stopped atomic.Bool // set by --fail-fast: start no more jobs

	mu      sync.Mutex
	results []result.Result
	ran     []bool
	done    int
}

func newRunner(cfg runplan.RunConfig, p *runplan.Plan, stdout io.Writer) *runner {
	return &runner{
		cfg:     cfg,
		plan:    p,
		console: report.NewConsole(stdout, len(p.Jobs), len(p.Plugins) > 1),
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
				if !r.stopped.Load() {
					r.finish(j, r.runJob(ctx, j))
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
// applied. A panic of the executor is an Error verdict.
func (r *runner) runJob(ctx context.Context, j runplan.Job) (res result.Result) {
	defer func() {
		if p := recover(); p != nil {
			res = identify(result.Result{Verdict: result.Error, Failure: &result.Failure{Source: j.Scenario.Source, Message: fmt.Sprintf("conform panicked: %v", p)}}, j.Scenario, j.Plugin.Manifest)
		}
	}()
	t := j.Plugin
	if ok, reason := engine.Applies(j.Scenario, t.Target, t.Manifest); !ok {
		return identify(result.Result{Verdict: result.Skip, SkipReason: reason}, j.Scenario, t.Manifest)
	}
	started := time.Now()
	res, entries := r.cfg.Execute(ctx, j.Scenario, t.Target, engine.ExecOptions{TimeoutScale: r.cfg.TimeoutScale, KeepTranscript: r.cfg.Transcripts != ""})
	if res.Duration == 0 {
		res.Duration = time.Since(started)
	}
	res = r.plan.Baseline.Judge(identify(res, j.Scenario, t.Manifest))
	if r.cfg.Transcripts != "" && wantsTranscript(res) {
		r.saveTranscript(&res, j, entries)
	}
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
// run after a result that fails it.
func (r *runner) finish(j runplan.Job, res result.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.results[j.Index], r.ran[j.Index] = res, true
	r.done++
	r.console.Line(r.done, res, r.cfg.Strict)
	if r.cfg.FailFast && result.FailsRun(res, r.cfg.Strict) {
		r.stopped.Store(true)
	}
}

// outcome returns what the run did, once every worker has finished.
func (r *runner) outcome() result.Outcome {
	o := result.Outcome{Profile: r.cfg.Profile, Strict: r.cfg.Strict}
	for _, t := range r.plan.Plugins {
		o.Plugins = append(o.Plugins, result.RunPlugin{Path: t.Manifest.Path, Slug: t.Manifest.Slug, Version: t.Manifest.Version})
	}
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
