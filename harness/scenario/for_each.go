package scenario

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/conform-dev/conform/mockruntime"
)

// EachVar is the variable a for_each template's runs have: the manifest
// entry the run is for.
const EachVar = "each"

// The kinds of manifest entry a template can run once for (the scenario
// member for_each, docs/scenarios.md).
const (
	// ForEachSetting runs once per entry of the manifest's settings (MAN-5).
	// ${each} holds key, type, default and value: a valid value of the
	// setting's type other than its default where the type has one.
	ForEachSetting = "setting"
	// ForEachSubscribePermission runs once per events.subscribe:<pattern>
	// permission (EVT-4). ${each} holds pattern, the part after the colon.
	ForEachSubscribePermission = "subscribe_permission"
	// ForEachSchedulePermission runs once when the manifest declares
	// schedule.register (SCHED-1). ${each} holds permission.
	ForEachSchedulePermission = "schedule_permission"
)

// ExpandForEach returns scs with every for_each template replaced by its
// runs for the plugin whose manifest is m: one per declared entry, each
// with the id "<template id>.<entry>" and its ${each}. A template for
// which m declares no entry is kept as it is, with Each nil: it runs
// nowhere and is reported as skipped, with NoEntriesReason. Scenarios
// without for_each are returned as they are. scs is not modified; safe
// for concurrent use.
func ExpandForEach(scs []*Scenario, m *mockruntime.Manifest) []*Scenario {
	out := make([]*Scenario, 0, len(scs))
	for _, sc := range scs {
		if sc.ForEach == "" {
			out = append(out, sc)
			continue
		}
		runs := forEachRuns(sc, m)
		if len(runs) == 0 {
			out = append(out, sc)
		}
		out = append(out, runs...)
	}
	return out
}

// NoEntriesReason says why a for_each template has no runs.
func NoEntriesReason(sc *Scenario) string {
	switch sc.ForEach {
	case ForEachSetting:
		return "the manifest declares no settings"
	case ForEachSubscribePermission:
		return "the manifest declares no events.subscribe permission"
	case ForEachSchedulePermission:
		return "the manifest does not declare schedule.register"
	}
	return "for_each " + sc.ForEach + ": no entries"
}

// forEachRuns makes the runs of one template for m.
func forEachRuns(sc *Scenario, m *mockruntime.Manifest) []*Scenario {
	if m == nil {
		return nil
	}
	var runs []*Scenario
	used := map[string]bool{}
	add := func(name string, each map[string]any) {
		id := sc.ID + "." + idPart(name)
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s.%s-%d", sc.ID, idPart(name), n)
		}
		used[id] = true
		run := *sc
		run.ID, run.Each, run.Template = id, each, sc
		run.Title = fmt.Sprintf("%s (%s)", sc.Title, name)
		runs = append(runs, &run)
	}
	switch sc.ForEach {
	case ForEachSetting:
		for _, s := range m.Settings {
			add(s.Key, map[string]any{"key": s.Key, "type": s.Type, "default": s.Default, "value": ChangedValue(s)})
		}
	case ForEachSubscribePermission:
		for _, p := range m.Permissions {
			if pattern, ok := strings.CutPrefix(p, "events.subscribe:"); ok {
				add(pattern, map[string]any{"pattern": pattern})
			}
		}
	case ForEachSchedulePermission:
		if slices.Contains(m.Permissions, "schedule.register") {
			add("schedule.register", map[string]any{"permission": "schedule.register"})
		}
	}
	return runs
}

// idPart turns a setting key or a topic pattern into the tail of a
// scenario id: lower case, '*' spelt "all", anything an id cannot hold
// as '-'.
func idPart(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r == '*':
			b.WriteString("all")
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}

// ChangedValue is a valid value of the setting other than its default: the
// next option of a select (the default when it has a single option), the
// negated boolean, the default plus one for numbers, and the default with
// "-changed" appended for a string. Safe for concurrent use.
func ChangedValue(s mockruntime.Setting) any {
	switch s.Type {
	case "boolean":
		b, _ := s.Default.(bool)
		return !b
	case "integer", "number":
		f, _ := s.Default.(float64)
		return f + 1
	case "select":
		for i, o := range s.Options {
			if reflect.DeepEqual(o, s.Default) {
				return s.Options[(i+1)%len(s.Options)]
			}
		}
		return s.Default
	}
	text, _ := s.Default.(string)
	return text + "-changed"
}

// IsTemplate reports whether sc is a for_each template itself rather than
// one of its runs: it runs nowhere.
func (sc *Scenario) IsTemplate() bool { return sc.ForEach != "" && sc.Each == nil }

// Written is the scenario as written in its file: the template of a
// for_each run, the scenario itself otherwise.
func (sc *Scenario) Written() *Scenario {
	if sc.Template != nil {
		return sc.Template
	}
	return sc
}
