package plan_test

import (
	"bytes"
	"os"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("List", func() {
	var cfg harness.ListConfig

	BeforeEach(func() {
		cfg = harness.ListConfig{Builtin: os.DirFS(runDir("suites")), Plugins: []string{runDir("plugin")}}
	})

	list := func() runOutcome {
		var stdout, stderr bytes.Buffer
		code := harness.List(cfg, &stdout, &stderr)
		return runOutcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
	}

	It("shows each scenario's id, level, profile, labels and requirements, and counts them", func() {
		got := list()
		Expect(got.code).To(Equal(harness.ExitPass))
		Expect(got.stdout).To(Equal("" +
			"ID              LEVEL   PROFILE  LABELS        REQUIREMENTS\n" +
			"framing.pass    MUST    both     framing       FRAME-1\n" +
			"framing.fail    MUST    both     framing,slow  FRAME-2\n" +
			"framing.should  SHOULD  both     framing       FRAME-12\n" +
			"sdk.only        MUST    sdk      sdk           FRAME-3\n" +
			"own.check       MUST    both     -             FRAME-1\n" +
			"\n5 scenarios\n"))
	})

	It("filters as run does, and by profile", func() {
		cfg.Profile, cfg.LabelFilter, cfg.Skip = harness.ProfileSDK, "!slow", "should"
		Expect(list().stdout).To(Equal("" +
			"ID            LEVEL  PROFILE  LABELS   REQUIREMENTS\n" +
			"framing.pass  MUST   both     framing  FRAME-1\n" +
			"sdk.only      MUST   sdk      sdk      FRAME-3\n" +
			"own.check     MUST   both     -        FRAME-1\n" +
			"\n3 scenarios\n"))
	})

	It("exits 2 for a bad filter or scenario file, naming it", func() {
		cfg.Profile = "desktop"
		Expect(list()).To(Equal(runOutcome{code: harness.ExitUsage, stderr: "conform list: --profile \"desktop\": want plugin or sdk\n"}))
		cfg.Profile, cfg.Scenarios = "", []string{runDir("badscenario")}
		got := list()
		Expect(got.code).To(Equal(harness.ExitUsage))
		Expect(got.stderr).To(ContainSubstring("broken.yaml:3: /titel: unknown member"))
	})

	Describe("--coverage", func() {
		It("lists every MUST and SHOULD rule with the scenarios proving it, marks the uncovered, and counts them", func() {
			cfg.Coverage = true
			got := list()
			Expect(got.code).To(Equal(harness.ExitPass))
			Expect(got.stdout).To(MatchRegexp(`^RULE +LEVEL +BINDS +SCENARIOS\nFRAME-1 +MUST +plugin +framing\.pass,own\.check\n`))
			Expect(got.stdout).To(MatchRegexp(`(?m)^FRAME-12 +SHOULD +\S+ +framing\.should$`))
			Expect(got.stdout).To(MatchRegexp(`(?m)^FRAME-4 +MUST +\S+ +UNCOVERED$`))
			Expect(got.stdout).NotTo(MatchRegexp(`(?m)^FRAME-5 `)) // a MAY
			Expect(got.stdout).To(MatchRegexp(`\n\nMUST: 3 of \d+ covered, \d+ uncovered; SHOULD: 1 of \d+ covered, \d+ uncovered\n$`))
		})
	})
})
