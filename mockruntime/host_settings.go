package mockruntime

import (
	"errors"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/internal/services/settings"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// SetSetting changes one setting as an admin would (SET-2). The value is
// checked against the setting's type (an unknown key is NOT_FOUND, a value
// of the wrong type INVALID_PARAMS), stored durably in the plugin's
// settings.json (SET-4), and only then sent to the plugin as one
// core.plugin.config_changed frame; byUserID "" sends changed_by_user_id
// null. A plugin that is not running misses the frame (the drop is
// recorded, NOTE-1) but the value is set all the same. Safe for concurrent
// use: changes are stored and sent in the order of the calls.
func (p *Plugin) SetSetting(key string, value any, byUserID string) error {
	s, ok := p.manifest.Setting(key)
	if !ok {
		return settings.Unknown(p.Slug(), key)
	}
	v, err := settings.Value(s, value)
	if err != nil {
		return err
	}
	var changedBy any
	if byUserID != "" {
		changedBy = byUserID
	}
	return p.rt.hub.settings.Update(p.handle, key, v, func() error {
		err := p.notify(map[string]any{
			"type": wire.TypeConfigChanged, "key": key, "value": v,
			"changed_by_user_id": changedBy, "ts": clock.Millis(p.rt.clock.Now()),
		})
		if errors.Is(err, ErrNotRunning) {
			return nil
		}
		return err
	})
}

// Settings returns every setting with its current value, as settings.getAll
// answers it: int64 for integer settings, float64 for number, string for
// string and select, bool for boolean. It returns nil when the stored
// settings cannot be read (settings.get then fails too). Safe for
// concurrent use.
func (p *Plugin) Settings() map[string]any {
	values, err := p.rt.hub.settings.Effective(p.handle)
	if err != nil {
		return nil
	}
	return values
}
