package steps

import "context"

// Kill ends the plugin's process at once with SIGKILL to its process
// group. The runtime counts it as a crash, so its restart policy applies
// (LIFE-14) on the fake clock: advance to let a restart happen.
func Kill(_ context.Context, env *Env, _ NoArgs) error {
	env.Plugin.Kill()
	return nil
}
