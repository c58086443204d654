package selftest

import (
	"fmt"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
	"slices"
	"strings"
)

// testeeVerdict is what the self-test found for one testee: how many runs,
// for a mutant the scenarios that caught it, and every problem.
type testeeVerdict struct {
	testee   *selftestTestee
	runs     int
	caught   []string          // the ids of the scenarios the mutant failed, in scenario order
	blamed   map[string]string // for a mutant: scenario id -> the rule its failure names
	problems []string
	notes    []string // worth a look, not a failure: a misblamed entry that did not happen this time
}

// precision counts a mutant's failing results and how many of them name a
// rule in its breaks.
func (v testeeVerdict) precision() (precise, failing int) {
	for _, rule := range v.blamed {
		failing++
		if slices.Contains(v.testee.mutant.Breaks, rule) {
			precise++
		}
	}
	return precise, failing
}

// ok reports whether the testee behaved as the self-test requires.
func (v testeeVerdict) ok() bool { return len(v.problems) == 0 }

// judge turns the results, in job order, into one verdict per testee, in
// testee order.
func (st *selftest) judge(results []result.Result) []testeeVerdict {
	byTestee := map[*selftestTestee]*testeeVerdict{}
	var verdicts []*testeeVerdict
	for _, t := range st.testees {
		v := &testeeVerdict{testee: t}
		byTestee[t] = v
		verdicts = append(verdicts, v)
	}
	for i, j := range st.jobs {
		byTestee[j.testee].add(j, results[i])
	}
	out := make([]testeeVerdict, len(verdicts))
	for i, v := range verdicts {
		if v.testee.mutant != nil {
			v.checkDeclaration(st.jobScenarios(v.testee))
		}
		out[i] = *v
	}
	return out
}

// jobScenarios are the scenarios run against t, for_each runs included,
// in job order.
func (st *selftest) jobScenarios(t *selftestTestee) []*scenario.Scenario {
	var out []*scenario.Scenario
	for _, j := range st.jobs {
		if j.testee == t {
			out = append(out, j.sc)
		}
	}
	return out
}

// add takes in the result of one run of the testee. A reference may be
// skipped by a probe that finds it does not do what the probe is about.
func (v *testeeVerdict) add(j selftestJob, res result.Result) {
	v.runs++
	switch {
	case res.Verdict == result.Error:
		v.problems = append(v.problems, fmt.Sprintf("%s (%s): error of conform: %s", j.sc.ID, j.profile, failureLine(res)))
	case v.testee.mutant == nil && res.Verdict != result.Pass && res.Verdict != result.Skip:
		v.problems = append(v.problems, fmt.Sprintf("%s (%s): %s: %s", j.sc.ID, j.profile, res.Verdict, failureLine(res)))
	case v.testee.mutant == nil && len(res.Warnings) > 0:
		v.problems = append(v.problems, fmt.Sprintf("%s (%s): passed with warnings: %s", j.sc.ID, j.profile, strings.Join(res.Warnings, "; ")))
	case v.testee.mutant != nil && res.Verdict == result.Fail && !slices.Contains(v.caught, j.sc.ID):
		v.caught = append(v.caught, j.sc.ID)
		if v.blamed == nil {
			v.blamed = map[string]string{}
		}
		if res.Failure != nil {
			v.blamed[j.sc.ID] = res.Failure.Rule
		}
	}
}

// checkDeclaration compares what caught a mutant with its caught_by, and
// checks that a catch was for a rule it breaks.
func (v *testeeVerdict) checkDeclaration(scenarios []*scenario.Scenario) {
	m := v.testee.mutant
	if len(v.caught) == 0 {
		v.problems = append(v.problems, "passes every scenario: no scenario catches it")
	}
	if missed := without(missing(m.CaughtBy, v.caught), m.Unsteady); len(missed) > 0 {
		v.problems = append(v.problems, "declared in caught_by, not caught: "+strings.Join(missed, ", "))
	}
	if extra := without(missing(v.caught, m.CaughtBy), m.Unsteady); len(extra) > 0 {
		v.problems = append(v.problems, "caught, not declared in caught_by: "+strings.Join(extra, ", "))
	}
	if len(v.caught) > 0 && !provesABrokenRule(scenarios, v.caught, m.Breaks) {
		v.problems = append(v.problems, fmt.Sprintf("no scenario that caught it proves a rule it breaks (%s)", strings.Join(m.Breaks, ", ")))
	}
	for _, id := range v.caught {
		if rule := v.blamed[id]; !slices.Contains(m.Breaks, rule) && !hasKey(m.Misblamed, id) && !slices.Contains(m.Unsteady, id) {
			v.problems = append(v.problems, fmt.Sprintf("%s blames %s, a rule it does not break (breaks: %s)", id, orNone(rule), strings.Join(m.Breaks, ", ")))
		}
	}
	for _, id := range sortedKeys(m.Misblamed) {
		if rule, caught := v.blamed[id]; !caught || rule != m.Misblamed[id] {
			v.notes = append(v.notes, fmt.Sprintf("misblamed lists %s as blaming %s, which it did not this time: remove the entry if that holds", id, m.Misblamed[id]))
		}
	}
}

// misblamed returns the observed misattributions: scenario id -> the rule
// outside breaks that it blamed.
func (v testeeVerdict) misblamed() map[string]string {
	out := map[string]string{}
	for id, rule := range v.blamed {
		if !slices.Contains(v.testee.mutant.Breaks, rule) {
			out[id] = rule
		}
	}
	return out
}

// without returns ids less the members of drop.
func without(ids, drop []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(drop, id) {
			out = append(out, id)
		}
	}
	return out
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func orNone(rule string) string {
	if rule == "" {
		return "no rule"
	}
	return rule
}

// missing returns the members of want that got lacks, in want's order.
func missing(want, got []string) []string {
	var out []string
	for _, id := range want {
		if !slices.Contains(got, id) {
			out = append(out, id)
		}
	}
	return out
}

// provesABrokenRule reports whether one of the scenarios caught lists one
// of the rules broken among its requirements.
func provesABrokenRule(scenarios []*scenario.Scenario, caught, broken []string) bool {
	for _, sc := range scenarios {
		if !slices.Contains(caught, sc.ID) {
			continue
		}
		for _, rule := range sc.Requirements {
			if slices.Contains(broken, rule) {
				return true
			}
		}
	}
	return false
}

// failureLine says in one line why a run did not pass.
func failureLine(res result.Result) string {
	if res.Failure == nil {
		return string(res.Verdict)
	}
	line := res.Failure.Message
	if res.Failure.Rule != "" {
		line = "[" + res.Failure.Rule + "] " + line
	}
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return line
}
