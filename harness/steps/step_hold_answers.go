package steps

import (
	"context"
	"fmt"
)

// HoldAnswers holds the runtime's answers to the plugin's next n service
// calls until all n are ready, then sends them together in the reverse
// order of the calls (mockruntime Plugin.HoldAnswers). A scenario uses it
// before a request whose handler makes n calls at once, to prove the
// plugin matches answers by id alone (ENV-11), or to keep one call
// unanswered until a later request makes another (EVT-7). A plugin that
// waits for one answer before its next call never completes the set, and
// its request times out.
func HoldAnswers(_ context.Context, env *Env, n int) error {
	if err := env.Plugin.HoldAnswers(n); err != nil {
		return fmt.Errorf("holding %d answers: %w", n, err)
	}
	return nil
}
