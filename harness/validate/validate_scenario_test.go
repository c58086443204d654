package validate_test

import (
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("Validate --as scenario", func() {
	scenarios := func(files ...string) harness.ValidateConfig {
		return harness.ValidateConfig{As: harness.ValidateScenarios, Files: files}
	}

	It("accepts good scenario files, YAML and JSON", func() {
		got := validate(scenarios(filepath.Join("..", "scenario", "testdata", "load", "good.yaml"), filepath.Join("..", "scenario", "testdata", "load", "good.json")))
		Expect(got.code).To(Equal(0))
		Expect(got.stdout).To(BeEmpty())
		Expect(got.stderr).To(Equal("checked 2 documents in 2 files: 0 invalid\n"))
	})

	It("prints each problem as FILE:LINE: /pointer: message and exits 1", func() {
		bad := tempFile("bad.yaml", "id: x\nrequirements: [NOPE-1]\nsteps:\n  - start: {within: soon}\n")
		worse := tempFile("worse.yaml", "id: y\nrequirements: [NOPE-1, NOPE-2]\nsteps: [kill]\n")
		got := validate(scenarios(bad, worse))
		Expect(got.code).To(Equal(1))
		Expect(got.stdout).To(Equal(bad + ":4: /steps/0/start/within: not a duration: a Go duration such as 250ms, 5s or 1m30s\n" +
			worse + ":2: /requirements/0: no rule NOPE-1 in CONFORMANCE.md\n" +
			worse + ":2: /requirements/1: no rule NOPE-2 in CONFORMANCE.md\n"))
		Expect(got.stderr).To(Equal("checked 2 documents in 2 files: 2 invalid\n"))
	})

	It("checks the built-in suites", func() {
		files, err := filepath.Glob(filepath.Join("..", "..", "suites", "*.yaml"))
		Expect(err).NotTo(HaveOccurred())
		Expect(files).NotTo(BeEmpty())
		Expect(validate(scenarios(files...)).code).To(Equal(0))
	})
})
