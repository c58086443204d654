package harness_test

import (
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("selecting scenarios", func() {
	var exec *fakeExec
	var cfg harness.RunConfig

	BeforeEach(func() {
		exec = newFakeExec(mixedVerdicts())
		cfg = baseRunConfig(exec)
	})

	// selected runs cfg and returns the ids of the scenarios it listed
	// (skips included; the fixtures' sdk scenario is a skip).
	selected := func() []string {
		cfg.JSON = filepath.Join(GinkgoT().TempDir(), "report.json")
		Expect(runHarness(cfg).code).NotTo(Equal(harness.ExitUsage))
		report, err := harness.ReadReport(cfg.JSON)
		Expect(err).NotTo(HaveOccurred())
		var ids []string
		for _, r := range report.Results {
			ids = append(ids, r.ScenarioID)
		}
		return ids
	}

	DescribeTable("by --focus, --skip and --label-filter, on id and title; what they leave out is not listed",
		func(focus, skip, labels string, want ...string) {
			cfg.Focus, cfg.Skip, cfg.LabelFilter = focus, skip, labels
			Expect(selected()).To(Equal(want))
		},
		Entry("focus on ids", `^framing\.(pass|fail)$`, "", "", "framing.pass", "framing.fail"),
		Entry("focus on a title", "SHOULD scenario", "", "", "framing.should"),
		Entry("skip (the sdk scenario is not in the plugin profile)", "", "framing", "", "own.check"),
		Entry("a label filter", "", "", "framing && !slow", "framing.pass", "framing.should"),
		Entry("all of them", "framing", "should", "framing", "framing.pass", "framing.fail"),
	)

	It("splits the scenarios of every plugin into disjoint shards that cover them", func() {
		cfg.Plugins = []string{runDir("plugin"), runDir("other")}
		var union []string
		for _, shard := range []string{"1/3", "2/3", "3/3"} {
			cfg.Shard = shard
			ids := selected()
			Expect(len(ids)).To(BeNumerically(">=", 1), shard)
			union = append(union, ids...)
		}
		Expect(union).To(ConsistOf(
			"framing.pass", "framing.fail", "framing.should", "own.check",
			"framing.pass", "framing.fail", "framing.should",
		))
	})

	It("runs a scenario of a shard against every plugin", func() {
		cfg.Plugins = []string{runDir("plugin"), runDir("other")}
		cfg.Shard = "1/4" // the sorted ids of the plugin profile are framing.fail, framing.pass, framing.should, own.check
		Expect(selected()).To(Equal([]string{"framing.fail", "framing.fail"}))
	})

	DescribeTable("exits 2 for a selection that leaves nothing to run, quoting the filter, before running anything",
		func(want string, set func()) {
			set()
			got := runHarness(cfg)
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stdout).To(BeEmpty())
			Expect(got.stderr).To(Equal("conform run: no scenario to run: " + want + "\n"))
			Expect(exec.ranIDs()).To(BeEmpty())
		},
		Entry("a focus that matches nothing", `--focus "^framng" selects none of the plugin profile`, func() { cfg.Focus = "^framng" }),
		Entry("a label filter that matches only the other profile", `--label-filter "sdk" selects none of the plugin profile (1 selected are written for the other profile)`, func() { cfg.LabelFilter = "sdk" }),
		Entry("a skip and a shard past the scenarios", `--skip "framing" --shard "2/2" selects none of the plugin profile (1 selected are written for the other profile)`, func() { cfg.Skip, cfg.Shard = "framing", "2/2" }),
	)

	It("reruns only what failed the run of an earlier report with --rerun-failed", func() {
		first := filepath.Join(GinkgoT().TempDir(), "first.json")
		cfg.JSON = first
		exec.verdicts["own.check"] = harness.Error
		runHarness(cfg)
		cfg.RerunFailed = first
		Expect(selected()).To(Equal([]string{"framing.fail", "framing.should", "own.check"}))
	})

	It("exits 2 for a --rerun-failed file that is not a report, naming file and line", func() {
		cfg.RerunFailed = writeTemp(GinkgoT().TempDir(), "bad.json", "{\"version\": 1,\n \"results\": 3}\n")
		got := runHarness(cfg)
		Expect(got.code).To(Equal(harness.ExitUsage))
		Expect(got.stderr).To(ContainSubstring("conform run: --rerun-failed: " + cfg.RerunFailed + ":"))
		Expect(exec.ranIDs()).To(BeEmpty())
	})
})
