package selftest

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness/result"
)

// shownCatches is how many catching scenarios a mutant's line names; its
// mutant.yaml lists them all.
const shownCatches = 8

// printSelftest prints one line per testee (references, then mutants
// with the scenarios that caught them), each problem under its testee,
// and a closing line; it returns the exit code.
func printSelftest(w io.Writer, verdicts []testeeVerdict, manifestsPerRule map[string]int, wall time.Duration) int {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	var refs, mutants []testeeVerdict
	for _, v := range verdicts {
		if v.testee.mutant == nil {
			refs = append(refs, v)
		} else {
			mutants = append(mutants, v)
		}
	}
	if len(refs) > 0 {
		fmt.Fprintln(tw, "REFERENCE\t\tRUNS\t")
		for _, v := range refs {
			fmt.Fprintf(tw, "%s\t%s\t%d\t\n", status(v), v.testee.name, v.runs)
		}
	}
	if len(mutants) > 0 {
		fmt.Fprintln(tw, "MUTANT\t\tBREAKS\tCAUGHT BY")
		for _, v := range mutants {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", status(v), v.testee.name, strings.Join(v.testee.mutant.Breaks, ","), catches(v.caught))
		}
	}
	tw.Flush()
	return printProblems(w, verdicts, manifestsPerRule, wall)
}

// printProblems lists the problems by testee and closes the report.
func printProblems(w io.Writer, verdicts []testeeVerdict, manifestsPerRule map[string]int, wall time.Duration) int {
	bad, runs := 0, 0
	for _, v := range verdicts {
		runs += v.runs
		if v.ok() && len(v.notes) == 0 {
			continue
		}
		if !v.ok() {
			bad++
		}
		fmt.Fprintf(w, "\n%s:\n", v.testee.name)
		for _, p := range v.problems {
			fmt.Fprintf(w, "  - %s\n", p)
		}
		for _, n := range v.notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
	}
	printPerRule(w, verdicts, manifestsPerRule)
	if precise, failing := totalPrecision(verdicts); failing > 0 {
		fmt.Fprintf(w, "\nprecision: %d of %d failing results of mutants name a rule the mutant breaks (%.1f%%)\n",
			precise, failing, 100*float64(precise)/float64(failing))
	}
	wall = wall.Round(time.Millisecond)
	if bad > 0 {
		fmt.Fprintf(w, "\nselftest: FAIL: %d of %d testees have problems (%d runs in %v)\n", bad, len(verdicts), runs, wall)
		return result.ExitFail
	}
	fmt.Fprintf(w, "\nselftest: ok: %d testees, %d runs in %v\n", len(verdicts), runs, wall)
	return result.ExitPass
}

func status(v testeeVerdict) string {
	if v.ok() {
		return "ok"
	}
	return "FAIL"
}

// catches names the scenarios that caught a mutant, the first few by id.
func catches(ids []string) string {
	if len(ids) == 0 {
		return "nothing"
	}
	shown := ids[:min(len(ids), shownCatches)]
	s := fmt.Sprintf("%d: %s", len(ids), strings.Join(shown, " "))
	if more := len(ids) - len(shown); more > 0 {
		s += fmt.Sprintf(" (+%d more)", more)
	}
	return s
}

// totalPrecision sums the mutants' precision.
func totalPrecision(verdicts []testeeVerdict) (precise, failing int) {
	for _, v := range verdicts {
		if v.testee.mutant == nil {
			continue
		}
		p, f := v.precision()
		precise += p
		failing += f
	}
	return precise, failing
}

// mutantsPerRule counts, for each rule, the mutants a failure blamed for
// it: the mutants that prove a scenario catches a break of that rule.
func mutantsPerRule(verdicts []testeeVerdict) map[string]int {
	counts := map[string]int{}
	for _, v := range verdicts {
		if v.testee.mutant == nil {
			continue
		}
		seen := map[string]bool{}
		for _, rule := range v.blamed {
			if !seen[rule] && slices.Contains(v.testee.mutant.Breaks, rule) {
				seen[rule] = true
				counts[rule]++
			}
		}
	}
	return counts
}

// printPerRule prints how many mutants prove each rule that binds a
// plugin or a testee, and how many broken manifests prove each manifest
// rule, and names the MUSTs with fewer than two of either: the suite's
// weak spots. Only a run of every mutant says anything here: a nil
// manifestsPerRule means some mutants were left out, and prints nothing.
func printPerRule(w io.Writer, verdicts []testeeVerdict, manifestsPerRule map[string]int) {
	counts := mutantsPerRule(verdicts)
	if len(counts) == 0 || manifestsPerRule == nil {
		return
	}
	var parts, manifests, thin []string
	for _, r := range conform.Rules() {
		if !r.Binds("plugin") && !r.Binds("testee") {
			continue
		}
		if n := counts[r.ID]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", r.ID, n))
		}
		if n := manifestsPerRule[r.ID]; n > 0 {
			manifests = append(manifests, fmt.Sprintf("%s %d", r.ID, n))
		}
		if r.Level == "MUST" && counts[r.ID] < 2 && manifestsPerRule[r.ID] < 2 {
			thin = append(thin, fmt.Sprintf("%s (%d)", r.ID, counts[r.ID]))
		}
	}
	fmt.Fprintf(w, "\nmutants per rule: %s\n", strings.Join(parts, ", "))
	if len(manifests) > 0 {
		fmt.Fprintf(w, "broken manifests per rule (judged before any scenario, %s): %s\n", brokenManifests, strings.Join(manifests, ", "))
	}
	if len(thin) > 0 {
		fmt.Fprintf(w, "MUSTs binding a plugin with fewer than two mutants or broken manifests: %s\n", strings.Join(thin, ", "))
	}
}
