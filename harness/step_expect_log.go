package harness

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/conform-dev/conform/mockruntime"
)

// ExpectLogArgs are the arguments of expect_log: contains or match.
type ExpectLogArgs struct {
	Stream   string   `json:"stream"`   // stdout or stderr; either when left out
	Contains string   `json:"contains"` // a substring of the line
	Match    string   `json:"match"`    // a regular expression (RE2) the line matches
	Within   Duration `json:"within"`   // default 2s
}

func (a *ExpectLogArgs) check(parseContext) error {
	if a.Match == "" || strings.Contains(a.Match, "${") {
		return nil
	}
	if _, err := regexp.Compile(a.Match); err != nil {
		return &argError{pointer: "/match", message: fmt.Sprintf("not a regular expression: %v", err)}
	}
	return nil
}

// ExpectLog waits for a log line of the plugin — a stdout line without the
// IPC: prefix, or a stderr line (FRAME-2, FRAME-6) — anywhere in the
// scenario so far, that contains the text or matches the expression.
func ExpectLog(ctx context.Context, env *Env, a ExpectLogArgs) error {
	re, err := regexp.Compile(a.Match)
	if err != nil {
		return &StepFailure{Message: fmt.Sprintf("expect_log: %q is not a regular expression: %v", a.Match, err)}
	}
	want := func(e mockruntime.Entry) bool {
		if e.Kind != mockruntime.KindLog || e.Plugin != env.Plugin.Slug() || (a.Stream != "" && e.Stream != a.Stream) {
			return false
		}
		return (a.Contains != "" && strings.Contains(e.Line, a.Contains)) || (a.Match != "" && re.MatchString(e.Line))
	}
	s := env.scanFrom(0)
	err = env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		_, ok := s.find(want)
		return ok, nil
	})
	if err == errElapsed {
		expected := fmt.Sprintf("a %s line containing %q", orAnyStream(a.Stream), a.Contains)
		if a.Match != "" {
			expected = fmt.Sprintf("a %s line matching %q", orAnyStream(a.Stream), a.Match)
		}
		return &StepFailure{Message: "no such log line", Expected: expected, Got: lastLogLine(env)}
	}
	return err
}

func orAnyStream(stream string) string {
	if stream == "" {
		return "log"
	}
	return stream
}

func lastLogLine(env *Env) string {
	lines := env.Plugin.Logs().Tail("", 1)
	if len(lines) == 0 {
		return "no log line at all"
	}
	return fmt.Sprintf("last line (%s): %s", lines[0].Stream, truncateText(lines[0].Text, 200))
}
