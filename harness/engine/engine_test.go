package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	. "github.com/onsi/gomega/gstruct"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
)

// mustLoadFS loads the scenarios below root in dir while the spec tree is
// built.
func mustLoadFS(dir, root string) []*harness.Scenario {
	list, err := harness.LoadFS(os.DirFS(dir), root)
	if err != nil {
		panic(err)
	}
	return list
}

// scenario loads the one scenario of a YAML text.
func scenario(content string) *harness.Scenario {
	list, err := harness.LoadFile(tempFile("scenario.yaml", content))
	Expect(err).NotTo(HaveOccurred())
	Expect(list).To(HaveLen(1))
	return list[0]
}

// execute runs a scenario against a plugin's manifest.
func execute(sc *harness.Scenario, manifest string, o harness.ExecOptions) (harness.Result, []mockruntime.Entry) {
	return harness.Execute(context.Background(), sc, harness.Target{Manifest: manifest}, o)
}

// describeFailure renders a result's failure for assertion messages.
func describeFailure(r harness.Result) string {
	if r.Failure == nil {
		return string(r.Verdict)
	}
	f := r.Failure
	return f.Source.String() + ": [" + f.Rule + "] " + f.Message + "\nexpected: " + f.Expected + "\ngot: " + f.Got
}

var _ = Describe("Execute", func() {
	Describe("every step kind, against the Go reference testee", func() {
		steps := mustLoadFS("testdata", "steps")

		It("has a passing scenario for every step kind", func() {
			seen := map[string]bool{}
			for _, sc := range steps {
				for _, st := range sc.Steps {
					seen[st.Kind] = true
				}
			}
			var kinds []string
			for kind := range seen {
				kinds = append(kinds, kind)
			}
			sort.Strings(kinds)
			Expect(kinds).To(Equal(harness.StepKinds()))
		})

		for _, sc := range steps {
			It("passes "+sc.ID, func() {
				res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
				Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
				Expect(res.Warnings).To(BeEmpty())
			})
		}
	})

	Describe("the seed suites", func() {
		suites := mustLoadFS(filepath.Join("..", "..", "suites"), ".")

		for _, sc := range suites {
			It("pass "+sc.ID+" against the Go testee and, outside the sdk profile, a minimal shell plugin", func() {
				manifests := []string{testeeManifest(), brokenPlugin("good-shell")}
				if sc.Profile == harness.ProfileSDK {
					manifests = manifests[:1]
				}
				opts := harness.ExecOptions{}
				if sc.ID == "envelope.runtime-calls-independent" {
					opts.TimeoutScale = raceScale // its slow query meets the SQL deadline
				}
				for _, manifest := range manifests {
					m, err := mockruntime.LoadManifest(manifest, nil)
					Expect(err).NotTo(HaveOccurred())
					for _, run := range harness.ExpandForEach([]*harness.Scenario{sc}, m) {
						if ok, _ := harness.Applies(run, harness.Target{Manifest: manifest, Profile: run.Profile}, m); !ok {
							continue // a for_each template the manifest has no entry for
						}
						res, _ := execute(run, manifest, opts)
						Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
					}
				}
			})
		}

		DescribeTable("fail against a plugin that breaks their rule, naming it",
			func(id, broken, rule string) {
				sc := findScenario(suites, id)
				res, _ := execute(sc, brokenPlugin(broken), harness.ExecOptions{TimeoutScale: 0.2})
				Expect(res.Verdict).To(Equal(harness.Fail))
				Expect(res.Failure.Rule).To(Equal(rule), describeFailure(res))
				Expect(res.Failure.RuleText).NotTo(BeEmpty())
			},
			Entry("no ready", "handshake.ready", "never-ready", "LIFE-5"),
			Entry("two readies", "handshake.single-ready", "double-ready", "LIFE-7"),
			Entry("no pong", "watchdog.pong-for-every-ping", "no-pong", "WD-2"),
			Entry("a result for an unknown action", "actions.unknown-action", "no-unknown-action", "REQ-2"),
		)
	})

	Describe("a failing step", func() {
		It("shows where, the rule and its sentence, expected against got, the last frames and stderr lines", func() {
			sc := scenario(`id: evidence
requirements: [ENV-8]
steps:
  - start
  - request: {action: log, params: {stderr: [first words, last words]}}
  - request: {action: echo, params: 1}
  - request: {action: echo, params: {a: 1}, expect: {result: {a: 2}}}
`)
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			f := res.Failure
			rule, _ := conform.LookupRule("ENV-8")
			Expect(f.Step).To(Equal(4))
			Expect(f.StepKind).To(Equal("request"))
			Expect(f.Source).To(Equal(harness.Source{File: sc.Source.File, Line: 7}))
			Expect(f.Rule).To(Equal("ENV-8"))
			Expect(f.RuleText).To(Equal(rule.Text))
			Expect(f.Message).To(Equal(`request "echo": the result differs at /a: expected 2, got 1`))
			Expect(f.StepKind).To(Equal("request"))
			Expect(f.Expected).To(Equal(`a result matching {"a":2}`))
			Expect(f.Got).To(Equal(`result {"a":1}`))
			Expect(f.Frames).To(HaveLen(12))
			Expect(f.Frames[0]).To(HavePrefix("#1 == load: "))
			Expect(f.Frames[11]).To(Equal(`#12 <- {"type":"response","id":"req-3","result":{"a":1}}`))
			Expect(f.Frames).To(ContainElement(And(HavePrefix("#11 -> {"), ContainSubstring(`"id":"req-3"`), ContainSubstring(`"action":"echo"`))))
			Expect(f.Frames).To(ContainElement(MatchRegexp(`^#\d+ \.\. stderr: last words$`)))
			Expect(f.Frames).To(ContainElement(MatchRegexp(`^#\d+ == ready LIFE-5$`)))
			Expect(f.Stderr).To(Equal([]string{"first words", "last words"}))
		})

		It("is charged to the scenario's first requirement unless the step knows its rule", func() {
			res, _ := execute(scenario("id: x\nrequirements: [REQ-4, REQ-2]\nsteps:\n  - start\n  - expect_frame: {match: {type: nothing}, within: 50ms}\n"), testeeManifest(), harness.ExecOptions{})
			Expect(res.Failure.Rule).To(Equal("REQ-4"))
			Expect(res.Failure.Got).To(MatchRegexp(`^#\d+ \{"protocol":"1.0","sdk":.*,"type":"ready"\} \(/type: expected "nothing", got "ready"\)$`))
		})

		It("shows the bound after --timeout-scale", func() {
			res, _ := execute(scenario("id: x\nsteps:\n  - start\n  - expect_frame: {match: {type: nothing}, within: 200ms}\n"), testeeManifest(), harness.ExecOptions{TimeoutScale: 0.25})
			Expect(res.Failure.Message).To(ContainSubstring("within 50ms"))
		})

		It("fails the scenario when its timeout runs out", func() {
			res, _ := execute(scenario("id: x\ntimeout: 100ms\nsteps:\n  - start\n  - sleep: 10s\n"), testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Message).To(Equal("the scenario did not finish within its timeout of 100ms"))
		})
	})

	Describe("the violation rule", func() {
		It("fails a scenario when the runtime records a violation no step expects", func() {
			sc := scenario(`id: provoked
requirements: [WD-2]
steps:
  - start
  - send_frame: {frame: {type: ping, id: not-a-ping-of-the-runtime}}
  - expect_frame: {match: {type: pong, id: not-a-ping-of-the-runtime}}
  - request: {action: echo, params: 1}
`)
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Rule).To(Equal("WD-2"))
			Expect(res.Failure.Message).To(Equal(`the runtime recorded a violation of WD-2: pong "not-a-ping-of-the-runtime" answers no outstanding ping`))
			Expect(res.Failure.Expected).To(Equal("no violation of WD-2"))
			Expect(res.Failure.Frames[len(res.Failure.Frames)-1]).To(MatchRegexp(`^#\d+ !! violation WD-2: pong "not-a-ping-of-the-runtime" answers no outstanding ping$`))
			Expect(res.Failure.Step).To(BeNumerically(">=", 2))
		})

		It("stops waiting for a frame soon after a violation no step expects, charging that violation", func() {
			sc := scenario(`id: doomed
requirements: [ENV-8]
steps:
  - start
  - send_frame: {frame: {type: ping, id: not-a-ping-of-the-runtime}}
  - expect_frame: {match: {type: pong, id: not-a-ping-of-the-runtime}}
  - expect_frame: {match: {type: response, id: never-asked}, within: 1m}
`)
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Rule).To(Equal("WD-2"))
			Expect(res.Failure.Step).To(Equal(4))
			Expect(res.Failure.Message).To(MatchRegexp(`^the runtime recorded a violation of WD-2: .*; in consequence step 4 \(expect_frame\) failed: .* \(conform stopped waiting soon after #\d+, which fails the scenario whatever comes next\)$`))
		})

		It("waits the whole bound when an expect_violation claims the rule", func() {
			sc := scenario(`id: claimed-later
requirements: [ENV-8]
steps:
  - start
  - send_frame: {frame: {type: ping, id: not-a-ping-of-the-runtime}}
  - expect_frame: {match: {type: pong, id: not-a-ping-of-the-runtime}}
  - expect_frame: {match: {type: response, id: never-asked}, within: 600ms}
  - expect_violation: {rule: WD-2}
`)
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Step).To(Equal(4))
			Expect(res.Failure.Message).NotTo(ContainSubstring("conform stopped waiting"))
		})

		It("lets expect_violation claim the rule", func() {
			sc := scenario(`id: claimed
steps:
  - start
  - send_frame: {frame: {type: ping, id: not-a-ping-of-the-runtime}}
  - expect_violation: {rule: WD-2}
  - send_frame: {frame: {type: ping, id: another}}
  - expect_frame: {match: {type: pong, id: another}}
`)
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
		})

		It("fails expect_violation when no violation comes", func() {
			res, _ := execute(scenario("id: x\nsteps:\n  - start\n  - expect_violation: {rule: LIFE-7, within: 100ms}\n"), testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Rule).To(Equal("LIFE-7"))
		})

		It("makes a SHOULD violation outside the requirements a warning, and inside them a failure", func() {
			// The ready frame is recorded as it is read, the runtime's ready
			// decision a moment later: waiting for the decision keeps the
			// advance from passing the handshake timeout (LIFE-5) first on
			// a loaded machine.
			steps := `
manifest: {backend: {serve_ready: true}}
steps:
  - start: {ready: false}
  - expect_frame: {match: {type: ready}}
  - expect_decision: {decision: ready}
  - advance: 30s
  - expect_decision: {decision: violation, rule: LIFE-12}
`
			res, _ := execute(scenario("id: warned\nrequirements: [LIFE-11]"+steps), testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
			Expect(res.Warnings).To(ConsistOf(HavePrefix("LIFE-12 (SHOULD): no serve_ready within 30s")))

			res, _ = execute(scenario("id: failed\nrequirements: [LIFE-12]"+steps), testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Rule).To(Equal("LIFE-12"))
		})

		It("fails a scenario whose plugin ends on its own, unless expect_exit claims the exit", func() {
			steps := "steps:\n  - start\n  - request: {action: exit, params: {code: 2}, expect: {result: null}}\n"
			res, _ := execute(scenario("id: crash\nrequirements: [REQ-2]\n"+steps+"  - expect_state: {state: restarting}\n"), testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Rule).To(Equal("REQ-2"))
			Expect(res.Failure.Message).To(Equal("the plugin's process ended without being asked to: exit status 2"))

			res, _ = execute(scenario("id: exits\n"+steps+"  - expect_exit: {code: 2}\n"), testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
		})

		It("keeps a failed step's rule when the plugin ends before an expect_exit that was still to come", func() {
			// a plugin asked to exit that ends without its answer broke the
			// exit step's rule, not the scenario's: the exit was asked for
			sc := scenario(`id: asked
requirements: [LIFE-21]
manifest:
  backend:
    build: null
    command:
      - sh
      - -c
      - |
        printf 'IPC:{"type":"ready"}\n'
        read -r line
        exit 7
steps:
  - start
  - request: {action: exit, params: {code: 7}, expect: {result: null}, rule: TST-6}
  - expect_exit: {code: 7}
`)
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Rule).To(Equal("TST-6"), describeFailure(res))
			Expect(res.Failure.Message).NotTo(ContainSubstring("without being asked"))
		})

		It("charges a failed step to the earliest violation recorded before it", func() {
			sc := scenario(`id: causes
steps:
  - start
  - send_frame: {frame: {type: ping, id: bogus}}
  - expect_frame: {match: {type: pong, id: bogus}}
  - expect_frame: {match: {type: nothing}, within: 100ms}
`)
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Failure.Step).To(Equal(4))
			Expect(res.Failure.Rule).To(Equal("WD-2"), "the earliest unexpected violation leads")
			Expect(res.Failure.Message).To(MatchRegexp(`^the runtime recorded a violation of WD-2: pong "bogus" answers no outstanding ping; in consequence step 4 \(expect_frame\) failed: no frame`))
		})
	})

	Describe("a plugin that hangs", func() {
		It("ends in bounded time and leaves no process behind", SpecTimeout(60e9), func(ctx SpecContext) {
			sc := scenario("id: hang\nsteps:\n  - start: {within: 200ms}\n")
			res, entries := harness.Execute(ctx, sc, harness.Target{Manifest: brokenPlugin("never-ready")}, harness.ExecOptions{KeepTranscript: true})
			Expect(res.Verdict).To(Equal(harness.Fail))
			Expect(res.Failure.Rule).To(Equal("LIFE-5"))
			Expect(res.Failure.Message).To(Equal("the plugin did not become ready within 200ms of real time (conform's bound; --timeout-scale raises it)"))
			pid := spawnedPid(entries)
			Expect(pid).To(BeNumerically(">", 0))
			Expect(runningInGroup(pid)).To(BeEmpty(), "processes of the plugin's group still running")
			Expect(entries).To(ContainElement(HaveField("Decision", "sigkill")))
		})
	})

	Describe("faults that are not the plugin's", func() {
		It("makes a step that cannot run an Error", func() {
			res, _ := execute(scenario("id: x\nsteps:\n  - start\n  - set_setting: {key: nope, value: 1}\n"), testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Error))
			Expect(res.Failure.Message).To(HavePrefix("could not run: setting nope: "))
			Expect(res.Failure.Step).To(Equal(2))
			Expect(res.Failure.Rule).To(BeEmpty())
		})

		It("turns a panic in a step into an Error", func() {
			sc := &harness.Scenario{ID: "panics", Steps: []harness.Step{{Kind: "advance", Args: "not a duration"}}}
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Error))
			Expect(res.Failure.Message).To(ContainSubstring("step advance panicked"))
		})

		It("is an Error when the context ends", func() {
			ctx, cancel := context.WithCancelCause(context.Background())
			cancel(errors.New("stop now"))
			res, _ := harness.Execute(ctx, scenario("id: x\nsteps: [start]\n"), harness.Target{Manifest: testeeManifest()}, harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Error))
			Expect(res.Failure.Message).To(ContainSubstring("interrupted: stop now"))
		})

		It("is an Error when the manifest cannot be loaded with the scenario's patch", func() {
			res, _ := execute(scenario("id: x\nmanifest: {slug: Bad}\nsteps: [start]\n"), testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Error))
			Expect(res.Failure.Message).To(ContainSubstring("loading the plugin with the scenario's manifest patch"))
		})
	})

	It("returns the transcript only when asked", func() {
		sc := scenario("id: x\nsteps: [start]\n")
		res, entries := execute(sc, testeeManifest(), harness.ExecOptions{})
		Expect(res.Verdict).To(Equal(harness.Pass))
		Expect(entries).To(BeNil())
		_, entries = execute(sc, testeeManifest(), harness.ExecOptions{KeepTranscript: true})
		Expect(entries).To(ContainElement(HaveField("Decision", "ready")))
	})

	It("fills in the result from the scenario", func() {
		sc := scenario("id: x\ntitle: T\nrequirements: [LIFE-5]\nlabels: [a]\nsteps: [start]\n")
		manifest := testeeManifest()
		res, _ := execute(sc, manifest, harness.ExecOptions{})
		Expect(res).To(MatchFields(IgnoreExtras, Fields{
			"ScenarioID": Equal("x"), "Title": Equal("T"), "Level": Equal("MUST"),
			"Requirements": Equal([]string{"LIFE-5"}), "Labels": Equal([]string{"a"}),
			"Source": Equal(sc.Source), "Plugin": Equal(manifest), "Verdict": Equal(harness.Pass),
		}))
		Expect(res.Duration).To(BeNumerically(">", 0))
	})
})

var _ = Describe("Applies", func() {
	withBackend := &mockruntime.Manifest{Slug: "p", Backend: &mockruntime.Backend{Command: []string{"x"}}}
	dataOnly := &mockruntime.Manifest{Slug: "p"}

	DescribeTable("says whether a scenario runs against a target, and why not",
		func(profile, runProfile string, m *mockruntime.Manifest, ok bool, reason string) {
			sc := &harness.Scenario{ID: "x", Profile: profile, Steps: []harness.Step{{Kind: "start"}}}
			gotOK, gotReason := harness.Applies(sc, harness.Target{Profile: runProfile}, m)
			Expect(gotOK).To(Equal(ok))
			Expect(gotReason).To(Equal(reason))
		},
		Entry("both profiles", harness.ProfileBoth, harness.ProfileSDK, withBackend, true, ""),
		Entry("the same profile", harness.ProfileSDK, harness.ProfileSDK, withBackend, true, ""),
		Entry("plugin by default", harness.ProfilePlugin, "", nil, true, ""),
		Entry("the other profile", harness.ProfileSDK, harness.ProfilePlugin, withBackend, false, "written for the sdk profile; this run checks the plugin profile"),
		Entry("a data-only plugin", harness.ProfileBoth, harness.ProfilePlugin, dataOnly, false, "the plugin has no backend to start (MAN-9)"),
	)
})

// findScenario returns the scenario with the given id.
func findScenario(list []*harness.Scenario, id string) *harness.Scenario {
	for _, sc := range list {
		if sc.ID == id {
			return sc
		}
	}
	Fail("no scenario " + id)
	return nil
}

// runningInGroup lists the processes of a process group that are still
// running: zombies, which a container's init may never reap, do not count.
func runningInGroup(pgid int) []string {
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	Expect(err).NotTo(HaveOccurred())
	var running []string
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // gone meanwhile
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces, so cut after its ')'.
		fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
		if len(fields) > 2 && fields[2] == strconv.Itoa(pgid) && fields[0] != "Z" {
			running = append(running, strings.TrimSpace(string(data)))
		}
	}
	return running
}

// spawnedPid returns the process id the transcript says the plugin started.
func spawnedPid(entries []mockruntime.Entry) int {
	for _, e := range entries {
		if e.Decision == "spawn" {
			pid, _ := e.Data["pid"].(int)
			return pid
		}
	}
	return 0
}

var _ = Describe("the step kinds", func() {
	It("each have an example that loads", func() {
		for _, kind := range harness.StepKinds() {
			example := harness.StepExample(kind)
			// A request in flight as slow, for await's example.
			content := "id: x\nsteps:\n  - request: {action: busy, wait: false, as: slow}\n  - " + example + "\n"
			_, err := harness.LoadFile(tempFile(kind+".yaml", content))
			Expect(err).NotTo(HaveOccurred(), example)
		}
	})
})
