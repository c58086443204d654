package steps

import (
	"context"
)

// NoArgs are the arguments of a step that takes none.
type NoArgs struct{}

// CloseStdin closes the plugin's stdin without waiting for it to exit, the
// first step of a shutdown (LIFE-18); expect_exit then says how it ended.
func CloseStdin(_ context.Context, env *Env, _ NoArgs) error {
	if err := env.Plugin.CloseStdin(); err != nil {
		return env.notRunning(err)
	}
	return nil
}
