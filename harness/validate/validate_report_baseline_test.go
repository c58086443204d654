package validate_test

import (
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("Validate --as report and --as baseline", func() {
	It("accepts the golden JSON report and rejects a broken one with its pointer", func() {
		good := filepath.Join("..", "testdata", "golden", "report.json")
		got := validate(harness.ValidateConfig{As: harness.ValidateReports, Files: []string{good}})
		Expect(got.code).To(Equal(0), got.stdout+got.stderr)

		data, err := os.ReadFile(good)
		Expect(err).NotTo(HaveOccurred())
		bad := tempFile("report.json", strings.Replace(string(data), `"version": 1`, `"version": "one"`, 1))
		got = validate(harness.ValidateConfig{As: harness.ValidateReports, Files: []string{bad}})
		Expect(got.code).To(Equal(1))
		Expect(got.stdout).To(HavePrefix(bad + ":2: /version: "))
	})

	It("checks a baseline as conform run --baseline loads it, naming file and line", func() {
		good := filepath.Join("..", "testdata", "run", "golden-baseline.yaml")
		got := validate(harness.ValidateConfig{As: harness.ValidateBaselines, Files: []string{good}})
		Expect(got.code).To(Equal(0), got.stdout+got.stderr)

		bad := tempFile("base.yaml", "entries:\n  - scenario: framing.pass\n    reason: behind\n    expires: soon\n")
		got = validate(harness.ValidateConfig{As: harness.ValidateBaselines, Files: []string{bad}})
		Expect(got.code).To(Equal(1))
		Expect(got.stdout).To(HavePrefix(bad + ":4: /entries/0/expires: "))
		Expect(got.stderr).To(Equal("checked 1 document in 1 file: 1 invalid\n"))
	})
})
