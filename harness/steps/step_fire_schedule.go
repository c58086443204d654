package steps

import "context"

// FireScheduleArgs are the arguments of fire_schedule.
type FireScheduleArgs struct {
	Name string `json:"name"` // a schedule the plugin registered
}

// FireSchedule sends schedule.fired for one of the plugin's schedules at
// once, as if it fell due (§9.10). A schedule the plugin never registered
// fails the step: the plugin did not do what the scenario relies on.
func FireSchedule(_ context.Context, env *Env, a FireScheduleArgs) error {
	if err := env.Plugin.FireSchedule(a.Name); err != nil {
		return &StepFailure{Message: "firing schedule " + a.Name + ": " + err.Error(), Expected: "a registered schedule " + a.Name, Got: err.Error()}
	}
	return nil
}
