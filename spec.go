// Package conform embeds the normative specification, CONFORMANCE.md, and
// parses its rules, so the harness can quote a rule's sentence in a failure
// and check that every MUST and SHOULD is proven by a scenario.
package conform

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"
)

//go:embed CONFORMANCE.md
var specText string

// SpecText returns CONFORMANCE.md as embedded in this build.
func SpecText() string { return specText }

// Rule is one rule of CONFORMANCE.md. A plain value.
type Rule struct {
	ID      string   // e.g. "FRAME-8"
	Level   string   // MUST, SHOULD or MAY
	Parties []string // runtime, plugin, testee
	Text    string   // the rule's sentence
	Section string   // the heading it stands under
	// Area is the part of the protocol the rule belongs to, for counts by
	// area (an SDK's progress): its chapter ("4. Watchdog"), or for the
	// service chapter its service's section ("9.3 data.kv — string
	// key/value").
	Area     string
	Decision string // the rationale of a decision, when the rule fills a gap
	Line     int    // its line in CONFORMANCE.md
}

// Binds reports whether the rule binds party.
func (r Rule) Binds(party string) bool {
	for _, p := range r.Parties {
		if p == party {
			return true
		}
	}
	return false
}

// serviceChapter starts the heading of the chapter whose sections are each
// an area of their own: one per service.
const serviceChapter = "9. "

var (
	ruleLine     = regexp.MustCompile(`^- \*\*([A-Z]+-\d+)\*\* (MUST|SHOULD|MAY) \(([a-z, ]+)\) — (.+)$`)
	decisionLine = regexp.MustCompile(`^\s+\*Decision:\*\s*(.+)$`)
	parseOnce    sync.Once
	rules        []Rule
	byID         map[string]Rule
)

// Rules returns every rule in document order. The slice is shared: do not
// modify it. Safe for concurrent use.
func Rules() []Rule {
	parseOnce.Do(func() { rules, byID = parseRules(specText) })
	return rules
}

// LookupRule returns the rule with the given ID.
func LookupRule(id string) (Rule, bool) {
	Rules()
	r, ok := byID[id]
	return r, ok
}

func parseRules(text string) ([]Rule, map[string]Rule) {
	var out []Rule
	section, chapter := "", ""
	for i, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "#") {
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
			if strings.HasPrefix(line, "## ") {
				chapter = section
			}
			continue
		}
		if m := ruleLine.FindStringSubmatch(line); m != nil {
			parties := strings.Split(strings.ReplaceAll(m[3], " ", ""), ",")
			area := chapter
			if strings.HasPrefix(chapter, serviceChapter) {
				area = section
			}
			out = append(out, Rule{ID: m[1], Level: m[2], Parties: parties, Text: m[4], Section: section, Area: area, Line: i + 1})
			continue
		}
		if m := decisionLine.FindStringSubmatch(line); m != nil && len(out) > 0 {
			out[len(out)-1].Decision = m[1]
		}
	}
	idx := make(map[string]Rule, len(out))
	for _, r := range out {
		idx[r.ID] = r
	}
	return out, idx
}
