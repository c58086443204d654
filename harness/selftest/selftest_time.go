package selftest

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/conform-dev/conform/harness/result"
)

// shownCosts is how many scenarios and testees the run-time summary names.
const shownCosts = 5

// runCost is the run time spent on one scenario or one testee.
type runCost struct {
	name    string
	total   time.Duration
	runs    int
	slowest time.Duration
}

// printRunTime says where the self-test's time went: the run time of
// every run added up against the wall time, and the scenarios and
// testees that cost the most, so that whoever makes it faster starts
// where it pays.
func printRunTime(w io.Writer, jobs []selftestJob, results []result.Result, wall time.Duration) {
	byScenario, byTestee := map[string]*runCost{}, map[string]*runCost{}
	var total time.Duration
	for i, j := range jobs {
		d := results[i].Duration
		total += d
		addCost(byScenario, j.sc.ID, d)
		addCost(byTestee, j.testee.name, d)
	}
	if total == 0 {
		return
	}
	at := float64(total) / float64(max(wall, time.Millisecond))
	fmt.Fprintf(w, "\nrun time: %v of runs in %v of wall time (%.1f at once)\n", rounded(total), rounded(wall), at)
	fmt.Fprintf(w, "  most by scenario: %s\n", costliest(byScenario))
	fmt.Fprintf(w, "  most by testee:   %s\n", costliest(byTestee))
}

func addCost(costs map[string]*runCost, name string, d time.Duration) {
	c := costs[name]
	if c == nil {
		c = &runCost{name: name}
		costs[name] = c
	}
	c.total += d
	c.runs++
	c.slowest = max(c.slowest, d)
}

// costliest names the shownCosts costs with the most run time, most first.
func costliest(costs map[string]*runCost) string {
	all := make([]*runCost, 0, len(costs))
	for _, c := range costs {
		all = append(all, c)
	}
	slices.SortFunc(all, func(a, b *runCost) int {
		return cmp.Or(cmp.Compare(b.total, a.total), strings.Compare(a.name, b.name))
	})
	var parts []string
	for _, c := range all[:min(shownCosts, len(all))] {
		parts = append(parts, fmt.Sprintf("%s %v (%d runs, slowest %v)", c.name, rounded(c.total), c.runs, rounded(c.slowest)))
	}
	return strings.Join(parts, ", ")
}

// rounded is d to the second from ten seconds up, else to 10 ms.
func rounded(d time.Duration) time.Duration {
	if d >= 10*time.Second {
		return d.Round(time.Second)
	}
	return d.Round(10 * time.Millisecond)
}

// writeTimes writes one CSV row per run, in the order the runs were
// planned: the testee, the scenario, the profile, the verdict, the rule a
// failure blamed and the run's milliseconds.
func writeTimes(path string, jobs []selftestJob, results []result.Result) error {
	rows := [][]string{{"testee", "scenario", "profile", "verdict", "rule", "ms"}}
	for i, j := range jobs {
		res := results[i]
		rule := ""
		if res.Failure != nil {
			rule = res.Failure.Rule
		}
		ms := strconv.FormatFloat(float64(res.Duration.Microseconds())/1000, 'f', 1, 64)
		rows = append(rows, []string{j.testee.name, j.sc.ID, j.profile, string(res.Verdict), rule, ms})
	}
	return writeCSV(path, "the run times", rows)
}
