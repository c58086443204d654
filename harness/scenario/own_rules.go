package scenario

import (
	"fmt"
	"sort"
	"strings"

	conform "github.com/conform-dev/conform"
)

// OwnRulePrefix starts the IDs of a plugin author's own rules, kept apart
// from CONFORMANCE.md's: X-CHANNELS-1.
const OwnRulePrefix = "X-"

// IsOwnRule reports whether id names an author's own rule.
func IsOwnRule(id string) bool { return strings.HasPrefix(id, OwnRulePrefix) }

// LookupRule returns a rule a scenario may name: one of CONFORMANCE.md, or
// one of the author's own defined beside the scenario (the rules member of
// its file). Safe for concurrent use.
func (sc *Scenario) LookupRule(id string) (conform.Rule, bool) {
	if r, ok := sc.OwnRules[id]; ok {
		return r, true
	}
	if IsOwnRule(id) {
		return conform.Rule{}, false
	}
	return conform.LookupRule(id)
}

// ownRules reads the rules member of a scenario file: the author's own
// rules, ID -> {level, text}, binding the plugin.
func ownRules(doc *SourceDoc) (map[string]conform.Rule, []error) {
	m, _ := doc.Value.(map[string]any)
	raw, _ := m["rules"].(map[string]any)
	if len(raw) == 0 {
		return nil, nil
	}
	rules := map[string]conform.Rule{}
	var errs []error
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		def, _ := raw[id].(map[string]any)
		r := conform.Rule{ID: id, Level: stringOr(def["level"], "MUST"), Parties: []string{"plugin"}, Text: stringOr(def["text"], ""), Section: "the plugin's own rules (" + doc.File + ")"}
		if !IsOwnRule(id) {
			errs = append(errs, doc.ErrorAt(memberPointer("/rules", id), "an own rule's ID starts with %s (X-CHANNELS-1), kept apart from CONFORMANCE.md's", OwnRulePrefix))
			continue
		}
		rules[id] = r
	}
	return rules, errs
}

// ownRuleError says that an X- requirement is not defined in its file.
func ownRuleError(id string, rules map[string]conform.Rule) string {
	if len(rules) == 0 {
		return fmt.Sprintf("%s is an own rule (%s…), but this file defines none: add it under rules: {%s: {text: ...}}", id, OwnRulePrefix, id)
	}
	ids := make([]string, 0, len(rules))
	for k := range rules {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	return fmt.Sprintf("no own rule %s in this file's rules (it defines %s)", id, strings.Join(ids, ", "))
}
