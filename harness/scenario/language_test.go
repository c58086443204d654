package scenario_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("the scenario language for business logic", func() {
	It("lets a file define X- rules its scenarios require, with their level and sentence", func() {
		list, err := harness.LoadFile(tempFile("own.yaml", `rules:
  X-SHOP-1: {text: "A basket never holds more than ten items."}
  X-SHOP-2: {text: "Prices are shown in the shop's currency.", level: SHOULD}
scenarios:
  - id: shop.basket-cap
    requirements: [X-SHOP-1, ENV-8]
    steps: [start]
  - id: shop.currency
    requirements: [X-SHOP-2]
    steps: [start]
`))
		Expect(err).NotTo(HaveOccurred())
		Expect(list[0].Level).To(Equal("MUST"))
		Expect(list[1].Level).To(Equal("SHOULD"))
		r, ok := list[0].LookupRule("X-SHOP-1")
		Expect(ok).To(BeTrue())
		Expect(r.Text).To(Equal("A basket never holds more than ten items."))
		Expect(r.Parties).To(Equal([]string{"plugin"}))
		_, ok = list[0].LookupRule("ENV-8")
		Expect(ok).To(BeTrue())
	})

	It("refuses an X- requirement its file does not define, and an own rule outside the X- namespace", func() {
		Expect(loadErrors("s.yaml", "id: x\nrequirements: [X-SHOP-9]\nsteps: [start]\n")).To(ConsistOf(
			"s.yaml:2: /requirements/0: X-SHOP-9 is an own rule (X-…), but this file defines none: add it under rules: {X-SHOP-9: {text: ...}}"))
		Expect(loadErrors("s.yaml", "rules: {X-SHOP-1: {text: a}}\nscenarios:\n  - id: x\n    requirements: [X-SHOP-2]\n    steps: [start]\n")).To(ConsistOf(
			"s.yaml:4: /scenarios/0/requirements/0: no own rule X-SHOP-2 in this file's rules (it defines X-SHOP-1)"))
		Expect(loadErrors("s.yaml", "rules: {SHOP-1: {text: a}}\nscenarios:\n  - id: x\n    steps: [start]\n")).To(ConsistOf(
			ContainSubstring("/rules")))
	})
	It("refuses a frame search after a name no earlier step saves", func() {
		Expect(loadErrors("s.yaml", "id: x\nsteps:\n  - start\n  - expect_frame: {match: {type: pong}, after: later}\n  - request: {action: echo, as: later}\n")).To(ConsistOf(
			ContainSubstring(`/steps/1/expect_frame/after: after "later": no earlier step defines that name, and it is not "start"`)))
	})
	It("parses repeat's steps like a scenario's own, and refuses a repeat inside a repeat", func() {
		list, err := harness.LoadFile(tempFile("r.yaml", "id: r\nsteps:\n  - start\n  - repeat: {times: 3, steps: [{request: {action: echo, params: \"${i}\"}}]}\n"))
		Expect(err).NotTo(HaveOccurred())
		args := list[0].Steps[1].Args.(harness.RepeatArgs)
		Expect(args.Times).To(Equal(3))
		Expect(args.Steps).To(HaveLen(1))
		Expect(args.Steps[0].Kind).To(Equal("request"))
		Expect(args.Steps[0].Source.Line).To(Equal(4))
		Expect(loadErrors("r.yaml", "id: r\nsteps:\n  - repeat: {times: 2, steps: [{repeat: {times: 2, steps: [start]}}]}\n")).To(ConsistOf(
			ContainSubstring("/steps/0/repeat/steps/0/repeat: a repeat inside a repeat")))
		Expect(loadErrors("r.yaml", "id: r\nsteps:\n  - repeat: {times: 1001, steps: [start]}\n")).To(ConsistOf(
			ContainSubstring("/steps/0/repeat/times")))
	})
})
