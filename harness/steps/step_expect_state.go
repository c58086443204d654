package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// ExpectStateArgs are the arguments of expect_state.
type ExpectStateArgs struct {
	State  string            `json:"state"`  // stopped, starting, running, stopping, restarting, crashed or failed
	Within scenario.Duration `json:"within"` // default 2s
}

// ExpectState waits until the plugin's lifecycle state is the one named.
// The state is read from the runtime's decisions in the transcript (spawn,
// ready, stdin_closed, exit, crash, restart_scheduled, failed), which
// announce every change, so the wait needs no polling.
func ExpectState(ctx context.Context, env *Env, a ExpectStateArgs) error {
	var got string
	err := env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		got = lifecycleState(env.Transcript().Entries(), env.Plugin.Slug())
		return got == a.State, nil
	})
	if err == errElapsed {
		return &StepFailure{Message: fmt.Sprintf("the plugin is %s, not %s", got, a.State), Expected: a.State, Got: got}
	}
	return err
}

// stateAfter maps the decisions that change a plugin's state to the state
// they leave it in (CONFORMANCE.md §3). An exit the host did not ask for
// changes nothing by itself: the crash, restart_scheduled or failed
// decision right after it does.
var stateAfter = map[string]string{
	"load":              "stopped",
	"spawn":             "starting",
	"restart":           "starting",
	"ready":             "running",
	"stdin_closed":      "stopping",
	"crash":             "crashed",
	"restart_scheduled": "restarting",
	"failed":            "failed",
	"unload":            "stopped",
}

// lifecycleState replays the plugin's decisions.
func lifecycleState(entries []mockruntime.Entry, slug string) string {
	state := "stopped"
	for _, e := range entries {
		if e.Kind != mockruntime.KindDecision || e.Plugin != slug {
			continue
		}
		if next, ok := stateAfter[e.Decision]; ok {
			state = next
		}
		if requested, _ := e.Data["requested"].(bool); e.Decision == "exit" && requested {
			state = "stopped"
		}
	}
	return state
}
