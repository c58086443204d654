package main

import (
	"bytes"
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
		Expect(code).To(Equal(0), stdout.String()+stderr.String())
		Expect(stdout.String()).To(MatchRegexp(`\nselftest: ok: \d+ testees, \d+ runs in \S+\n$`))
	}, SpecTimeout(25*time.Minute))
})
