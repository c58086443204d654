package steps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// LoadPluginArgs are the arguments of load_plugin.
type LoadPluginArgs struct {
	// Manifest is a manifest object, or the path of a manifest file
	// relative to the scenario file (read when the scenario is loaded).
	Manifest any      `json:"manifest"`
	SQL      []string `json:"sql"` // statements run on its database, in order, to seed it
	// ExpectError makes the step pass only when the runtime refuses the
	// manifest (MAN-7), citing this rule and, if given, this pointer.
	ExpectError *RuleRefusal `json:"expect_error"`

	name string // where the manifest came from, for messages
	data []byte // the manifest file's bytes, for the path form
}

func (a *LoadPluginArgs) Check(pc scenario.ParseContext) error {
	if path, ok := a.Manifest.(string); ok {
		name, data, err := pc.Read(path)
		if err != nil {
			return &scenario.ArgError{Pointer: "/manifest", Message: fmt.Sprintf("reading %s: %v", path, scenario.UnwrapPathError(err))}
		}
		a.name, a.data = name, data
	} else {
		a.name = pc.File + " (load_plugin)"
	}
	if a.ExpectError != nil {
		if len(a.SQL) > 0 {
			return &scenario.ArgError{Pointer: "/sql", Message: "a manifest expected to be refused has no database to seed"}
		}
		return nil
	}
	if _, err := a.parse(); err != nil && !a.hasVars() {
		return err
	}
	return nil
}

// hasVars reports whether an inline manifest waits for variables.
func (a *LoadPluginArgs) hasVars() bool {
	raw, _ := json.Marshal(a.Manifest)
	return a.data == nil && strings.Contains(string(raw), "${")
}

// parse reads and checks the manifest (MAN-7).
func (a *LoadPluginArgs) parse() (*mockruntime.Manifest, error) {
	m, err := a.parseManifest()
	var me *mockruntime.ManifestError
	switch {
	case err == nil:
		return m, nil
	case a.data == nil && errors.As(err, &me):
		return nil, &scenario.ArgError{Pointer: "/manifest" + me.Pointer, Message: fmt.Sprintf("%s [%s]", me.Message, me.Rule)}
	}
	return nil, &scenario.ArgError{Pointer: "/manifest", Message: err.Error()}
}

// parseManifest has the runtime read and check the manifest.
func (a *LoadPluginArgs) parseManifest() (*mockruntime.Manifest, error) {
	data := a.data
	if data == nil {
		data, _ = json.Marshal(a.Manifest)
	}
	return mockruntime.ParseManifest(a.name, data, nil)
}

// LoadPlugin loads a second plugin beside the one under test — usually a
// data-only plugin (MAN-9) whose published tables the plugin under test
// reads (§9.4) — without starting it, and seeds its database. With
// expect_error it instead checks that the runtime refuses the manifest,
// before any process could start, for the rule given (MAN-7).
func LoadPlugin(_ context.Context, env *Env, a LoadPluginArgs) error {
	if a.ExpectError != nil {
		return expectManifestRefused(env, a)
	}
	m, err := a.parse()
	if err != nil {
		return fmt.Errorf("load_plugin: %w", err)
	}
	p, err := env.Runtime.Add(m)
	if err != nil {
		return fmt.Errorf("load_plugin: %w", err)
	}
	for i, stmt := range a.SQL {
		if err := p.Exec(stmt); err != nil {
			return fmt.Errorf("load_plugin %s: statement %d: %w", m.Slug, i+1, err)
		}
	}
	return nil
}

// expectManifestRefused checks that the runtime refuses a's manifest with
// a ManifestError citing the expected rule and pointer.
func expectManifestRefused(env *Env, a LoadPluginArgs) error {
	want := a.ExpectError
	expected := "a refusal citing " + want.Rule
	if want.Pointer != "" {
		expected += " at " + want.Pointer
	}
	m, err := a.parseManifest()
	if err == nil {
		_, err = env.Runtime.Add(m)
	}
	var me *mockruntime.ManifestError
	switch {
	case err == nil:
		return &StepFailure{Rule: "MAN-7", Message: "the runtime loaded a manifest it should refuse", Expected: expected, Got: "loaded as " + m.Slug}
	case !errors.As(err, &me):
		return fmt.Errorf("load_plugin: %w", err)
	case me.Rule != want.Rule || want.Pointer != "" && me.Pointer != want.Pointer:
		return &StepFailure{Rule: "MAN-7", Message: "the runtime refused the manifest for another reason", Expected: expected, Got: me.Error()}
	}
	return nil
}
