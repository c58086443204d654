package baseline

import (
	reports "github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
	"go.yaml.in/yaml/v3"
)

// baselineUpdate decides, from a report, which entries of a baseline stay
// and which are added. Used by one goroutine.
type baselineUpdate struct {
	report *reports.Report
	old    *Baseline
	since  string // the date of new entries
}

// apply rewrites the entries list of doc, a baseline's YAML document whose
// items are old's entries in order, and counts what it did.
func (u baselineUpdate) apply(doc *yaml.Node) (kept, dropped, added int) {
	list := baselineEntriesNode(doc)
	var items []*yaml.Node
	for i, item := range list.Content {
		if u.stillHolds(u.old.Entries[i]) {
			items = append(items, item)
			kept++
		} else {
			dropped++
		}
	}
	for _, r := range u.newFailures() {
		items = append(items, u.newEntry(r))
		added++
	}
	list.Content = items
	list.Style = 0
	return kept, dropped, added
}

// stillHolds reports whether an entry stays: its scenario still fails, or
// the report has no verdict on it (it did not run, was skipped or hit an
// error of conform). Only a pass drops it.
func (u baselineUpdate) stillHolds(e BaselineEntry) bool {
	passed := false
	for _, r := range u.report.Results {
		if covering, ok := u.old.lookup(r.ScenarioID, r.Slug); !ok || covering.Line != e.Line {
			continue
		}
		switch r.Verdict {
		case result.Fail, result.ExpectedFail:
			return true
		case result.Pass, result.UnexpectedPass:
			passed = true
		}
	}
	return !passed
}

// newFailures returns the failures of the report that no entry covers,
// one per scenario and plugin.
func (u baselineUpdate) newFailures() []result.Result {
	var out []result.Result
	seen := map[[2]string]bool{}
	for _, r := range u.report.Results {
		if r.Verdict != result.Fail && r.Verdict != result.ExpectedFail {
			continue
		}
		if _, covered := u.old.lookup(r.ScenarioID, r.Slug); covered {
			continue
		}
		key := [2]string{r.ScenarioID, u.pluginOf(r)}
		if !seen[key] {
			seen[key] = true
			out = append(out, r)
		}
	}
	return out
}

// pluginOf is the plugin a new entry names: r's slug when the report ran
// several plugins, else none (the entry holds for any plugin).
func (u baselineUpdate) pluginOf(r result.Result) string {
	if len(u.report.Plugins) > 1 {
		return r.Slug
	}
	return ""
}

func (u baselineUpdate) newEntry(r result.Result) *yaml.Node {
	content := []*yaml.Node{yamlString("scenario"), yamlString(r.ScenarioID)}
	if plugin := u.pluginOf(r); plugin != "" {
		content = append(content, yamlString("plugin"), yamlString(plugin))
	}
	content = append(content, yamlString("reason"), yamlString("failing since "+u.since+": say why"))
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: content}
}

// baselineEntriesNode returns the entries list of a checked baseline's
// YAML document.
func baselineEntriesNode(doc *yaml.Node) *yaml.Node {
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "entries" {
			return root.Content[i+1]
		}
	}
	return nil
}
