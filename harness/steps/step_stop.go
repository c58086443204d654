package steps

import (
	"context"
	"github.com/conform-dev/conform/harness/scenario"
)

// StopArgs are the arguments of stop.
type StopArgs struct {
	// Within is the real time the plugin has to exit after its stdin is
	// closed, standing in for the shutdown grace; default 2s.
	Within scenario.Duration `json:"within"`
}

// Stop shuts the plugin down as the runtime does (LIFE-18): it closes
// stdin and waits for the exit. A plugin still running when within runs
// out is terminated and killed, and the runtime records that it broke
// LIFE-19, which fails the scenario unless expect_violation claims it.
func Stop(ctx context.Context, env *Env, a StopArgs) error {
	sctx, cancel := context.WithDeadline(ctx, env.deadline(a.Within, DefaultWithin))
	defer cancel()
	if err := env.Plugin.Stop(sctx); err != nil {
		return err
	}
	return ctx.Err()
}
