package steps

import (
	"context"
	"github.com/conform-dev/conform/harness/scenario"
	"time"
)

// Sleep waits d of real time, scaled by --timeout-scale. Prefer an
// expectation with within, which ends as soon as it is met; sleep is for
// giving a plugin time to do something it must not do.
func Sleep(ctx context.Context, env *Env, d scenario.Duration) error {
	return sleepReal(ctx, env.Scaled(time.Duration(d)))
}
