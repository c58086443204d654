package steps

import (
	"context"
	"fmt"
	"time"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// ExpectNoFrameArgs are the arguments of expect_no_frame.
type ExpectNoFrameArgs struct {
	Dir    string            `json:"dir"`    // in (from the plugin, the default) or out
	Match  any               `json:"match"`  // a subset pattern
	Window scenario.Duration `json:"window"` // how long to watch; default 250ms
	After  string            `json:"after"`  // as expect_frame's: "start" or a saved name
}

func (a ExpectNoFrameArgs) Bind(s *scenario.NameScope) error { return s.CheckAfter(a.After) }

func (a *ExpectNoFrameArgs) Check(scenario.ParseContext) error {
	return scenario.CheckPattern(a.Match, "/match")
}

// ExpectNoFrame watches the frames recorded after the cursor for the whole
// window and fails at the first that matches the pattern. It does not
// move the cursor.
func ExpectNoFrame(ctx context.Context, env *Env, a ExpectNoFrameArgs) error {
	m := frameMatcher{dir: direction(a.Dir), pattern: a.Match}
	window := env.Scaled(a.Window.Or(DefaultWindow))
	s := env.scanFrom(env.searchFrom(a.After))
	var found mockruntime.Entry
	err := env.waitWhole(ctx, time.Now().Add(window), func() (bool, error) {
		var ok bool
		found, ok = s.find(m.matches)
		return ok, nil
	})
	switch {
	case err == errElapsed:
		return nil
	case err != nil:
		return err
	}
	frame, _ := decodeFrame(found)
	return &StepFailure{
		Message:  fmt.Sprintf("a frame %s matched the pattern, which the scenario says must not happen", render.Arrow(m.dir)),
		Expected: fmt.Sprintf("no frame matching %s for %v", render.ShortJSON(a.Match), window),
		Got:      fmt.Sprintf("#%d %s", found.Seq, render.ShortJSON(frame)),
	}
}
