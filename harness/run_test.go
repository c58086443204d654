package harness_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("Run", func() {
	var exec *fakeExec
	var cfg harness.RunConfig

	BeforeEach(func() {
		exec = newFakeExec(mixedVerdicts())
		cfg = baseRunConfig(exec)
	})

	Describe("verdicts and exit codes", func() {
		It("prints a line per scenario, each failure's details once, and the summary; a MUST failure exits 1", func() {
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitFail))
			Expect(got.stderr).To(BeEmpty())
			Expect(got.stdout).To(HavePrefix("PASS  framing.pass 5ms\nFAIL  framing.fail 5ms — [FRAME-2]\n" +
				"FAIL  framing.should 5ms — a SHOULD: warning only [FRAME-12]\nPASS  own.check 5ms\n"))
			Expect(got.stdout).NotTo(ContainSubstring("sdk.only"))
			Expect(strings.Count(got.stdout, "--- FAIL: framing.fail\n")).To(Equal(1))
			Expect(got.stdout).To(ContainSubstring("    framing.yaml:11: step 2 (stop): the plugin did not exit\n    rule FRAME-2: "))
			Expect(got.stdout).To(ContainSubstring("    expected: an exit within 5s\n    got:      still running\n"))
			Expect(got.stdout).To(ContainSubstring("    last frames:\n      #1 -> {\"type\":\"ping\",\"id\":\"p-1\"}\n"))
			Expect(got.stdout).To(ContainSubstring("    last stderr lines:\n      starting\n      \\x1b[31mstuck\\x1b[0m\\x07\n"), "a plugin's control bytes are shown escaped")
			Expect(got.stdout).To(ContainSubstring("--- FAIL: framing.should — a SHOULD: warning only\n"))
			Expect(got.stdout).To(HaveSuffix("\nfailed (1):\n  FAIL  framing.fail [FRAME-2] framing.yaml:11\n\n" +
				"2 passed, 1 failed, 0 skipped, 1 warned (SHOULD), 1 not in this profile in 0s\n"))
		})

		It("exits 0 when only SHOULD scenarios fail, and 1 for them with --strict", func() {
			exec.verdicts = map[string]harness.Verdict{"framing.should": harness.Fail}
			Expect(runHarness(cfg).code).To(Equal(harness.ExitPass))
			cfg.Strict = true
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitFail))
			Expect(got.stdout).To(ContainSubstring("FAIL  framing.should 5ms — [FRAME-12]\n"))
			Expect(got.stdout).To(HaveSuffix("\n3 passed, 1 failed, 0 skipped, 1 not in this profile in 0s\n"))
		})

		It("exits 0 when everything passes, counting the scenarios of the other profile without printing them", func() {
			exec.verdicts = nil
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitPass))
			Expect(got.stdout).NotTo(ContainSubstring("sdk.only"))
			Expect(got.stdout).NotTo(ContainSubstring("SKIP"))
			Expect(got.stdout).To(HaveSuffix("\n4 passed, 0 failed, 0 skipped, 1 not in this profile in 0s\n"))
			Expect(exec.ranIDs()).NotTo(ContainElement("sdk.only@fake"))
		})

		It("exits 3 for an error verdict, a fault of conform, even beside failures", func() {
			exec.verdicts["framing.pass"] = harness.Error
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitInternal))
			Expect(got.stdout).To(ContainSubstring("ERROR framing.pass 5ms — a fault of conform, not of the plugin\n"))
			Expect(got.stdout).To(ContainSubstring(", 1 error, 1 not in this profile in 0s\n"))
		})

		It("turns a panic of the executor into an error verdict and goes on", func() {
			exec.panics["framing.pass"] = true
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitInternal))
			Expect(got.stdout).To(ContainSubstring("conform panicked: the fake executor broke"))
			Expect(exec.ranIDs()).To(ContainElement("own.check@fake"))
		})

		It("passes the timeout scale on, and asks for transcripts only with --transcripts", func() {
			cfg.TimeoutScale = 2.5
			runHarness(cfg)
			Expect(exec.options[0]).To(Equal(harness.ExecOptions{TimeoutScale: 2.5}))
		})
	})

	Describe("input errors", func() {
		It("exits 2 naming every bad flag value before running anything", func() {
			cfg.Profile, cfg.Parallel, cfg.TimeoutScale = "browser", -1, -2
			cfg.Shard, cfg.Focus, cfg.Skip, cfg.LabelFilter = "3/2", "(", "[", "a &&"
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stdout).To(BeEmpty())
			for _, flag := range []string{"--profile \"browser\"", "--parallel -1", "--timeout-scale -2", "--shard \"3/2\"", "--focus \"(\"", "--skip \"[\"", "--label-filter \"a &&\""} {
				Expect(got.stderr).To(ContainSubstring("conform run: " + flag))
			}
			Expect(exec.ranIDs()).To(BeEmpty())
		})

		It("exits 2 for an invalid manifest, naming file, line and member", func() {
			cfg.Plugins = []string{runDir("badmanifest")}
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stderr).To(MatchRegexp(`^conform run: \S+/badmanifest/manifest\.json:4: /permisions: unknown member \[MAN-7\]\n$`))
			Expect(exec.ranIDs()).To(BeEmpty())
		})

		It("exits 2 for a missing plugin or none at all", func() {
			cfg.Plugins = []string{runDir("nowhere")}
			Expect(runHarness(cfg).code).To(Equal(harness.ExitUsage))
			cfg.Plugins = nil
			Expect(runHarness(cfg).stderr).To(ContainSubstring("no plugin given"))
		})

		It("exits 2 for an invalid scenario file, naming file, line and member", func() {
			cfg.Scenarios = []string{runDir("badscenario")}
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stderr).To(ContainSubstring(filepath.Join(runDir("badscenario"), "broken.yaml") + ":3: /titel: unknown member"))
			Expect(exec.ranIDs()).To(BeEmpty())
		})

		It("exits 2 when a plugin's own scenario reuses a built-in id", func() {
			dir := GinkgoT().TempDir()
			writeTemp(dir, "manifest.json", `{"slug": "dup", "version": "1.0.0"}`)
			Expect(os.Mkdir(filepath.Join(dir, "conform"), 0o755)).To(Succeed())
			writeTemp(filepath.Join(dir, "conform"), "dup.yaml", "id: framing.pass\nsteps: [start]\n")
			cfg.Plugins = []string{dir}
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stderr).To(ContainSubstring(`dup.yaml:1: /id: duplicate scenario id "framing.pass"`))
		})

		It("exits 2 when a report cannot be written where asked", func() {
			cfg.JUnit = filepath.Join(GinkgoT().TempDir(), "missing", "junit.xml")
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stderr).To(ContainSubstring("--junit " + cfg.JUnit + ": the folder"))
		})

		It("exits 2 for a build step that fails, with its output, before any plugin starts", func() {
			dir := GinkgoT().TempDir()
			writeTemp(dir, "manifest.json", `{"slug": "unbuilt", "version": "1.0.0", "backend": {"command": ["./x"], "build": {"command": ["sh", "-c", "echo compiling; echo it broke >&2; exit 4"]}}}`)
			cfg.Plugins = []string{dir}
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stderr).To(ContainSubstring("build step"))
			Expect(got.stderr).To(ContainSubstring("it broke"))
			Expect(exec.ranIDs()).To(BeEmpty())
		})
	})

	Describe("scenario sources", func() {
		It("runs --scenarios instead of the plugin's conform/ folder, and leaves out the built-in suites with --no-builtin", func() {
			cfg.NoBuiltin = true
			cfg.Scenarios = []string{runDir("suites", "sdk.yaml")}
			cfg.Profile = harness.ProfileSDK
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitPass))
			Expect(exec.ranIDs()).To(Equal([]string{"sdk.only@fake"}))
		})

		It("runs every scenario against every plugin, naming the plugin on each line", func() {
			exec.verdicts = nil
			cfg.Plugins = []string{runDir("plugin"), runDir("other")}
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitPass))
			Expect(got.stdout).To(ContainSubstring("PASS  framing.pass (fake) 5ms\n"))
			Expect(got.stdout).To(ContainSubstring("PASS  framing.pass (other) 5ms\n"))
			Expect(exec.ranIDs()).To(ContainElement("own.check@fake"))
			Expect(exec.ranIDs()).NotTo(ContainElement("own.check@other"))
		})
	})

	Describe("fail-fast and interruption", func() {
		It("starts no scenario after the first failure of the run with --fail-fast", func() {
			cfg.FailFast = true
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitFail))
			Expect(exec.ranIDs()).To(Equal([]string{"framing.pass@fake", "framing.fail@fake"}))
			Expect(got.stdout).To(HaveSuffix("\n1 passed, 1 failed, 0 skipped, 2 not run, 1 not in this profile in 0s\n"))
		})

		It("does not stop for a SHOULD warning", func() {
			cfg.FailFast = true
			exec.verdicts = map[string]harness.Verdict{"framing.should": harness.Fail}
			Expect(runHarness(cfg).code).To(Equal(harness.ExitPass))
			Expect(exec.ranIDs()).To(HaveLen(4))
		})

		It("exits 130 when ctx ends before every scenario ran, writing the reports marked interrupted", func() {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			cfg.JSON = filepath.Join(GinkgoT().TempDir(), "report.json")
			got := runHarnessCtx(ctx, cfg)
			Expect(got.code).To(Equal(harness.ExitInterrupted))
			Expect(got.stdout).To(HaveSuffix(" 4 not run, 1 not in this profile in 0s (interrupted)\n"))
			Expect(got.stderr).To(Equal("conform run: interrupted; the reports mark the run interrupted\n"))
			report, err := harness.ReadReport(cfg.JSON)
			Expect(err).NotTo(HaveOccurred())
			Expect(report.Interrupted).To(BeTrue())
			Expect(report.ExitCode).To(Equal(harness.ExitInterrupted))
		})

		It("reports a scenario an interruption stopped mid-run as interrupted, not as an error", func() {
			ctx, cancel := context.WithCancel(context.Background())
			exec.onRun = func(id string) harness.Verdict {
				if id == "framing.fail" {
					cancel()
					return harness.Error
				}
				return harness.Pass
			}
			got := runHarnessCtx(ctx, cfg)
			Expect(got.code).To(Equal(harness.ExitInterrupted))
			Expect(got.stdout).To(ContainSubstring("\nINTR  framing.fail — interrupted, no verdict\n"))
			Expect(got.stdout).NotTo(ContainSubstring("ERROR"))
			Expect(got.stdout).To(HaveSuffix("\n1 passed, 0 failed, 0 skipped, 3 not run, 1 not in this profile in 0s (interrupted)\n"))
		})
	})

	It("starts each line with a progress count on long runs", func() {
		dir := GinkgoT().TempDir()
		var text strings.Builder
		text.WriteString("scenarios:\n")
		for i := 1; i <= 10; i++ {
			fmt.Fprintf(&text, "  - id: many.s%02d\n    steps: [start]\n", i)
		}
		writeTemp(dir, "many.yaml", text.String())
		cfg.NoBuiltin, cfg.Scenarios = true, []string{dir}
		got := runHarness(cfg)
		Expect(got.stdout).To(HavePrefix("[ 1/10] PASS  many.s01 5ms\n[ 2/10] PASS  many.s02 5ms\n"))
		Expect(got.stdout).To(ContainSubstring("\n[10/10] PASS  many.s10 5ms\n\n10 passed, 0 failed, 0 skipped in 0s\n"))
	})

	It("runs scenarios in parallel and still reports them in plan order", func() {
		cfg.Parallel = 4
		cfg.Plugins = []string{runDir("plugin"), runDir("other")}
		cfg.JSON = filepath.Join(GinkgoT().TempDir(), "report.json")
		Expect(runHarness(cfg).code).To(Equal(harness.ExitFail))
		report, err := harness.ReadReport(cfg.JSON)
		Expect(err).NotTo(HaveOccurred())
		var order []string
		for _, r := range report.Results {
			order = append(order, r.ScenarioID+"@"+r.Slug)
		}
		Expect(order).To(Equal([]string{
			"framing.pass@fake", "framing.fail@fake", "framing.should@fake", "own.check@fake",
			"framing.pass@other", "framing.fail@other", "framing.should@other",
		}))
	})
})
