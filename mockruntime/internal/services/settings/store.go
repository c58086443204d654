package settings

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

	"github.com/conform-dev/conform/internal/inputfile"
	"github.com/conform-dev/conform/mockruntime/internal/atomicfile"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Get serves settings.get: the value the host set last, or the manifest
// default; an unknown key is NOT_FOUND (SET-1).
func (st *Store) Get(_ context.Context, c *service.Call) (any, error) {
	values, err := st.Effective(c.Plugin)
	if err != nil {
		return nil, err
	}
	key := service.StringParam(c.Params, "key")
	v, ok := values[key]
	if !ok {
		return nil, Unknown(c.Plugin.Slug(), key)
	}
	return v, nil
}

// GetAll serves settings.getAll: every setting of the manifest with its
// current value (SET-1).
func (st *Store) GetAll(_ context.Context, c *service.Call) (any, error) {
	return st.Effective(c.Plugin)
}

// Unknown is the NOT_FOUND error of a key plugin slug has no setting for.
func Unknown(slug, key string) *wire.Error {
	return wire.Errorf(wire.CodeNotFound, "plugin %s has no setting %q", slug, key).With("key", key)
}

// settingsFile is where the values the host set are kept (SET-4).
const settingsFile = "settings.json"

// Store keeps the values the host set, per plugin, in
// <plugin data dir>/settings.json, so they survive restarts of the plugin
// and of the runtime (SET-4). The file is replaced atomically, so readers
// never take the lock; mu serialises changes, so that the file, and the
// notifications sent after each change, follow the order of the host's
// calls. The zero value is ready; safe for concurrent use.
type Store struct {
	mu sync.Mutex
}

// Effective returns every setting of p's manifest with its current value:
// the stored one when the manifest still admits it, else the default.
func (st *Store) Effective(p service.Plugin) (map[string]any, error) {
	stored, err := st.stored(p)
	if err != nil {
		return nil, err
	}
	settings := p.Manifest().Settings
	out := make(map[string]any, len(settings))
	for _, s := range settings {
		raw, present := stored[s.Key]
		if !present {
			raw = s.Default
		}
		v, err := Value(s, raw)
		if err != nil { // a stored value the manifest no longer admits
			v, _ = Value(s, s.Default) // the default has the setting's type (MAN-5)
		}
		out[s.Key] = v
	}
	return out, nil
}

// Update stores one checked value of p durably, then calls announce with
// the change still serialised, so announcements follow the order of the
// changes. A failure to store is returned wrapped, with nothing announced;
// announce's error is returned as it is.
func (st *Store) Update(p service.Plugin, key string, value any, announce func() error) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := st.save(p, key, value); err != nil {
		return fmt.Errorf("saving setting %q of %s: %w", key, p.Slug(), err)
	}
	return announce()
}

// stored reads the values the host set; no file means none.
func (st *Store) stored(p service.Plugin) (map[string]any, error) {
	path := filepath.Join(p.DataDir(), settingsFile)
	data, err := inputfile.Read(path, inputfile.SettingsLimit, "the settings store")
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
func (st *Store) save(p service.Plugin, key string, value any) error {
	values, err := st.stored(p)
	if err != nil {
		return err
	}
	values[key] = value
	data, err := json.MarshalIndent(values, "", "  ")
	if err != nil {
		return err
	}
	// Through an os.Root, as every runtime write into a plugin's folder
	// (STOR-1); a rename replaces a link at settings.json, never follows it.
	root, err := os.OpenRoot(p.DataDir())
	if err != nil {
		return err
	}
	defer root.Close()
	tmp, err := atomicfile.WriteTempIn(root, ".settings-*", data)
	if err != nil {
		return err
	}
	if err := root.Rename(tmp, settingsFile); err != nil {
		_ = root.Remove(tmp)
		return err
	}
	return nil
}
