package main

import (
	"os"
	"path/filepath"
	"regexp"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// versionOutput is what `conform version` prints: conform's version, the
// protocol version and the short digest of the built-in suites.
var versionOutput = regexp.MustCompile(`^conform (devel|devel-[0-9a-f]{12}(\+dirty)?|v\S+)\nprotocol (\d+\.\d+)\nsuites (sha256:[0-9a-f]{12})\n$`)

var _ = Describe("conform version", func() {
	DescribeTable("prints conform's version, the protocol version and the suites' digest on stdout",
		func(args ...string) {
			got := conform(args...)
			Expect(got.code).To(Equal(0))
			Expect(got.stderr).To(BeEmpty())
			m := versionOutput.FindStringSubmatch(got.stdout)
			Expect(m).NotTo(BeNil(), "got %q", got.stdout)
			b := harness.Build()
			Expect(m[1]).To(Equal(b.Version))
			Expect(m[3]).To(Equal(b.Protocol))
			Expect(m[4]).To(Equal(b.SuitesDigest[:len("sha256:")+12]))
		},
		Entry("the command", "version"),
		Entry("--version", "--version"),
		Entry("-version", "-version"),
	)

	It("names the protocol version of CONFORMANCE.md's version line", func() {
		spec, err := os.ReadFile(filepath.Join("..", "..", "CONFORMANCE.md"))
		Expect(err).NotTo(HaveOccurred())
		m := versionOutput.FindStringSubmatch(conform("--version").stdout)
		Expect(m).NotTo(BeNil())
		Expect(string(spec)).To(ContainSubstring("\nVersion " + m[3] + " of the protocol."))
	})

	It("prints devel for a test binary, which carries no module version", func() {
		Expect(conform("version").stdout).To(HavePrefix("conform devel\n"))
	})

	It("has a usage that says what it prints", func() {
		got := conform("help", "version")
		Expect(got.code).To(Equal(0))
		Expect(got.stdout).To(HavePrefix("Usage:\n  conform version\n"))
		Expect(got.stdout).To(ContainSubstring("protocol version"))
	})

	DescribeTable("rejects arguments with exit 2",
		func(args ...string) {
			got := conform(args...)
			Expect(got.code).To(Equal(2))
			Expect(got.stdout).To(BeEmpty())
			Expect(got.stderr).To(HavePrefix("conform version: version takes no arguments\n\nUsage:\n  conform version"))
		},
		Entry("after the command", "version", "now"),
		Entry("after --version", "--version", "now"),
	)
})
