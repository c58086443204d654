package harness_test

import (
	"encoding/xml"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// updateGolden rewrites the golden files of the reports instead of
// comparing with them: go test ./harness -update.
var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// expectGolden compares got with testdata/golden/name, or rewrites the
// file with -update.
func expectGolden(name, got string) {
	path := filepath.Join("testdata", "golden", name)
	if *updateGolden {
		Expect(os.WriteFile(path, []byte(got), 0o644)).To(Succeed())
		return
	}
	want, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred(), "run go test ./harness -update to create it")
	Expect(got).To(Equal(string(want)), "%s differs; after checking the change, run go test ./harness -update", path)
}

var _ = Describe("the reports of a run", Ordered, func() {
	var out runOutcome
	var reportDir, transcriptDir, here string

	// normalise replaces the folders that differ from run to run, and the
	// suites' digest, which changes with every edit of a suite, by a digest
	// of zeros the report's schema still accepts.
	normalise := func(s string) string {
		return strings.NewReplacer(transcriptDir, "<transcripts>", here, "<harness>",
			harness.Build().SuitesDigest, "sha256:"+strings.Repeat("0", 64)).Replace(s)
	}
	readReport := func(name string) string {
		data, err := os.ReadFile(filepath.Join(reportDir, name))
		Expect(err).NotTo(HaveOccurred())
		return normalise(string(data))
	}

	BeforeAll(func() {
		var err error
		here, err = os.Getwd()
		Expect(err).NotTo(HaveOccurred())
		reportDir, transcriptDir = GinkgoT().TempDir(), GinkgoT().TempDir()
		exec := newFakeExec(map[string]harness.Verdict{
			"framing.fail": harness.Fail, "framing.should": harness.Fail, "own.check": harness.Error,
		})
		cfg := baseRunConfig(exec)
		cfg.Plugins = []string{runDir("plugin"), runDir("other")}
		cfg.Baseline = runDir("golden-baseline.yaml")
		cfg.JSON = filepath.Join(reportDir, "report.json")
		cfg.JUnit = filepath.Join(reportDir, "junit.xml")
		cfg.Markdown = filepath.Join(reportDir, "summary.md")
		cfg.Transcripts = transcriptDir
		out = runHarness(cfg)
	})

	It("exits 3 for the error verdict", func() {
		Expect(out.code).To(Equal(harness.ExitInternal))
		Expect(out.stderr).To(BeEmpty())
	})

	It("prints the console lines, details and summary", func() {
		expectGolden("console.txt", normalise(out.stdout))
	})

	It("writes the JSON report", func() {
		expectGolden("report.json", readReport("report.json"))
	})

	It("writes a JSON report valid against schemas/report.json and a well-formed JUnit file", func() {
		_, err := harness.ReadReport(filepath.Join(reportDir, "report.json"))
		Expect(err).NotTo(HaveOccurred())
		data, err := os.ReadFile(filepath.Join(reportDir, "junit.xml"))
		Expect(err).NotTo(HaveOccurred())
		var suites struct {
			Tests int `xml:"tests,attr"`
		}
		Expect(xml.Unmarshal(data, &suites)).To(Succeed())
		Expect(suites.Tests).To(Equal(8)) // the two sdk.only scenarios are not in the plugin profile: not reported
	})

	It("writes a JUnit file that xmllint accepts against schemas/junit.xsd, although the plugin logged ANSI colour", func() {
		xmllint, err := exec.LookPath("xmllint")
		if err != nil {
			if os.Getenv("CI") != "" {
				Fail("xmllint is missing: .ci/run installs libxml2-utils")
			}
			Skip("xmllint is not installed (Debian: libxml2-utils)")
		}
		junit := filepath.Join(reportDir, "junit.xml")
		data, err := os.ReadFile(junit)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(data)).To(ContainSubstring("stuck"), "the plugin's coloured log line is in the report")
		Expect(string(data)).NotTo(ContainSubstring("\x1b"))
		out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("..", "schemas", "junit.xsd"), junit).CombinedOutput()
		Expect(err).NotTo(HaveOccurred(), "xmllint: %s", out)
	})

	It("writes the JUnit report", func() {
		expectGolden("junit.xml", readReport("junit.xml"))
	})

	It("writes the Markdown summary", func() {
		expectGolden("summary.md", readReport("summary.md"))
	})
})
