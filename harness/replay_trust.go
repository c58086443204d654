package harness

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// replayBackend says which program the replay will start (and build
// first), with the scenario's manifest patch applied.
// It refuses, as a usage error, a scenario whose patch touches backend
// unless cfg.TrustTranscript is set or the scenario is a built-in one
// whose patch is unchanged: a transcript is a CI artefact someone hands
// you, and replaying it must not run a command written into it.
func replayBackend(cfg ReplayConfig, sc *scenario.Scenario, m *mockruntime.Manifest) (string, error) {
	patched, err := patchedManifest(sc, m)
	if err != nil {
		return "", err
	}
	line := describeBackend(patched)
	if _, touches := sc.Manifest["backend"]; !touches || cfg.TrustTranscript || isBuiltinPatch(sc) {
		return line, nil
	}
	return "", fmt.Errorf("%s:1: /scenario/manifest/backend: the transcript's scenario %s replaces the plugin's backend, so replaying it would %s, not %s's own command. "+
		"A transcript is data, not code: pass --trust-transcript only if you trust where this file came from",
		cfg.Transcript, sc.ID, line, m.Slug)
}

// patchedManifest is the plugin's manifest with the scenario's patch
// applied, ${slug} expanded as the engine does.
func patchedManifest(sc *scenario.Scenario, m *mockruntime.Manifest) (*mockruntime.Manifest, error) {
	if sc.Manifest == nil {
		return m, nil
	}
	patch, err := scenario.NewVars(m.Slug).Apply(sc.Manifest)
	if err != nil {
		return nil, fmt.Errorf("the scenario's manifest patch: %w", err)
	}
	return mockruntime.LoadManifest(m.Path, patch.(map[string]any))
}

// describeBackend says what starting the plugin of m runs, as a verb
// phrase: "run ./p in /plugin".
func describeBackend(m *mockruntime.Manifest) string {
	if m.Backend == nil {
		return "start no process (the manifest has no backend)"
	}
	s := "run " + quoteArgv(m.Backend.Command) + " in " + m.Dir
	if b := m.Backend.Build; b != nil {
		s = "build with " + quoteArgv(b.Command) + ", then " + s
	}
	return s
}

// quoteArgv writes an argument vector as a shell would read it back.
func quoteArgv(argv []string) string {
	quoted := make([]string, len(argv))
	for i, a := range argv {
		if a != "" && !strings.ContainsAny(a, " \t\n'\"\\$`;&|<>*?()[]{}#~") {
			quoted[i] = a
		} else {
			quoted[i] = strconv.Quote(a)
		}
	}
	return strings.Join(quoted, " ")
}

// isBuiltinPatch reports whether sc is a built-in scenario of this conform
// with the same manifest patch: that patch ships with conform, like the
// runtime-check scripts of the built-in suites, and is trusted as conform
// is.
func isBuiltinPatch(sc *scenario.Scenario) bool {
	builtin, err := scenario.LoadFS(plan.BuiltinSuites(nil), ".")
	if err != nil {
		return false
	}
	want, err := json.Marshal(sc.Manifest)
	if err != nil {
		return false
	}
	for _, b := range builtin {
		if b.ID == sc.ID {
			got, err := json.Marshal(b.Manifest)
			return err == nil && string(got) == string(want)
		}
	}
	return false
}
