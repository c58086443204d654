package harness_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"go.yaml.in/yaml/v3"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/schemas"
)

// absDir is runDir(name) as the manifest loader records it: absolute.
func absDir(name string) string {
	dir, err := filepath.Abs(runDir(name))
	Expect(err).NotTo(HaveOccurred())
	return dir
}

var _ = Describe("replayable transcripts", func() {
	var exec *fakeExec
	var cfg harness.RunConfig

	BeforeEach(func() {
		exec = newFakeExec(mixedVerdicts())
		cfg = baseRunConfig(exec)
		cfg.Transcripts = filepath.Join(GinkgoT().TempDir(), "transcripts")
	})

	transcriptLines := func(name string) []string {
		f, err := os.Open(filepath.Join(cfg.Transcripts, name))
		Expect(err).NotTo(HaveOccurred())
		defer f.Close()
		var lines []string
		for s := bufio.NewScanner(f); s.Scan(); {
			lines = append(lines, s.Text())
		}
		return lines
	}

	It("are written for each failure, starting with a schema-valid meta entry, then the runtime's entries", func() {
		got := runHarness(cfg)
		Expect(got.stdout).To(ContainSubstring("    transcript: " + filepath.Join(cfg.Transcripts, "fake.framing.fail.ndjson") + "\n"))
		Expect(exec.options[0].KeepTranscript).To(BeTrue())
		entries, err := os.ReadDir(cfg.Transcripts)
		Expect(err).NotTo(HaveOccurred())
		Expect(entries).To(HaveLen(2)) // framing.fail and framing.should
		lines := transcriptLines("fake.framing.fail.ndjson")
		Expect(lines).To(HaveLen(3))
		for _, line := range lines {
			doc, err := schemas.Decode([]byte(line))
			Expect(err).NotTo(HaveOccurred())
			Expect(schemas.ValidateDocument(schemas.KindTranscript, doc)).To(Succeed(), line)
		}
		var meta map[string]any
		Expect(json.Unmarshal([]byte(lines[0]), &meta)).To(Succeed())
		Expect(meta).To(HaveKeyWithValue("kind", "meta"))
		Expect(meta).To(HaveKeyWithValue("verdict", "fail"))
		Expect(meta).To(HaveKeyWithValue("profile", "plugin"))
		Expect(meta).To(HaveKeyWithValue("plugin", "fake"))
		Expect(meta["scenario"]).To(HaveKeyWithValue("id", "framing.fail"))
		Expect(meta["scenario"]).To(HaveKeyWithValue("labels", ConsistOf("framing", "slow")))
	})

	It("are accepted by conform validate --as transcript, meta line included", func() {
		runHarness(cfg)
		var stdout, stderr bytes.Buffer
		code := harness.Validate(context.Background(), harness.ValidateConfig{As: harness.ValidateTranscripts, Files: []string{filepath.Join(cfg.Transcripts, "fake.framing.fail.ndjson")}}, &stdout, &stderr)
		Expect(code).To(Equal(0), stdout.String()+stderr.String())
	})

	It("keep a scenario of a plugin's own folder too", func() {
		exec.verdicts = map[string]harness.Verdict{"own.check": harness.Fail}
		runHarness(cfg)
		Expect(transcriptLines("fake.own.check.ndjson")[0]).To(ContainSubstring(`"scenario":{"id":"own.check",`))
	})

	Describe("Replay", func() {
		var file string

		BeforeEach(func() {
			runHarness(cfg)
			file = filepath.Join(cfg.Transcripts, "fake.framing.fail.ndjson")
		})

		It("reruns the scenario against the plugin, prints the exchange and the verdict, and exits 1 for a failure", func() {
			replayExec := newFakeExec(mixedVerdicts())
			got := runReplay(harness.ReplayConfig{Transcript: file, Plugin: runDir("other"), Execute: replayExec.execute})
			Expect(got.code).To(Equal(harness.ExitFail))
			Expect(got.stderr).To(Equal("conform replay: will run ./other in " + absDir("other") + ".\n"))
			Expect(replayExec.ranIDs()).To(Equal([]string{"framing.fail@other"}))
			Expect(replayExec.options).To(Equal([]harness.ExecOptions{{TimeoutScale: 1, KeepTranscript: true}}))
			Expect(got.stdout).To(HavePrefix("#1 -> {\"type\":\"ping\",\"id\":\"p-1\"}\n#2 .. stderr: stuck\n\nFAIL  framing.fail 5ms — [FRAME-2]\n\n--- FAIL: framing.fail\n    framing.yaml:11: step 2 (stop): "))
		})

		It("exits 0 when the scenario now passes, and 3 for an error of conform", func() {
			passing := newFakeExec(nil)
			got := runReplay(harness.ReplayConfig{Transcript: file, Plugin: runDir("plugin"), Execute: passing.execute, TimeoutScale: 3})
			Expect(got.code).To(Equal(harness.ExitPass))
			Expect(got.stdout).To(HaveSuffix("\nPASS  framing.fail 5ms\n"))
			Expect(passing.options[0].TimeoutScale).To(Equal(3.0))
			failing := newFakeExec(map[string]harness.Verdict{"framing.fail": harness.Error})
			Expect(runReplay(harness.ReplayConfig{Transcript: file, Plugin: runDir("plugin"), Execute: failing.execute}).code).To(Equal(harness.ExitInternal))
		})

		DescribeTable("exits 2 for bad input, before running anything",
			func(content, plugin, want string) {
				never := newFakeExec(nil)
				transcript := file
				if content != "" {
					transcript = writeTemp(GinkgoT().TempDir(), "t.ndjson", content)
				}
				got := runReplay(harness.ReplayConfig{Transcript: transcript, Plugin: plugin, Execute: never.execute})
				Expect(got.code).To(Equal(harness.ExitUsage))
				Expect(got.stderr).To(HavePrefix("conform replay: "))
				Expect(got.stderr).To(ContainSubstring(want))
				Expect(never.ranIDs()).To(BeEmpty())
			},
			Entry("a transcript without its meta entry", `{"seq":1,"t":0,"plugin":"fake","kind":"log","stream":"stderr","line":"x"}`+"\n", runDir("plugin"), `t.ndjson:1: /kind: the first entry is "log", not "meta"`),
			Entry("a meta entry without its scenario", `{"kind":"meta","plugin":"fake"}`+"\n", runDir("plugin"), "t.ndjson:1: "),
			Entry("not JSON", "oops\n", runDir("plugin"), "t.ndjson:1: not a JSON document"),
			Entry("a plugin without a manifest", "", runDir("nowhere"), "nowhere"),
		)

		It("runs in the transcript's profile, and exits 2 when the scenario does not apply in it", func() {
			exec.verdicts = map[string]harness.Verdict{"sdk.only": harness.Fail}
			cfg.Profile = harness.ProfileSDK
			runHarness(cfg)
			sdkFile := filepath.Join(cfg.Transcripts, "fake.sdk.only.ndjson")
			again := newFakeExec(nil)
			Expect(runReplay(harness.ReplayConfig{Transcript: sdkFile, Plugin: runDir("plugin"), Execute: again.execute}).code).To(Equal(harness.ExitPass))
			Expect(again.ranIDs()).To(Equal([]string{"sdk.only@fake"}))

			data, err := os.ReadFile(sdkFile)
			Expect(err).NotTo(HaveOccurred())
			asPlugin := writeTemp(GinkgoT().TempDir(), "t.ndjson", strings.Replace(string(data), `"profile":"sdk"`, `"profile":"plugin"`, 1))
			never := newFakeExec(nil)
			got := runReplay(harness.ReplayConfig{Transcript: asPlugin, Plugin: runDir("plugin"), Execute: never.execute})
			Expect(got.code).To(Equal(harness.ExitUsage))
			Expect(got.stderr).To(HavePrefix("conform replay: scenario sdk.only does not apply to "))
			Expect(never.ranIDs()).To(BeEmpty())
		})

		Describe("a transcript whose scenario replaces the backend", func() {
			crafted := func(backend string) string {
				data, err := os.ReadFile(file)
				Expect(err).NotTo(HaveOccurred())
				lines := strings.SplitN(string(data), "\n", 2)
				var meta map[string]any
				Expect(json.Unmarshal([]byte(lines[0]), &meta)).To(Succeed())
				var patch any
				Expect(json.Unmarshal([]byte(backend), &patch)).To(Succeed())
				meta["scenario"].(map[string]any)["manifest"] = map[string]any{"backend": patch}
				line, err := json.Marshal(meta)
				Expect(err).NotTo(HaveOccurred())
				return writeTemp(GinkgoT().TempDir(), "crafted.ndjson", string(line)+"\n"+lines[1])
			}

			It("is refused with exit 2, naming the command it would run, and runs nothing", func() {
				never := newFakeExec(nil)
				got := runReplay(harness.ReplayConfig{Transcript: crafted(`{"command": ["sh", "-c", "touch pwned"]}`), Plugin: runDir("plugin"), Execute: never.execute})
				Expect(got.code).To(Equal(harness.ExitUsage))
				Expect(got.stderr).To(ContainSubstring("crafted.ndjson:1: /scenario/manifest/backend: the transcript's scenario framing.fail replaces the plugin's backend, so replaying it would run sh -c \"touch pwned\" in "))
				Expect(got.stderr).To(ContainSubstring("--trust-transcript"))
				Expect(never.ranIDs()).To(BeEmpty())
			})

			It("is refused when it only adds a build step or environment", func() {
				never := newFakeExec(nil)
				got := runReplay(harness.ReplayConfig{Transcript: crafted(`{"build": {"command": ["make", "evil"]}}`), Plugin: runDir("plugin"), Execute: never.execute})
				Expect(got.code).To(Equal(harness.ExitUsage))
				Expect(got.stderr).To(ContainSubstring("would build with make evil, then run ./fake"))
				got = runReplay(harness.ReplayConfig{Transcript: crafted(`{"env": {"LD_PRELOAD": "/tmp/x.so"}}`), Plugin: runDir("plugin"), Execute: never.execute})
				Expect(got.code).To(Equal(harness.ExitUsage))
				Expect(never.ranIDs()).To(BeEmpty())
			})

			It("runs without --trust-transcript when it is a built-in scenario, unchanged", func() {
				data, err := os.ReadFile(filepath.Join("..", "suites", "watchdog.yaml"))
				Expect(err).NotTo(HaveOccurred())
				var suite struct {
					Scenarios []map[string]any `yaml:"scenarios"`
				}
				Expect(yaml.Unmarshal(data, &suite)).To(Succeed())
				var builtin map[string]any
				for _, sc := range suite.Scenarios {
					if sc["id"] == "watchdog.runtime-kills-hung-plugin" {
						builtin = sc
					}
				}
				Expect(builtin).NotTo(BeNil())
				asTranscript := func(sc map[string]any) string {
					meta := map[string]any{"kind": "meta", "scenario": sc, "source": map[string]any{"file": "watchdog.yaml", "line": 110},
						"plugin": "fake", "plugin_path": "x", "profile": "plugin", "verdict": "fail"}
					line, err := json.Marshal(meta)
					Expect(err).NotTo(HaveOccurred())
					return writeTemp(GinkgoT().TempDir(), "builtin.ndjson", string(line)+"\n")
				}
				runs := newFakeExec(nil)
				got := runReplay(harness.ReplayConfig{Transcript: asTranscript(builtin), Plugin: runDir("plugin"), Execute: runs.execute})
				Expect(got.code).To(Equal(harness.ExitPass), got.stderr)
				Expect(got.stderr).To(HavePrefix(`conform replay: will run sh -c "printf 'IPC:{`))
				Expect(runs.ranIDs()).To(Equal([]string{"watchdog.runtime-kills-hung-plugin@fake"}))

				builtin["manifest"].(map[string]any)["backend"].(map[string]any)["command"] = []any{"sh", "-c", "exec cat"}
				never := newFakeExec(nil)
				got = runReplay(harness.ReplayConfig{Transcript: asTranscript(builtin), Plugin: runDir("plugin"), Execute: never.execute})
				Expect(got.code).To(Equal(harness.ExitUsage))
				Expect(got.stderr).To(ContainSubstring("replaces the plugin's backend"))
				Expect(never.ranIDs()).To(BeEmpty())
			})

			It("runs with --trust-transcript, saying first what it starts", func() {
				trusted := newFakeExec(nil)
				got := runReplay(harness.ReplayConfig{Transcript: crafted(`{"command": ["sh", "-c", "exit 0"]}`), Plugin: runDir("plugin"), Execute: trusted.execute, TrustTranscript: true})
				Expect(got.code).To(Equal(harness.ExitPass), got.stderr)
				Expect(got.stderr).To(Equal("conform replay: will run sh -c \"exit 0\" in " + absDir("plugin") + ".\n"))
				Expect(trusted.ranIDs()).To(Equal([]string{"framing.fail@fake"}))
			})
		})
	})
})
