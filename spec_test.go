package conform_test

import (
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	conform "github.com/conform-dev/conform"
)

func TestSpec(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "CONFORMANCE.md")
}

var _ = Describe("the rules of CONFORMANCE.md", func() {
	It("are many, each with a unique ID, a level and a party", func() {
		rules := conform.Rules()
		Expect(len(rules)).To(BeNumerically(">", 100))
		seen := map[string]bool{}
		for _, r := range rules {
			Expect(seen[r.ID]).To(BeFalse(), "%s appears twice", r.ID)
			seen[r.ID] = true
			Expect(r.Parties).NotTo(BeEmpty(), r.ID)
			for _, p := range r.Parties {
				Expect(p).To(BeElementOf("runtime", "plugin", "testee"), r.ID)
			}
		}
	})

	It("each belong to an area: their chapter, or their service's section in §9", func() {
		area := func(id string) string {
			r, ok := conform.LookupRule(id)
			Expect(ok).To(BeTrue(), id)
			return r.Area
		}
		Expect(area("FRAME-7")).To(Equal("1. Transport and framing")) // under 1.1 The line cap
		Expect(area("WD-2")).To(Equal("4. Watchdog"))
		Expect(area("KV-1")).To(HavePrefix("9.3 data.kv"))
		Expect(area("EVT-3")).To(Equal("10. The event bus"))
		for _, r := range conform.Rules() {
			Expect(r.Area).To(MatchRegexp(`^\d+(\.\d+)?\. ?\S`), r.ID)
		}
	})

	It("misses no rule-shaped line because of a typo in its format", func() {
		loose := regexp.MustCompile(`^- \*\*[A-Z]+-\d+\*\*`)
		var lines int
		for _, line := range strings.Split(conform.SpecText(), "\n") {
			if loose.MatchString(line) {
				lines++
			}
		}
		Expect(conform.Rules()).To(HaveLen(lines))
	})

	It("refers only to rules that exist", func() {
		ref := regexp.MustCompile(`\b((?:FRAME|ENV|LIFE|WD|REQ|ERR|MAN|CAP|SVC|SQL|KV|READ|SET|BC|PRES|UPL|HTTP|SCHED|STOR|EXT|EVT|NOTE|TRN|TIME|TST)-\d+)\b`)
		for _, m := range ref.FindAllStringSubmatch(conform.SpecText(), -1) {
			_, ok := conform.LookupRule(m[1])
			Expect(ok).To(BeTrue(), "CONFORMANCE.md mentions %s, which is not a rule", m[1])
		}
	})

	It("keeps the decision rationale with its rule", func() {
		r, ok := conform.LookupRule("FRAME-13")
		Expect(ok).To(BeTrue())
		Expect(r.Level).To(Equal("MUST"))
		Expect(r.Binds("runtime")).To(BeTrue())
		Expect(r.Decision).To(ContainSubstring("CRLF"))
	})
})
