package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/conform-dev/conform/mockruntime"
)

// How much evidence a failure carries.
const (
	evidenceEntries  = 12  // transcript entries before the failure
	evidenceStderr   = 10  // the plugin's last stderr lines
	evidenceLineSize = 240 // bytes of one rendered entry or line
)

// RenderEntry renders one transcript entry on one line, as failures show
// them:
//
//	#12 <- {"type":"pong","id":"ping-1"}      a frame from the plugin
//	#13 -> {"type":"ping","id":"ping-2",...}  a frame to the plugin
//	#14 !! violation WD-2: no pong for ...    a broken rule
//	#15 == kill WD-5: 3 consecutive pings ... another decision
//	#16 .. stderr: panic: boom                a log line
//
// Long entries are cut to a few hundred bytes. Safe for concurrent use.
func RenderEntry(e mockruntime.Entry) string {
	var body string
	switch e.Kind {
	case mockruntime.KindFrame:
		body = Arrow(e.Dir) + " " + string(e.Frame)
		if e.Elided > 0 {
			body += fmt.Sprintf(" (%d bytes, elided)", e.Elided)
		}
	case mockruntime.KindLog:
		body = ".. " + e.Stream + ": " + e.Line
	case mockruntime.KindDecision:
		mark := "=="
		if IsViolation(e) {
			mark = "!!"
		}
		body = strings.TrimSpace(fmt.Sprintf("%s %s %s", mark, e.Decision, e.Rule))
		if e.Detail != "" {
			body += ": " + e.Detail
		}
	default:
		body = "?? " + e.Kind
	}
	return TruncateText(fmt.Sprintf("#%d %s", e.Seq, body), evidenceLineSize)
}

// arrow shows a frame's direction: <- from the plugin, -> to it.
func Arrow(dir string) string {
	if dir == mockruntime.DirIn {
		return "<-"
	}
	return "->"
}

// lastEntries renders the last entries up to and including seq upTo.
func LastEntries(t *mockruntime.Transcript, upTo int64) []string {
	entries := t.Since(max(0, upTo-evidenceEntries))
	out := make([]string, 0, evidenceEntries)
	for _, e := range entries {
		if e.Seq <= upTo {
			out = append(out, RenderEntry(e))
		}
	}
	return out
}

// lastStderr returns the plugin's last stderr lines.
func LastStderr(p *mockruntime.Plugin) []string {
	var out []string
	for _, l := range p.Logs().Tail("stderr", evidenceStderr) {
		out = append(out, TruncateText(l.Text, evidenceLineSize))
	}
	return out
}

// shortJSON renders a value as compact JSON, cut to a readable length.
func ShortJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return TruncateText(string(b), 300)
}

// truncateText cuts s to at most n bytes, on a rune boundary, marking the
// cut.
func TruncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// orRoot names the whole value for an empty pointer.
func OrRoot(pointer string) string {
	if pointer == "" {
		return "the top"
	}
	return pointer
}

// firstLine returns the first line of an error's text.
func FirstLine(err error) string {
	if err == nil {
		return ""
	}
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

// asObject returns v as a JSON object, or nil.
func AsObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// isViolation reports whether an entry records a broken rule.
func IsViolation(e mockruntime.Entry) bool {
	return e.Kind == mockruntime.KindDecision && e.Decision == "violation"
}
