package main

import (
	"encoding/json"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// An SDK implementer builds a testee from §15 alone, under whatever slug
// they like, outside this repository. The built-in suites must not depend
// on the slug testee nor on the testee living in fixtures/.
var _ = Describe("conform run --profile sdk against a testee under another slug", func() {
	It("passes the Node.js reference testee copied out of fixtures/ as acme-sdk-2, exit 0", func() {
		dir := GinkgoT().TempDir()
		src := "../../fixtures/plugins/node"
		for _, name := range []string{"sdk.js", "testee.js"} {
			data, err := os.ReadFile(filepath.Join(src, name))
			Expect(err).NotTo(HaveOccurred())
			Expect(os.WriteFile(filepath.Join(dir, name), data, 0o644)).To(Succeed())
		}
		data, err := os.ReadFile(filepath.Join(src, "manifest.json"))
		Expect(err).NotTo(HaveOccurred())
		var manifest map[string]any
		Expect(json.Unmarshal(data, &manifest)).To(Succeed())
		Expect(manifest["slug"]).To(Equal("testee"), "the reference manifest this copies")
		manifest["slug"] = "acme-sdk-2"
		data, err = json.Marshal(manifest)
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644)).To(Succeed())

		report := filepath.Join(dir, "report.json")
		got := conform("run", "--profile", "sdk", "--json", report, dir)
		Expect(got.code).To(Equal(0), got.stdout+got.stderr)
		Expect(got.stdout).To(MatchRegexp(`\n\d+ passed, 0 failed, 0 skipped(, [^,\n]+)* in \S+\n$`))
		Expect(got.stdout).NotTo(ContainSubstring("SKIP"))
		_, err = harness.ReadReport(report)
		Expect(err).NotTo(HaveOccurred())
		data, err = os.ReadFile(report)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(data)).To(MatchRegexp(`"slug": *"acme-sdk-2"`), "the results ran against the copy")
		Expect(string(data)).NotTo(MatchRegexp(`"slug": *"testee"`))
	})
})
