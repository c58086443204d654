package result

import (
	"encoding/json"
	"time"
)

// resultJSON is a Result as the JSON report writes it (schemas/report.json,
// $defs/result).
type resultJSON struct {
	Scenario       string       `json:"scenario"`
	Title          string       `json:"title"`
	Level          string       `json:"level"`
	Requirements   []string     `json:"requirements"`
	Labels         []string     `json:"labels"`
	Source         SourceJSON   `json:"source"`
	Plugin         string       `json:"plugin"`
	Slug           string       `json:"slug"`
	Verdict        Verdict      `json:"verdict"`
	SkipReason     string       `json:"skip_reason,omitempty"`
	Failure        *failureJSON `json:"failure,omitempty"`
	Baseline       string       `json:"baseline,omitempty"`
	Warnings       []string     `json:"warnings,omitempty"`
	DurationMillis float64      `json:"duration_ms"`
	TranscriptFile string       `json:"transcript,omitempty"`
	SelfCheck      bool         `json:"self_check,omitempty"`
}

type SourceJSON struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

type failureJSON struct {
	Step     int        `json:"step"`
	StepKind string     `json:"step_kind,omitempty"`
	Source   SourceJSON `json:"source"`
	Rule     string     `json:"rule,omitempty"`
	RuleText string     `json:"rule_text,omitempty"`
	Message  string     `json:"message"`
	Expected string     `json:"expected,omitempty"`
	Got      string     `json:"got,omitempty"`
	Frames   []string   `json:"frames,omitempty"`
	Stderr   []string   `json:"stderr,omitempty"`
}

// MarshalJSON writes r in the shape of schemas/report.json's result.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(resultJSON{
		Scenario: r.ScenarioID, Title: r.Title, Level: r.Level,
		Requirements: nonNil(r.Requirements), Labels: nonNil(r.Labels),
		Source: SourceJSON(r.Source), Plugin: r.Plugin, Slug: r.Slug,
		Verdict: r.Verdict, SkipReason: r.SkipReason, Failure: failureToJSON(r.Failure),
		Baseline: r.Baseline, Warnings: r.Warnings,
		DurationMillis: float64(r.Duration.Microseconds()) / 1000, TranscriptFile: r.TranscriptFile,
		SelfCheck: r.SelfCheck,
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Result) UnmarshalJSON(data []byte) error {
	var j resultJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*r = Result{
		ScenarioID: j.Scenario, Title: j.Title, Level: j.Level,
		Requirements: j.Requirements, Labels: j.Labels,
		Source: Source(j.Source), Plugin: j.Plugin, Slug: j.Slug,
		Verdict: j.Verdict, SkipReason: j.SkipReason, Failure: failureFromJSON(j.Failure),
		Baseline: j.Baseline, Warnings: j.Warnings,
		Duration: time.Duration(j.DurationMillis * float64(time.Millisecond)), TranscriptFile: j.TranscriptFile,
		SelfCheck: j.SelfCheck,
	}
	return nil
}

func failureToJSON(f *Failure) *failureJSON {
	if f == nil {
		return nil
	}
	return &failureJSON{
		Step: f.Step, StepKind: f.StepKind, Source: SourceJSON(f.Source),
		Rule: f.Rule, RuleText: f.RuleText, Message: f.Message,
		Expected: f.Expected, Got: f.Got, Frames: f.Frames, Stderr: f.Stderr,
	}
}

func failureFromJSON(f *failureJSON) *Failure {
	if f == nil {
		return nil
	}
	return &Failure{
		Step: f.Step, StepKind: f.StepKind, Source: Source(f.Source),
		Rule: f.Rule, RuleText: f.RuleText, Message: f.Message,
		Expected: f.Expected, Got: f.Got, Frames: f.Frames, Stderr: f.Stderr,
	}
}

// nonNil returns list, or an empty list for nil, so JSON shows [].
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
