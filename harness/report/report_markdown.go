package report

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/conform-dev/conform/harness/internal/words"
	"github.com/conform-dev/conform/harness/result"
)

// The Markdown summary is for a person, on a CI job's page: whatever the
// number of failures it stays short. The first failure of each group is
// shown in full while the full blocks stay under markdownFullBudget bytes;
// every other scenario gets one line while the whole summary stays under
// markdownBudget bytes, and one closing line counts what was left out (the
// JUnit and JSON reports keep everything).
const (
	markdownBudget      = 9 * 1024
	markdownFullBudget  = 4 * 1024
	markdownCauseRows   = 12 // rows of the causes table before "… more"
	markdownEvidenceTop = 6  // frames and stderr lines of a full block
)

// WriteMarkdownReport writes o as Markdown for a CI job summary: the
// verdict, a table of counts per plugin, the failures grouped by cause
// (the first of each in full, the others one line each), then the errors
// and the SHOULD warnings grouped the same way. Text a plugin controls is
// stripped of ANSI sequences and escaped (words.Line, words.Block).
func WriteMarkdownReport(path string, o result.Outcome) error {
	return os.WriteFile(path, markdownReport(o), 0o644)
}

func markdownReport(o result.Outcome) []byte {
	m := &markdown{o: o}
	m.head()
	m.baselineProblems()
	failures, errors, warnings := markdownGroups(o)
	m.section("Failures", "", failures, true)
	m.section("Errors", "faults of conform, not of the plugin: the plugin is not judged by them", errors, false)
	m.section("Warnings", "SHOULD rules: they do not fail the run", warnings, false)
	if m.omitted > 0 {
		fmt.Fprintf(&m.b, "\n_%s left out to keep this summary short: the JUnit and JSON reports have every one._\n", words.Count(m.omitted, "more scenario"))
	}
	return m.b.Bytes()
}

// markdown writes one summary within its budget.
type markdown struct {
	o       result.Outcome
	b       bytes.Buffer
	omitted int // scenarios left out for the budget
}

func (m *markdown) head() {
	o := m.o
	fmt.Fprintf(&m.b, "# conform: %s\n\n", markdownVerdict(o))
	strict := ""
	if o.Strict {
		strict = ", strict"
	}
	fmt.Fprintf(&m.b, "Profile `%s`%s. %s.\n\n", cell(o.Profile), strict, summaryLine(o))
	m.b.WriteString("| plugin | passed | failed | warned | skipped | xfail | xpass | error |\n")
	m.b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, p := range o.Plugins {
		s := pluginSummary(o, p.Path)
		fmt.Fprintf(&m.b, "| %s | %d | %d | %d | %d | %d | %d | %d |\n", code(pluginLabel(o.Plugins, p)), s.Passed, s.Failed, s.Warned, s.Skipped, s.XFail, s.XPass, s.Errors)
	}
}

// markdownVerdict is the heading's words for the whole run; they match
// the sections below them (a run that passed with SHOULD warnings says
// so).
func markdownVerdict(o result.Outcome) string {
	switch {
	case o.Interrupted:
		return "interrupted"
	case o.ExitCode() == result.ExitFail:
		return "failed"
	case o.ExitCode() != result.ExitPass:
		return "error"
	}
	warned := 0
	for _, r := range o.Results {
		if NeedsDetails(r) {
			warned++
		}
	}
	if warned > 0 {
		return "passed with " + words.Count(warned, "warning") + " (SHOULD)"
	}
	return "passed"
}

func pluginSummary(o result.Outcome, path string) result.Summary {
	var s result.Summary
	for _, r := range o.Results {
		if r.Plugin == path {
			s.Add(r, o.Strict)
		}
	}
	return s
}

func (m *markdown) baselineProblems() {
	if len(m.o.BaselineProblems) == 0 {
		return
	}
	m.b.WriteString("\n## Baseline problems\n\n")
	for _, p := range m.o.BaselineProblems {
		fmt.Fprintf(&m.b, "- %s\n", cell(p.String()))
	}
}

// mdGroup is the results of one section that share a plugin and a blamed
// rule (or, for an unexpected pass or a warning without a failure, a kind).
type mdGroup struct {
	title   string
	plugin  string // the plugin's label
	results []result.Result
}

// markdownGroups sorts the results that need a reader into the three
// sections, grouped, the largest group first (ties in plan order). The
// failures' groups are the run's causes (Causes).
func markdownGroups(o result.Outcome) (failures, errors, warnings []mdGroup) {
	type key struct{ section, plugin, kind string }
	index := map[key]int{}
	var groups []mdGroup
	var sections []string
	for _, r := range o.Results {
		if !NeedsDetails(r) {
			continue
		}
		section, kind, title := groupOf(r, o.Strict)
		k := key{section, r.Plugin, kind}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, mdGroup{title: title, plugin: slugLabel(o.Plugins, r.Slug, r.Plugin)})
			sections = append(sections, section)
		}
		groups[i].results = append(groups[i].results, r)
	}
	for i, g := range groups {
		switch sections[i] {
		case "failures":
			failures = append(failures, g)
		case "errors":
			errors = append(errors, g)
		default:
			warnings = append(warnings, g)
		}
	}
	for _, gs := range [][]mdGroup{failures, errors, warnings} {
		slices.SortStableFunc(gs, func(a, b mdGroup) int { return len(b.results) - len(a.results) })
	}
	return failures, errors, warnings
}

// groupOf is the section of r, the kind it is grouped by within the
// section and that group's title.
func groupOf(r result.Result, strict bool) (section, kind, title string) {
	rule := ""
	if r.Failure != nil {
		rule = r.Failure.Rule
		title = Cause{Rule: rule, RuleText: r.Failure.RuleText}.title()
	}
	switch {
	case r.Verdict == result.UnexpectedPass:
		return "failures", "xpass", "passed, but the baseline expects a failure (stale entries)"
	case r.Verdict == result.Error:
		return "errors", "rule " + rule, title
	case r.Verdict == result.Fail && result.FailsRun(r, strict):
		return "failures", "rule " + rule, title
	case r.Verdict == result.Fail:
		return "warnings", "rule " + rule, title
	}
	return "warnings", "warning", "warnings of scenarios that passed"
}

// section writes one section: its groups in a table, then each group's
// first result in full and the others one line each.
func (m *markdown) section(name, note string, groups []mdGroup, table bool) {
	if len(groups) == 0 {
		return
	}
	n := 0
	for _, g := range groups {
		n += len(g.results)
	}
	fmt.Fprintf(&m.b, "\n## %s: %s, %s\n", name, words.Count(n, "scenario"), words.Count(len(groups), "cause"))
	if note != "" {
		fmt.Fprintf(&m.b, "\n_%s._\n", note)
	}
	if table {
		m.b.WriteString("\n| cause | plugin | scenarios |\n| --- | --- | ---: |\n")
		for i, g := range groups {
			if i == markdownCauseRows {
				fmt.Fprintf(&m.b, "| … %s | | |\n", words.Count(len(groups)-i, "more cause"))
				break
			}
			fmt.Fprintf(&m.b, "| %s | %s | %d |\n", cell(g.title), code(g.plugin), len(g.results))
		}
	}
	for _, g := range groups {
		m.group(g)
	}
}

// group writes one group within the budget.
func (m *markdown) group(g mdGroup) {
	heading := fmt.Sprintf("\n### %s — %s of %s\n\n", cell(g.title), words.Count(len(g.results), "scenario"), code(g.plugin))
	if m.b.Len()+len(heading) > markdownBudget {
		m.omitted += len(g.results)
		return
	}
	m.b.WriteString(heading)
	rest := g.results
	if full := fullBlock(g.results[0], m.o.Strict); m.b.Len()+len(full) <= markdownFullBudget {
		m.b.WriteString(full)
		rest = rest[1:]
		if len(rest) > 0 {
			m.b.WriteString("\nThe same cause failed:\n\n")
		}
	}
	for _, r := range rest {
		line := oneLine(r)
		if m.b.Len()+len(line) > markdownBudget {
			m.omitted++
			continue
		}
		m.b.WriteString(line)
	}
}

// fullBlock is r's details in a fenced block, with its last frames and
// stderr lines cut to a few.
func fullBlock(r result.Result, strict bool) string {
	if f := r.Failure; f != nil {
		cut := *f
		cut.Frames = lastOf(f.Frames, markdownEvidenceTop)
		cut.Stderr = lastOf(f.Stderr, markdownEvidenceTop)
		r.Failure = &cut
	}
	text := words.Block(detailsText(r, strict))
	fence := codeFence(text)
	return fence + "\n" + text + fence + "\n"
}

// oneLine is r on one line: "- `id` `file:line` step 3 (expect_frame): message".
func oneLine(r result.Result) string {
	s := "- " + code(r.ScenarioID)
	if f := r.Failure; f != nil {
		s += " " + code(f.Source.String()) + " " + cell(clipText(stepLabel(f)+f.Message, 80))
	} else if r.Verdict == result.UnexpectedPass {
		s += " " + cell(r.Baseline)
	} else if len(r.Warnings) > 0 {
		s += " " + cell(clipText(r.Warnings[0], 80))
	}
	return strings.TrimRight(s, " :") + "\n"
}

func lastOf(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append([]string{fmt.Sprintf("(%d earlier lines in the JUnit and JSON reports)", len(lines)-n)}, lines[len(lines)-n:]...)
}

// codeFence is a fence of backticks longer than any run of backticks in
// text, so the text cannot close it (CommonMark).
func codeFence(text string) string {
	longest, run := 0, 0
	for i := 0; i < len(text); i++ {
		if text[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// markdownEscaper escapes what would end a table cell or start emphasis,
// a link, HTML or a code span.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`,
)

// cell is s as plain inline Markdown on one line: safe in a table cell, a
// heading or a list item.
func cell(s string) string { return markdownEscaper.Replace(words.Line(s)) }

// code is s as an inline code span, with a delimiter that s cannot end:
// the ids, slugs and paths of a report.
func code(s string) string {
	s = strings.ReplaceAll(words.Line(s), "|", "¦") // a pipe would end the table cell even in a code span
	fence := codeFence(s)
	fence = fence[:len(fence)-2] // one longer than the longest run, at least 1
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
