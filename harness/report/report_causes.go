package report

import (
	"fmt"
	"slices"
	"strings"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness/internal/words"
	"github.com/conform-dev/conform/harness/result"
)

// Cause is one problem of one plugin: every result of a run that fails
// the run charged to the same rule. When one fault fails many scenarios
// (a plugin that never pongs fails every scenario with a ping barrier),
// the reports show one cause, not one block per scenario. A plain value.
type Cause struct {
	Rule      string   `json:"rule"`
	RuleText  string   `json:"rule_text,omitempty"`
	Plugin    string   `json:"plugin"` // the plugin's manifest path
	Slug      string   `json:"slug"`
	Scenarios []string `json:"scenarios"` // in plan order; the first is shown in full
}

// Causes groups the results that fail the run by plugin and blamed rule,
// the largest group first (ties in plan order). Errors are conform's, not
// the plugin's, and are not grouped.
func Causes(results []result.Result, strict bool) []Cause {
	var causes []Cause
	index := map[[2]string]int{}
	for _, r := range results {
		if r.Verdict != result.Fail || r.Failure == nil || !result.FailsRun(r, strict) {
			continue
		}
		key := [2]string{r.Plugin, r.Failure.Rule}
		i, ok := index[key]
		if !ok {
			i = len(causes)
			index[key] = i
			causes = append(causes, Cause{Rule: r.Failure.Rule, RuleText: r.Failure.RuleText, Plugin: r.Plugin, Slug: r.Slug})
		}
		causes[i].Scenarios = append(causes[i].Scenarios, r.ScenarioID)
	}
	slices.SortStableFunc(causes, func(a, b Cause) int { return len(b.Scenarios) - len(a.Scenarios) })
	return causes
}

// title is "WD-2 (The plugin answers every ping…)": the rule and the start
// of its sentence.
func (c Cause) title() string {
	rule := c.Rule
	if rule == "" {
		rule = "no rule"
	}
	text := c.RuleText
	if text == "" {
		if r, ok := conform.LookupRule(c.Rule); ok {
			text = r.Text
		}
	}
	if text == "" {
		return rule
	}
	return fmt.Sprintf("%s (%s)", rule, clipText(text, 60))
}

// line is the summary line of a cause: "WD-2 (…): 13 scenarios".
func (c Cause) line(showPlugin bool) string {
	s := c.title() + ": " + words.Count(len(c.Scenarios), "scenario")
	if showPlugin {
		s += " of " + c.Slug + " (" + c.Plugin + ")"
	}
	return s
}

// causeOf finds the cause a result belongs to and whether it is the
// cause's first scenario.
func causeOf(causes []Cause, r result.Result) (Cause, bool, bool) {
	if r.Failure == nil {
		return Cause{}, false, false
	}
	for _, c := range causes {
		if c.Plugin == r.Plugin && c.Rule == r.Failure.Rule && slices.Contains(c.Scenarios, r.ScenarioID) {
			return c, true, c.Scenarios[0] == r.ScenarioID
		}
	}
	return Cause{}, false, false
}

// sameCauseLines lists, under the first failure of a cause, the other
// scenarios it failed with where each failed.
func sameCauseLines(c Cause, results []result.Result) []string {
	if len(c.Scenarios) < 2 {
		return nil
	}
	lines := []string{fmt.Sprintf("%s for the same cause [%s]:", words.Count(len(c.Scenarios)-1, "more scenario"), c.Rule)}
	for _, r := range results {
		if r.Plugin != c.Plugin || r.Failure == nil || r.Failure.Rule != c.Rule || r.ScenarioID == c.Scenarios[0] || !slices.Contains(c.Scenarios, r.ScenarioID) {
			continue
		}
		lines = append(lines, fmt.Sprintf("  %s — %s: %s", r.ScenarioID, r.Failure.Source, strings.TrimSuffix(stepLabel(r.Failure), ": ")))
	}
	return lines
}

// clipText shortens s to at most n bytes for a title.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
