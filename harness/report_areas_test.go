package harness_test

import (
	"fmt"
	"path/filepath"
	"slices"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness"
)

var _ = Describe("an sdk-profile run reports the plugin's levels by area", func() {
	const framing = "1. Transport and framing"
	// bindingRules counts the rules of an area that bind a plugin or a
	// testee: the ones a level is out of.
	bindingRules := func(area string) int {
		n := 0
		for _, r := range conform.Rules() {
			if r.Area == area && (r.Binds("plugin") || r.Binds("testee")) {
				n++
			}
		}
		return n
	}
	run := func(profile string, verdicts map[string]harness.Verdict) (runOutcome, *harness.Report) {
		cfg := baseRunConfig(newFakeExec(verdicts))
		cfg.Profile = profile
		cfg.JSON = filepath.Join(GinkgoT().TempDir(), "report.json")
		out := runHarness(cfg)
		r, err := harness.ReadReport(cfg.JSON)
		Expect(err).NotTo(HaveOccurred())
		return out, r
	}

	It("counts a rule a passing scenario proves as held, every area of CONFORMANCE.md in order", func() {
		out, r := run(harness.ProfileSDK, nil)
		Expect(out.code).To(Equal(harness.ExitPass), out.stdout)
		areas := r.Plugins[0].Areas
		Expect(areas[0]).To(Equal(harness.AreaLevel{Area: framing, Rules: bindingRules(framing), Held: 1, Unjudged: bindingRules(framing) - 1}))
		var names []string
		for _, a := range areas {
			names = append(names, a.Area)
			Expect(a.Rules).To(Equal(a.Held + a.Broken + a.Unjudged))
		}
		Expect(names).To(ContainElements("4. Watchdog", "9.7 presence", "10. The event bus", "15. The testee contract"))
		manifest := areas[slices.Index(names, "7. The manifest")]
		Expect(manifest.Held).To(Equal(manifest.Rules), "a run refuses a bad manifest before any scenario, so the rules of a plugin it judged hold")
		Expect(out.stdout).To(ContainSubstring("rules by area (held of those binding a plugin or testee):\n"))
		Expect(out.stdout).To(MatchRegexp(fmt.Sprintf(`\n  1\. Transport and framing +  1/%-3d held  \(%d not judged\)\n`, bindingRules(framing), bindingRules(framing)-1)))
	})

	It("counts a rule a failure blames as broken, even where another scenario proves it", func() {
		out, r := run(harness.ProfileSDK, map[string]harness.Verdict{"framing.pass": harness.Fail}) // blamed on FRAME-1
		Expect(out.code).To(Equal(harness.ExitFail))
		Expect(r.Plugins[0].Areas[0]).To(Equal(harness.AreaLevel{Area: framing, Rules: bindingRules(framing), Broken: 1, Unjudged: bindingRules(framing) - 1}))
		Expect(out.stdout).To(ContainSubstring("(1 broken, "))
	})

	It("is left out of a plugin-profile run", func() {
		out, r := run(harness.ProfilePlugin, nil)
		Expect(r.Plugins[0].Areas).To(BeEmpty())
		Expect(out.stdout).NotTo(ContainSubstring("rules by area"))
	})
})
