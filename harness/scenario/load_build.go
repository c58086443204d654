package scenario

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness/result"
)

// scenarioBuilder builds one Scenario from a file that passed the scenario
// schema, checking what the schema cannot say and collecting every problem
// as a *LoadError. Used by one goroutine.
type scenarioBuilder struct {
	doc   *SourceDoc
	read  fileReader
	at    string                  // the scenario's pointer in the file
	rules map[string]conform.Rule // the file's own rules (X-…)
	errs  []error
}

func (b *scenarioBuilder) fail(pointer, format string, args ...any) {
	b.errs = append(b.errs, b.doc.ErrorAt(pointer, format, args...))
}

// member returns the pointer of a member of the scenario.
func (b *scenarioBuilder) member(name string) string { return memberPointer(b.at, name) }

func (b *scenarioBuilder) build() *Scenario {
	m := Descend(b.doc.Value, b.at).(map[string]any)
	sc := &Scenario{
		ID:          m["id"].(string),
		Title:       stringOr(m["title"], m["id"].(string)),
		Description: stringOr(m["description"], ""),
		Labels:      stringList(m["labels"]),
		Profile:     stringOr(m["profile"], ProfileBoth),
		Source:      result.Source{File: b.doc.File, Line: b.doc.LineOf(b.at)},
	}
	sc.OwnRules = b.rules
	sc.Requirements = b.requirements(stringList(m["requirements"]))
	sc.Level = stringOr(m["level"], strongestLevel(sc, sc.Requirements))
	if patch, ok := m["manifest"].(map[string]any); ok {
		sc.Manifest = patch
	}
	sc.Runtime = b.runtime(m["runtime"])
	if s, ok := m["timeout"].(string); ok {
		sc.Timeout = b.duration(b.member("timeout"), s)
	}
	sc.ForEach = stringOr(m["for_each"], "")
	sc.Steps = b.steps(m["steps"].([]any), sc.ForEach != "")
	return sc
}

// requirements checks that every rule ID exists in CONFORMANCE.md, or for
// an own rule (X-…) in the file's rules.
func (b *scenarioBuilder) requirements(ids []string) []string {
	for i, id := range ids {
		switch _, ok := b.rules[id]; {
		case IsOwnRule(id) && !ok:
			b.fail(IndexPointer(b.member("requirements"), i), "%s", ownRuleError(id, b.rules))
		case !IsOwnRule(id):
			if _, ok := conform.LookupRule(id); !ok {
				b.fail(IndexPointer(b.member("requirements"), i), "no rule %s in CONFORMANCE.md", id)
			}
		}
	}
	return ids
}

// strongestLevel is MUST when any requirement is a MUST or there are none,
// else SHOULD.
func strongestLevel(sc *Scenario, ids []string) string {
	level := "SHOULD"
	if len(ids) == 0 {
		return "MUST"
	}
	for _, id := range ids {
		if r, ok := sc.LookupRule(id); ok && r.Level == "MUST" {
			level = "MUST"
		}
	}
	return level
}

func (b *scenarioBuilder) runtime(v any) RuntimeConfig {
	var rc RuntimeConfig
	m, _ := v.(map[string]any)
	rc.NoRestart, _ = m["no_restart"].(bool)
	timing, _ := m["timing"].(map[string]any)
	at := memberPointer(b.member("runtime"), "timing")
	for name, value := range timing {
		switch v := value.(type) {
		case string:
			if rc.Timing == nil {
				rc.Timing = map[string]time.Duration{}
			}
			rc.Timing[name] = b.duration(memberPointer(at, name), v)
		default:
			if rc.Counts == nil {
				rc.Counts = map[string]int{}
			}
			rc.Counts[name] = IntOf(v)
		}
	}
	return rc
}

// duration parses a duration the schema accepted; only overflow remains.
func (b *scenarioBuilder) duration(pointer, s string) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil {
		b.fail(pointer, "not a duration: %v", err)
	}
	return d
}

// steps parses every step's arguments into its Go type and checks the
// names its strings refer to.
func (b *scenarioBuilder) steps(raw []any, each bool) []Step {
	names := newNameScope()
	if each {
		names.Define(EachVar)
	}
	return b.stepList(raw, b.member("steps"), names, false)
}

// stepList builds the steps of raw, a list at pointer listAt, in the scope
// names; inRepeat refuses a repeat nested in another.
func (b *scenarioBuilder) stepList(raw []any, listAt string, names *NameScope, inRepeat bool) []Step {
	steps := make([]Step, 0, len(raw))
	for i, item := range raw {
		at := IndexPointer(listAt, i)
		kind, args := stepParts(item)
		argsAt := at
		if _, isMap := item.(map[string]any); isMap {
			argsAt = memberPointer(at, kind)
		}
		steps = append(steps, Step{Kind: kind, Source: result.Source{File: b.doc.File, Line: b.doc.LineOf(at)}})
		if kind == RepeatKind {
			steps[i].Args = b.repeat(args, argsAt, names, inRepeat)
			continue
		}
		b.checkRefs(args, argsAt, names)
		parsed, err := stepParsers[kind](args, ParseContext{File: b.doc.File, Read: b.read})
		if err != nil {
			b.argError(argsAt, err)
			continue
		}
		steps[i].Args = parsed
		if binder, ok := parsed.(nameBinder); ok {
			before := names.snapshot()
			if err := binder.Bind(names); err != nil {
				b.argError(argsAt, err)
			}
			steps[i].Defines = names.since(before)
		}
	}
	return steps
}

// RepeatKind is the step kind that runs a list of steps several times.
const RepeatKind = "repeat"

// RepeatArgs are the arguments of repeat: its steps, run Times times in
// order with ${i} the run's number from 1. Built by the loader, which
// parses the steps like a scenario's own.
type RepeatArgs struct {
	Times int
	Steps []Step
}

// MaxRepeat bounds repeat's times.
const MaxRepeat = 1000

// repeat builds a repeat step's arguments.
func (b *scenarioBuilder) repeat(args any, at string, names *NameScope, inRepeat bool) RepeatArgs {
	m, _ := args.(map[string]any)
	raw, _ := m["steps"].([]any)
	if inRepeat {
		b.fail(at, "a repeat inside a repeat: flatten it, so a scenario's steps stay bounded")
		return RepeatArgs{}
	}
	names.Define(RepeatVar)
	return RepeatArgs{Times: IntOf(m["times"]), Steps: b.stepList(raw, memberPointer(at, "steps"), names, true)}
}

// RepeatVar is the variable a repeat's steps see: the run's number, from 1.
const RepeatVar = "i"

// stepParts splits a step into its kind and raw arguments.
func stepParts(item any) (string, any) {
	if kind, ok := item.(string); ok {
		return kind, nil
	}
	for kind, args := range item.(map[string]any) {
		return kind, args
	}
	return "", nil
}

// argError reports a step argument problem at its member when it knows it.
func (b *scenarioBuilder) argError(argsAt string, err error) {
	var ae *ArgError
	if errors.As(err, &ae) {
		b.fail(argsAt+ae.Pointer, "%s", ae.Message)
		return
	}
	b.fail(argsAt, "%v", err)
}

// checkRefs reports every ${name} in the strings of v whose name no earlier
// step defines.
func (b *scenarioBuilder) checkRefs(v any, at string, names *NameScope) {
	walkStrings(v, at, func(s string, pointer func() string) {
		for _, ref := range varRefs(s) {
			if !names.defined(ref.name) {
				b.fail(pointer(), "${%s} is not defined by an earlier step (%s)", ref.name, names.describe())
			}
		}
	})
}

// walkStrings calls f for every string in a generic JSON value at pointer
// at, with a function that builds the string's JSON pointer: built only
// when f asks, so that a walk costs time linear in the value however deep
// it nests or however long its keys are.
func walkStrings(v any, at string, f func(s string, pointer func() string)) {
	var path []string // the segments below at, escaped
	pointer := func() string { return at + strings.Join(path, "") }
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case string:
			f(t, pointer)
		case []any:
			for i, item := range t {
				path = append(path, IndexPointer("", i))
				walk(item)
				path = path[:len(path)-1]
			}
		case map[string]any:
			for k, item := range t {
				path = append(path, memberPointer("", k))
				walk(item)
				path = path[:len(path)-1]
			}
		}
	}
	walk(v)
}

// descend follows a JSON pointer into a generic value; a step that leads
// nowhere gives nil.
func Descend(v any, pointer string) any {
	if pointer == "" {
		return v
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		v, _ = child(v, strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~"))
	}
	return v
}

func stringOr(v any, def string) string {
	if s, ok := v.(string); ok {
		return s
	}
	return def
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		out = append(out, item.(string))
	}
	return out
}

// intOf reads an integer from a number of any Go type.
func IntOf(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		return int(n)
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	}
	return 0
}
