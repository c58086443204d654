package baseline

import (
	"fmt"
	"github.com/conform-dev/conform/harness/result"
	"time"
)

// judge applies the baseline to one result: a failure its entry expects
// becomes ExpectedFail, a pass it expected to fail UnexpectedPass. Errors
// and skips stay as they are: a fault of conform is never expected. Safe
// for concurrent use (b is read-only; nil is an empty baseline).
func (b *Baseline) Judge(r result.Result) result.Result {
	e, ok := b.lookup(r.ScenarioID, r.Slug)
	if !ok {
		return r
	}
	switch r.Verdict {
	case result.Fail:
		r.Verdict, r.Baseline = result.ExpectedFail, e.Reason
	case result.Pass:
		r.Verdict, r.Baseline = result.UnexpectedPass, e.Reason
	}
	return r
}

// problems returns, in file order, the entries that fail the run: expired
// on today, naming no loaded scenario, or stale because a result they
// cover passed.
func (b *Baseline) Problems(results []result.Result, loaded map[string]bool, today time.Time) []result.BaselineProblem {
	if b == nil {
		return nil
	}
	var out []result.BaselineProblem
	for _, e := range b.Entries {
		if msg := b.problemOf(e, results, loaded, today); msg != "" {
			out = append(out, result.BaselineProblem{Path: b.Path, Line: e.Line, Scenario: e.Scenario, Message: msg})
		}
	}
	return out
}

func (b *Baseline) problemOf(e BaselineEntry, results []result.Result, loaded map[string]bool, today time.Time) string {
	if e.expired(today) {
		return fmt.Sprintf("expired on %s: fix the scenario or renew the entry", e.Expires.Format(dateLayout))
	}
	if !loaded[e.Scenario] {
		return "is stale: no loaded scenario has this id"
	}
	for _, r := range results {
		if r.Verdict != result.UnexpectedPass {
			continue
		}
		if covering, _ := b.lookup(r.ScenarioID, r.Slug); covering.Line == e.Line {
			return fmt.Sprintf("is stale: the scenario passed against %s; remove the entry", r.Slug)
		}
	}
	return ""
}
