package scenario

import (
	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness/result"
	"time"
)

// Profiles a scenario can apply to (CONFORMANCE.md §14).
const (
	ProfilePlugin = "plugin"
	ProfileSDK    = "sdk"
	ProfileBoth   = "both"
)

// Scenario is one loaded scenario: what it proves and the steps that prove
// it. Loaded scenarios are read-only and may be shared between goroutines.
type Scenario struct {
	ID           string         // stable, unique across all suites
	Title        string         // one line
	Description  string         // prose: what it checks and why
	Requirements []string       // CONFORMANCE.md rule IDs it proves
	Level        string         // MUST or SHOULD: a MUST failure fails the run
	Labels       []string       // for --label-filter
	Profile      string         // plugin, sdk or both
	Manifest     map[string]any // merge patch over the plugin's manifest
	Runtime      RuntimeConfig  // options of the fresh runtime it runs in
	Timeout      time.Duration  // whole-scenario bound before --timeout-scale; 0 = default
	// ForEach, when set, makes the scenario a template run once for each
	// entry of that kind the plugin's manifest declares (ForEachSetting,
	// ForEachSubscribePermission); ExpandForEach makes the runs.
	ForEach string
	// Each is what ${each} holds in one run of a ForEach template; nil in
	// the template itself, which runs nowhere.
	Each map[string]any
	// Template is the for_each template a run was made from; nil for any
	// other scenario.
	Template *Scenario
	// OwnRules are the plugin author's own rules (X-…) defined in the
	// scenario's file, which its requirements and steps may name.
	OwnRules map[string]conform.Rule
	Steps    []Step
	Source   result.Source // where it was defined
}

// RuntimeConfig adjusts the runtime a scenario runs in.
type RuntimeConfig struct {
	NoRestart bool
	// Timing overrides, by the names of mockruntime.Timing in snake_case
	// (handshake_timeout, ping_interval, ...).
	Timing map[string]time.Duration
	// Counts overrides the counts of mockruntime.Timing by the same kind of
	// name (missed_pings, max_restarts, max_attempts).
	Counts map[string]int
}

// Step is one step of a scenario: its kind (the single key of the step's
// mapping in the scenario file), its decoded arguments and where it stands.
type Step struct {
	Kind   string
	Args   any // the step's parsed arguments; its concrete type belongs to the step kind
	Source result.Source
	// Defines are the names the step saves (as, save): a later frame search
	// may start from where the step began (after: NAME).
	Defines []string
}
