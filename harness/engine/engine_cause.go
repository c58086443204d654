package engine

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// A cause is what a failing result is charged to when the plugin did
// something wrong before the step that failed: the rule it broke, where the
// transcript shows it, and a sentence saying what happened.
type cause struct {
	rule   string
	seq    int64
	detail string
}

// rootCause returns the earliest wrong act of the plugin at or before seq
// that the scenario does not expect: a violation the runtime recorded
// (among violations, the unclaimed MUST-level ones judge found), a stdout
// line that is a frame written without its IPC: prefix (FRAME-1), which
// the runtime, by FRAME-2, can only read as a log line, or an exit of the
// process nobody asked for, charged as exitRule says.
func (x *execution) rootCause(violations []mockruntime.Entry, seq int64) (cause, bool) {
	expected := x.expectedViolationRules()
	var found cause
	ok := false
	for _, v := range violations {
		if v.Seq <= seq && !expected[v.Rule] {
			found, ok = cause{rule: v.Rule, seq: v.Seq, detail: fmt.Sprintf("the runtime recorded a violation of %s: %s", v.Rule, v.Detail)}, true
			break
		}
	}
	if c, unprefixed := x.unprefixedFrame(seq); unprefixed && (!ok || c.seq < found.seq) {
		found, ok = c, true
	}
	if exit, crashed := x.unexpectedExit(); crashed && exit.Seq <= seq && (!ok || exit.Seq < found.seq) && !x.exitExpectedAfter(x.stepAt(exit.Seq)) {
		rule, why := x.exitRule(exit)
		found, ok = cause{rule: rule, seq: exit.Seq, detail: fmt.Sprintf("the plugin's process ended without being asked to (#%d %s)%s", exit.Seq, exit.Detail, why)}, true
	}
	return found, ok
}

// exitExpectedAfter reports whether an expect_exit step follows step (an
// index into the scenario's steps): the scenario asked the plugin to end
// (the testee's exit action, a shutdown), so an exit before that step ran
// is no unprompted crash but the step's own business, and the failing
// step keeps its rule.
func (x *execution) exitExpectedAfter(step int) bool {
	for _, st := range x.sc.Steps[min(step, len(x.sc.Steps)):] {
		if st.Kind == "expect_exit" {
			return true
		}
	}
	return false
}

// pluginFrameTypes are the frame types only a plugin sends: a stdout line
// holding one of them without the prefix is a frame the plugin meant to
// send.
var pluginFrameTypes = map[string]bool{
	wire.TypeReady: true, wire.TypeServeReady: true, wire.TypePong: true,
	wire.TypeResponse: true, wire.TypeEventAck: true,
}

// unprefixedFrame finds the first stdout log line at or before seq that is
// a plugin frame without the exact IPC: prefix: a JSON object whose type
// only a plugin sends, a line that carries the prefix after something
// else (spaces, a BOM, another case), or one that ends in a frame the
// plugin never got across, glued after other output.
func (x *execution) unprefixedFrame(seq int64) (cause, bool) {
	slug := x.env.Plugin.Slug()
	for _, e := range x.env.Transcript().Since(0) {
		if e.Seq > seq {
			break
		}
		if e.Kind != mockruntime.KindLog || e.Stream != "stdout" || e.Plugin != slug {
			continue
		}
		if why := frameWithoutPrefix(e.Line); why != "" {
			return cause{rule: "FRAME-1", seq: e.Seq, detail: fmt.Sprintf("stdout line #%d is %s, so the runtime read it as a log line: %s", e.Seq, why, clip(e.Line, 120))}, true
		}
		if typ, id, ok := gluedFrame(e.Line); ok && !x.receivedFrame(typ, id, seq) {
			return cause{rule: "FRAME-1", seq: e.Seq, detail: fmt.Sprintf("stdout line #%d ends in a %s frame glued after other output, as if what was written before it lacked its newline (FRAME-17), so the runtime read it all as a log line: %s", e.Seq, typ, clip(e.Line, 120))}, true
		}
	}
	return cause{}, false
}

// gluedFrame finds a plugin frame written after other output on the same
// line: "text IPC:{…}" where the text is more than blanks (those are
// frameWithoutPrefix's) and the JSON after the last IPC: is an object
// whose type only a plugin sends. It returns the frame's type and id.
func gluedFrame(line string) (typ, id string, ok bool) {
	i := strings.LastIndex(line, "IPC:")
	if i <= 0 || strings.TrimLeft(line[:i], " \t\ufeff\r") == "" {
		return "", "", false
	}
	var obj struct {
		Type string `json:"type"`
		ID   any    `json:"id"`
	}
	if !strings.HasPrefix(line[i+4:], "{") || json.Unmarshal([]byte(line[i+4:]), &obj) != nil || !pluginFrameTypes[obj.Type] {
		return "", "", false
	}
	id, _ = obj.ID.(string)
	return obj.Type, id, true
}

// receivedFrame reports whether the runtime read a frame of this type and
// id from the plugin at or before seq: a log line that quotes a frame the
// plugin did send (a debug log of its own traffic) is no frame gone astray.
func (x *execution) receivedFrame(typ, id string, seq int64) bool {
	slug := x.env.Plugin.Slug()
	for _, e := range x.env.Transcript().Since(0) {
		if e.Seq > seq {
			break
		}
		if e.Kind == mockruntime.KindFrame && e.Dir == mockruntime.DirIn && e.Plugin == slug && e.FrameType() == typ && e.FrameID() == id {
			return true
		}
	}
	return false
}

// frameWithoutPrefix says why a log line looks like a frame the plugin
// meant to send, or "" when it does not. Either way the line must hold a
// JSON object whose type only a plugin sends: a log line such as
// "ipc:{lower case}" or the SDK's escaped " IPC:{…}" (FRAME-29), which
// scenarios make plugins write on purpose, is no frame gone astray.
func frameWithoutPrefix(line string) string {
	trimmed := strings.TrimLeft(line, " \t\ufeff\r")
	if len(trimmed) >= 4 && strings.EqualFold(trimmed[:4], "IPC:") {
		if pluginFrameType(trimmed[4:]) == "" {
			return ""
		}
		return "a frame whose IPC: prefix is not exactly the line's first four bytes"
	}
	if typ := pluginFrameType(trimmed); typ != "" {
		return fmt.Sprintf("a %s frame without the IPC: prefix", typ)
	}
	return ""
}

// pluginFrameType returns the type of s when s is a JSON object whose type
// only a plugin sends, or "".
func pluginFrameType(s string) string {
	if !strings.HasPrefix(s, "{") {
		return ""
	}
	var obj struct {
		Type string `json:"type"`
	}
	if json.Unmarshal([]byte(s), &obj) == nil && pluginFrameTypes[obj.Type] {
		return obj.Type
	}
	return ""
}

// clip shortens s to at most n bytes for a message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// scenarioRule is the requirement a failure of the scenario's own check is
// charged to: the first that binds the plugin (or the testee), since a
// plugin's failure cannot break a rule that binds only the runtime; the
// first requirement when none does; "" when there are none.
func (x *execution) scenarioRule() string {
	for _, id := range x.sc.Requirements {
		if r, ok := x.sc.LookupRule(id); ok && (r.Binds("plugin") || r.Binds("testee")) {
			return id
		}
	}
	if len(x.sc.Requirements) > 0 {
		return x.sc.Requirements[0]
	}
	return ""
}
