package steps

import (
	"context"
	"fmt"
	"strings"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// ExpectViolationArgs are the arguments of expect_violation.
type ExpectViolationArgs struct {
	Rule   string            `json:"rule"`
	Detail string            `json:"detail"` // text the violation's detail must contain; any when left out
	Within scenario.Duration `json:"within"` // default 2s
}

// ExpectViolation waits until the runtime records a violation of the rule
// anywhere in the scenario, and claims the rule: no violation of it, before
// or after, fails the scenario (the violation rule of docs/scenarios.md).
// This is how a scenario proves that a broken plugin is caught.
func ExpectViolation(ctx context.Context, env *Env, a ExpectViolationArgs) error {
	s := env.scanFrom(0)
	err := env.waitUntil(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		_, ok := s.find(func(e mockruntime.Entry) bool {
			return render.IsViolation(e) && e.Rule == a.Rule && strings.Contains(e.Detail, a.Detail)
		})
		return ok, nil
	})
	if err == errElapsed {
		expected := "a violation of " + a.Rule
		if a.Detail != "" {
			expected += fmt.Sprintf(" whose detail contains %q", a.Detail)
		}
		return &StepFailure{Rule: a.Rule, Message: fmt.Sprintf("the runtime recorded no such violation of %s", a.Rule), Expected: expected, Got: "none"}
	}
	if err == nil {
		env.claimed[a.Rule] = true
	}
	return err
}
