package harness_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
)

// benchScenarios is how many scenarios one benchmarked run holds.
const benchScenarios = 100

// instantPass is an executor that does nothing, so a run measures only
// the orchestration around it.
func instantPass(context.Context, *harness.Scenario, harness.Target, harness.ExecOptions) (harness.Result, []mockruntime.Entry) {
	return harness.Result{Verdict: harness.Pass}, nil
}

// writeBenchScenarios writes benchScenarios scenarios into a file of dir.
func writeBenchScenarios(b *testing.B, dir string) {
	var text strings.Builder
	text.WriteString("scenarios:\n")
	for i := range benchScenarios {
		fmt.Fprintf(&text, "  - id: bench.s%03d\n    requirements: [FRAME-1]\n    steps: [start, stop]\n", i)
	}
	if err := os.WriteFile(filepath.Join(dir, "bench.yaml"), []byte(text.String()), 0o644); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRunOverhead measures conform's own cost per scenario: loading
// and checking the inputs, scheduling, judging, printing and writing the
// JSON and JUnit reports, around an executor that returns at once. The
// baseline sub-benchmark calls that executor directly, in the same run.
func BenchmarkRunOverhead(b *testing.B) {
	dir := b.TempDir()
	writeBenchScenarios(b, dir)
	b.Run("baseline", func(b *testing.B) {
		sc := &harness.Scenario{ID: "bench"}
		for b.Loop() {
			for range benchScenarios {
				instantPass(context.Background(), sc, harness.Target{}, harness.ExecOptions{})
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchScenarios), "ns/scenario")
	})
	b.Run("run", func(b *testing.B) {
		reports := b.TempDir()
		cfg := harness.RunConfig{
			Plugins: []string{filepath.Join("testdata", "run", "plugin")}, NoBuiltin: true, Scenarios: []string{dir},
			Execute: instantPass, Parallel: 1,
			JSON: filepath.Join(reports, "report.json"), JUnit: filepath.Join(reports, "junit.xml"),
		}
		for b.Loop() {
			var stderr strings.Builder
			if code := harness.Run(context.Background(), cfg, io.Discard, &stderr); code != harness.ExitPass {
				b.Fatalf("exit %d: %s", code, stderr.String())
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchScenarios), "ns/scenario")
	})
}
