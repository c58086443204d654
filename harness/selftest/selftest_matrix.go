package selftest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/scenario"
	"os"
	"strconv"
	"strings"
)

// checkMatrixPath checks, before anything runs, that a CSV file can be
// written where flag asks.
func checkMatrixPath(flag, path string) error {
	if path == "" {
		return nil
	}
	return plan.CheckOutputFolder(flag, path)
}

// writeMatrix writes the mutant × scenario matrix as CSV: a row per
// built-in scenario (its id, level, requirements and how many mutants it
// caught), a column per mutant headed "name (RULES)", and where the mutant
// failed the scenario the rule the failure blamed. A scenario that catches no mutant has a 0 in
// its catches column: either a runtime rule (proven by the runtime's own
// tests) or a gap.
func writeMatrix(path string, scenarios []*scenario.Scenario, verdicts []testeeVerdict) error {
	var mutants []testeeVerdict
	for _, v := range verdicts {
		if v.testee.mutant != nil {
			mutants = append(mutants, v)
		}
	}
	header := []string{"scenario", "level", "requirements", "catches"}
	for _, m := range mutants {
		header = append(header, fmt.Sprintf("%s (%s)", m.testee.name, strings.Join(m.testee.mutant.Breaks, " ")))
	}
	rows := [][]string{header}
	for _, sc := range scenarios {
		row := []string{sc.ID, sc.Level, strings.Join(sc.Requirements, " "), ""}
		n := 0
		for _, m := range mutants {
			cell := ""
			if id, ok := caughtAs(m, sc); ok {
				cell = orNone(m.blamed[id])
				n++
			}
			row = append(row, cell)
		}
		row[3] = strconv.Itoa(n)
		rows = append(rows, row)
	}
	return writeCSV(path, "the matrix", rows)
}

// writeCSV writes rows to path as CSV; what names the file in an error.
func writeCSV(path, what string, rows [][]string) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	return nil
}

// caughtAs returns the id under which the mutant was caught by sc: its
// own, or for a for_each template the first of its runs that caught it.
func caughtAs(m testeeVerdict, sc *scenario.Scenario) (string, bool) {
	for _, id := range m.caught {
		if id == sc.ID || (sc.ForEach != "" && strings.HasPrefix(id, sc.ID+".")) {
			return id, true
		}
	}
	return "", false
}
