package engine_test

import (
	"encoding/json"
	"os"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
)

var _ = Describe("for_each probes", func() {
	// testeeWith writes the Go testee's manifest with members replaced.
	testeeWith := func(members map[string]any) (string, *mockruntime.Manifest) {
		data, err := os.ReadFile(testeeManifest())
		Expect(err).NotTo(HaveOccurred())
		var doc map[string]any
		Expect(json.Unmarshal(data, &doc)).To(Succeed())
		for k, v := range members {
			doc[k] = v
		}
		out, err := json.Marshal(doc)
		Expect(err).NotTo(HaveOccurred())
		path := tempFile("manifest.json", string(out))
		m, err := mockruntime.LoadManifest(path, nil)
		Expect(err).NotTo(HaveOccurred())
		return path, m
	}

	It("changes each declared setting to another valid value, one run each", func() {
		path, m := testeeWith(map[string]any{"settings": []any{
			map[string]any{"key": "greeting", "type": "string", "default": "hi"},
			map[string]any{"key": "theme", "type": "select", "default": "dark", "options": []any{"light", "dark"}},
		}})
		sc := scenario(`id: each-setting
for_each: setting
steps:
  - start
  - set_setting: {key: "${each.key}", value: "${each.value}"}
  - request: {action: settings.get, params: {key: "${each.key}"}, expect: {result: "${each.value}"}}
`)
		runs := harness.ExpandForEach([]*harness.Scenario{sc}, m)
		Expect(runs).To(HaveLen(2))
		for _, run := range runs {
			res, _ := execute(run, path, harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
			Expect(res.ScenarioID).To(HavePrefix("each-setting."))
		}
	})

	It("skips a subscription probe, saying why, when the plugin never subscribes", func() {
		path, m := testeeWith(map[string]any{"permissions": []any{"events.subscribe:core.*"}})
		sc := scenario(`id: each-sub
for_each: subscribe_permission
steps:
  - start
  - find_subscription: {covered_by: "${each.pattern}", save: sub, otherwise: skip, within: 100ms}
  - publish: {topic: "${sub.topic}", payload: {}}
`)
		runs := harness.ExpandForEach([]*harness.Scenario{sc}, m)
		Expect(runs).To(HaveLen(1))
		res, _ := execute(runs[0], path, harness.ExecOptions{})
		Expect(res.Verdict).To(Equal(harness.Skip), describeFailure(res))
		Expect(res.SkipReason).To(Equal("the plugin made no subscription that events.subscribe:core.* covers by the time it was probed"))
	})

	It("refuses to run a template itself", func() {
		sc := scenario("id: t\nfor_each: setting\nsteps: [start]\n")
		res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
		Expect(res.Verdict).To(Equal(harness.Error))
		Expect(res.Failure.Message).To(ContainSubstring("is a for_each template"))
	})
})
