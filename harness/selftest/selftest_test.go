package selftest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
)

// selftestSuites are three scenarios, one per profile.
var selftestSuites = fstest.MapFS{
	"s.yaml": {Data: []byte(`scenarios:
  - {id: both.ready, requirements: [LIFE-5], profile: both, steps: [start]}
  - {id: sdk.echo, requirements: [ENV-8], profile: sdk, steps: [start]}
  - {id: plugin.pong, requirements: [WD-2], profile: plugin, steps: [start]}
`)},
}

// selftestRepo makes a repository with one reference testee and the
// mutants given as name → mutant.yaml, and returns its root.
func selftestRepo(mutants map[string]string) string {
	root := GinkgoT().TempDir()
	write := func(path, content string) {
		full := filepath.Join(root, path)
		Expect(os.MkdirAll(filepath.Dir(full), 0o755)).To(Succeed())
		Expect(os.WriteFile(full, []byte(content), 0o644)).To(Succeed())
	}
	manifest := `{"slug": "testee", "version": "1.0.0", "backend": {"command": ["./plugin"]}}`
	write("fixtures/plugins/ref/manifest.json", manifest)
	for name, file := range mutants {
		write("fixtures/mutants/"+name+"/manifest.json", manifest)
		write("fixtures/mutants/"+name+"/mutant.yaml", file)
	}
	return root
}

// fakeRuns is an Executor that fails the scenarios listed for each testee
// (by folder name) and records every run as "testee scenario profile".
type fakeRuns struct {
	fail  map[string][]string
	error map[string]string        // testee → the one scenario that is an Error
	warn  map[string]string        // testee → the one scenario that passes with a warning
	blame map[string]string        // "testee scenario" → the rule its failure names (WD-2 otherwise)
	took  map[string]time.Duration // "testee scenario" → the run's duration (0 otherwise)
	mu    sync.Mutex
	runs  []string
}

func (f *fakeRuns) execute(_ context.Context, sc *harness.Scenario, t harness.Target, _ harness.ExecOptions) (harness.Result, []mockruntime.Entry) {
	testee := filepath.Base(filepath.Dir(t.Manifest))
	f.mu.Lock()
	f.runs = append(f.runs, testee+" "+sc.ID+" "+t.Profile)
	f.mu.Unlock()
	res := harness.Result{ScenarioID: sc.ID, Verdict: harness.Pass, Duration: f.took[testee+" "+sc.ID]}
	for _, id := range f.fail[testee] {
		if id == sc.ID {
			rule := "WD-2"
			if r, ok := f.blame[testee+" "+sc.ID]; ok {
				rule = r
			}
			res.Verdict, res.Failure = harness.Fail, &harness.Failure{Rule: rule, Message: "no pong"}
		}
	}
	if f.warn[testee] == sc.ID {
		res.Warnings = []string{"LIFE-12 (SHOULD): a second serve_ready"}
	}
	if f.error[testee] == sc.ID {
		res.Verdict, res.Failure = harness.Error, &harness.Failure{Message: "step panicked"}
	}
	return res, nil
}

// runSelftest runs the self-test over root with the fake runs.
func runSelftest(root string, runs *fakeRuns, mutants []string, write bool) (int, string, string) {
	var out, errOut bytes.Buffer
	code := harness.Selftest(context.Background(), harness.SelftestConfig{
		Root: root, Mutants: mutants, Write: write, Parallel: 3, Builtin: selftestSuites, Execute: runs.execute,
	}, &out, &errOut)
	return code, out.String(), errOut.String()
}

const caughtByPong = "fault: no-pong\nbreaks: [WD-2]\ndescription: \"never pongs\"\ncaught_by: [plugin.pong]\n"

var _ = Describe("Selftest", func() {
	It("runs each reference under both profiles and each mutant once per scenario, sdk for both", func() {
		runs := &fakeRuns{fail: map[string][]string{"no-pong": {"plugin.pong"}}}
		code, out, _ := runSelftest(selftestRepo(map[string]string{"no-pong": caughtByPong}), runs, nil, false)
		Expect(code).To(Equal(harness.ExitPass), out)
		Expect(runs.runs).To(ConsistOf(
			"ref both.ready plugin", "ref plugin.pong plugin", "ref both.ready sdk", "ref sdk.echo sdk",
			"no-pong both.ready sdk", "no-pong sdk.echo sdk", "no-pong plugin.pong plugin",
		))
		Expect(out).To(ContainSubstring("selftest: 3 scenarios, 1 references, 1 mutants: 7 runs, 3 at once"))
		Expect(out).To(MatchRegexp(`(?m)^ok\s+ref\s+4\s*$`))
		Expect(out).To(MatchRegexp(`(?m)^ok\s+no-pong\s+WD-2\s+1: plugin.pong$`))
		Expect(out).To(ContainSubstring("selftest: ok: 2 testees, 7 runs in "))
	})

	It("runs a mutant marked profile: sdk under the sdk profile only", func() {
		const sdkOnly = "fault: lost\nbreaks: [WD-2]\nprofile: sdk\ncaught_by: [both.ready, sdk.echo]\n"
		runs := &fakeRuns{fail: map[string][]string{"lost": {"both.ready", "sdk.echo"}}}
		_, out, _ := runSelftest(selftestRepo(map[string]string{"lost": sdkOnly}), runs, nil, false)
		Expect(out).To(ContainSubstring("1 mutants: 6 runs"))
		Expect(runs.runs).To(ConsistOf(
			"ref both.ready plugin", "ref plugin.pong plugin", "ref both.ready sdk", "ref sdk.echo sdk",
			"lost both.ready sdk", "lost sdk.echo sdk",
		))
	})

	It("refuses a mutant.yaml whose profile is neither plugin nor sdk", func() {
		const bad = "fault: m\nbreaks: [WD-2]\nprofile: both\ncaught_by: [plugin.pong]\n"
		code, out, errOut := runSelftest(selftestRepo(map[string]string{"m": bad}), &fakeRuns{}, nil, false)
		Expect(code).NotTo(Equal(harness.ExitPass))
		Expect(out + errOut).To(ContainSubstring(`m/mutant.yaml: profile "both": want plugin, sdk or none`))
	})

	It("says where the run time went, by scenario and by testee, most first", func() {
		runs := &fakeRuns{
			fail: map[string][]string{"no-pong": {"plugin.pong"}},
			took: map[string]time.Duration{"ref plugin.pong": time.Second, "no-pong plugin.pong": 2 * time.Second, "no-pong sdk.echo": 500 * time.Millisecond},
		}
		_, out, _ := runSelftest(selftestRepo(map[string]string{"no-pong": caughtByPong}), runs, nil, false)
		Expect(out).To(MatchRegexp(`\nrun time: 3.5s of runs in \S+ of wall time`))
		Expect(out).To(ContainSubstring("  most by scenario: plugin.pong 3s (2 runs, slowest 2s), sdk.echo 500ms (2 runs, slowest 500ms), both.ready 0s (3 runs, slowest 0s)\n"))
		Expect(out).To(ContainSubstring("  most by testee:   no-pong 2.5s (3 runs, slowest 2s), ref 1s (4 runs, slowest 1s)\n"))
	})

	DescribeTable("fails, naming the problem under the testee",
		func(mutant string, runs *fakeRuns, problem string) {
			code, out, _ := runSelftest(selftestRepo(map[string]string{"m": mutant}), runs, nil, false)
			Expect(code).To(Equal(harness.ExitFail))
			Expect(out).To(ContainSubstring(problem))
			Expect(out).To(ContainSubstring("selftest: FAIL: 1 of 2 testees have problems"))
		},
		Entry("a reference that fails", caughtByPong,
			&fakeRuns{fail: map[string][]string{"ref": {"sdk.echo"}, "m": {"plugin.pong"}}},
			"ref:\n  - sdk.echo (sdk): fail: [WD-2] no pong"),
		Entry("a reference that passes with a warning", caughtByPong,
			&fakeRuns{fail: map[string][]string{"m": {"plugin.pong"}}, warn: map[string]string{"ref": "both.ready"}},
			"ref:\n  - both.ready (plugin): passed with warnings: LIFE-12 (SHOULD): a second serve_ready"),
		Entry("a mutant no scenario catches", "fault: m\nbreaks: [WD-2]\ncaught_by: []\n",
			&fakeRuns{}, "m:\n  - passes every scenario: no scenario catches it"),
		Entry("a declared scenario that did not catch it", "fault: m\nbreaks: [WD-2]\ncaught_by: [plugin.pong, sdk.echo]\n",
			&fakeRuns{fail: map[string][]string{"m": {"plugin.pong"}}}, "  - declared in caught_by, not caught: sdk.echo"),
		Entry("a catch it does not declare", caughtByPong,
			&fakeRuns{fail: map[string][]string{"m": {"plugin.pong", "both.ready"}}}, "  - caught, not declared in caught_by: both.ready"),
		Entry("catches only for rules it does not break", "fault: m\nbreaks: [REQ-4]\ncaught_by: [plugin.pong]\n",
			&fakeRuns{fail: map[string][]string{"m": {"plugin.pong"}}}, "  - no scenario that caught it proves a rule it breaks (REQ-4)"),
		Entry("an error of conform", caughtByPong,
			&fakeRuns{fail: map[string][]string{"m": {"plugin.pong"}}, error: map[string]string{"m": "sdk.echo"}},
			"  - sdk.echo (sdk): error of conform: step panicked"),
	)

	It("rewrites caught_by from what was observed with --write, then judges that", func() {
		root := selftestRepo(map[string]string{"m": "fault: m\nbreaks: [WD-2]\ncaught_by: [sdk.echo]\ndescription: \"kept\"\n"})
		runs := &fakeRuns{fail: map[string][]string{"m": {"both.ready", "plugin.pong"}}}
		code, out, _ := runSelftest(root, runs, nil, true)
		Expect(code).To(Equal(harness.ExitPass), out)
		Expect(out).To(ContainSubstring("selftest: rewrote caught_by and misblamed in 1 mutant.yaml files"))
		data, err := os.ReadFile(filepath.Join(root, "fixtures/mutants/m/mutant.yaml"))
		Expect(err).NotTo(HaveOccurred())
		Expect(string(data)).To(Equal("fault: m\nbreaks: [WD-2]\ncaught_by:\n  - both.ready\n  - plugin.pong\ndescription: \"kept\"\n"))
	})

	It("fails a mutant whose failure blames a rule it does not break, and prints the precision", func() {
		root := selftestRepo(map[string]string{"late": "fault: late\nbreaks: [WD-2]\ncaught_by: [both.ready, plugin.pong]\n"})
		runs := &fakeRuns{fail: map[string][]string{"late": {"both.ready", "plugin.pong"}}, blame: map[string]string{"late both.ready": "LIFE-5"}}
		code, out, _ := runSelftest(root, runs, nil, false)
		Expect(code).To(Equal(harness.ExitFail))
		Expect(out).To(ContainSubstring("both.ready blames LIFE-5, a rule it does not break (breaks: WD-2)"))
		Expect(out).To(ContainSubstring("precision: 1 of 2 failing results of mutants name a rule the mutant breaks (50.0%)"))
	})

	It("counts broken manifests as proof of the manifest rules, and names the MUSTs with fewer than two of either", func() {
		root := selftestRepo(map[string]string{"no-pong": caughtByPong})
		Expect(os.MkdirAll(filepath.Join(root, "fixtures/manifests"), 0o755)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(root, "fixtures/manifests/expected-failures.json"), []byte(`{
  "invalid/a.json": {"rule": "MAN-1", "pointer": "/slug"},
  "invalid/b.json": {"rule": "MAN-1", "pointer": "/slug"},
  "invalid/c.json": {"rule": "MAN-2", "pointer": "/version"}
}`), 0o644)).To(Succeed())
		runs := &fakeRuns{fail: map[string][]string{"no-pong": {"plugin.pong"}}}
		code, out, _ := runSelftest(root, runs, nil, false)
		Expect(code).To(Equal(harness.ExitPass), out)
		Expect(out).To(ContainSubstring("broken manifests per rule (judged before any scenario, fixtures/manifests/expected-failures.json): MAN-1 2, MAN-2 1\n"))
		thin := regexp.MustCompile(`MUSTs binding a plugin with fewer than two mutants or broken manifests: (.*)`).FindStringSubmatch(out)
		Expect(thin).To(HaveLen(2), out)
		Expect(thin[1]).To(ContainSubstring("MAN-2 (0)"))
		Expect(thin[1]).To(ContainSubstring("WD-2 (1)"))
		Expect(thin[1]).NotTo(ContainSubstring("MAN-1 "))
	})

	It("refuses a broken-manifest index it cannot read as JSON", func() {
		root := selftestRepo(map[string]string{"no-pong": caughtByPong})
		Expect(os.MkdirAll(filepath.Join(root, "fixtures/manifests"), 0o755)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(root, "fixtures/manifests/expected-failures.json"), []byte(`{"invalid/a.json": `), 0o644)).To(Succeed())
		code, _, errOut := runSelftest(root, &fakeRuns{}, nil, false)
		Expect(code).To(Equal(harness.ExitUsage))
		Expect(errOut).To(ContainSubstring("expected-failures.json"))
	})

	It("accepts a misattribution its mutant.yaml lists under misblamed, and notes a stale entry", func() {
		declared := "fault: late\nbreaks: [WD-2]\ncaught_by: [both.ready, plugin.pong]\nmisblamed:\n  both.ready: LIFE-5\n"
		runs := &fakeRuns{fail: map[string][]string{"late": {"both.ready", "plugin.pong"}}, blame: map[string]string{"late both.ready": "LIFE-5"}}
		code, out, _ := runSelftest(selftestRepo(map[string]string{"late": declared}), runs, nil, false)
		Expect(code).To(Equal(harness.ExitPass), out)

		runs.blame = nil
		code, out, _ = runSelftest(selftestRepo(map[string]string{"late": declared}), runs, nil, false)
		Expect(code).To(Equal(harness.ExitPass), "a misattribution that did not happen this time may be load: a note, not a failure")
		Expect(out).To(ContainSubstring("note: misblamed lists both.ready as blaming LIFE-5, which it did not this time: remove the entry if that holds"))
	})

	It("writes the mutant × scenario matrix as CSV with --matrix", func() {
		root := selftestRepo(map[string]string{"no-pong": caughtByPong, "late": "fault: late\nbreaks: [WD-2, WD-3]\ncaught_by: [both.ready, plugin.pong]\n"})
		runs := &fakeRuns{fail: map[string][]string{"no-pong": {"plugin.pong"}, "late": {"both.ready", "plugin.pong"}}}
		matrix := filepath.Join(GinkgoT().TempDir(), "matrix.csv")
		var out, errOut bytes.Buffer
		code := harness.Selftest(context.Background(), harness.SelftestConfig{
			Root: root, Parallel: 2, Builtin: selftestSuites, Execute: runs.execute, Matrix: matrix,
		}, &out, &errOut)
		Expect(code).To(Equal(harness.ExitPass), out.String()+errOut.String())
		data, err := os.ReadFile(matrix)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(data)).To(Equal("scenario,level,requirements,catches,late (WD-2 WD-3),no-pong (WD-2)\n" +
			"both.ready,MUST,LIFE-5,1,WD-2,\n" +
			"sdk.echo,MUST,ENV-8,0,,\n" +
			"plugin.pong,MUST,WD-2,2,WD-2,WD-2\n"))
	})

	It("writes one row per run with --times, in planned order, with its verdict, blamed rule and milliseconds", func() {
		runs := &fakeRuns{fail: map[string][]string{"no-pong": {"plugin.pong"}}, took: map[string]time.Duration{"no-pong plugin.pong": 1500 * time.Millisecond}}
		times := filepath.Join(GinkgoT().TempDir(), "times.csv")
		var out, errOut bytes.Buffer
		code := harness.Selftest(context.Background(), harness.SelftestConfig{
			Root: selftestRepo(map[string]string{"no-pong": caughtByPong}), Parallel: 2, Builtin: selftestSuites, Execute: runs.execute, Times: times,
		}, &out, &errOut)
		Expect(code).To(Equal(harness.ExitPass), out.String()+errOut.String())
		data, err := os.ReadFile(times)
		Expect(err).NotTo(HaveOccurred())
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		Expect(lines[0]).To(Equal("testee,scenario,profile,verdict,rule,ms"))
		Expect(lines).To(HaveLen(8))
		Expect(lines).To(ContainElements("ref,both.ready,plugin,pass,,0.0", "no-pong,plugin.pong,plugin,fail,WD-2,1500.0"))
	})

	It("refuses a --times in a folder that does not exist before running anything", func() {
		runs := &fakeRuns{}
		var out, errOut bytes.Buffer
		times := filepath.Join(GinkgoT().TempDir(), "missing", "times.csv")
		code := harness.Selftest(context.Background(), harness.SelftestConfig{
			Root: selftestRepo(map[string]string{"a": caughtByPong}), Builtin: selftestSuites, Execute: runs.execute, Times: times,
		}, &out, &errOut)
		Expect(code).To(Equal(harness.ExitUsage))
		Expect(errOut.String()).To(ContainSubstring("--times " + times + ": the folder"))
		Expect(runs.runs).To(BeEmpty())
	})

	It("refuses a --matrix in a folder that does not exist before running anything", func() {
		runs := &fakeRuns{}
		var out, errOut bytes.Buffer
		matrix := filepath.Join(GinkgoT().TempDir(), "missing", "matrix.csv")
		code := harness.Selftest(context.Background(), harness.SelftestConfig{
			Root: selftestRepo(map[string]string{"a": caughtByPong}), Builtin: selftestSuites, Execute: runs.execute, Matrix: matrix,
		}, &out, &errOut)
		Expect(code).To(Equal(harness.ExitUsage))
		Expect(errOut.String()).To(ContainSubstring("--matrix " + matrix + ": the folder"))
		Expect(runs.runs).To(BeEmpty())
	})

	It("runs only the mutants named, and no reference", func() {
		runs := &fakeRuns{fail: map[string][]string{"a": {"plugin.pong"}}}
		code, out, _ := runSelftest(selftestRepo(map[string]string{"a": caughtByPong, "b": caughtByPong}), runs, []string{"a"}, false)
		Expect(out).NotTo(ContainSubstring("mutants per rule"), "a run of some mutants says nothing of how well each rule is proven")
		Expect(code).To(Equal(harness.ExitPass), out)
		Expect(runs.runs).To(HaveLen(3))
		Expect(runs.runs).To(HaveEach(HavePrefix("a ")))
	})

	It("refuses input it cannot use before running anything", func() {
		runs := &fakeRuns{}
		code, _, errOut := runSelftest(selftestRepo(map[string]string{"a": caughtByPong}), runs, []string{"nope"}, false)
		Expect(code).To(Equal(harness.ExitUsage))
		Expect(errOut).To(ContainSubstring("--mutant nope: no mutant of that name"))

		code, _, errOut = runSelftest(selftestRepo(map[string]string{"a": "fault: a\nbreaks: [WD-2]\ncaught: []\n"}), runs, nil, false)
		Expect(code).To(Equal(harness.ExitUsage))
		Expect(errOut).To(ContainSubstring("field caught not found"))
		Expect(runs.runs).To(BeEmpty())
	})
})
