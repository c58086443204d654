package manifest_test

import (
	"encoding/json"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/manifest"
)

var _ = Describe("Check", func() {
	decode := func(text string) map[string]any {
		var m map[string]any
		Expect(json.Unmarshal([]byte(text), &m)).To(Succeed())
		return m
	}

	It("accepts publish capabilities in the plugin's own namespace", func() {
		m := decode(`{"slug":"gb","permissions":["events.publish:gb.*","events.publish:gb.entry.added","events.subscribe:other.*"]}`)
		Expect(manifest.Check(m)).To(BeEmpty())
	})

	It("refuses a publish capability outside it, a lookalike prefix included (MAN-8)", func() {
		m := decode(`{"slug":"gb","permissions":["data.kv:self","events.publish:gbx.*","events.publish:core.category.*"]}`)
		Expect(manifest.Check(m)).To(Equal([]*manifest.Issue{
			{Pointer: "/permissions/1", Rule: "MAN-8", Message: "events.publish:gbx.* publishes outside the plugin's namespace gb.*"},
			{Pointer: "/permissions/2", Rule: "MAN-8", Message: "events.publish:core.category.* publishes outside the plugin's namespace gb.*"},
		}))
	})

	It("refuses a setting key used twice and a select default outside its options (MAN-5)", func() {
		m := decode(`{"slug":"gb","settings":[
			{"key":"a","type":"integer","default":1},
			{"key":"theme","type":"select","default":"blue","options":["dark","light"]},
			{"key":"a","type":"string","default":"x"}]}`)
		issues := manifest.Check(m)
		Expect(issues).To(HaveLen(2))
		Expect(issues[0]).To(MatchError(`/settings/1/default: default "blue" is not one of the options [MAN-5]`))
		Expect(issues[1]).To(MatchError(`/settings/2/key: setting key "a" is already used at /settings/0 [MAN-5]`))
	})

	It("accepts a select default among its options", func() {
		m := decode(`{"slug":"gb","settings":[{"key":"theme","type":"select","default":"dark","options":["dark","light"]}]}`)
		Expect(manifest.Check(m)).To(BeEmpty())
	})
})
