package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/schemas"
)

const goTestee = "../../fixtures/plugins/go"

// The mutant that sends ready twice fails handshake.single-ready every time.
const (
	readyTwice      = "../../fixtures/mutants/ready-twice"
	singleReady     = `^handshake\.single-ready$`
	singleReadyFile = "suites/handshake.yaml"
)

// unbuiltTestee copies the Go testee's manifest into a fresh folder
// without its build step, so backend.command names ./bin/testee, which
// is not there.
func unbuiltTestee() string {
	dir := GinkgoT().TempDir()
	data, err := os.ReadFile(filepath.Join(goTestee, "manifest.json"))
	Expect(err).NotTo(HaveOccurred())
	var m map[string]any
	Expect(json.Unmarshal(data, &m)).To(Succeed())
	delete(m["backend"].(map[string]any), "build")
	data, err = json.Marshal(m)
	Expect(err).NotTo(HaveOccurred())
	Expect(os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644)).To(Succeed())
	return dir
}

// jsonLines decodes each line of a JSON Lines stream.
func jsonLines(data string) []map[string]any {
	var events []map[string]any
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		var e map[string]any
		Expect(json.Unmarshal(sc.Bytes(), &e)).To(Succeed(), sc.Text())
		events = append(events, e)
	}
	return events
}

var _ = Describe("conform run: what it says and how it exits", func() {
	Describe("a plugin that cannot be started", func() {
		It("is an input error, exit 2, with a one-line reason naming the program and LIFE-1, before any scenario", func() {
			dir := unbuiltTestee()
			got := conform("run", dir)
			Expect(got.code).To(Equal(2))
			Expect(got.stdout).To(BeEmpty())
			Expect(got.stderr).To(MatchRegexp(`^conform run: \S+/manifest\.json: the plugin cannot be started: backend\.command\[0\] "\./bin/testee": \S+/bin/testee does not exist \(has the plugin been built\?\) \[LIFE-1\]\n$`))
		})

		It("cites TST-3 under the sdk profile: a testee's manifest must start it", func() {
			dir := unbuiltTestee()
			got := conform("run", "--profile", "sdk", dir)
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(HaveSuffix("/bin/testee does not exist (has the plugin been built?) [TST-3]\n"))
		})

		It("is an input error when the program is not executable", func() {
			dir := unbuiltTestee()
			Expect(os.Mkdir(filepath.Join(dir, "bin"), 0o755)).To(Succeed())
			Expect(os.WriteFile(filepath.Join(dir, "bin", "testee"), []byte("#!/bin/sh\n"), 0o644)).To(Succeed())
			got := conform("run", dir)
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(HaveSuffix("/bin/testee is not executable [LIFE-1]\n"))
		})
	})

	DescribeTable("exits 2 before anything starts for a value that cannot work",
		func(want string, args ...string) {
			got := conform(append([]string{"run"}, args...)...)
			Expect(got.code).To(Equal(2), got.stdout+got.stderr)
			Expect(got.stdout).To(BeEmpty())
			Expect(got.stderr).To(MatchRegexp(want))
			Expect(got.stderr).NotTo(ContainSubstring("\x1b"), "no colour into a pipe")
		},
		Entry("--parallel 0", `^conform run: --parallel 0: want 1 or more\n`, "--parallel", "0", goTestee),
		Entry("--timeout-scale 0", `^conform run: --timeout-scale 0: want a number above 0\n`, "--timeout-scale", "0", goTestee),
		Entry("a negative --timeout-scale", `^conform run: --timeout-scale -1: want a number above 0\n`, "--timeout-scale", "-1", goTestee),
		Entry("a bad --shard", `^conform run: --shard "2/1": want I/N`, "--shard", "2/1", goTestee),
		Entry("a focus that matches nothing, quoted", `^conform run: no scenario to run: --focus "\^handshak\\\\\.ready\$" selects none of the plugin profile\n$`, "--focus", `^handshak\.ready$`, goTestee),
		Entry("a label filter that matches nothing, quoted", `^conform run: no scenario to run: --label-filter "no-such-label" selects none`, "--label-filter", "no-such-label", goTestee),
		Entry("a shard past the scenarios", `^conform run: no scenario to run: --focus "\^handshake\\\\\.ready\$" --shard "2/2" selects none`, "--focus", `^handshake\.ready$`, "--shard", "2/2", goTestee),
		Entry("a label filter that does not parse, in one plain line", `^conform run: --label-filter "&&\(": syntax error parsing label filter at column 1: Operator '&&' missing left hand operand\.\n$`, "--label-filter", "&&(", goTestee),
		Entry("--json naming a folder", `^conform run: --json \S+: is a folder; name a file\n$`, "--json", os.TempDir(), goTestee),
		Entry("--junit in a folder that does not exist", `^conform run: --junit \S+/nowhere/junit\.xml: the folder \S+/nowhere does not exist\n$`, "--junit", filepath.Join(os.TempDir(), "nowhere", "junit.xml"), goTestee),
		Entry("two reports to stdout", `^conform run: --json and --jsonl: only one report can go to standard output \(-\)\n$`, "--json", "-", "--jsonl", "-", goTestee),
	)

	It("exits 2 for a report whose folder cannot be written", func() {
		if runtime.GOOS != "linux" {
			Skip("uses /proc, which no one can create files in")
		}
		got := conform("run", "--markdown", "/proc/summary.md", goTestee)
		Expect(got.code).To(Equal(2))
		Expect(got.stderr).To(HavePrefix("conform run: --markdown /proc/summary.md: the folder /proc cannot be written: "))
	})

	It("writes the JSON report to stdout for --json -, and the console to stderr", func() {
		got := conform("run", "--focus", `^handshake\.ready$`, "--json", "-", goTestee)
		Expect(got.code).To(Equal(0), got.stderr)
		var report harness.Report
		Expect(json.Unmarshal([]byte(got.stdout), &report)).To(Succeed(), got.stdout)
		Expect(report.Results).To(HaveLen(1))
		Expect(report.Results[0].ScenarioID).To(Equal("handshake.ready"))
		Expect(got.stderr).To(ContainSubstring("PASS  handshake.ready "))
		Expect(got.stderr).To(HaveSuffix("1 passed, 0 failed, 0 skipped in " + lastWord(got.stderr)))
	})

	It("prints the failed scenario IDs beside the summary line, and each step with -v", func() {
		got := conform("run", "-v", "--focus", singleReady, readyTwice)
		Expect(got.code).To(Equal(1), got.stdout+got.stderr)
		Expect(got.stdout).To(ContainSubstring("=== RUN   handshake.single-ready\n"))
		Expect(got.stdout).To(MatchRegexp(`(?m)^  handshake\.single-ready step 1/\d+ start — handshake\.yaml:\d+$`))
		Expect(got.stdout).To(MatchRegexp(`\nfailed \(1\):\n  FAIL  handshake\.single-ready \[LIFE-7\] handshake\.yaml:\d+\n\n0 passed, 1 failed, 0 skipped in \S+\n$`))
	})

	Describe("--jsonl", func() {
		It("streams one event per line, each valid against schemas/event.json, in run order", func() {
			stream := filepath.Join(GinkgoT().TempDir(), "events.jsonl")
			got := conform("run", "--focus", `^handshake\.(ready|single-ready|runtime-timeout)$`, "--parallel", "1", "--jsonl", stream, readyTwice)
			Expect(got.code).To(Equal(1), got.stdout+got.stderr)
			data, err := os.ReadFile(stream)
			Expect(err).NotTo(HaveOccurred())
			events := jsonLines(string(data))
			var names []string
			for _, e := range events {
				Expect(schemas.ValidateDocument(schemas.KindEvent, e)).To(Succeed(), "%v", e)
				names = append(names, e["event"].(string)+" "+str(e["scenario"]))
			}
			Expect(names).To(Equal([]string{
				"run_start ",
				"scenario_start handshake.ready", "scenario_result handshake.ready",
				"scenario_start handshake.single-ready", "scenario_result handshake.single-ready",
				"scenario_start handshake.runtime-timeout", "scenario_result handshake.runtime-timeout",
				"run_end ",
			}))
			Expect(events[0]).To(HaveKeyWithValue("scenarios", 3.0))
			failed := events[4]
			Expect(failed).To(HaveKeyWithValue("verdict", "fail"))
			Expect(failed).To(HaveKeyWithValue("rule", "LIFE-7"))
			Expect(failed).To(HaveKeyWithValue("fails_run", true))
			Expect(events[6]).To(HaveKeyWithValue("self_check", true))
			Expect(events[7]).To(HaveKeyWithValue("exit_code", 1.0))
			Expect(events[7]["summary"]).To(HaveKeyWithValue("self_checks", 1.0))

			// The schema is no formality: a result without its verdict is refused.
			delete(failed, "verdict")
			Expect(schemas.ValidateDocument(schemas.KindEvent, failed)).NotTo(Succeed())
		})

		It("goes to stdout for -, the console to stderr", func() {
			got := conform("run", "--focus", `^handshake\.ready$`, "--jsonl", "-", goTestee)
			Expect(got.code).To(Equal(0), got.stderr)
			events := jsonLines(got.stdout)
			Expect(events).To(HaveLen(4))
			Expect(events[3]).To(HaveKeyWithValue("event", "run_end"))
			Expect(got.stderr).To(ContainSubstring("PASS  handshake.ready "))
		})
	})

	Describe("--github", func() {
		var summary string

		BeforeEach(func() {
			summary = filepath.Join(GinkgoT().TempDir(), "step-summary.md")
			Expect(os.WriteFile(summary, []byte("# an earlier step\n"), 0o644)).To(Succeed())
			GinkgoT().Setenv("GITHUB_STEP_SUMMARY", summary)
			GinkgoT().Setenv("GITHUB_ACTIONS", "true")
		})

		It("is on under GitHub Actions: annotations at the scenario file and step line, details folded, the summary appended", func() {
			got := conform("run", "--focus", singleReady, readyTwice)
			Expect(got.code).To(Equal(1), got.stdout+got.stderr)
			annotation := regexp.MustCompile(`(?m)^::error file=` + regexp.QuoteMeta(singleReadyFile) + `,line=(\d+),title=conform FAIL handshake.single-ready \[LIFE-7\] \(testee\)::step \d+ \(\w+\): .*%0Arule LIFE-7: .*$`)
			m := annotation.FindStringSubmatch(got.stdout)
			Expect(m).NotTo(BeNil(), got.stdout)
			Expect(fileLine(filepath.Join("../..", singleReadyFile), m[1])).To(MatchRegexp(`^\s+- \w+`), "the line is a step of the scenario")
			Expect(got.stdout).To(ContainSubstring("\n::group::FAIL handshake.single-ready [LIFE-7]\n--- FAIL: handshake.single-ready\n"))
			Expect(got.stdout).To(ContainSubstring("\n::endgroup::\n"))
			data, err := os.ReadFile(summary)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(data)).To(HavePrefix("# an earlier step\n# conform: failed\n"), "appended, never truncated")
		})

		It("is off with --github=false", func() {
			got := conform("run", "--github=false", "--focus", singleReady, readyTwice)
			Expect(got.code).To(Equal(1))
			Expect(got.stdout).NotTo(ContainSubstring("::"))
			data, err := os.ReadFile(summary)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(data)).To(Equal("# an earlier step\n"))
		})
	})

	Describe("Ctrl-C", Ordered, func() {
		var binary string

		BeforeAll(func() {
			var err error
			binary, err = gexec.Build("github.com/conform-dev/conform/cmd/conform")
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(gexec.CleanupBuildArtifacts)
		})

		It("stops the scenario in flight without a verdict, writes the reports marked interrupted and exits 130", func() {
			if runtime.GOOS == "windows" {
				Skip("SIGINT cannot be sent to a process on Windows")
			}
			dir := GinkgoT().TempDir()
			Expect(os.WriteFile(filepath.Join(dir, "slow.yaml"), []byte(
				"id: slow.wait\ntitle: waits a long while after the handshake\nrequirements: [LIFE-5]\ntimeout: 10m\nsteps:\n  - start\n  - sleep: 5m\n"), 0o644)).To(Succeed())
			report, stream := filepath.Join(dir, "report.json"), filepath.Join(dir, "events.jsonl")
			cmd := exec.Command(binary, "run", "-v", "--no-builtin", "--scenarios", dir, "--json", report, "--jsonl", stream, goTestee)
			session, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(func() { session.Kill() })
			Eventually(session.Out, 2*time.Minute).Should(gbytes.Say(`slow\.wait step 2/2 sleep`))
			Expect(session.Command.Process.Signal(syscall.SIGINT)).To(Succeed())
			Eventually(session, time.Minute).Should(gexec.Exit(130))
			Expect(string(session.Out.Contents())).To(ContainSubstring("INTR  slow.wait — interrupted, no verdict\n"))
			Expect(string(session.Out.Contents())).NotTo(ContainSubstring("ERROR"))
			Expect(string(session.Out.Contents())).To(HaveSuffix(" 1 not run in " + lastWord(string(session.Out.Contents()))))
			Expect(string(session.Err.Contents())).To(ContainSubstring("conform run: interrupted; the reports mark the run interrupted\n"))
			r, err := harness.ReadReport(report)
			Expect(err).NotTo(HaveOccurred())
			Expect(r.Interrupted).To(BeTrue())
			Expect(r.ExitCode).To(Equal(130))
			Expect(r.Results).To(BeEmpty())
			data, err := os.ReadFile(stream)
			Expect(err).NotTo(HaveOccurred())
			events := jsonLines(string(data))
			Expect(events[len(events)-2]).To(HaveKeyWithValue("event", "scenario_interrupted"))
			Expect(events[len(events)-1]).To(HaveKeyWithValue("interrupted", true))
		})
	})
})

// lastWord returns the last space-separated word of s with what follows
// it, as "1.2s (interrupted)\n" or "1.2s\n": the wall time, which tests
// do not predict.
func lastWord(s string) string {
	s = strings.TrimSuffix(s, "\n")
	line := s[strings.LastIndex(s, "\n")+1:]
	i := strings.LastIndex(line, " in ")
	return line[i+len(" in "):] + "\n"
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// fileLine returns line n (1-based, as a string) of the file at path.
func fileLine(path, n string) string {
	data, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	lines := strings.Split(string(data), "\n")
	var i int
	_, err = fmt.Sscan(n, &i)
	Expect(err).NotTo(HaveOccurred())
	Expect(i).To(BeNumerically("<=", len(lines)))
	return lines[i-1]
}
