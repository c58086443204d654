package report_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
)

// failing is a failed MUST scenario charged to rule, with the evidence a
// real failure carries (frames and stderr lines), so the size test below
// measures blocks of realistic length.
func failing(id, rule string) result.Result {
	return result.Result{
		ScenarioID: id, Title: "a scenario about " + rule, Level: "MUST", Requirements: []string{rule},
		Source: result.Source{File: "suites/x.yaml", Line: 10}, Plugin: "/p/manifest.json", Slug: "p",
		Verdict: result.Fail, Duration: 5 * time.Millisecond,
		Failure: &result.Failure{
			Step: 3, StepKind: "expect_frame", Source: result.Source{File: "suites/x.yaml", Line: 14},
			Rule: rule, RuleText: "The plugin answers every ping with a pong carrying the same id.",
			Message: "no pong within 2s", Expected: `{"type":"pong","id":"p-1"}`, Got: "nothing",
			Frames: []string{`#1 -> {"type":"ping","id":"p-1"}`, `#2 <- {"type":"log","msg":"busy"}`},
			Stderr: []string{"\x1b[31mworking\x1b[0m", "still working"},
		},
	}
}

func writeMarkdown(t *testing.T, o result.Outcome) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := report.WriteMarkdownReport(path, o); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestMarkdownStaysUnderTenKilobytesForAHundredFailures(t *testing.T) {
	o := result.Outcome{Profile: "plugin", Plugins: []result.RunPlugin{{Path: "/p/manifest.json", Slug: "p", Version: "1.0.0"}}}
	rules := []string{"WD-2", "FRAME-7", "EVT-3", "LIFE-5", "ENV-8"}
	for i := range 100 {
		o.Results = append(o.Results, failing(fmt.Sprintf("area.scenario-%03d", i), rules[i%len(rules)]))
	}
	md := writeMarkdown(t, o)
	t.Logf("100 failures in 5 causes: %d bytes of Markdown", len(md))
	if len(md) >= 10*1024 {
		t.Errorf("the summary of 100 failures is %d bytes, want under 10 KB", len(md))
	}
	for _, rule := range rules {
		if !strings.Contains(md, rule) {
			t.Errorf("the summary does not name the cause %s", rule)
		}
	}
	if strings.ContainsRune(md, 0x1b) {
		t.Error("the summary carries a raw ESC byte from the plugin's stderr")
	}
	if !strings.Contains(md, "failed") {
		t.Error("the summary does not say the run failed")
	}
}

func TestMarkdownSaysPassedWithWarningsAndListsNoFailures(t *testing.T) {
	warn := failing("framing.stderr-split", "FRAME-12")
	warn.Level = "SHOULD"
	o := result.Outcome{Profile: "plugin", Plugins: []result.RunPlugin{{Path: "/p/manifest.json", Slug: "p"}},
		Results: []result.Result{warn, {ScenarioID: "ok", Level: "MUST", Plugin: "/p/manifest.json", Slug: "p", Verdict: result.Pass}}}
	md := writeMarkdown(t, o)
	if !strings.Contains(md, "passed with 1 warning (SHOULD)") {
		t.Errorf("want the heading to say the run passed with a warning:\n%s", md)
	}
	if strings.Contains(md, "Failures") {
		t.Errorf("a run with only a SHOULD warning has no Failures section:\n%s", md)
	}
	if !strings.Contains(md, "Warnings") || !strings.Contains(md, "FRAME-12") {
		t.Errorf("want the warning listed under Warnings:\n%s", md)
	}
}
