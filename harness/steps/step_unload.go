package steps

import (
	"context"
	"fmt"
)

// Unload removes the plugin from the runtime as a host uninstalling it
// would: the runtime stops its process (closing stdin, then terminating a
// plugin still running when within runs out) and deletes its event
// subscriptions (EVT-25); its data folder stays. Steps after it may still
// inspect the plugin's data and subscriptions, not run it.
func Unload(ctx context.Context, env *Env, a StopArgs) error {
	uctx, cancel := context.WithDeadline(ctx, env.deadline(a.Within, DefaultWithin))
	defer cancel()
	if err := env.Runtime.Unload(uctx, env.Plugin.Slug()); err != nil {
		return fmt.Errorf("unloading %s: %w", env.Plugin.Slug(), err)
	}
	return ctx.Err()
}
