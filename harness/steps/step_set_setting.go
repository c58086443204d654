package steps

import "context"

// SetSettingArgs are the arguments of set_setting.
type SetSettingArgs struct {
	Key     string `json:"key"`
	Value   any    `json:"value"`
	By      string `json:"by"`      // the admin's user id; null in the frame when left out
	Refused string `json:"refused"` // the error code the runtime must refuse the change with
}

// SetSetting changes a setting as an admin would: the runtime checks the
// value against the setting's type, stores it, then sends the running
// plugin core.plugin.config_changed (SET-2). With refused, the runtime
// must refuse the change with that code instead (a value of the wrong
// type: INVALID_PARAMS; an unknown key: NOT_FOUND).
func SetSetting(_ context.Context, env *Env, a SetSettingArgs) error {
	return hostOutcome("setting "+a.Key, env.Plugin.SetSetting(a.Key, a.Value, a.By), a.Refused)
}
