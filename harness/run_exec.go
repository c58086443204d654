package harness

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/conform-dev/conform/mockruntime"
)

// runner runs the jobs of a plan on cfg.Parallel workers and gathers
// their results. runAll is called once; the workers call finish
// concurrently, which serialises on mu.
type runner struct {
	cfg     RunConfig
	plan    *plan
	console *console
	stopped atomic.Bool // set by --fail-fast: start no more jobs

	mu      sync.Mutex
	results []Result
	ran     []bool
	done    int
}

func newRunner(cfg RunConfig, p *plan, stdout io.Writer) *runner {
	return &runner{
		cfg:     cfg,
		plan:    p,
		console: newConsole(stdout, len(p.jobs), len(p.plugins) > 1),
		results: make([]Result, len(p.jobs)),
		ran:     make([]bool, len(p.jobs)),
	}
}

// runAll runs every job, unless --fail-fast or ctx stops it early, and
// returns the outcome in plan order.
func (r *runner) runAll(ctx context.Context) Outcome {
	jobs := make(chan job)
	var workers sync.WaitGroup
	for range min(r.cfg.Parallel, len(r.plan.jobs)) {
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
func (r *runner) feed(ctx context.Context, jobs chan<- job) {
	for _, j := range r.plan.jobs {
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
func (r *runner) runJob(ctx context.Context, j job) (res Result) {
	defer func() {
		if p := recover(); p != nil {
			res = identify(Result{Verdict: Error, Failure: &Failure{Source: j.sc.Source, Message: fmt.Sprintf("conform panicked: %v", p)}}, j.sc, j.plugin.manifest)
		}
	}()
	t := j.plugin
	if ok, reason := Applies(j.sc, t.target, t.manifest); !ok {
		return identify(Result{Verdict: Skip, SkipReason: reason}, j.sc, t.manifest)
	}
	started := time.Now()
	res, entries := r.cfg.Execute(ctx, j.sc, t.target, ExecOptions{TimeoutScale: r.cfg.TimeoutScale, KeepTranscript: r.cfg.Transcripts != ""})
	if res.Duration == 0 {
		res.Duration = time.Since(started)
	}
	res = r.plan.baseline.judge(identify(res, j.sc, t.manifest))
	if r.cfg.Transcripts != "" && wantsTranscript(res) {
		r.saveTranscript(&res, j, entries)
	}
	return res
}

// identify fills the fields of res that say what ran against what, from
// the scenario and the plugin's manifest themselves.
func identify(res Result, sc *Scenario, m *mockruntime.Manifest) Result {
	res.ScenarioID, res.Title, res.Level = sc.ID, sc.Title, sc.Level
	res.Requirements, res.Labels, res.Source = sc.Requirements, sc.Labels, sc.Source
	res.Plugin, res.Slug = m.Path, m.Slug
	return res
}

// finish records the result of j, prints its line and stops a --fail-fast
// run after a result that fails it.
func (r *runner) finish(j job, res Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.results[j.index], r.ran[j.index] = res, true
	r.done++
	r.console.line(r.done, res, r.cfg.Strict)
	if r.cfg.FailFast && FailsRun(res, r.cfg.Strict) {
		r.stopped.Store(true)
	}
}

// outcome returns what the run did, once every worker has finished.
func (r *runner) outcome() Outcome {
	o := Outcome{Profile: r.cfg.Profile, Strict: r.cfg.Strict}
	for _, t := range r.plan.plugins {
		o.Plugins = append(o.Plugins, RunPlugin{Path: t.manifest.Path, Slug: t.manifest.Slug})
	}
	for i, res := range r.results {
		if r.ran[i] {
			o.Results = append(o.Results, res)
		} else {
			o.NotRun++
		}
	}
	o.BaselineProblems = r.plan.baseline.problems(o.Results, r.plan.loadedIDs, r.cfg.Now())
	return o
}
