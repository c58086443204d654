package mockruntime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/conform-dev/conform/mockruntime/internal/atomicfile"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// settingsGet serves settings.get: the value the host set last, or the
// manifest default; an unknown key is NOT_FOUND (SET-1).
func settingsGet(_ context.Context, c *call) (any, error) {
	values, err := c.s.rt.hub.settings.effective(c.p)
	if err != nil {
		return nil, err
	}
	key := stringParam(c.Params, "key")
	v, ok := values[key]
	if !ok {
		return nil, unknownSetting(c.p, key)
	}
	return v, nil
}

// settingsGetAll serves settings.getAll: every setting of the manifest with
// its current value (SET-1).
func settingsGetAll(_ context.Context, c *call) (any, error) {
	return c.s.rt.hub.settings.effective(c.p)
}

func unknownSetting(p *Plugin, key string) *wire.Error {
	return wire.Errorf(wire.CodeNotFound, "plugin %s has no setting %q", p.Slug(), key).With("key", key)
}

// settingsFile is where the values the host set are kept (SET-4).
const settingsFile = "settings.json"

// settingsStore keeps the values the host set, per plugin, in
// <plugin data dir>/settings.json, so they survive restarts of the plugin
// and of the runtime (SET-4). The file is replaced atomically, so readers
// never take the lock; mu serialises changes, so that the file, and the
// notifications sent after each change, follow the order of the host's
// calls. Safe for concurrent use.
type settingsStore struct {
	mu sync.Mutex
}

// effective returns every setting of p's manifest with its current value:
// the stored one when the manifest still admits it, else the default.
func (st *settingsStore) effective(p *Plugin) (map[string]any, error) {
	stored, err := st.stored(p)
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(p.manifest.Settings))
	for _, s := range p.manifest.Settings {
		raw, present := stored[s.Key]
		if !present {
			raw = s.Default
		}
		v, err := settingValue(s, raw)
		if err != nil { // a stored value the manifest no longer admits
			v, _ = settingValue(s, s.Default) // the default has the setting's type (MAN-5)
		}
		out[s.Key] = v
	}
	return out, nil
}

// stored reads the values the host set; no file means none.
func (st *settingsStore) stored(p *Plugin) (map[string]any, error) {
	path := filepath.Join(p.dataDir, settingsFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]any{}, nil
	}
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var values map[string]any
	if err := dec.Decode(&values); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if values == nil {
		values = map[string]any{}
	}
	return values, nil
}

// save stores one checked value durably. The caller holds st.mu.
func (st *settingsStore) save(p *Plugin, key string, value any) error {
	values, err := st.stored(p)
	if err != nil {
		return err
	}
	values[key] = value
	data, err := json.MarshalIndent(values, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := atomicfile.WriteTemp(p.dataDir, ".settings-*", data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(p.dataDir, settingsFile)); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}
