package harness_test

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// One fault, one cause: a plugin that never answers a ping fails every
// scenario that uses a ping as a barrier, and every report shows that as
// one problem charged to WD-2, not as many problems charged to the rules
// the scenarios are about.
var _ = Describe("Failures grouped by cause", func() {
	It("charges every failure of a plugin that never pongs to WD-2, as one cause in every report", func() {
		dir := GinkgoT().TempDir()
		cfg := harness.RunConfig{
			Plugins: []string{brokenPlugin("no-pong")},
			Focus:   `^(handshake|watchdog|capabilities|shutdown)\.`,
			JSON:    filepath.Join(dir, "report.json"),
			JUnit:   filepath.Join(dir, "junit.xml"),
		}
		got := runHarness(cfg)
		Expect(got.code).To(Equal(harness.ExitFail), got.stdout)

		report, err := harness.ReadReport(cfg.JSON)
		Expect(err).NotTo(HaveOccurred())
		failed := 0
		for _, r := range report.Results {
			if r.Verdict == harness.Fail {
				Expect(r.Failure.Rule).To(Equal("WD-2"), r.ScenarioID+": "+r.Failure.Message)
				if harness.FailsRun(r, false) {
					failed++
				}
			}
		}
		Expect(failed).To(BeNumerically(">", 2))
		Expect(report.Causes).To(HaveLen(1))
		Expect(report.Causes[0].Rule).To(Equal("WD-2"))
		Expect(report.Causes[0].Scenarios).To(HaveLen(failed))

		Expect(got.stdout).To(ContainSubstring("failures by cause (1):\n  WD-2 ("))
		inFull := regexp.MustCompile(`\n--- FAIL: \S+\n`).FindAllString(got.stdout, -1)
		Expect(inFull).To(HaveLen(1), "the first failure of the cause in full, the others one line each")
		Expect(got.stdout).To(ContainSubstring(fmt.Sprintf("    %d more scenarios for the same cause [WD-2]:\n", failed-1)))

		data, err := os.ReadFile(cfg.JUnit)
		Expect(err).NotTo(HaveOccurred())
		var junit struct {
			Suites []struct {
				Properties []struct {
					Name  string `xml:"name,attr"`
					Value string `xml:"value,attr"`
				} `xml:"properties>property"`
			} `xml:"testsuite"`
		}
		Expect(xml.Unmarshal(data, &junit)).To(Succeed())
		var causes []string
		for _, p := range junit.Suites[0].Properties {
			if p.Name == "cause" {
				causes = append(causes, p.Value)
			}
		}
		Expect(causes).To(HaveLen(1))
		Expect(causes[0]).To(HavePrefix("WD-2 ("))
	})
})
