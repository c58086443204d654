package steps

import (
	"context"
	"errors"
	"fmt"

	"github.com/conform-dev/conform/harness/scenario"
)

// repeatKind is the dispatch entry of repeat, whose steps the loader
// parses itself (scenario.RepeatArgs).
var repeatKind = stepKind{
	parse: func(any, scenario.ParseContext) (any, error) {
		return nil, errors.New("repeat is parsed by the scenario loader")
	},
	run: func(ctx context.Context, env *Env, args any) error {
		return Repeat(ctx, env, args.(scenario.RepeatArgs))
	},
	example: "repeat: {times: 50, steps: [{request: {action: messages.post, params: {channel: general, text: \"message ${i}\"}}}]}",
}

// Repeat runs its steps times times in order, with ${i} the run's number
// from 1, stopping at the first that fails; a failure says which run and
// which step it was.
func Repeat(ctx context.Context, env *Env, a scenario.RepeatArgs) error {
	for i := 1; i <= a.Times; i++ {
		env.Vars.Set(scenario.RepeatVar, i)
		for j, st := range a.Steps {
			err := RunStep(ctx, env, st)
			if err == nil {
				continue
			}
			where := fmt.Sprintf("repeat run %d of %d, step %d (%s)", i, a.Times, j+1, st.Kind)
			var sf *StepFailure
			if errors.As(err, &sf) {
				inner := *sf
				inner.Message = where + ": " + sf.Message
				return &inner
			}
			var na *NotApplicable
			if errors.As(err, &na) {
				return err
			}
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	return nil
}
