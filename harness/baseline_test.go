package harness_test

import (
	"bytes"
	"os"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("a run with --baseline", func() {
	var exec *fakeExec
	var cfg harness.RunConfig
	var dir string

	BeforeEach(func() {
		exec = newFakeExec(mixedVerdicts())
		cfg = baseRunConfig(exec)
		dir = GinkgoT().TempDir()
	})

	withBaseline := func(content string) runOutcome {
		cfg.Baseline = writeTemp(dir, "baseline.yaml", content)
		return runHarness(cfg)
	}

	It("turns an expected failure into xfail with its reason, and exits 0", func() {
		got := withBaseline("# known failures\nentries:\n  - scenario: framing.fail\n    reason: the SDK has no pong yet\n    issue: https://example.com/issues/7\n    expires: 2026-03-01\n")
		Expect(got.code).To(Equal(harness.ExitPass))
		Expect(got.stdout).To(ContainSubstring("XFAIL framing.fail 5ms — expected by the baseline: the SDK has no pong yet\n"))
		Expect(got.stdout).NotTo(ContainSubstring("--- XFAIL"))
		Expect(got.stdout).To(HaveSuffix("\n2 passed, 0 failed, 0 skipped, 1 warned (SHOULD), 1 xfail, 1 not in this profile in 0s\n"))
	})

	It("applies an entry naming the plugin to that plugin only", func() {
		exec.verdicts = map[string]harness.Verdict{"framing.fail": harness.Fail}
		cfg.Plugins = append(cfg.Plugins, runDir("other"))
		got := withBaseline("entries:\n  - scenario: framing.fail\n    plugin: other\n    reason: other is behind\n")
		Expect(got.code).To(Equal(harness.ExitFail))
		Expect(got.stdout).To(ContainSubstring("FAIL  framing.fail (fake) 5ms"))
		Expect(got.stdout).To(ContainSubstring("XFAIL framing.fail (other) 5ms"))
	})

	It("fails the run for a stale entry whose scenario passes, naming the entry's line", func() {
		got := withBaseline("entries:\n  - scenario: framing.fail\n    reason: known\n  - scenario: framing.pass\n    reason: it used to fail\n")
		Expect(got.code).To(Equal(harness.ExitFail))
		Expect(got.stdout).To(ContainSubstring("XPASS framing.pass 5ms — passed, but the baseline expects a failure: it used to fail\n"))
		Expect(got.stdout).To(ContainSubstring("--- XPASS: framing.pass\n    the scenario passed, but the baseline expects it to fail (it used to fail): remove its entry\n"))
		Expect(got.stdout).To(ContainSubstring(cfg.Baseline + `:4: baseline entry for "framing.pass" is stale: the scenario passed against fake; remove the entry` + "\n"))
		Expect(got.stdout).To(HaveSuffix(", 1 xfail, 1 xpass, 1 baseline problem, 1 not in this profile in 0s\n"))
	})

	It("fails the run for an entry naming no loaded scenario", func() {
		got := withBaseline("entries:\n  - scenario: framing.fail\n    reason: known\n  - scenario: gone.away\n    reason: it was removed\n")
		Expect(got.code).To(Equal(harness.ExitFail))
		Expect(got.stdout).To(ContainSubstring(cfg.Baseline + `:4: baseline entry for "gone.away" is stale: no loaded scenario has this id`))
	})

	It("keeps an entry for a loaded scenario the selection left out", func() {
		cfg.Focus = "framing.pass"
		got := withBaseline("entries:\n  - scenario: framing.fail\n    reason: known\n")
		Expect(got.code).To(Equal(harness.ExitPass))
	})

	It("fails the run for an expired entry, naming its line, though the failure is still expected", func() {
		got := withBaseline("entries:\n  - scenario: framing.fail\n    reason: known\n    expires: 2026-02-28\n")
		Expect(got.code).To(Equal(harness.ExitFail))
		Expect(got.stdout).To(ContainSubstring("XFAIL framing.fail"))
		Expect(got.stdout).To(ContainSubstring(cfg.Baseline + `:2: baseline entry for "framing.fail" expired on 2026-02-28: fix the scenario or renew the entry`))
	})

	DescribeTable("exits 2 for an invalid baseline, naming file, line and member",
		func(content, want string) {
			got := withBaseline(content)
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stderr).To(Equal("conform run: " + cfg.Baseline + want + "\n"))
			Expect(exec.ranIDs()).To(BeEmpty())
		},
		Entry("an entry without a reason", "entries:\n  - scenario: framing.fail\n", ":2: /entries/0/reason: missing required member"),
		Entry("a misspelt member", "entries:\n  - scenario: framing.fail\n    reason: x\n    expire: 2026-01-01\n", ":4: /entries/0/expire: unknown member"),
		Entry("a date that is no date", "entries:\n  - scenario: framing.fail\n    reason: x\n    expires: 2026-02-31\n", `:4: /entries/0/expires: "2026-02-31" is not a date (YYYY-MM-DD)`),
		Entry("two entries for one scenario", "entries:\n  - scenario: framing.fail\n    reason: x\n  - scenario: framing.fail\n    reason: y\n", `:4: /entries/1: scenario "framing.fail" already has an entry at line 2`),
		Entry("a duplicate key", "entries: []\nentries: []\n", `:2: /entries: duplicate key "entries" (first on line 1)`),
		Entry("an empty file", "", `: an empty baseline: want "entries:" and a list`),
	)

	It("exits 2 for a baseline file that does not exist", func() {
		cfg.Baseline = filepath.Join(dir, "missing.yaml")
		got := runHarness(cfg)
		Expect(got.code).To(Equal(harness.ExitUsage))
		Expect(got.stderr).To(ContainSubstring("--baseline: open " + cfg.Baseline))
	})
})

var _ = Describe("UpdateBaseline", func() {
	var dir, report, baseline string

	BeforeEach(func() {
		dir = GinkgoT().TempDir()
		report = filepath.Join(dir, "report.json")
		baseline = filepath.Join(dir, "baseline.yaml")
	})

	// runReport writes the report of a run with these verdicts and baseline.
	runReport := func(verdicts map[string]harness.Verdict, baselineText string, plugins ...string) {
		cfg := baseRunConfig(newFakeExec(verdicts))
		cfg.JSON = report
		if len(plugins) > 0 {
			cfg.Plugins = plugins
		}
		if baselineText != "" {
			cfg.Baseline = writeTemp(dir, "old.yaml", baselineText)
		}
		runHarness(cfg)
	}

	update := func() (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := harness.UpdateBaseline(harness.BaselineUpdateConfig{From: report, Baseline: baseline, Now: func() time.Time { return fixedNow }}, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}

	It("creates a baseline holding every failure of the report", func() {
		runReport(mixedVerdicts(), "")
		code, stdout, _ := update()
		Expect(code).To(Equal(harness.ExitPass))
		Expect(stdout).To(Equal(baseline + ": kept 0, dropped 0, added 2\n"))
		Expect(os.ReadFile(baseline)).To(BeEquivalentTo("entries:\n" +
			"  - scenario: framing.fail\n    reason: 'failing since 2026-03-01: say why'\n" +
			"  - scenario: framing.should\n    reason: 'failing since 2026-03-01: say why'\n"))
	})

	It("keeps the entries (reasons and comments) of what still fails or did not run, drops what passes, adds new failures", func() {
		old := "# expected failures of the fake plugin\nentries:\n" +
			"  # the pong is late\n  - scenario: framing.fail\n    reason: the pong is late\n" +
			"  - scenario: framing.pass\n    reason: fixed since\n" +
			"  - scenario: own.check\n    reason: not run this time\n"
		writeTemp(dir, "baseline.yaml", old)
		cfg := baseRunConfig(newFakeExec(mixedVerdicts()))
		cfg.JSON, cfg.Baseline, cfg.Skip = report, baseline, "own"
		runHarness(cfg)
		code, stdout, _ := update()
		Expect(code).To(Equal(harness.ExitPass))
		Expect(stdout).To(Equal(baseline + ": kept 2, dropped 1, added 1\n"))
		Expect(os.ReadFile(baseline)).To(BeEquivalentTo("# expected failures of the fake plugin\nentries:\n" +
			"  # the pong is late\n  - scenario: framing.fail\n    reason: the pong is late\n" +
			"  - scenario: own.check\n    reason: not run this time\n" +
			"  - scenario: framing.should\n    reason: 'failing since 2026-03-01: say why'\n"))
		_, err := harness.LoadBaseline(baseline)
		Expect(err).NotTo(HaveOccurred())
	})

	It("names the plugin of each new entry when the report ran several", func() {
		runReport(map[string]harness.Verdict{"framing.fail": harness.Fail}, "", runDir("plugin"), runDir("other"))
		update()
		Expect(os.ReadFile(baseline)).To(BeEquivalentTo("entries:\n" +
			"  - scenario: framing.fail\n    plugin: fake\n    reason: 'failing since 2026-03-01: say why'\n" +
			"  - scenario: framing.fail\n    plugin: other\n    reason: 'failing since 2026-03-01: say why'\n"))
	})

	It("exits 2 for a report that is not one, naming file and line", func() {
		writeTemp(dir, "report.json", "{\n  \"version\": 2\n}\n")
		code, _, stderr := update()
		Expect(code).To(Equal(harness.ExitUsage))
		Expect(stderr).To(HavePrefix("conform baseline update: --from: " + report + ":2: /version: "))
	})

	It("exits 2 for an invalid baseline to update", func() {
		runReport(mixedVerdicts(), "")
		writeTemp(dir, "baseline.yaml", "entries: 3\n")
		code, _, stderr := update()
		Expect(code).To(Equal(harness.ExitUsage))
		Expect(stderr).To(ContainSubstring(baseline + ":1: /entries: "))
	})
})
