package main

import (
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("conform run", func() {
	It("lists run, list, replay and baseline among the commands", func() {
		got := conform("help")
		for _, line := range []string{
			"  run        run the conformance scenarios against plugins\n",
			"  list       list the scenarios, or the rules they cover (--coverage)\n",
			"  replay     rerun the scenario of a failure's transcript against a plugin\n",
			"  baseline   rewrite a baseline of expected failures from a run's report\n",
		} {
			Expect(got.stdout).To(ContainSubstring(line))
		}
	})

	It("prints its usage and flags for --help", func() {
		got := conform("run", "--help")
		Expect(got.code).To(Equal(0))
		Expect(got.stdout).To(HavePrefix("Usage:\n  conform run [flags] PLUGIN...\n"))
		for _, flag := range []string{"baseline", "fail-fast", "focus", "json", "junit", "label-filter", "markdown", "no-builtin", "parallel", "profile", "rerun-failed", "scenarios", "shard", "skip", "strict", "timeout-scale", "transcripts"} {
			Expect(got.stdout).To(ContainSubstring("\n  --"+flag+"\n"), flag)
		}
	})

	DescribeTable("exits 2 for a bad invocation, before any plugin starts",
		func(want string, args ...string) {
			got := conform(append([]string{"run"}, args...)...)
			Expect(got.code).To(Equal(2))
			Expect(got.stdout).To(BeEmpty())
			Expect(got.stderr).To(MatchRegexp(want))
		},
		Entry("no plugin", `^conform run: name at least one PLUGIN\n\nUsage:`),
		Entry("a flag without its value", `^conform run: flag needs an argument: -shard\n`, "plugin", "--shard"),
		Entry("a number that is none", `invalid value "many" for flag -parallel`, "--parallel", "many", "plugin"),
		Entry("an unknown profile", `^conform run: --profile "desktop": want plugin or sdk\n`, "--profile", "desktop", "testdata/badmanifest"),
		Entry("an invalid manifest, naming file, line and member", `^conform run: \S+/testdata/badmanifest/manifest\.json:4: /permisions: unknown member \[MAN-7\]\n$`, "testdata/badmanifest"),
		Entry("a missing plugin", `^conform run: \S+/testdata/nowhere: `, "testdata/nowhere"),
		Entry("an invalid scenario file, naming file, line and member", `conform run: testdata/badscenario/broken\.yaml:3: /titel: unknown member\n`, "--scenarios", "testdata/badscenario", "testdata/datalessplugin"),
		Entry("a bad shard", `^conform run: --shard "0/2": want I/N`, "--shard", "0/2", "testdata/datalessplugin"),
	)

	It("takes --scenarios more than once", func() {
		dir := GinkgoT().TempDir()
		Expect(os.WriteFile(filepath.Join(dir, "dup.yaml"), []byte("id: broken.one\nsteps: [start]\n"), 0o644)).To(Succeed())
		got := conform("run", "--no-builtin", "--scenarios", "testdata/badscenario", "--scenarios", dir, "testdata/datalessplugin")
		Expect(got.code).To(Equal(2))
		Expect(got.stderr).To(ContainSubstring("broken.yaml:3: /titel"))
	})
})

var _ = Describe("conform list", func() {
	It("exits 2 naming a bad scenario file", func() {
		got := conform("list", "--no-builtin", "--scenarios", "testdata/badscenario")
		Expect(got.code).To(Equal(2))
		Expect(got.stderr).To(Equal("conform list: testdata/badscenario/broken.yaml:3: /titel: unknown member\n"))
	})

	It("prints its usage for --help", func() {
		Expect(conform("help", "list").stdout).To(HavePrefix("Usage:\n  conform list [flags] [PLUGIN...]\n"))
	})
})

var _ = Describe("conform replay", func() {
	It("wants a transcript and a plugin", func() {
		got := conform("replay", "only-one")
		Expect(got.code).To(Equal(2))
		Expect(got.stderr).To(HavePrefix("conform replay: want a transcript FILE and a PLUGIN\n\nUsage:\n  conform replay [flags] FILE PLUGIN\n"))
	})

	It("exits 2 for a transcript it cannot read", func() {
		got := conform("replay", "testdata/nowhere.ndjson", "testdata/datalessplugin")
		Expect(got.code).To(Equal(2))
		Expect(got.stderr).To(ContainSubstring("conform replay: open testdata/nowhere.ndjson: no such file or directory"))
	})
})

var _ = Describe("conform baseline", func() {
	DescribeTable("exits 2 for a bad invocation",
		func(want string, args ...string) {
			got := conform(append([]string{"baseline"}, args...)...)
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(HavePrefix(want))
		},
		Entry("no subcommand", "conform baseline: want the subcommand \"update\"\n"),
		Entry("an unknown subcommand", "conform baseline: want the subcommand \"update\"\n", "prune"),
		Entry("no --from", "conform baseline: --from is required: the JSON report of a run\n", "update"),
		Entry("a report it cannot read", "conform baseline update: --from: open testdata/none.json: no such file or directory\n", "update", "--from", "testdata/none.json"),
	)
})
