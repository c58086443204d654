package mockruntime_test

import (
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// settingsOverrides declares one setting of every type (MAN-5).
var settingsOverrides = map[string]any{"settings": []any{
	map[string]any{"key": "max_length", "type": "integer", "default": 500},
	map[string]any{"key": "ratio", "type": "number", "default": 0.5},
	map[string]any{"key": "title", "type": "string", "default": "Guestbook"},
	map[string]any{"key": "enabled", "type": "boolean", "default": true},
	map[string]any{"key": "theme", "type": "select", "default": "light", "options": []any{"light", "dark"}},
}}

var _ = Describe("settings (SET-1..SET-4)", func() {
	var (
		w *world
		p *mockruntime.Plugin
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee(nil, settingsOverrides)
	})

	It("answers the manifest defaults without any capability", func() {
		Expect(resultOf(call(p, "settings.get", map[string]any{"key": "max_length"}))).To(BeEquivalentTo(500))
		Expect(resultOf(call(p, "settings.getAll", map[string]any{}))).To(Equal(map[string]any{
			"max_length": 500.0, "ratio": 0.5, "title": "Guestbook", "enabled": true, "theme": "light",
		}))
	})

	It("answers NOT_FOUND for an unknown key, to the plugin and to the host", func() {
		Expect(call(p, "settings.get", map[string]any{"key": "nope"})).To(match.HaveErrorCode("NOT_FOUND"))
		Expect(p.SetSetting("nope", 1, "")).To(match.HaveErrorCode("NOT_FOUND"))
	})

	It("makes a change readable, then tells the plugin once with who made it and when", func() {
		Expect(p.SetSetting("max_length", 42, "admin-1")).To(Succeed())
		Eventually(recordOf(p, "settings")).Should(Equal([]any{
			map[string]any{"key": "max_length", "value": 42.0, "changed_by_user_id": "admin-1"},
		}))
		Expect(resultOf(call(p, "settings.get", map[string]any{"key": "max_length"}))).To(BeEquivalentTo(42))
		Expect(sentFrames(w.rt, "testee", "core.plugin.config_changed")).To(Equal([]map[string]any{
			{"type": "core.plugin.config_changed", "key": "max_length", "value": 42.0, "changed_by_user_id": "admin-1", "ts": w.nowMillis()},
		}))
		Expect(p.Settings()).To(HaveKeyWithValue("max_length", int64(42)))
	})

	It("sends changed_by_user_id null for a change no user made", func() {
		Expect(p.SetSetting("theme", "dark", "")).To(Succeed())
		Eventually(recordOf(p, "settings")).Should(ConsistOf(HaveKeyWithValue("changed_by_user_id", BeNil())))
	})

	DescribeTable("checks each value against the setting's type",
		func(key string, value any, accepted bool) {
			err := p.SetSetting(key, value, "")
			if accepted {
				Expect(err).NotTo(HaveOccurred())
				return
			}
			Expect(err).To(match.HaveErrorCode("INVALID_PARAMS"))
			Expect(sentFrames(w.rt, "testee", "core.plugin.config_changed")).To(BeEmpty())
			Expect(filepath.Join(p.DataDir(), "settings.json")).NotTo(BeAnExistingFile())
		},
		Entry("an integer", "max_length", 7, true),
		Entry("an integral float as an integer", "max_length", 7.0, true),
		Entry("a fraction as an integer", "max_length", 7.5, false),
		Entry("a string as an integer", "max_length", "7", false),
		Entry("a number", "ratio", 0.25, true),
		Entry("a boolean as a number", "ratio", true, false),
		Entry("a string", "title", "Visitors", true),
		Entry("a number as a string", "title", 3, false),
		Entry("a boolean", "enabled", false, true),
		Entry("a string as a boolean", "enabled", "false", false),
		Entry("one of the options", "theme", "dark", true),
		Entry("a string outside the options", "theme", "blue", false),
		Entry("null", "title", nil, false),
	)

	It("keeps values across a restart of the plugin (SET-4)", func() {
		Expect(p.SetSetting("title", "Renamed", "admin-1")).To(Succeed())
		w.restart(p)
		Expect(resultOf(call(p, "settings.get", map[string]any{"key": "title"}))).To(Equal("Renamed"))
		Expect(os.ReadFile(filepath.Join(p.DataDir(), "settings.json"))).To(ContainSubstring(`"Renamed"`))
	})

	It("sets the value of a plugin that is not running and records the dropped notification (NOTE-1)", func() {
		q := w.load(testeeManifest(), testeeOverrides(nil, map[string]any{"slug": "idle", "settings": settingsOverrides["settings"]}))
		Expect(q.SetSetting("enabled", false, "admin-1")).To(Succeed())
		Expect(q.Settings()).To(HaveKeyWithValue("enabled", false))
		Expect(w.rt.Transcript().Entries()).To(ContainElement(SatisfyAll(
			HaveField("Plugin", "idle"), HaveField("Decision", "notice"), HaveField("Rule", "NOTE-1"))))
		Expect(sentFrames(w.rt, "idle", "core.plugin.config_changed")).To(BeEmpty())
	})
})
