package harness

import (
	"context"
	"fmt"
)

// SetSettingArgs are the arguments of set_setting.
type SetSettingArgs struct {
	Key   string `json:"key"`
	Value any    `json:"value"`
	By    string `json:"by"` // the admin's user id; null in the frame when left out
}

// SetSetting changes a setting as an admin would: the runtime checks the
// value against the setting's type, stores it, then sends the running
// plugin core.plugin.config_changed (SET-2).
func SetSetting(_ context.Context, env *Env, a SetSettingArgs) error {
	if err := env.Plugin.SetSetting(a.Key, a.Value, a.By); err != nil {
		return fmt.Errorf("setting %s: %w", a.Key, err)
	}
	return nil
}
