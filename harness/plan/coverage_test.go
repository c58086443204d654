package plan_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/suites"
)

var _ = Describe("Coverage", func() {
	It("lists the MUST and SHOULD rules in document order with the scenarios naming them", func() {
		scs := []*harness.Scenario{
			{ID: "a", Requirements: []string{"FRAME-1", "FRAME-12"}},
			{ID: "b", Requirements: []string{"FRAME-1"}},
		}
		rules := harness.Coverage(scs)
		Expect(rules[0].Rule.ID).To(Equal("FRAME-1"))
		Expect(rules[0].Scenarios).To(Equal([]string{"a", "b"}))
		var checked int
		for _, r := range conform.Rules() {
			if r.Level != "MAY" {
				checked++
			}
		}
		Expect(rules).To(HaveLen(checked))
		for _, rc := range rules {
			Expect(rc.Rule.Level).NotTo(Equal("MAY"))
			if rc.Rule.ID == "FRAME-12" {
				Expect(rc.Scenarios).To(Equal([]string{"a"}))
			}
		}
	})

	It("finds a built-in scenario for every MUST rule of CONFORMANCE.md", func() {
		scs, err := harness.LoadFS(suites.FS, ".")
		Expect(err).NotTo(HaveOccurred())
		var uncovered []string
		for _, rc := range harness.Coverage(scs) {
			if rc.Rule.Level == "MUST" && len(rc.Scenarios) == 0 {
				uncovered = append(uncovered, rc.Rule.ID)
			}
		}
		Expect(uncovered).To(BeEmpty(), "MUST rules without a built-in scenario; see conform list --coverage")
	})
})
