package steps_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// scriptedManifest is a manifest patch that replaces the plugin with a
// shell script and no build step.
func scriptedManifest(script string) string {
	return "manifest:\n  backend:\n    build: null\n    command: [sh, -c, " + quoteYAML(script) + "]\n"
}

// quoteYAML writes s as a double-quoted YAML string.
func quoteYAML(s string) string {
	out := []byte{'"'}
	for _, r := range s {
		switch r {
		case '"', '\\':
			out = append(out, '\\', byte(r))
		case '\n':
			out = append(out, '\\', 'n')
		default:
			out = append(out, string(r)...)
		}
	}
	return string(append(out, '"'))
}

// verdictOf runs a scenario written in YAML against the Go testee.
func verdictOf(yaml string) harness.Result {
	res, _ := execute(scenario(yaml), testeeManifest(), harness.ExecOptions{})
	return res
}

var _ = Describe("start with expect_error", func() {
	It("passes when the runtime refuses a plugin whose build fails (LIFE-2)", func() {
		res := verdictOf("id: x\nmanifest: {backend: {command: [sh], build: {command: [sh, -c, 'exit 3']}}}\nsteps:\n  - start: {expect_error: {rule: LIFE-2}}\n  - expect_state: {state: stopped}\n")
		Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
	})

	It("passes when the command cannot be spawned (LIFE-1)", func() {
		res := verdictOf("id: x\nmanifest: {backend: {command: [conform-no-such-program], build: null}}\nsteps:\n  - start: {expect_error: {rule: LIFE-1}}\n")
		Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
	})

	It("fails when the plugin starts, or is refused for another rule", func() {
		res := verdictOf("id: x\nsteps:\n  - start: {expect_error: {rule: LIFE-2}}\n")
		Expect(res.Verdict).To(Equal(harness.Fail))
		Expect(res.Failure.Message).To(Equal("the runtime started the plugin"))

		res = verdictOf("id: x\nmanifest: {backend: {command: [conform-no-such-program], build: null}}\nsteps:\n  - start: {expect_error: {rule: LIFE-2}}\n")
		Expect(res.Verdict).To(Equal(harness.Fail))
		Expect(res.Failure.Got).To(HavePrefix("LIFE-1: "))
	})
})

var _ = Describe("load_plugin with expect_error", func() {
	It("passes when the runtime refuses the manifest for the rule, at the pointer", func() {
		res := verdictOf("id: x\nsteps:\n  - load_plugin: {manifest: {slug: Bad, version: 1.0.0}, expect_error: {rule: MAN-1, pointer: /slug}}\n")
		Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
	})

	DescribeTable("fails when the runtime does otherwise",
		func(step, message string) {
			res := verdictOf("id: x\nsteps:\n  - load_plugin: " + step + "\n")
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Rule).To(Equal("MAN-7"))
			Expect(res.Failure.Message).To(Equal(message))
		},
		Entry("loads it", "{manifest: {slug: good, version: 1.0.0}, expect_error: {rule: MAN-1}}", "the runtime loaded a manifest it should refuse"),
		Entry("cites another rule", "{manifest: {slug: Bad, version: 1.0.0}, expect_error: {rule: MAN-2}}", "the runtime refused the manifest for another reason"),
		Entry("names another pointer", "{manifest: {slug: Bad, version: 1.0.0}, expect_error: {rule: MAN-1, pointer: /version}}", "the runtime refused the manifest for another reason"),
	)

	It("refuses, when the scenario is loaded, SQL for a manifest expected to be refused", func() {
		_, err := harness.LoadFile(tempFile("s.yaml", "id: x\nsteps:\n  - load_plugin: {manifest: {slug: Bad, version: 1.0.0}, sql: [SELECT 1], expect_error: {rule: MAN-1}}\n"))
		Expect(err).To(MatchError(ContainSubstring("/steps/0/load_plugin/sql: a manifest expected to be refused has no database to seed")))
	})
})

var _ = Describe("send_frame with count", func() {
	It("floods a plugin that reads, which survives it", func() {
		res := verdictOf("id: x\nsteps:\n  - start\n  - send_frame: {frame: {type: conform.flood}, count: 2000}\n  - request: {action: echo, params: 1, expect: {result: 1}}\n")
		Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
	})

	It("ends early, without failing, when the runtime kills a plugin that stopped reading (FRAME-25)", func() {
		res := verdictOf("id: x\n" + scriptedManifest("printf 'IPC:{\"type\":\"ready\"}\\n'; exec sleep 60") +
			"steps:\n  - start\n  - send_frame: {frame: {type: conform.flood}, count: 20000}\n  - expect_violation: {rule: FRAME-26}\n  - expect_decision: {decision: kill, rule: FRAME-25}\n")
		Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
	})
})

var _ = Describe("expect_log with count", func() {
	It("counts the matching lines exactly, 0 meaning none", func() {
		res := verdictOf("id: x\nsteps:\n  - start\n  - request: {action: log, params: {stdout: [a1, a2, b]}}\n  - expect_log: {match: '^b$'}\n  - expect_log: {match: '^a', count: 2}\n  - expect_log: {contains: zzz, count: 0}\n")
		Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))

		res = verdictOf("id: x\nsteps:\n  - start\n  - request: {action: log, params: {stdout: [a1, a2]}}\n  - expect_log: {match: '^a', count: 1, within: 100ms}\n")
		Expect(res.Verdict).To(Equal(harness.Fail))
		Expect(res.Failure.Message).To(Equal("2 such log lines, not 1"))
	})
})

var _ = Describe("a step writing to a plugin that has gone", func() {
	It("fails the scenario rather than being an error of conform", func() {
		res := verdictOf("id: x\n" + scriptedManifest("exec 0<&-; printf 'IPC:{\"type\":\"ready\"}\\n'; sleep 1") +
			"steps:\n  - start\n  - send_frame: {frame: {type: conform.one}}\n  - send_frame: {frame: {type: conform.two}}\n")
		Expect(res.Verdict).To(Equal(harness.Fail), describeFailure(res))
		Expect(res.Failure.Message).To(HavePrefix("the plugin has no running process: "))
	})
})
