package steps

import (
	"context"
	"github.com/conform-dev/conform/harness/scenario"
	"sort"
	"strings"
)

// StepFailure is a step whose expectation the plugin did not meet: the
// plugin's fault, failing the scenario. Any other error from a step is a
// fault of conform or of the scenario, and makes the verdict Error. A plain
// value.
type StepFailure struct {
	Rule     string // the rule broken, when the step knows it; else the scenario's first requirement
	Message  string // one line
	Expected string
	Got      string
}

func (f *StepFailure) Error() string { return f.Message }

// NotApplicable is a step that found the plugin does not do what the
// scenario is about (a probe whose subscription the plugin never made):
// the scenario ends there and is reported as skipped with Reason, unless
// the plugin broke a rule before it. A plain value.
type NotApplicable struct {
	Reason string
}

func (n *NotApplicable) Error() string { return "does not apply: " + n.Reason }

// stepKind is one entry of the dispatch table: how to parse a step's
// arguments into their Go type, how to run it, and an example.
type stepKind struct {
	parse   func(raw any, pc scenario.ParseContext) (any, error)
	run     func(ctx context.Context, env *Env, args any) error
	example string
}

// kind makes the table entry of a step whose arguments have type A.
func kind[A any](op func(context.Context, *Env, A) error, example string) stepKind {
	return stepKind{
		parse: func(raw any, pc scenario.ParseContext) (any, error) {
			var a A
			if err := scenario.DecodeArgs(raw, &a); err != nil {
				return nil, err
			}
			if c, ok := any(&a).(scenario.ArgChecker); ok {
				if err := c.Check(pc); err != nil {
					return nil, err
				}
			}
			return a, nil
		},
		run:     func(ctx context.Context, env *Env, args any) error { return op(ctx, env, args.(A)) },
		example: example,
	}
}

// stepKinds maps each step kind to its entry. docs/scenarios.md describes
// each; the examples are what a scenario file holds.
var stepKinds = map[string]stepKind{
	// process
	"start":        kind(Start, `start: {ready: true, within: 5s}`),
	"close_stdin":  kind(CloseStdin, `close_stdin`),
	"kill":         kind(Kill, `kill`),
	"restart":      kind(Restart, `restart: {ready: true}`),
	"stop":         kind(Stop, `stop: {within: 2s}`),
	"unload":       kind(Unload, `unload: {within: 2s}`),
	"expect_exit":  kind(ExpectExit, `expect_exit: {code: 0, within: 2s}`),
	"expect_state": kind(ExpectState, `expect_state: {state: restarting}`),
	"advance":      kind(Advance, `advance: 5s`),
	"sleep":        kind(Sleep, `sleep: 100ms`),
	// frames
	"send_frame":      kind(SendFrame, `send_frame: {frame: {type: x.unknown, id: u1}}`),
	"send_raw":        kind(SendRaw, `send_raw: {text: "\r\n\n"}`),
	"expect_frame":    kind(ExpectFrame, `expect_frame: {match: {type: pong, id: ping-1}, within: 1s, as: pong}`),
	"expect_no_frame": kind(ExpectNoFrame, `expect_no_frame: {match: {type: response}, window: 200ms}`),
	// requests
	"request": kind(Request, `request: {action: echo, params: {a: 1}, expect: {result: {a: 1}}}`),
	"await":   kind(Await, `await: {as: slow, expect: {error: TIMEOUT}}`),
	// events
	"publish":             kind(Publish, `publish: {topic: core.category.created, payload: {id: c1}, save: ev}`),
	"expect_delivery":     kind(ExpectDelivery, `expect_delivery: {match: {topic: core.category.created}, ack: ok}`),
	"expect_event":        kind(ExpectEvent, `expect_event: {match: {topic: guestbook.entry.added, payload: {id: {$type: integer}}}, delivered_to: [audit]}`),
	"seed":                kind(Seed, `seed: {sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)", rows: {notes: [{text: first}, {text: second}]}, kv: {greeting: hello}}`),
	"find_schedule":       kind(FindSchedule, `find_schedule: {save: sched, otherwise: skip}`),
	"find_subscription":   kind(FindSubscription, `find_subscription: {covered_by: core.*, save: sub, otherwise: skip}`),
	"expect_subscription": kind(ExpectSubscription, `expect_subscription: {pattern: core.*, state: {active: true, in_flight: 0}}`),
	"deliveries":          kind(Deliveries, `deliveries: {redeliver: core.*}`),
	// platform
	"set_setting":    kind(SetSetting, `set_setting: {key: greeting, value: hi, by: admin-1}`),
	"upload":         kind(Upload, `upload: {filename: a.txt, mime_type: text/plain, text: hello, by: user-1}`),
	"fire_schedule":  kind(FireSchedule, `fire_schedule: {name: nightly}`),
	"connect":        kind(Connect, `connect: {user: user-1, session_id: s1}`),
	"disconnect":     kind(Disconnect, `disconnect: {user_id: user-1, session_id: s1}`),
	"fetch_response": kind(FetchResponse, `fetch_response: {url: "https://api.example.com/x", status: 200, body: ok}`),
	"answer":         kind(Answer, `answer: {service: core.users.get, result: {id: u1}}`),
	"hold_answers":   kind(HoldAnswers, `hold_answers: 3`),
	"load_plugin":    kind(LoadPlugin, `load_plugin: {manifest: {slug: other, version: 1.0.0, public_schema: {t: {columns: [id]}}}, sql: ["CREATE TABLE t(id)"]}`),
	// assertions
	"expect_sql":              kind(ExpectSQL, `expect_sql: {query: "SELECT count(*) AS n FROM t", rows: [{n: 1}]}`),
	"expect_kv":               kind(ExpectKV, `expect_kv: {key: k, value: v}`),
	"expect_broadcast":        kind(ExpectBroadcast, `expect_broadcast: {match: {event: "${slug}.hello"}, count: 1}`),
	"expect_presence":         kind(ExpectPresence, `expect_presence: {scope: room-1, entries: [{user_id: user-1}]}`),
	"expect_capabilities":     kind(ExpectCapabilities, `expect_capabilities: {denied: [data.kv:self], used: []}`),
	"expect_log":              kind(ExpectLog, `expect_log: {stream: stderr, contains: booted}`),
	"expect_decision":         kind(ExpectDecision, `expect_decision: {decision: kill, rule: WD-5}`),
	"expect_transcript_valid": kind(ExpectTranscriptValid, `expect_transcript_valid: {}`),
	"expect_violation":        kind(ExpectViolation, `expect_violation: {rule: LIFE-7}`),
}

// init gives the scenario loader the parser of every step kind.
func init() {
	stepKinds[scenario.RepeatKind] = repeatKind
	for name, k := range stepKinds {
		scenario.RegisterStepParser(name, k.parse)
	}
}

// StepKinds returns the names of every step kind, sorted.
func StepKinds() []string {
	names := make([]string, 0, len(stepKinds))
	for name := range stepKinds {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// StepExample returns an example of a step kind as a scenario file holds
// it, or "" for an unknown kind.
func StepExample(kind string) string { return stepKinds[kind].example }

// runStep expands the variables in a step's arguments and runs it.
func RunStep(ctx context.Context, env *Env, st scenario.Step) error {
	if st.Kind == scenario.RepeatKind {
		return stepKinds[st.Kind].run(ctx, env, st.Args) // each inner step expands its own
	}
	args, err := env.Vars.Apply(st.Args)
	if err != nil {
		return &StepFailure{Message: strings.TrimSpace(err.Error())}
	}
	began := env.Transcript().LastSeq()
	if err := stepKinds[st.Kind].run(ctx, env, args); err != nil {
		return err
	}
	env.mark(st.Defines, began)
	return nil
}
