package steps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// ExpectFrameArgs are the arguments of expect_frame.
type ExpectFrameArgs struct {
	Dir    string            `json:"dir"`    // in (from the plugin, the default) or out (to it)
	Match  any               `json:"match"`  // a subset pattern; any frame when left out
	Schema any               `json:"schema"` // an inline JSON Schema the frame must satisfy
	Within scenario.Duration `json:"within"` // default 2s
	As     string            `json:"as"`     // saves the frame as ${as}
	// Rule is the rule a failure of this step is charged to. By default a
	// frame from the plugin that never came is charged to the rule that
	// makes the plugin send it (pong: WD-2, ready: LIFE-5, response: ENV-8,
	// event.ack: EVT-12), so a step that only waits for one is a barrier
	// and never blames the scenario's requirement; any other failure is
	// charged to the scenario's first requirement.
	Rule string `json:"rule"`
	// After starts the search elsewhere than after the cursor: "start"
	// (the scenario's first frame) or a name an earlier step saved (where
	// that step began).
	After string `json:"after"`

	schema *jsonschema.Schema
}

func (a *ExpectFrameArgs) Check(scenario.ParseContext) error {
	if err := scenario.CheckPattern(a.Match, "/match"); err != nil {
		return err
	}
	if a.Schema == nil {
		return nil
	}
	s, err := compileInlineSchema(a.Schema)
	if err != nil {
		return &scenario.ArgError{Pointer: "/schema", Message: err.Error()}
	}
	a.schema = s
	return nil
}

func (a ExpectFrameArgs) Bind(s *scenario.NameScope) error {
	if err := s.CheckAfter(a.After); err != nil {
		return err
	}
	s.Define(a.As)
	return nil
}

// compileInlineSchema compiles a schema written in a scenario (draft
// 2020-12 unless it says otherwise).
func compileInlineSchema(doc any) (*jsonschema.Schema, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	const url = "scenario:inline-schema.json"
	if err := c.AddResource(url, strings.NewReader(string(raw))); err != nil {
		return nil, fmt.Errorf("not a JSON Schema: %v", err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("not a JSON Schema: %s", schemaProblem(err))
	}
	return s, nil
}

// schemaProblem names the first place a schema fails its meta-schema.
func schemaProblem(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	for len(ve.Causes) > 0 {
		ve = ve.Causes[0]
	}
	return fmt.Sprintf("at %s: %s", render.OrRoot(ve.InstanceLocation), ve.Message)
}

// frameMatcher is what expect_frame and expect_no_frame look for.
type frameMatcher struct {
	dir     string
	pattern any
	schema  *jsonschema.Schema
}

func (m frameMatcher) matches(e mockruntime.Entry) bool {
	if e.Kind != mockruntime.KindFrame || e.Dir != m.dir {
		return false
	}
	frame, err := decodeFrame(e)
	if err != nil {
		return false
	}
	if ok, _, _ := match.Subset(m.pattern, frame); m.pattern != nil && !ok {
		return false
	}
	return m.schema == nil || m.schema.Validate(frame) == nil
}

func direction(dir string) string {
	if dir == "" {
		return mockruntime.DirIn
	}
	return dir
}

// ExpectFrame waits for a frame in the given direction that matches the
// pattern (and the schema), searching the frames recorded after the cursor
// (or where after says): a frame that arrived before the step began still
// counts. The cursor then moves to it.
func ExpectFrame(ctx context.Context, env *Env, a ExpectFrameArgs) error {
	m := frameMatcher{dir: direction(a.Dir), pattern: a.Match, schema: a.schema}
	from := env.searchFrom(a.After)
	s := env.scanFrom(from)
	var found mockruntime.Entry
	err := env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		var ok bool
		found, ok = s.find(m.matches)
		return ok, nil
	})
	if err == errElapsed {
		f := env.noSuchFrame(m, from, a.Within.Or(DefaultWithin))
		f.Rule = a.Rule
		if f.Rule == "" && !env.sawFrameOfType(m) {
			f.Rule = sendingRule(m)
		}
		return f
	}
	if err != nil {
		return err
	}
	env.moveCursor(found.Seq)
	if a.As != "" {
		frame, err := decodeFrame(found)
		if err != nil {
			return err
		}
		env.Vars.Set(a.As, frame)
	}
	return nil
}

// sendingRules name, for each frame type a plugin sends, the rule that
// makes it send one.
var sendingRules = map[string]string{"pong": "WD-2", "ready": "LIFE-5", "response": "ENV-8", "event.ack": "EVT-12"}

// sendingRule is the rule that makes the plugin send the frame a matcher
// waits for, or "" for frames to the plugin and types no rule demands.
func sendingRule(m frameMatcher) string {
	if m.dir != mockruntime.DirIn {
		return ""
	}
	t, _ := render.AsObject(m.pattern)["type"].(string)
	return sendingRules[t]
}

// sawFrameOfType reports whether a frame of the matcher's direction and
// type (and id, when the pattern names a string one) was recorded at all,
// before the cursor or after it: the plugin sent what the step waits for,
// only not as, or not when, the step wants it.
func (e *Env) sawFrameOfType(m frameMatcher) bool {
	pattern := render.AsObject(m.pattern)
	t, _ := pattern["type"].(string)
	id, hasID := pattern["id"].(string)
	for _, entry := range e.Transcript().Since(0) {
		if entry.Kind != mockruntime.KindFrame || entry.Dir != m.dir || entry.FrameType() != t {
			continue
		}
		if !hasID || entry.FrameID() == id {
			return true
		}
	}
	return false
}

// noSuchFrame explains a frame that never came, showing the closest one.
func (e *Env) noSuchFrame(m frameMatcher, from int64, within time.Duration) *StepFailure {
	expected := render.ShortJSON(m.pattern)
	if m.schema != nil {
		expected += " satisfying the step's schema"
	}
	return &StepFailure{
		Message:  fmt.Sprintf("no frame %s matching the pattern within %v of real time after #%d (--timeout-scale raises the bound)", render.Arrow(m.dir), e.Scaled(within), from),
		Expected: expected,
		Got:      e.closestFrame(m, from),
	}
}

// closestFrame describes the last frame in the direction after from, with
// the first place it differs from the pattern; frames of the pattern's type
// are preferred.
func (e *Env) closestFrame(m frameMatcher, from int64) string {
	var best mockruntime.Entry
	var bestFrame any
	wantType, _ := render.AsObject(m.pattern)["type"].(string)
	for _, entry := range e.Transcript().Since(from) {
		if entry.Kind != mockruntime.KindFrame || entry.Dir != m.dir {
			continue
		}
		if bestFrame != nil && wantType != "" && entry.FrameType() != wantType && best.FrameType() == wantType {
			continue
		}
		if frame, err := decodeFrame(entry); err == nil {
			best, bestFrame = entry, frame
		}
	}
	if bestFrame == nil {
		return fmt.Sprintf("no frame %s after #%d", render.Arrow(m.dir), from)
	}
	got := fmt.Sprintf("#%d %s", best.Seq, render.ShortJSON(bestFrame))
	if ok, pointer, why := match.Subset(m.pattern, bestFrame); m.pattern != nil && !ok {
		got += fmt.Sprintf(" (%s: %s)", render.OrRoot(pointer), why)
	} else if m.schema != nil {
		got += fmt.Sprintf(" (schema: %v)", render.FirstLine(m.schema.Validate(bestFrame)))
	}
	return got
}
