package harness_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// These specs run the built-in suites for real: the engine, the runtime
// and a plugin process per scenario.
var _ = Describe("Run against real plugins", func() {
	var dir string

	BeforeEach(func() { dir = GinkgoT().TempDir() })

	It("passes the Go reference testee with exit 0 and writes a valid JUnit and JSON report", func() {
		cfg := harness.RunConfig{
			Plugins: []string{testeeManifest()},
			JUnit:   filepath.Join(dir, "junit.xml"),
			JSON:    filepath.Join(dir, "report.json"),
		}
		got := runHarness(cfg)
		Expect(got.code).To(Equal(harness.ExitPass), got.stdout)
		Expect(got.stdout).To(MatchRegexp(`\n\d+ passed, 0 failed, 3 skipped, \d+ runtime self-checks passed, \d+ not in this profile in \S+\n$`))
		// the testee declares no settings and no subscribe permission, so
		// the manifest-derived probes have no run; nothing else is skipped
		Expect(regexp.MustCompile(`SKIP .*`).FindAllString(got.stdout, -1)).To(ConsistOf(
			"SKIP  events.probe-deliveries-answered — the manifest declares no events.subscribe permission",
			"SKIP  notifications.probe-schedule-fired — the manifest does not declare schedule.register",
			"SKIP  settings.probe-plugin-keeps-serving — the manifest declares no settings"))
		report, err := harness.ReadReport(cfg.JSON)
		Expect(err).NotTo(HaveOccurred())
		Expect(report.Summary.Passed).To(BeNumerically(">", 0))
		data, err := os.ReadFile(cfg.JUnit)
		Expect(err).NotTo(HaveOccurred())
		var junit struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
		}
		Expect(xml.Unmarshal(data, &junit)).To(Succeed())
		Expect(junit.Tests).To(Equal(len(report.Results)))
		Expect(junit.Failures).To(BeZero())
	})

	It("fails a broken plugin with exit 1, naming the rule it breaks, and replays the failure", func() {
		cfg := harness.RunConfig{
			Plugins:     []string{brokenPlugin("double-ready")},
			Focus:       `^handshake\.`,
			Transcripts: filepath.Join(dir, "transcripts"),
		}
		got := runHarness(cfg)
		Expect(got.code).To(Equal(harness.ExitFail))
		Expect(got.stdout).To(ContainSubstring("    rule LIFE-7: The plugin sends `ready` exactly once per process.\n"))

		transcript := filepath.Join(cfg.Transcripts, "broken.handshake.single-ready.ndjson")
		replayed := runReplay(harness.ReplayConfig{Transcript: transcript, Plugin: brokenPlugin("double-ready")})
		Expect(replayed.code).To(Equal(harness.ExitFail), replayed.stdout+replayed.stderr)
		Expect(replayed.stdout).To(ContainSubstring(` <- {"type":"ready"`))
		Expect(replayed.stdout).To(ContainSubstring("\nFAIL  handshake.single-ready "))
		Expect(replayed.stdout).To(ContainSubstring("rule LIFE-7"))

		fixed := runReplay(harness.ReplayConfig{Transcript: transcript, Plugin: testeeManifest()})
		Expect(fixed.code).To(Equal(harness.ExitPass), fixed.stdout+fixed.stderr)
	})
})
