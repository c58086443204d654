package mockruntime

import "testing"

// BenchmarkSettingsRead measures what settings.get costs with values stored
// in settings.json (read and decoded on every call, so the file is the only
// state) against the baseline of a plugin whose host set nothing.
func BenchmarkSettingsRead(b *testing.B) {
	newPlugin := func() *Plugin {
		return &Plugin{dataDir: b.TempDir(), manifest: &Manifest{Settings: []Setting{
			{Key: "max_length", Type: "integer", Default: 500.0},
			{Key: "title", Type: "string", Default: "Guestbook"},
			{Key: "theme", Type: "select", Default: "light", Options: []any{"light", "dark"}},
		}}}
	}
	var st settingsStore
	run := func(b *testing.B, p *Plugin) {
		for b.Loop() {
			if _, err := st.effective(p); err != nil {
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
