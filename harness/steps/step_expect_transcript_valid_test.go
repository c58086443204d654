package steps_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("expect_transcript_valid", func() {
	It("passes on the transcript of an ordinary exchange", func() {
		sc := scenario("id: valid\nrequirements: [TRN-1]\nsteps:\n  - start\n  - request: {action: echo, params: {a: 1}}\n  - expect_transcript_valid: {}\n")
		res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
		Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
	})

	It("fails, citing FRAME-21, when a frame recorded as sent by the runtime breaks its schema", func() {
		sc := scenario("id: invalid\nrequirements: [TRN-1]\nsteps:\n  - start\n  - send_frame: {frame: {type: request, action: echo}}\n  - expect_transcript_valid: {}\n")
		res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
		Expect(res.Verdict).To(Equal(harness.Fail), describeFailure(res))
		Expect(res.Failure.Rule).To(Equal("FRAME-21"))
		Expect(res.Failure.Message).To(ContainSubstring("/frame: missing properties"))
	})
})
