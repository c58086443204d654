package steps

import (
	"context"

	"github.com/conform-dev/conform/harness/scenario"
)

// FindScheduleArgs are the arguments of find_schedule.
type FindScheduleArgs struct {
	Save      string            `json:"save"`      // saves {name} as ${save}
	Otherwise string            `json:"otherwise"` // "fail" (the default) or "skip" when none is registered
	Within    scenario.Duration `json:"within"`    // default 2s
}

func (a FindScheduleArgs) Bind(s *scenario.NameScope) error {
	s.Define(a.Save)
	return nil
}

// FindSchedule waits until the plugin has registered a schedule and saves
// the first by name; a probe uses it to fire what the plugin registered,
// knowing nothing of it beforehand. With otherwise: skip, a plugin that
// registers none in time makes the scenario skipped rather than failed.
func FindSchedule(ctx context.Context, env *Env, a FindScheduleArgs) error {
	var names []string
	err := env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		names = env.Plugin.Schedules()
		return len(names) > 0, nil
	})
	if err == errElapsed {
		return notFound(a.Otherwise, "the plugin registered no schedule", "a registered schedule", "none")
	}
	if err != nil {
		return err
	}
	if a.Save != "" {
		env.Vars.Set(a.Save, map[string]any{"name": names[0]})
	}
	return nil
}
