package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// These specs build and run real plugins through the CLI, as a user would.
var _ = Describe("conform run against real plugins", func() {
	var dir string

	BeforeEach(func() { dir = GinkgoT().TempDir() })

	It("passes the Go reference testee with exit 0, writing valid JUnit and JSON", func() {
		junit, report := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "report.json")
		got := conform("run", "--junit", junit, "--json", report, "../../fixtures/plugins/go")
		Expect(got.code).To(Equal(0), got.stdout+got.stderr)
		Expect(got.stdout).To(MatchRegexp(`\n[1-9]\d* passed, 0 failed, 3 skipped, [1-9]\d* runtime self-checks passed, [1-9]\d* not in this profile in \S+\n$`))
		// the sdk profile's scenarios are not printed; the only skips are the
		// manifest-derived probes, the testee declaring nothing they use
		Expect(regexp.MustCompile(`SKIP .*`).FindAllString(got.stdout, -1)).To(ConsistOf(
			"SKIP  events.probe-deliveries-answered — the manifest declares no events.subscribe permission",
			"SKIP  notifications.probe-schedule-fired — the manifest does not declare schedule.register",
			"SKIP  settings.probe-plugin-keeps-serving — the manifest declares no settings"))
		Expect(got.stdout).NotTo(ContainSubstring("\x1b"), "no colour into a pipe")
		_, err := harness.ReadReport(report)
		Expect(err).NotTo(HaveOccurred())
		data, err := os.ReadFile(junit)
		Expect(err).NotTo(HaveOccurred())
		Expect(xml.Unmarshal(data, new(struct{}))).To(Succeed())
	})

	It("fails a broken plugin with exit 1 naming the broken rule, then passes with the baseline update writes", func() {
		report, baseline := filepath.Join(dir, "report.json"), filepath.Join(dir, "baseline.yaml")
		// handshake.single-ready watches for a second ready for a while, so
		// it catches this mutant every time.
		focus := `^handshake\.single-ready$`
		got := conform("run", "--focus", focus, "--json", report, "../../fixtures/mutants/ready-twice")
		Expect(got.code).To(Equal(1), got.stdout+got.stderr)
		Expect(got.stdout).To(ContainSubstring("rule LIFE-7: "))

		got = conform("baseline", "update", "--from", report, "--baseline", baseline)
		Expect(got.code).To(Equal(0), got.stderr)
		Expect(got.stdout).To(Equal(baseline + ": kept 0, dropped 0, added 1\n"))

		got = conform("run", "--focus", focus, "--baseline", baseline, "../../fixtures/mutants/ready-twice")
		Expect(got.code).To(Equal(0), got.stdout+got.stderr)
		Expect(got.stdout).To(ContainSubstring("XFAIL handshake.single-ready "))
	})

	It("lists the built-in scenarios and their coverage of CONFORMANCE.md", func() {
		got := conform("list")
		Expect(got.code).To(Equal(0))
		Expect(got.stdout).To(HavePrefix("ID "))
		Expect(got.stdout).To(ContainSubstring("\nhandshake.single-ready "))
		got = conform("list", "--coverage")
		Expect(got.code).To(Equal(0))
		Expect(got.stdout).To(MatchRegexp(`(?m)^LIFE-7 +MUST +plugin +\S*handshake\.single-ready`))
		Expect(got.stdout).To(MatchRegexp(`\nMUST: \d+ of \d+ covered, \d+ uncovered; SHOULD: \d+ of \d+ covered, \d+ uncovered\n$`))
	})
})
