package harness

import (
	"context"
	"fmt"
)

// Restart stops the plugin as stop does, then starts it again as start
// does; durable state is kept (LIFE-16).
func Restart(ctx context.Context, env *Env, a StartArgs) error {
	if err := Stop(ctx, env, StopArgs{Within: a.Within}); err != nil {
		return err
	}
	if err := env.Plugin.Start(ctx); err != nil {
		return fmt.Errorf("starting %s again: %w", env.Plugin.Slug(), err)
	}
	if !a.waitsForReady() {
		return nil
	}
	return env.awaitReady(ctx, a.Within)
}
