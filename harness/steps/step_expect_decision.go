package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// ExpectDecisionArgs are the arguments of expect_decision.
type ExpectDecisionArgs struct {
	Decision string            `json:"decision"` // kill, restart, deny, dead_letter, drop, ...
	Rule     string            `json:"rule"`     // the rule the decision cites; any when left out
	Within   scenario.Duration `json:"within"`   // default 2s
}

// ExpectDecision waits for a decision of the runtime (§12) anywhere in the
// scenario so far.
func ExpectDecision(ctx context.Context, env *Env, a ExpectDecisionArgs) error {
	s := env.scanFrom(0)
	err := env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		_, ok := s.find(func(e mockruntime.Entry) bool {
			return e.Kind == mockruntime.KindDecision && e.Decision == a.Decision && (a.Rule == "" || e.Rule == a.Rule)
		})
		return ok, nil
	})
	if err == errElapsed {
		expected := "a decision " + a.Decision
		if a.Rule != "" {
			expected += " citing " + a.Rule
		}
		return &StepFailure{Rule: a.Rule, Message: fmt.Sprintf("the runtime took no decision %s", a.Decision), Expected: expected, Got: "none"}
	}
	return err
}
