package settings

import (
	"testing"

	"github.com/conform-dev/conform/mockruntime/manifest"
)

// benchPlugin is a plugin with a data folder and a manifest, nothing more.
type benchPlugin struct {
	dir string
	m   *manifest.Manifest
}

func (p *benchPlugin) Slug() string                 { return "bench" }
func (p *benchPlugin) Manifest() *manifest.Manifest { return p.m }
func (p *benchPlugin) DataDir() string              { return p.dir }
func (p *benchPlugin) Notify(map[string]any) error  { return nil }

// BenchmarkSettingsRead measures what settings.get costs with values stored
// in settings.json (read and decoded on every call, so the file is the only
// state) against the baseline of a plugin whose host set nothing.
func BenchmarkSettingsRead(b *testing.B) {
	newPlugin := func() *benchPlugin {
		return &benchPlugin{dir: b.TempDir(), m: &manifest.Manifest{Settings: []manifest.Setting{
			{Key: "max_length", Type: "integer", Default: 500.0},
			{Key: "title", Type: "string", Default: "Guestbook"},
			{Key: "theme", Type: "select", Default: "light", Options: []any{"light", "dark"}},
		}}}
	}
	var st Store
	run := func(b *testing.B, p *benchPlugin) {
		for b.Loop() {
			if _, err := st.Effective(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("defaults", func(b *testing.B) { run(b, newPlugin()) })
	b.Run("stored", func(b *testing.B) {
		p := newPlugin()
		for key, v := range map[string]any{"max_length": 42, "title": "Visitors", "theme": "dark"} {
			if err := st.save(p, key, v); err != nil {
				b.Fatal(err)
			}
		}
		run(b, p)
	})
}
