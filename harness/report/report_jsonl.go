package report

import (
	"encoding/json"
	"io"
	"sync"
	"time"

	"github.com/conform-dev/conform/harness/result"
)

// Event is one line of a run's JSON Lines stream (conform run --jsonl,
// schemas/event.json). Members that do not apply to an event are left
// out.
type Event struct {
	Event string    `json:"event"`
	Time  time.Time `json:"time"`

	// run_start
	Profile      string             `json:"profile,omitempty"`
	Plugins      []result.RunPlugin `json:"plugins,omitempty"`
	Scenarios    *int               `json:"scenarios,omitempty"`
	NotInProfile *int               `json:"not_in_profile,omitempty"`

	// scenario_start, scenario_result, scenario_interrupted
	Scenario  string `json:"scenario,omitempty"`
	Plugin    string `json:"plugin,omitempty"`
	Slug      string `json:"slug,omitempty"`
	SelfCheck bool   `json:"self_check,omitempty"`

	// scenario_result
	Verdict    result.Verdict     `json:"verdict,omitempty"`
	FailsRun   *bool              `json:"fails_run,omitempty"`
	Level      *string            `json:"level,omitempty"`
	Rule       string             `json:"rule,omitempty"`
	Message    string             `json:"message,omitempty"`
	Source     *result.SourceJSON `json:"source,omitempty"`
	DurationMS *float64           `json:"duration_ms,omitempty"`

	// run_end
	ExitCode    *int            `json:"exit_code,omitempty"`
	Interrupted *bool           `json:"interrupted,omitempty"`
	WallMS      *int64          `json:"wall_ms,omitempty"`
	Summary     *result.Summary `json:"summary,omitempty"`
	NotRun      *int            `json:"not_run,omitempty"`
}

// The event names of the stream.
const (
	EventRunStart            = "run_start"
	EventScenarioStart       = "scenario_start"
	EventScenarioResult      = "scenario_result"
	EventScenarioInterrupted = "scenario_interrupted"
	EventRunEnd              = "run_end"
)

// EventStream writes a run's events, one JSON object per line, as they
// happen. A nil *EventStream writes nothing. Safe for concurrent use: the
// workers of a --parallel run each write their scenarios' events.
type EventStream struct {
	mu  sync.Mutex
	w   io.Writer
	now func() time.Time
	err error // the first write error; later events are dropped
}

// NewEventStream returns a stream writing to w, stamping events with now.
func NewEventStream(w io.Writer, now func() time.Time) *EventStream {
	return &EventStream{w: w, now: now}
}

// Err returns the first error writing the stream met.
func (s *EventStream) Err() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *EventStream) emit(e Event) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return
	}
	e.Time = s.now().UTC()
	line, err := json.Marshal(e)
	if err == nil {
		_, err = s.w.Write(append(line, '\n'))
	}
	s.err = err
}

// RunStart says that total scenario runs are about to start.
func (s *EventStream) RunStart(profile string, plugins []result.RunPlugin, total, notInProfile int) {
	s.emit(Event{Event: EventRunStart, Profile: profile, Plugins: plugins, Scenarios: &total, NotInProfile: &notInProfile})
}

// ScenarioStart says that the scenario r names starts against its plugin.
func (s *EventStream) ScenarioStart(r result.Result) {
	s.emit(scenarioEvent(EventScenarioStart, r))
}

// ScenarioInterrupted says that the scenario r names was stopped by an
// interruption before it had a verdict.
func (s *EventStream) ScenarioInterrupted(r result.Result) {
	s.emit(scenarioEvent(EventScenarioInterrupted, r))
}

// ScenarioResult reports r's verdict.
func (s *EventStream) ScenarioResult(r result.Result, strict bool) {
	e := scenarioEvent(EventScenarioResult, r)
	fails, level, ms := result.FailsRun(r, strict), r.Level, float64(r.Duration.Microseconds())/1000
	e.Verdict, e.FailsRun, e.Level, e.DurationMS = r.Verdict, &fails, &level, &ms
	src := result.SourceJSON(r.Source)
	e.Message = r.SkipReason
	if f := r.Failure; f != nil {
		e.Rule, e.Message = f.Rule, f.Message
		if f.Source.File != "" {
			src = result.SourceJSON(f.Source)
		}
	}
	e.Source = &src
	s.emit(e)
}

// RunEnd reports the outcome of the run.
func (s *EventStream) RunEnd(o result.Outcome) {
	code, wall, sum := o.ExitCode(), o.Wall.Milliseconds(), o.Summary()
	s.emit(Event{Event: EventRunEnd, ExitCode: &code, Interrupted: &o.Interrupted, WallMS: &wall, Summary: &sum, NotRun: &o.NotRun})
}

func scenarioEvent(name string, r result.Result) Event {
	return Event{Event: name, Scenario: r.ScenarioID, Plugin: r.Plugin, Slug: r.Slug, SelfCheck: r.SelfCheck}
}
