package steps

import "context"

// Restart stops the plugin as stop does, then starts it again as start
// does; durable state is kept (LIFE-16).
func Restart(ctx context.Context, env *Env, a StartArgs) error {
	if err := Stop(ctx, env, StopArgs{Within: a.Within}); err != nil {
		return err
	}
	return Start(ctx, env, a)
}
