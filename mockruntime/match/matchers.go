package match

import (
	"errors"
	"fmt"
	"strings"

	"github.com/onsi/gomega/types"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// entriesOf accepts a *Transcript, a func returning one (for Eventually),
// or a []Entry.
func entriesOf(actual any) ([]mockruntime.Entry, error) {
	switch a := actual.(type) {
	case *mockruntime.Transcript:
		return a.Entries(), nil
	case []mockruntime.Entry:
		return a, nil
	case *mockruntime.Runtime:
		return a.Transcript().Entries(), nil
	}
	return nil, fmt.Errorf("expected a *mockruntime.Transcript, *mockruntime.Runtime or []mockruntime.Entry, got %T", actual)
}

// entryMatcher matches when some transcript entry satisfies pred. Its
// failure messages show what it looked at: the entries that matched (for
// NotTo) or the last entries of the transcript (for To).
type entryMatcher struct {
	what    string
	pred    func(mockruntime.Entry) bool
	seen    int
	matched []mockruntime.Entry // up to shownEntries of the matches
	last    []mockruntime.Entry // the last shownEntries entries
}

// shownEntries bounds the entries a failure message quotes.
const shownEntries = 10

func (m *entryMatcher) Match(actual any) (bool, error) {
	entries, err := entriesOf(actual)
	if err != nil {
		return false, err
	}
	m.seen, m.matched = len(entries), nil
	// copied, so the matcher never keeps the whole transcript alive
	m.last = append([]mockruntime.Entry(nil), entries[max(0, len(entries)-shownEntries):]...)
	for _, e := range entries {
		if m.pred(e) && len(m.matched) < shownEntries {
			m.matched = append(m.matched, e)
		}
	}
	return len(m.matched) > 0, nil
}

func (m *entryMatcher) FailureMessage(any) string {
	return fmt.Sprintf("expected the transcript (%d entries) to contain %s; its last entries:\n%s", m.seen, m.what, renderEntries(m.last))
}

func (m *entryMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected the transcript (%d entries) not to contain %s; found:\n%s", m.seen, m.what, renderEntries(m.matched))
}

// renderEntries writes entries one per line, as a transcript reads.
func renderEntries(entries []mockruntime.Entry) string {
	if len(entries) == 0 {
		return "    (none)"
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString("    " + DescribeEntry(e) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// DescribeEntry renders one transcript entry in a line, as failure
// messages quote it: its sequence number and plugin, then the frame (with
// its direction), the log line or the decision with its rule. Long frames
// are cut at 200 bytes. Safe for concurrent use.
func DescribeEntry(e mockruntime.Entry) string {
	switch e.Kind {
	case mockruntime.KindFrame:
		arrow := "<-"
		if e.Dir == mockruntime.DirOut {
			arrow = "->"
		}
		frame := string(e.Frame)
		if len(frame) > 200 {
			frame = frame[:197] + "..."
		}
		return fmt.Sprintf("#%d %s %s %s", e.Seq, e.Plugin, arrow, frame)
	case mockruntime.KindLog:
		return fmt.Sprintf("#%d %s %s: %s", e.Seq, e.Plugin, e.Stream, e.Line)
	}
	rule := ""
	if e.Rule != "" {
		rule = " " + e.Rule
	}
	return fmt.Sprintf("#%d %s %s%s: %s", e.Seq, e.Plugin, e.Decision, rule, e.Detail)
}

// HaveViolation matches a transcript holding a recorded violation of rule
// (any rule when rule is "").
func HaveViolation(rule string) types.GomegaMatcher {
	return &entryMatcher{what: "a violation of " + orAny(rule), pred: func(e mockruntime.Entry) bool {
		return e.Kind == mockruntime.KindDecision && e.Decision == "violation" && (rule == "" || e.Rule == rule)
	}}
}

// HaveDecision matches a transcript holding the runtime decision name
// ("kill", "restart", "deny", "dead_letter", ...).
func HaveDecision(name string) types.GomegaMatcher {
	return &entryMatcher{what: "a decision " + name, pred: func(e mockruntime.Entry) bool {
		return e.Kind == mockruntime.KindDecision && e.Decision == name
	}}
}

// HaveFrame matches a transcript holding a frame in direction dir
// (mockruntime.DirIn from the plugin, DirOut to it) that contains pattern
// as a subset (see Subset).
func HaveFrame(dir string, pattern any) types.GomegaMatcher {
	return &entryMatcher{what: fmt.Sprintf("a frame %s matching %s", dir, short(pattern)), pred: func(e mockruntime.Entry) bool {
		if e.Kind != mockruntime.KindFrame || e.Dir != dir {
			return false
		}
		ok, _, _ := Subset(pattern, e.Frame)
		return ok
	}}
}

// HaveLogLine matches a transcript holding a log line containing text.
func HaveLogLine(text string) types.GomegaMatcher {
	return &entryMatcher{what: fmt.Sprintf("a log line containing %q", text), pred: func(e mockruntime.Entry) bool {
		return e.Kind == mockruntime.KindLog && strings.Contains(e.Line, text)
	}}
}

// HaveErrorCode matches a mockruntime.Response, a *wire.Error or any error
// wrapping one, whose code is code.
func HaveErrorCode(code string) types.GomegaMatcher { return &codeMatcher{code: code} }

type codeMatcher struct {
	code string
	got  string
}

func (m *codeMatcher) Match(actual any) (bool, error) {
	switch a := actual.(type) {
	case mockruntime.Response:
		if a.Error != nil {
			m.got = a.Error.Code
		}
	case error:
		m.got = wire.CodeOf(a)
	case nil:
		m.got = ""
	default:
		return false, errors.New("HaveErrorCode expects a mockruntime.Response or an error")
	}
	return m.got == m.code, nil
}

func (m *codeMatcher) FailureMessage(actual any) string {
	return fmt.Sprintf("expected error code %s, got %s: %s", m.code, orNone(m.got), describeActual(actual))
}

// describeActual renders what HaveErrorCode looked at.
func describeActual(actual any) string {
	switch a := actual.(type) {
	case mockruntime.Response:
		if a.Error != nil {
			return fmt.Sprintf("response %s with error %s", a.ID, short(a.Error))
		}
		return fmt.Sprintf("response %s with result %s", a.ID, short(a.Result))
	case error:
		return a.Error()
	}
	return "nil"
}

func (m *codeMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected an error code other than %s", m.code)
}

func orAny(rule string) string {
	if rule == "" {
		return "any rule"
	}
	return rule
}

func orNone(code string) string {
	if code == "" {
		return "no error"
	}
	return code
}
