package steps_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("host calls a scenario expects refused", func() {
	DescribeTable("fail the step when the runtime accepts them, or refuses with another code",
		func(step, message string) {
			sc := scenario("id: refused\nrequirements: [SET-2]\nmanifest:\n  settings: [{key: greeting, type: string, default: hello}]\nsteps:\n  - start\n  - " + step + "\n")
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail), describeFailure(res))
			Expect(res.Failure.Message).To(ContainSubstring(message))
		},
		Entry("a valid setting", "set_setting: {key: greeting, value: hi, refused: INVALID_PARAMS}", "setting greeting was accepted"),
		Entry("an unknown setting", "set_setting: {key: nope, value: hi, refused: INVALID_PARAMS}", "refused with another code"),
		Entry("a runtime topic", "publish: {topic: core.category.created, payload: {}, refused: PERMISSION_DENIED}", "publishing to core.category.created was accepted"),
	)

	It("are an error of the scenario when refused without refused", func() {
		sc := scenario("id: unexpected\nsteps:\n  - start\n  - publish: {topic: core.user.deleted, payload: {}}\n")
		res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
		Expect(res.Verdict).To(Equal(harness.Error), describeFailure(res))
	})
})
