package harness_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"time"

	. "github.com/onsi/gomega"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
)

// runOutcome is what one harness.Run call did.
type runOutcome struct {
	code           int
	stdout, stderr string
}

// fixedNow is the time of every run of these tests.
var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// fakeExec is an Executor that returns, instantly, the verdict chosen for
// each scenario id (pass by default) and records what it ran. Safe for
// concurrent use, as Run's workers call it at once.
type fakeExec struct {
	verdicts map[string]harness.Verdict
	panics   map[string]bool
	mu       sync.Mutex
	ran      []string // "id@slug", in call order
	options  []harness.ExecOptions
	// onRun, when set, chooses the verdict instead of verdicts, as the
	// scenario of id runs.
	onRun func(id string) harness.Verdict
}

func newFakeExec(verdicts map[string]harness.Verdict) *fakeExec {
	return &fakeExec{verdicts: verdicts, panics: map[string]bool{}}
}

func (f *fakeExec) execute(_ context.Context, sc *harness.Scenario, t harness.Target, o harness.ExecOptions) (harness.Result, []mockruntime.Entry) {
	m, err := mockruntime.LoadManifest(t.Manifest, nil)
	Expect(err).NotTo(HaveOccurred())
	f.mu.Lock()
	f.ran = append(f.ran, sc.ID+"@"+m.Slug)
	f.options = append(f.options, o)
	f.mu.Unlock()
	if f.panics[sc.ID] {
		panic("the fake executor broke")
	}
	verdict, ok := f.verdicts[sc.ID]
	if !ok {
		verdict = harness.Pass
	}
	if f.onRun != nil {
		verdict = f.onRun(sc.ID)
	}
	res := harness.Result{Verdict: verdict, Duration: 5 * time.Millisecond}
	if verdict != harness.Pass {
		res.Failure = fakeFailure(sc)
	}
	return res, fakeEntries(m.Slug)
}

// ranIDs returns what the executor ran, in call order.
func (f *fakeExec) ranIDs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.ran...)
}

func fakeFailure(sc *harness.Scenario) *harness.Failure {
	rule, _ := conform.LookupRule(sc.Requirements[0])
	return &harness.Failure{
		Step: 2, StepKind: "stop", Source: harness.Source{File: sc.Source.File, Line: sc.Source.Line + 4},
		Rule: rule.ID, RuleText: rule.Text, Message: "the plugin did not exit",
		Expected: "an exit within 5s", Got: "still running",
		Frames: []string{`#1 -> {"type":"ping","id":"p-1"}`, `#2 !! violation ` + rule.ID + `: no pong`},
		Stderr: []string{"starting", "\x1b[31mstuck\x1b[0m\a"},
	}
}

func fakeEntries(slug string) []mockruntime.Entry {
	return []mockruntime.Entry{
		{Seq: 1, T: 0, Plugin: slug, Kind: mockruntime.KindFrame, Dir: mockruntime.DirOut, Frame: json.RawMessage(`{"type":"ping","id":"p-1"}`)},
		{Seq: 2, T: 5, Plugin: slug, Kind: mockruntime.KindLog, Stream: "stderr", Line: "stuck"},
	}
}

// runDir is the folder of the run fixtures.
func runDir(parts ...string) string {
	return filepath.Join(append([]string{"testdata", "run"}, parts...)...)
}

// baseRunConfig runs the fixture plugin with the fixture suites as the
// built-in ones, one scenario at a time, at fixedNow.
func baseRunConfig(exec *fakeExec) harness.RunConfig {
	return harness.RunConfig{
		Plugins:  []string{runDir("plugin")},
		Builtin:  os.DirFS(runDir("suites")),
		Execute:  exec.execute,
		Parallel: 1,
		Now:      func() time.Time { return fixedNow },
	}
}

// mixedVerdicts fails the MUST and the SHOULD scenario of the fixtures.
func mixedVerdicts() map[string]harness.Verdict {
	return map[string]harness.Verdict{"framing.fail": harness.Fail, "framing.should": harness.Fail}
}

func runHarness(cfg harness.RunConfig) runOutcome {
	return runHarnessCtx(context.Background(), cfg)
}

func runHarnessCtx(ctx context.Context, cfg harness.RunConfig) runOutcome {
	var stdout, stderr bytes.Buffer
	code := harness.Run(ctx, cfg, &stdout, &stderr)
	return runOutcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// runReplay runs harness.Replay with buffers.
func runReplay(rc harness.ReplayConfig) runOutcome {
	var stdout, stderr bytes.Buffer
	code := harness.Replay(context.Background(), rc, &stdout, &stderr)
	return runOutcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// writeTemp writes content to name in dir and returns its path.
func writeTemp(dir, name, content string) string {
	path := filepath.Join(dir, name)
	Expect(os.WriteFile(path, []byte(content), 0o644)).To(Succeed())
	return path
}
