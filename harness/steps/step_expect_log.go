package steps

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// ExpectLogArgs are the arguments of expect_log: contains or match.
type ExpectLogArgs struct {
	Stream   string `json:"stream"`   // stdout or stderr; either when left out
	Contains string `json:"contains"` // a substring of the line
	Match    string `json:"match"`    // a regular expression (RE2) the line matches
	// Count is how many such lines there must be, exactly: 0 says there is
	// none so far. At least one when left out.
	Count  *int              `json:"count"`
	Within scenario.Duration `json:"within"` // default 2s
}

func (a *ExpectLogArgs) Check(scenario.ParseContext) error {
	if a.Match == "" || strings.Contains(a.Match, "${") {
		return nil
	}
	if _, err := regexp.Compile(a.Match); err != nil {
		return &scenario.ArgError{Pointer: "/match", Message: fmt.Sprintf("not a regular expression: %v", err)}
	}
	return nil
}

// ExpectLog waits for a log line of the plugin — a stdout line without the
// IPC: prefix, or a stderr line (FRAME-2, FRAME-6) — anywhere in the
// scenario so far, that contains the text or matches the expression; with
// count, until exactly that many such lines were logged. Lines are logged
// in the order each stream carried them, so a count checked after
// expect_log has seen a later line of the same stream is final.
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
	if a.Count != nil {
		return expectLogCount(ctx, env, a, want)
	}
	s := env.scanFrom(0)
	err = env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		_, ok := s.find(want)
		return ok, nil
	})
	if err == errElapsed {
		return &StepFailure{Message: "no such log line", Expected: "a " + a.describe(), Got: lastLogLine(env)}
	}
	return err
}

// expectLogCount waits until exactly a.Count log lines satisfy want.
func expectLogCount(ctx context.Context, env *Env, a ExpectLogArgs, want func(mockruntime.Entry) bool) error {
	s := env.scanFrom(0)
	seen := 0
	err := env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		s.find(func(e mockruntime.Entry) bool {
			if want(e) {
				seen++
			}
			return false
		})
		return seen == *a.Count, nil
	})
	if err == errElapsed {
		return &StepFailure{Message: fmt.Sprintf("%d such log lines, not %d", seen, *a.Count), Expected: fmt.Sprintf("%d of: %s", *a.Count, a.describe()), Got: fmt.Sprintf("%d", seen)}
	}
	return err
}

// describe says which lines the step looks for.
func (a ExpectLogArgs) describe() string {
	if a.Match != "" {
		return fmt.Sprintf("%s line matching %q", orAnyStream(a.Stream), a.Match)
	}
	return fmt.Sprintf("%s line containing %q", orAnyStream(a.Stream), a.Contains)
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
	return fmt.Sprintf("last line (%s): %s", lines[0].Stream, render.TruncateText(lines[0].Text, 200))
}
