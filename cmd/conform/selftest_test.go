package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("conform selftest", func() {
	DescribeTable("explains a bad invocation on stderr with exit 2",
		func(message string, args ...string) {
			got := conform(append([]string{"selftest"}, args...)...)
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(ContainSubstring(message))
		},
		Entry("an argument", `unexpected argument "extra"`, "extra"),
		Entry("no parallelism", "--parallel 0: want 1 or more", "--parallel", "0"),
		Entry("a root without fixtures", "fixtures/plugins", "--root", "/nonexistent"),
		Entry("a mutant that does not exist", "--mutant conform-no-such-mutant: no mutant of that name", "--mutant", "conform-no-such-mutant"),
	)

	// The self-test itself: every reference testee passes every built-in
	// scenario of both profiles, and every mutant is caught by exactly the
	// scenarios its mutant.yaml declares. It runs a few thousand scenarios,
	// most of them waiting on plugins, so it takes a few minutes.
	It("proves the built-in suites against the references and every mutant", func(ctx SpecContext) {
		var stdout, stderr bytes.Buffer
		code := run(ctx, []string{"selftest"}, &stdout, &stderr)
		if code != 0 {
			problems := selftestProblems(stdout.String()) + stderr.String()
			// CI keeps only the tail of a long log: .ci/run prints this
			// file last, so the testee that disagreed is always shown.
			if path := os.Getenv("CONFORM_SELFTEST_PROBLEMS"); path != "" {
				Expect(os.WriteFile(path, []byte(problems), 0o644)).To(Succeed())
			}
			Fail(fmt.Sprintf("conform selftest exited %d:\n%s", code, problems))
		}
		Expect(stdout.String()).To(MatchRegexp(`\nselftest: ok: \d+ testees, \d+ runs in \S+\n$`))
	}, SpecTimeout(25*time.Minute))
})

// selftestProblems keeps the part of a self-test report after its table
// (each testee with problems, the precision and the closing line), which
// is what says why it failed.
func selftestProblems(report string) string {
	if i := strings.Index(report, "\n\n"); i >= 0 {
		return report[i+2:]
	}
	return report
}
