package scenario_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// loadErrors loads content as a file of the given name and returns each
// error's text with the temporary folder's path cut off.
func loadErrors(name, content string) []string {
	path := tempFile(name, content)
	_, err := harness.LoadFile(path)
	Expect(err).To(HaveOccurred())
	var out []string
	for _, e := range harness.LoadErrors(err) {
		var le *harness.LoadError
		Expect(e).To(BeAssignableToTypeOf(le))
		out = append(out, strings.ReplaceAll(e.Error(), filepath.Dir(path)+string(filepath.Separator), ""))
	}
	return out
}

var _ = Describe("loading scenarios", func() {
	It("reads a YAML file of several scenarios into Scenario values", func() {
		list, err := harness.LoadFile(filepath.Join("testdata", "load", "good.yaml"))
		Expect(err).NotTo(HaveOccurred())
		Expect(list).To(HaveLen(2))
		one := list[0]
		Expect(one.ID).To(Equal("good.one"))
		Expect(one.Title).To(Equal("The first"))
		Expect(one.Description).To(Equal("What it checks and why."))
		Expect(one.Requirements).To(Equal([]string{"LIFE-5", "WD-6"}))
		Expect(one.Level).To(Equal("MUST"), "the strongest level among the requirements")
		Expect(one.Labels).To(Equal([]string{"lifecycle", "fast"}))
		Expect(one.Profile).To(Equal(harness.ProfilePlugin))
		Expect(one.Manifest).To(HaveKey("permissions"))
		Expect(one.Runtime.NoRestart).To(BeTrue())
		Expect(one.Runtime.Timing).To(Equal(map[string]time.Duration{"handshake_timeout": 2 * time.Second, "ping_interval": 90 * time.Second}))
		Expect(one.Runtime.Counts).To(Equal(map[string]int{"missed_pings": 2}))
		Expect(one.Timeout).To(Equal(10 * time.Second))
		Expect(one.Source).To(Equal(harness.Source{File: "testdata/load/good.yaml", Line: 3}))
		Expect(one.Steps).To(HaveLen(4))
		Expect(one.Steps[0]).To(Equal(harness.Step{Kind: "start", Args: harness.StartArgs{}, Source: harness.Source{File: "testdata/load/good.yaml", Line: 15}}))
		Expect(one.Steps[1].Args).To(Equal(harness.RequestArgs{Action: "echo", Params: map[string]any{"x": jsonNumber("1")}, As: "r"}))
		Expect(one.Steps[2].Args).To(HaveField("Within", harness.Duration(250*time.Millisecond)))
		Expect(one.Steps[3].Args).To(Equal(harness.Duration(5 * time.Second)))

		two := list[1]
		Expect(two.Title).To(Equal("good.two"), "the id when there is no title")
		Expect(two.Level).To(Equal("SHOULD"))
		Expect(two.Profile).To(Equal(harness.ProfileBoth))
		Expect(two.Source.Line).To(Equal(20))
	})

	It("reads the same format written in JSON", func() {
		list, err := harness.LoadFile(filepath.Join("testdata", "load", "good.json"))
		Expect(err).NotTo(HaveOccurred())
		Expect(list).To(HaveLen(1))
		Expect(list[0].Level).To(Equal("SHOULD"))
		Expect(list[0].Steps[1]).To(Equal(harness.Step{Kind: "send_raw", Args: harness.SendRawArgs{Text: "a/b\n"}, Source: harness.Source{File: "testdata/load/good.json", Line: 6}}))
	})

	It("gives a scenario without requirements the level MUST", func() {
		list, err := harness.LoadFile(tempFile("s.yaml", "id: x\nsteps: [start]\n"))
		Expect(err).NotTo(HaveOccurred())
		Expect(list[0].Level).To(Equal("MUST"))
	})

	DescribeTable("refuses a bad file, naming file:line and the pointer",
		func(name, content string, want ...string) {
			Expect(loadErrors(name, content)).To(Equal(want))
		},
		Entry("an unknown member", "s.yaml", "id: x\nsteps: [start]\ntitel: typo\n",
			"s.yaml:3: /titel: unknown member"),
		Entry("an unknown member of a step", "s.yaml", "id: x\nsteps:\n  - start:\n      within: 1s\n      redy: true\n",
			"s.yaml:5: /steps/0/start/redy: unknown member"),
		Entry("an unknown step kind", "s.yaml", "id: x\nsteps:\n  - start\n  - strat: {}\n",
			`s.yaml:4: /steps/1/strat: unknown step kind "strat" (see docs/scenarios.md)`),
		Entry("a step with two kinds", "s.yaml", "id: x\nsteps:\n  - {start: null, kill: null}\n",
			"s.yaml:3: /steps/0: a step is a mapping with exactly one key, its kind"),
		Entry("a duplicate key in YAML", "s.yaml", "id: x\nsteps: [start]\nid: y\n",
			`s.yaml:3: /id: duplicate key "id" (first on line 1)`),
		Entry("a duplicate key in JSON", "s.json", "{\n  \"id\": \"x\",\n  \"steps\": [\"start\"],\n  \"steps\": []\n}\n",
			`s.json:4: /steps: duplicate key "steps" (first on line 3)`),
		Entry("a bad duration", "s.yaml", "id: x\nsteps:\n  - start: {within: 2 seconds}\n",
			"s.yaml:3: /steps/0/start/within: not a duration: a Go duration such as 250ms, 5s or 1m30s"),
		Entry("a duration out of range", "s.yaml", "id: x\ntimeout: 9999999999999h\nsteps: [start]\n",
			`s.yaml:2: /timeout: not a duration: time: invalid duration "9999999999999h"`),
		Entry("an unknown rule", "s.yaml", "id: x\nrequirements: [LIFE-5, LIFE-99]\nsteps: [start]\n",
			"s.yaml:2: /requirements/1: no rule LIFE-99 in CONFORMANCE.md"),
		Entry("a duplicate id", "s.yaml", "scenarios:\n  - id: x\n    steps: [start]\n  - id: x\n    steps: [kill]\n",
			`s.yaml:4: /id: duplicate scenario id "x" (first at s.yaml:2)`),
		Entry("a bad id", "s.yaml", "id: X-1\nsteps: [start]\n",
			"s.yaml:1: /id: not a scenario id: a lower-case letter or digit, then lower-case letters, digits, '.', '_' or '-'"),
		Entry("a missing member", "s.yaml", "id: x\n",
			"s.yaml:1: /steps: missing required member"),
		Entry("a variable no earlier step defines", "s.yaml", "id: x\nsteps:\n  - request: {action: echo, params: {a: \"${r.id}\"}}\n  - request: {action: echo, as: r}\n",
			"s.yaml:3: /steps/0/request/params/a: ${r} is not defined by an earlier step (defined so far: slug)"),
		Entry("an await with nothing to await", "s.yaml", "id: x\nsteps:\n  - await: {as: slow}\n",
			`s.yaml:3: /steps/0/await/as: no earlier request was sent with wait: false as "slow"`),
		Entry("a request without wait and without a name", "s.yaml", "id: x\nsteps:\n  - request: {action: busy, wait: false}\n",
			"s.yaml:3: /steps/0/request/as: a request sent with wait: false needs as: a name for await"),
		Entry("a pattern that is not a regular expression", "s.yaml", "id: x\nsteps:\n  - expect_frame:\n      match: {id: \"/a(/\"}\n",
			"s.yaml:4: /steps/0/expect_frame/match/id: not a regular expression: error parsing regexp: missing closing ): `a(`"),
		Entry("an inline schema that does not compile", "s.yaml", "id: x\nsteps:\n  - expect_frame:\n      schema: {type: 12}\n",
			`s.yaml:4: /steps/0/expect_frame/schema: not a JSON Schema: at /type: value must be one of "array", "boolean", "integer", "null", "number", "object", "string"`),
		Entry("an inline manifest that is not a manifest", "s.yaml", "id: x\nsteps:\n  - load_plugin:\n      manifest: {slug: Lib, version: 1.0.0}\n",
			"s.yaml:4: /steps/0/load_plugin/manifest/slug: not a slug: a lower-case letter, then 1 to 62 lower-case letters, digits or - [MAN-1]"),
		Entry("a manifest file that is not there", "s.yaml", "id: x\nsteps:\n  - load_plugin: {manifest: nowhere.json}\n",
			"s.yaml:3: /steps/0/load_plugin/manifest: reading nowhere.json: no such file or directory"),
		Entry("two kinds of content for an upload", "s.yaml", "id: x\nsteps:\n  - upload: {filename: a, text: x, base64: eA==}\n",
			"s.yaml:3: /steps/0/upload: give exactly one of text and base64"),
		Entry("a YAML syntax error", "s.yaml", "id: x\nsteps: [start\n",
			"s.yaml:1: not valid YAML: did not find expected ',' or ']'"),
		Entry("two YAML documents", "s.yaml", "id: x\nsteps: [start]\n---\nid: y\nsteps: [start]\n",
			"s.yaml:3: a scenario file holds one YAML document; use scenarios: for several scenarios"),
		Entry("a JSON syntax error", "s.json", "{\n  \"id\": \"x\",\n  \"steps\": [start]\n}\n",
			"s.json:3: not valid JSON: invalid character 's' looking for beginning of value"),
		Entry("an empty file", "s.yaml", "# nothing\n",
			"s.yaml:1: the file holds no scenario"),
		Entry("a YAML value with no JSON form", "s.yaml", "id: x\nsteps:\n  - request: {action: echo, params: .inf}\n",
			"s.yaml:3: /steps/0/request/params: .inf has no JSON form"),
	)

	It("reports every problem the schema leaves to the loader, not only the first", func() {
		got := loadErrors("s.yaml", "id: x\nrequirements: [NOPE-1, NOPE-2]\nsteps: [start]\n")
		Expect(got).To(Equal([]string{
			"s.yaml:2: /requirements/0: no rule NOPE-1 in CONFORMANCE.md",
			"s.yaml:2: /requirements/1: no rule NOPE-2 in CONFORMANCE.md",
		}))
	})

	It("says where a file cannot be read", func() {
		_, err := harness.LoadFile("/no/such/s.yaml")
		Expect(err).To(MatchError("/no/such/s.yaml: no such file or directory"))
	})

	Describe("LoadFS", func() {
		It("loads every scenario file below a folder, in lexical order, reading load_plugin manifests from the same file system", func() {
			fsys := fstest.MapFS{
				"s/b.yml":          {Data: []byte("id: b\nsteps: [start]\n")},
				"s/a.json":         {Data: []byte(`{"id": "a", "steps": [{"load_plugin": {"manifest": "../lib/m.json"}}]}`)},
				"lib/m.json":       {Data: []byte(`{"slug": "lib", "version": "1.0.0"}`)},
				"s/notes.txt":      {Data: []byte("not a scenario")},
				"s/deeper/c.yaml":  {Data: []byte("id: c\nsteps: [kill]\n")},
				"elsewhere/d.yaml": {Data: []byte("id: d\nsteps: [kill]\n")},
			}
			list, err := harness.LoadFS(fsys, "s")
			Expect(err).NotTo(HaveOccurred())
			var ids, files []string
			for _, sc := range list {
				ids, files = append(ids, sc.ID), append(files, sc.Source.File)
			}
			Expect(ids).To(Equal([]string{"a", "b", "c"}))
			Expect(files).To(Equal([]string{"s/a.json", "s/b.yml", "s/deeper/c.yaml"}))
		})

		It("refuses an id used in two files, naming both", func() {
			fsys := fstest.MapFS{
				"a.yaml": {Data: []byte("id: same\nsteps: [start]\n")},
				"b.yaml": {Data: []byte("\n\nid: same\nsteps: [start]\n")},
			}
			_, err := harness.LoadFS(fsys, ".")
			Expect(err).To(MatchError(`b.yaml:3: /id: duplicate scenario id "same" (first at a.yaml:1)`))
		})

		It("collects the errors of every file", func() {
			fsys := fstest.MapFS{
				"a.yaml": {Data: []byte("id: a\nsteps: [strat]\n")},
				"b.yaml": {Data: []byte("id: b\n")},
			}
			_, err := harness.LoadFS(fsys, ".")
			Expect(harness.LoadErrors(err)).To(HaveLen(2))
		})

		It("loads the built-in suites", func() {
			list, err := harness.LoadFS(os.DirFS(filepath.Join("..", "..", "suites")), ".")
			Expect(err).NotTo(HaveOccurred())
			Expect(list).NotTo(BeEmpty())
		})
	})
})

func jsonNumber(s string) json.Number { return json.Number(s) }
