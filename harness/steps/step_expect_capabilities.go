package steps

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// ExpectCapabilitiesArgs are the arguments of expect_capabilities.
type ExpectCapabilitiesArgs struct {
	Denied *[]string         `json:"denied"` // exactly these capabilities were denied (each at least once)
	Used   []string          `json:"used"`   // at least these declared capabilities were used
	Within scenario.Duration `json:"within"` // default 2s
}

// ExpectCapabilities waits until the plugin's capability report (CAP-4)
// shows exactly the denied capabilities listed and at least the used ones.
func ExpectCapabilities(ctx context.Context, env *Env, a ExpectCapabilitiesArgs) error {
	var report mockruntime.CapabilityReport
	err := env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		report = env.Plugin.CapabilityReport()
		return a.holds(report), nil
	})
	if err == errElapsed {
		return &StepFailure{Message: "the capability report differs", Expected: a.describe(), Got: describeReport(report)}
	}
	return err
}

func (a ExpectCapabilitiesArgs) holds(r mockruntime.CapabilityReport) bool {
	if a.Denied != nil && !slices.Equal(deniedCapabilities(r), sortedCopy(*a.Denied)) {
		return false
	}
	for _, c := range a.Used {
		if r.Used[c] == 0 {
			return false
		}
	}
	return true
}

// deniedCapabilities lists each denied capability once, sorted.
func deniedCapabilities(r mockruntime.CapabilityReport) []string {
	var caps []string
	for _, d := range r.Denied {
		if !slices.Contains(caps, d.Capability) {
			caps = append(caps, d.Capability)
		}
	}
	sort.Strings(caps)
	return caps
}

func sortedCopy(list []string) []string {
	out := append([]string{}, list...)
	sort.Strings(out)
	return out
}

func (a ExpectCapabilitiesArgs) describe() string {
	var parts []string
	if a.Denied != nil {
		parts = append(parts, fmt.Sprintf("denied exactly %v", sortedCopy(*a.Denied)))
	}
	if len(a.Used) > 0 {
		parts = append(parts, fmt.Sprintf("used at least %v", sortedCopy(a.Used)))
	}
	return strings.Join(parts, "; ")
}

func describeReport(r mockruntime.CapabilityReport) string {
	used := make([]string, 0, len(r.Used))
	for c := range r.Used {
		used = append(used, c)
	}
	sort.Strings(used)
	return fmt.Sprintf("denied %v; used %v", deniedCapabilities(r), used)
}
