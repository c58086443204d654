package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/internal/buildinfo"
	"github.com/conform-dev/conform/internal/inputfile"
	"github.com/conform-dev/conform/internal/jsonpos"
	"github.com/conform-dev/conform/schemas"
)

// ReportVersion is the version of the JSON report's format; it changes
// only when a member changes meaning or goes away.
const ReportVersion = 1

// Report is the JSON report of a run (--json, schemas/report.json). A
// plain value.
type Report struct {
	Version          int                      `json:"version"`
	Conform          buildinfo.Info           `json:"conform"` // which conform judged: its version, the protocol's, the suites' digest
	Profile          string                   `json:"profile"`
	Strict           bool                     `json:"strict"`
	Started          time.Time                `json:"started"`
	WallMillis       int64                    `json:"wall_ms"`
	ExitCode         int                      `json:"exit_code"`
	Summary          result.Summary           `json:"summary"`
	Plugins          []PluginReport           `json:"plugins"`
	Results          []result.Result          `json:"results"`
	Causes           []Cause                  `json:"causes"` // the failing results grouped by plugin and blamed rule
	BaselineProblems []result.BaselineProblem `json:"baseline_problems"`
	NotRun           int                      `json:"not_run"`
	Interrupted      bool                     `json:"interrupted"`
}

// NewReport returns the report of an outcome.
func NewReport(o result.Outcome) Report {
	return Report{
		Version: ReportVersion, Conform: buildinfo.Get(), Profile: o.Profile, Strict: o.Strict,
		Started: o.Started.UTC(), WallMillis: o.Wall.Milliseconds(), ExitCode: o.ExitCode(),
		Summary: o.Summary(), Plugins: withAreaLevels(o), Results: nonNilResults(o.Results), Causes: nonNilCauses(Causes(o.Results, o.Strict)),
		BaselineProblems: nonNilProblems(o.BaselineProblems), NotRun: o.NotRun, Interrupted: o.Interrupted,
	}
}

// writeJSONReport writes o's report to path, indented, with <, > and &
// left as they are.
func WriteJSONReport(path string, o result.Outcome) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(NewReport(o)); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// ReadReport reads a JSON report and checks it against its schema. A
// problem names the file, the line and the member.
func ReadReport(path string) (*Report, error) {
	data, err := inputfile.Read(path, inputfile.ReportLimit, "a report")
	if err != nil {
		return nil, err
	}
	doc, err := schemas.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not a JSON report: %w", path, err)
	}
	var invalid *schemas.Error
	if err := schemas.ValidateDocument(schemas.KindReport, doc); errors.As(err, &invalid) {
		return nil, fmt.Errorf("%s:%d: %w", path, jsonpos.Line(data, invalid.Pointer), invalid)
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}

// failedInReport returns the ids of the scenarios that failed the run of
// the report at path, for --rerun-failed: fail, error and xpass verdicts.
func FailedInReport(path string) (map[string]bool, error) {
	r, err := ReadReport(path)
	if err != nil {
		return nil, fmt.Errorf("--rerun-failed: %w", err)
	}
	failed := map[string]bool{}
	for _, res := range r.Results {
		if res.Verdict == result.Fail || res.Verdict == result.Error || res.Verdict == result.UnexpectedPass {
			failed[res.ScenarioID] = true
		}
	}
	return failed, nil
}

func nonNilResults(rs []result.Result) []result.Result {
	if rs == nil {
		return []result.Result{}
	}
	return rs
}

func nonNilProblems(ps []result.BaselineProblem) []result.BaselineProblem {
	if ps == nil {
		return []result.BaselineProblem{}
	}
	return ps
}

func nonNilCauses(c []Cause) []Cause {
	if c == nil {
		return []Cause{}
	}
	return c
}
