package report

import (
	"fmt"
	"io"
	"strings"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/harness/result"
)

// AreaLevel is how far one plugin got in one area of the protocol (a
// chapter of CONFORMANCE.md, or one service of §9): of the rules there that
// bind a plugin or a testee, how many the run proved held, how many it
// found broken and how many it did not judge. An SDK that is not done yet
// shows its progress this way, area by area. A plain value.
type AreaLevel struct {
	Area  string `json:"area"`
	Rules int    `json:"rules"` // rules of the area that bind a plugin or a testee
	// Held counts the rules a passing scenario proves and no failure
	// blames.
	Held int `json:"held"`
	// Broken counts the rules a failing result of the plugin blames (the
	// rule its failure names, expected by the baseline or not).
	Broken int `json:"broken"`
	// Unjudged counts the rest: no scenario that ran proves them, or
	// only scenarios that erred or were skipped.
	Unjudged int `json:"unjudged"`
}

// manifestArea is the chapter of the manifest rules, which no scenario
// judges: a run refuses a plugin whose manifest breaks one before any
// scenario starts (CONFORMANCE.md §14), so a plugin with results holds
// them all.
const manifestArea = "7. The manifest"

// AreaLevels returns the levels of the plugin at manifest path plugin, in
// the order of CONFORMANCE.md, from results of a run. Runtime self-checks
// say nothing about the plugin and are left out. Safe for concurrent use.
func AreaLevels(results []result.Result, plugin string) []AreaLevel {
	held, broken := map[string]bool{}, map[string]bool{}
	ran := false
	for _, r := range results {
		if r.Plugin != plugin || r.SelfCheck {
			continue
		}
		ran = true
		switch r.Verdict {
		case result.Pass, result.UnexpectedPass:
			for _, id := range r.Requirements {
				held[id] = true
			}
		case result.Fail, result.ExpectedFail:
			if r.Failure != nil && r.Failure.Rule != "" {
				broken[r.Failure.Rule] = true
			}
		}
	}
	var levels []AreaLevel
	at := map[string]int{}
	for _, rule := range conform.Rules() {
		if !rule.Binds("plugin") && !rule.Binds("testee") {
			continue
		}
		i, ok := at[rule.Area]
		if !ok {
			i = len(levels)
			at[rule.Area] = i
			levels = append(levels, AreaLevel{Area: rule.Area})
		}
		l := &levels[i]
		l.Rules++
		switch {
		case rule.Area == manifestArea && ran:
			l.Held++ // the run checked the manifest before any scenario
		case broken[rule.ID]:
			l.Broken++
		case held[rule.ID]:
			l.Held++
		default:
			l.Unjudged++
		}
	}
	return levels
}

// withAreaLevels returns o's plugins, each with its levels when the run
// checked the sdk profile, whose report shows an SDK's progress by area.
func withAreaLevels(o result.Outcome) []PluginReport {
	plugins := make([]PluginReport, len(o.Plugins))
	for i, p := range o.Plugins {
		plugins[i] = PluginReport{RunPlugin: p}
		if o.Profile == "sdk" {
			plugins[i].Areas = AreaLevels(o.Results, p.Path)
		}
	}
	return plugins
}

// PluginReport is a plugin of the JSON report: who it is and, in the sdk
// profile, its levels by area.
type PluginReport struct {
	result.RunPlugin
	Areas []AreaLevel `json:"areas,omitempty"`
}

// printAreaLevels prints, for a run of the sdk profile, each plugin's
// levels, one line per area.
func printAreaLevels(w io.Writer, o result.Outcome, showPlugin bool) {
	if o.Profile != "sdk" {
		return
	}
	for _, p := range o.Plugins {
		levels := AreaLevels(o.Results, p.Path)
		width := 0
		for _, l := range levels {
			width = max(width, len([]rune(l.Area)))
		}
		fmt.Fprintln(w)
		heading := "rules by area (held of those binding a plugin or testee):"
		if showPlugin {
			heading = p.Slug + " (" + p.Path + "): " + heading
		}
		fmt.Fprintln(w, heading)
		for _, l := range levels {
			line := fmt.Sprintf("  %-*s %3d/%-3d held", width, l.Area, l.Held, l.Rules)
			var notes []string
			if l.Broken > 0 {
				notes = append(notes, fmt.Sprintf("%d broken", l.Broken))
			}
			if l.Unjudged > 0 {
				notes = append(notes, fmt.Sprintf("%d not judged", l.Unjudged))
			}
			if len(notes) > 0 {
				line += "  (" + strings.Join(notes, ", ") + ")"
			}
			fmt.Fprintln(w, line)
		}
	}
}
