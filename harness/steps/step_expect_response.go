package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// ResponseExpectation says what a response must be: a result matching a
// pattern, an error with a code, or an error matching a pattern. With none
// of them, any successful response will do.
type ResponseExpectation struct {
	Result     any    // a subset pattern over the result, when HasResult
	HasResult  bool   // result was given (it may be null)
	Error      string // the error code
	ErrorMatch any    // a subset pattern over the error object
}

// UnmarshalJSON tells a result of null from no result.
func (x *ResponseExpectation) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for name, raw := range m {
		var err error
		switch name {
		case "result":
			x.HasResult = true
			err = decodeExact(raw, &x.Result)
		case "error":
			err = json.Unmarshal(raw, &x.Error)
		case "error_match":
			err = decodeExact(raw, &x.ErrorMatch)
		default:
			err = fmt.Errorf("unknown member %q", name)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// MarshalJSON writes the expectation as a scenario file holds it.
func (x ResponseExpectation) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	switch {
	case x.HasResult:
		m["result"] = x.Result
	case x.Error != "":
		m["error"] = x.Error
	case x.ErrorMatch != nil:
		m["error_match"] = x.ErrorMatch
	}
	return json.Marshal(m)
}

func decodeExact(raw []byte, into *any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(into)
}

func (x *ResponseExpectation) checkPatterns() error {
	if err := scenario.CheckPattern(x.Result, "/expect/result"); err != nil {
		return err
	}
	return scenario.CheckPattern(x.ErrorMatch, "/expect/error_match")
}

// verify checks a response against the expectation.
func (x *ResponseExpectation) verify(action string, r mockruntime.Response) *StepFailure {
	got := describeResponse(r)
	fail := func(msg, expected string) *StepFailure {
		return &StepFailure{Message: fmt.Sprintf("request %q: %s", action, msg), Expected: expected, Got: got}
	}
	switch {
	case x == nil || (!x.HasResult && x.Error == "" && x.ErrorMatch == nil):
		if r.Error != nil {
			return fail("failed with "+r.Error.Code, "a successful response")
		}
	case x.Error != "":
		if r.Error == nil || r.Error.Code != x.Error {
			return fail("no error "+x.Error, "an error with code "+x.Error)
		}
	case x.ErrorMatch != nil:
		if r.Error == nil {
			return fail("succeeded instead of failing", "an error matching "+render.ShortJSON(x.ErrorMatch))
		}
		if ok, pointer, why := match.Subset(x.ErrorMatch, r.Error); !ok {
			return fail(fmt.Sprintf("the error differs at %s: %s", render.OrRoot(pointer), why), "an error matching "+render.ShortJSON(x.ErrorMatch))
		}
	default:
		if r.Error != nil {
			return fail("failed with "+r.Error.Code, "a result matching "+render.ShortJSON(x.Result))
		}
		if ok, pointer, why := match.Subset(x.Result, r.Result); !ok {
			return fail(fmt.Sprintf("the result differs at %s: %s", render.OrRoot(pointer), why), "a result matching "+render.ShortJSON(x.Result))
		}
	}
	return nil
}

// responseValue is a response as a variable holds it: the response frame's
// id and its result or error.
func responseValue(r mockruntime.Response) (any, error) {
	v := map[string]any{"id": r.ID}
	if r.Error != nil {
		raw, _ := json.Marshal(r.Error)
		var e any
		if err := decodeExact(raw, &e); err != nil {
			return nil, err
		}
		v["error"] = e
		return v, nil
	}
	var result any
	if len(r.Result) > 0 {
		if err := decodeExact(r.Result, &result); err != nil {
			return nil, err
		}
	}
	v["result"] = result
	return v, nil
}

func describeResponse(r mockruntime.Response) string {
	if r.Error != nil {
		raw, _ := json.Marshal(r.Error)
		return "error " + render.TruncateText(string(raw), 300)
	}
	return "result " + render.TruncateText(string(r.Result), 300)
}

// codeRules name the rule behind an error code that the plugin itself must
// answer with: a response expected to carry one of them and not carrying
// it is charged there, wherever the scenario uses it.
var codeRules = map[string]string{wire.CodeUnknownAction: "REQ-2", wire.CodeResponseTooLarge: "REQ-6"}

// expectedCode is the error code the expectation asks for, or "": of the
// response's error, or of the error member of its result, where the
// testee's call action reports a failed service call (TST-1) and so, in
// the end, the code the SDK handed plugin code.
func (x *ResponseExpectation) expectedCode() string {
	if x == nil {
		return ""
	}
	if x.Error != "" {
		return x.Error
	}
	if code, _ := render.AsObject(x.ErrorMatch)["code"].(string); code != "" {
		return code
	}
	code, _ := render.AsObject(render.AsObject(x.Result)["error"])["code"].(string)
	return code
}

// gotCode is the error code r carries: its error's, or that of the error
// member of its result; "" when neither has one.
func gotCode(r mockruntime.Response) string {
	if r.Error != nil {
		return r.Error.Code
	}
	var result struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if len(r.Result) > 0 && json.Unmarshal(r.Result, &result) == nil {
		return result.Error.Code
	}
	return ""
}

// blameResponse charges a response that failed its expectation to the
// rule the plugin broke, when the transcript tells: an error the runtime
// sent the plugin in answer to one of its service calls while the request
// ran, which the SDK did not surface to the handler (ERR-2; EVT-7 for a
// refused events.subscribe) or, for a testee whose call action does
// surface it, the action lost (TST-2); else
// an error code the plugin must produce itself (codeRules). Otherwise the
// failure stays with the scenario's own check.
func (e *Env) blameResponse(f *StepFailure, action string, r mockruntime.Response, x *ResponseExpectation) {
	code := x.expectedCode()
	if code != wire.CodePresenceNoSessionContext && gotCode(r) == wire.CodePresenceNoSessionContext {
		if seq, ok := e.presenceCallWithoutRequestID(r.ID); ok {
			f.Rule = "PRES-2"
			f.Message += fmt.Sprintf("; the plugin's %s at #%d, made while this request with its client session awaited its response, carried no request_id, so the runtime could not tie it to the session", e.frameTypeAt(seq), seq)
			return
		}
	}
	if code == "" || gotCode(r) == code {
		return
	}
	e.awaitCallAnswers(r.ID)
	seq, answered := e.runtimeAnsweredWith(r.ID, code)
	if rule, ok := codeRules[code]; ok && !answered {
		f.Rule = rule
		return
	}
	if answered {
		switch {
		case action != callAction && r.Error != nil && e.sdkSurfaces(seq, code):
			f.Rule = "TST-2"
			f.Message += fmt.Sprintf("; the runtime answered the plugin's service call with %s at #%d, and the same call made through the call action surfaces %s: the SDK hands the code over, the action loses it", code, seq, code)
			return
		case e.refusedSubscribe(seq):
			f.Rule = "EVT-7"
			f.Message += fmt.Sprintf("; the runtime refused the plugin's events.subscribe with %s at #%d, and the SDK's subscribe did not fail with that error", code, seq)
			return
		}
		f.Rule = "ERR-2"
		f.Message += fmt.Sprintf("; the runtime answered the plugin's service call with %s at #%d, and the SDK did not surface that code to the handler", code, seq)
	}
}

// callAction is the testee action that makes any service call and reports
// what the SDK handed it (§15).
const callAction = "call"

// sdkSurfaces tells ERR-2 from TST-2 for a testee whose action failed
// with another code than the SDK call it made: it makes the service
// call the runtime refused at entry answer once more, through the call
// action, which reports the SDK's error as its result, and reports whether
// the SDK surfaced code there. An action that succeeded although its SDK
// call was refused is not asked about: a typed SDK method that forgets to
// await its call (EVT-7) looks like that, and the call action would not
// go through that method. A refused call has no effect (SVC-3), so
// making it again changes nothing. False for a plugin that is no testee,
// for one whose process is not running (a request would wait for a
// restart that only the runtime's clock brings), and when the call cannot
// be found or the action does not answer in time.
func (e *Env) sdkSurfaces(answer int64, code string) bool {
	if !e.Testee || e.Plugin.State() != mockruntime.Running {
		return false
	}
	call, ok := e.callAnsweredAt(answer)
	if !ok {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), e.Scaled(DefaultWithin))
	defer cancel()
	r := e.Plugin.Request(ctx, mockruntime.Request{Action: callAction, Params: call})
	return r.Error == nil && gotCode(r) == code
}

// callAnsweredAt returns, as the call action's params, the service call
// the runtime's answer at entry seq answered: the newest frame from the
// plugin before it that carries the answer's id.
func (e *Env) callAnsweredAt(seq int64) (map[string]any, bool) {
	var answerID string
	var call map[string]any
	for _, entry := range e.Transcript().Since(0) {
		if entry.Seq == seq {
			answerID = entry.FrameID()
			break
		}
	}
	if answerID == "" {
		return nil, false
	}
	for _, entry := range e.Transcript().Since(0) {
		if entry.Seq >= seq {
			break
		}
		if entry.Kind != mockruntime.KindFrame || entry.Dir != mockruntime.DirIn || entry.FrameID() != answerID {
			continue
		}
		var frame struct {
			Type   string `json:"type"`
			Params any    `json:"params"`
		}
		if entry.Decode(&frame) == nil && frame.Type != wire.TypeResponse && frame.Type != wire.TypeEventAck {
			call = map[string]any{"type": frame.Type, "params": frame.Params}
		}
	}
	return call, call != nil
}

// runtimeAnsweredWith finds an error response with code that the runtime
// sent the plugin after the request requestID went out.
func (e *Env) runtimeAnsweredWith(requestID, code string) (int64, bool) {
	sent := int64(-1)
	for _, entry := range e.Transcript().Since(0) {
		if entry.Kind != mockruntime.KindFrame || entry.Dir != mockruntime.DirOut {
			continue
		}
		if sent < 0 {
			if entry.FrameType() == wire.TypeRequest && entry.FrameID() == requestID {
				sent = entry.Seq
			}
			continue
		}
		if entry.FrameType() != wire.TypeResponse && entry.FrameType() != wire.TypeEventAck {
			continue
		}
		var frame struct {
			Error *wire.Error `json:"error"`
		}
		if entry.Decode(&frame) == nil && frame.Error != nil && frame.Error.Code == code {
			return entry.Seq, true
		}
	}
	return 0, false
}

// presenceCallWithoutRequestID finds a presence.join, .update or .leave the
// plugin sent without params.request_id after the request requestID, which
// carried a client session, went out and before its response: a call the
// SDK made inside that request's handler without tying it to the request
// (PRES-2).
func (e *Env) presenceCallWithoutRequestID(requestID string) (int64, bool) {
	sent := false
	for _, entry := range e.Transcript().Since(0) {
		if entry.Kind != mockruntime.KindFrame {
			continue
		}
		if !sent {
			if entry.Dir == mockruntime.DirOut && entry.FrameType() == wire.TypeRequest && entry.FrameID() == requestID {
				var req struct {
					SessionID string `json:"session_id"`
				}
				if entry.Decode(&req) != nil || req.SessionID == "" {
					return 0, false
				}
				sent = true
			}
			continue
		}
		if entry.Dir != mockruntime.DirIn {
			continue
		}
		if entry.FrameType() == wire.TypeResponse && entry.FrameID() == requestID {
			return 0, false
		}
		switch entry.FrameType() {
		case "presence.join", "presence.update", "presence.leave":
			var call struct {
				Params map[string]any `json:"params"`
			}
			if entry.Decode(&call) == nil {
				if _, has := call.Params["request_id"]; !has {
					return entry.Seq, true
				}
			}
		}
	}
	return 0, false
}

// frameTypeAt is the type of the frame at transcript entry seq.
func (e *Env) frameTypeAt(seq int64) string {
	for _, entry := range e.Transcript().Since(seq - 1) {
		return entry.FrameType()
	}
	return "call"
}

// refusedSubscribe reports whether the runtime's answer at entry seq was a
// negative event.ack to an events.subscribe: a subscribe the SDK must fail
// with that error (EVT-7), the specific form of ERR-2.
func (e *Env) refusedSubscribe(seq int64) bool {
	if e.frameTypeAt(seq) != wire.TypeEventAck {
		return false
	}
	call, ok := e.callAnsweredAt(seq)
	return ok && call["type"] == "events.subscribe"
}

// awaitCallAnswers waits, up to DefaultWindow (scaled), until the runtime
// has answered every service call the plugin sent after the request
// requestID went out. A plugin that answers a request before its own call
// is answered (a subscribe that does not wait for its ack) can have its
// response recorded before the runtime's refusal, which blame must see.
func (e *Env) awaitCallAnswers(requestID string) {
	_ = e.waitWhole(context.Background(), time.Now().Add(e.Scaled(DefaultWindow)), func() (bool, error) {
		return len(e.unansweredCalls(requestID)) == 0, nil
	})
}

// unansweredCalls are the ids of the service calls the plugin sent after
// the request requestID went out that the runtime has not answered yet.
func (e *Env) unansweredCalls(requestID string) map[string]bool {
	open := map[string]bool{}
	sent := false
	for _, entry := range e.Transcript().Since(0) {
		if entry.Kind != mockruntime.KindFrame {
			continue
		}
		switch {
		case !sent:
			sent = entry.Dir == mockruntime.DirOut && entry.FrameType() == wire.TypeRequest && entry.FrameID() == requestID
		case entry.Dir == mockruntime.DirIn && !pluginOwnTypes[entry.FrameType()] && entry.FrameID() != "":
			open[entry.FrameID()] = true
		case entry.Dir == mockruntime.DirOut && (entry.FrameType() == wire.TypeResponse || entry.FrameType() == wire.TypeEventAck):
			delete(open, entry.FrameID())
		}
	}
	return open
}

// pluginOwnTypes are the frame types a plugin sends that are no service
// call: what it answers, acknowledges or announces.
var pluginOwnTypes = map[string]bool{
	wire.TypeResponse: true, wire.TypeEventAck: true, wire.TypePong: true, wire.TypeReady: true, wire.TypeServeReady: true,
}
