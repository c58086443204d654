package scenario_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
)

var _ = Describe("for_each", func() {
	load := func(content string) *harness.Scenario {
		list, err := harness.LoadFile(tempFile("s.yaml", content))
		Expect(err).NotTo(HaveOccurred())
		Expect(list).To(HaveLen(1))
		return list[0]
	}
	template := func() *harness.Scenario {
		return load(`id: probe.settings
for_each: setting
steps:
  - start
  - set_setting: {key: "${each.key}", value: "${each.value}"}
`)
	}

	It("runs a template once per declared setting, with a changed valid value in ${each.value}", func() {
		m := &mockruntime.Manifest{Slug: "p", Settings: []mockruntime.Setting{
			{Key: "greeting", Type: "string", Default: "hi"},
			{Key: "max_length", Type: "integer", Default: 500.0},
			{Key: "ratio", Type: "number", Default: 0.5},
			{Key: "enabled", Type: "boolean", Default: true},
			{Key: "theme", Type: "select", Default: "dark", Options: []any{"light", "dark"}},
			{Key: "only", Type: "select", Default: "one", Options: []any{"one"}},
		}}
		runs := harness.ExpandForEach([]*harness.Scenario{template()}, m)
		var ids []string
		var values []any
		for _, r := range runs {
			ids = append(ids, r.ID)
			values = append(values, r.Each["value"])
			Expect(r.Template.ID).To(Equal("probe.settings"))
			Expect(r.Written().ID).To(Equal("probe.settings"))
		}
		Expect(ids).To(Equal([]string{"probe.settings.greeting", "probe.settings.max_length", "probe.settings.ratio", "probe.settings.enabled", "probe.settings.theme", "probe.settings.only"}))
		Expect(values).To(Equal([]any{"hi-changed", 501.0, 1.5, false, "light", "one"}))
		Expect(runs[0].Each).To(Equal(map[string]any{"key": "greeting", "type": "string", "default": "hi", "value": "hi-changed"}))
	})

	It("runs a template once per events.subscribe permission, with ids an id can hold", func() {
		sc := load(`id: probe.subs
for_each: subscribe_permission
steps:
  - start
  - find_subscription: {covered_by: "${each.pattern}"}
`)
		m := &mockruntime.Manifest{Slug: "p", Permissions: []string{"data.sql:self", "events.subscribe:core.category.*", "events.subscribe:runtime.cascade.user.banned", "events.subscribe:core.category.all"}}
		var ids, patterns []string
		for _, r := range harness.ExpandForEach([]*harness.Scenario{sc}, m) {
			ids = append(ids, r.ID)
			patterns = append(patterns, r.Each["pattern"].(string))
		}
		Expect(ids).To(Equal([]string{"probe.subs.core.category.all", "probe.subs.runtime.cascade.user.banned", "probe.subs.core.category.all-2"}))
		Expect(patterns).To(Equal([]string{"core.category.*", "runtime.cascade.user.banned", "core.category.all"}))
	})

	It("runs a schedule template once when the manifest declares schedule.register", func() {
		sc := load("id: probe.sched\nfor_each: schedule_permission\nsteps: [start]\n")
		runs := harness.ExpandForEach([]*harness.Scenario{sc}, &mockruntime.Manifest{Slug: "p", Permissions: []string{"schedule.register"}})
		Expect(runs).To(HaveLen(1))
		Expect(runs[0].ID).To(Equal("probe.sched.schedule.register"))
		_, reason := harness.Applies(sc, harness.Target{}, nil)
		Expect(reason).To(Equal("the manifest does not declare schedule.register"))
	})

	It("keeps a template the manifest has no entry for, which applies nowhere, saying why", func() {
		sc := template()
		runs := harness.ExpandForEach([]*harness.Scenario{sc}, &mockruntime.Manifest{Slug: "p"})
		Expect(runs).To(Equal([]*harness.Scenario{sc}))
		ok, reason := harness.Applies(sc, harness.Target{}, nil)
		Expect(ok).To(BeFalse())
		Expect(reason).To(Equal("the manifest declares no settings"))
	})

	It("leaves other scenarios as they are", func() {
		sc := load("id: plain\nsteps: [start]\n")
		Expect(harness.ExpandForEach([]*harness.Scenario{sc}, &mockruntime.Manifest{Slug: "p"})).To(Equal([]*harness.Scenario{sc}))
	})

	It("refuses ${each} in a scenario without for_each, and an unknown kind", func() {
		Expect(loadErrors("s.yaml", "id: x\nsteps:\n  - set_setting: {key: \"${each.key}\", value: 1}\n")).To(ConsistOf(
			ContainSubstring("${each} is not defined by an earlier step")))
		Expect(loadErrors("s.yaml", "id: x\nfor_each: action\nsteps: [start]\n")).To(ConsistOf(
			ContainSubstring("/for_each")))
	})
})
