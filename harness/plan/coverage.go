package plan

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
)

// RuleCoverage is one checked rule of CONFORMANCE.md and the scenarios
// that name it among their requirements. A plain value.
type RuleCoverage struct {
	Rule      conform.Rule
	Scenarios []string // their ids, in load order; empty when uncovered
}

// Coverage returns every MUST and SHOULD rule of CONFORMANCE.md, in
// document order, with the scenarios of scs proving it. Safe for
// concurrent use.
func Coverage(scs []*scenario.Scenario) []RuleCoverage {
	proving := map[string][]string{}
	for _, sc := range scs {
		for _, req := range sc.Requirements {
			proving[req] = append(proving[req], sc.ID)
		}
	}
	var out []RuleCoverage
	for _, r := range conform.Rules() {
		if r.Level == "MUST" || r.Level == result.ShouldLevel {
			out = append(out, RuleCoverage{Rule: r, Scenarios: proving[r.ID]})
		}
	}
	return out
}

// printCoverage prints one line per rule, then how many of each level are
// covered.
func printCoverage(w io.Writer, rules []RuleCoverage) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tLEVEL\tBINDS\tSCENARIOS")
	for _, rc := range rules {
		proof := strings.Join(rc.Scenarios, ",")
		if proof == "" {
			proof = "UNCOVERED"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", rc.Rule.ID, rc.Rule.Level, strings.Join(rc.Rule.Parties, ","), proof)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%s; %s\n", coverageCount(rules, "MUST"), coverageCount(rules, result.ShouldLevel))
}

// coverageCount is "MUST: 80 of 95 covered, 15 uncovered".
func coverageCount(rules []RuleCoverage, level string) string {
	total, covered := 0, 0
	for _, rc := range rules {
		if rc.Rule.Level != level {
			continue
		}
		total++
		if len(rc.Scenarios) > 0 {
			covered++
		}
	}
	return fmt.Sprintf("%s: %d of %d covered, %d uncovered", level, covered, total, total-covered)
}
