package harness_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/clock"
)

// minimalScenario is what BenchmarkScenario measures: start the plugin and
// answer one echo request.
const minimalScenario = `id: bench.echo
steps:
  - start
  - request: {action: echo, params: {n: 1}, expect: {result: {n: 1}}}
`

// BenchmarkScenario measures the harness's own cost per scenario: Execute
// of a minimal scenario against the Go testee, beside the same work done
// directly through mockruntime (a runtime on a fake clock, load, start,
// wait for ready, one echo, close). Each iteration runs both, taking turns
// at going first, so both see the same machine; it reports the median of each
// (direct-µs, execute-µs) and of the difference within each iteration
// (harness-µs), the cost the harness adds. Run with -run '^$' -bench Scenario -count 5.
func BenchmarkScenario(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "testee")
	build := exec.Command("go", "build", "-o", bin, "github.com/conform-dev/conform/fixtures/plugins/go")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building the testee: %v\n%s", err, out)
	}
	manifest := filepath.Join(dir, "manifest.json")
	content := `{"slug":"testee","version":"1.0.0","backend":{"command":["` + bin + `"]}}`
	if err := os.WriteFile(manifest, []byte(content), 0o644); err != nil {
		b.Fatal(err)
	}
	scenarioFile := filepath.Join(dir, "bench.yaml")
	if err := os.WriteFile(scenarioFile, []byte(minimalScenario), 0o644); err != nil {
		b.Fatal(err)
	}
	list, err := harness.LoadFile(scenarioFile)
	if err != nil {
		b.Fatal(err)
	}
	var direct, execute, added []time.Duration
	for i := 0; b.Loop(); i++ {
		var d, x time.Duration
		if i%2 == 0 { // take turns at going first
			d, x = timeDirect(b, manifest), timeExecute(b, list[0], manifest)
		} else {
			x, d = timeExecute(b, list[0], manifest), timeDirect(b, manifest)
		}
		direct, execute, added = append(direct, d), append(execute, x), append(added, x-d)
	}
	b.ReportMetric(float64(median(direct).Microseconds()), "direct-µs")
	b.ReportMetric(float64(median(execute).Microseconds()), "execute-µs")
	b.ReportMetric(float64(median(added).Microseconds()), "harness-µs")
}

// timeDirect times echoDirectly.
func timeDirect(b *testing.B, manifest string) time.Duration {
	began := time.Now()
	echoDirectly(b, manifest)
	return time.Since(began)
}

// timeExecute times Execute of sc, which must pass.
func timeExecute(b *testing.B, sc *harness.Scenario, manifest string) time.Duration {
	began := time.Now()
	res, _ := harness.Execute(context.Background(), sc, harness.Target{Manifest: manifest}, harness.ExecOptions{})
	if res.Verdict != harness.Pass {
		b.Fatalf("%s: %+v", res.Verdict, res.Failure)
	}
	return time.Since(began)
}

// median returns the middle of a set of durations.
func median(list []time.Duration) time.Duration {
	sorted := slices.Clone(list)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

// echoDirectly does through mockruntime what minimalScenario asks for.
func echoDirectly(b *testing.B, manifest string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rt, err := mockruntime.New(mockruntime.Options{Clock: clock.NewFake(time.Unix(0, 0))})
	if err != nil {
		b.Fatal(err)
	}
	defer rt.Close(ctx)
	p, err := rt.Load(manifest, mockruntime.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if err := p.Start(ctx); err != nil {
		b.Fatal(err)
	}
	if err := p.WaitReady(ctx); err != nil {
		b.Fatal(err)
	}
	if r := p.Request(ctx, mockruntime.Request{Action: "echo", Params: map[string]any{"n": 1}}); r.Error != nil {
		b.Fatal(r.Error)
	}
}
