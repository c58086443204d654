package mockruntime_test

import (
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/match"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// platformCalls are the services of §9.12 and the capability each needs.
var platformCalls = map[string]string{
	"resources.get":        "resources.read",
	"resources.list":       "resources.read",
	"voice.tokens":         "voice.tokens",
	"voice.moderation":     "voice.moderation",
	"permissions.check":    "permissions.read",
	"core.users.get":       "core.users.read",
	"core.categories.list": "core.categories.read",
}

func platformCapabilities() []string {
	seen := map[string]bool{}
	var caps []string
	for _, c := range platformCalls {
		if !seen[c] {
			seen[c] = true
			caps = append(caps, c)
		}
	}
	return caps
}

var _ = Describe("resources, voice, permissions and core (EXT-1)", func() {
	var w *world
	BeforeEach(func() { w = newWorld(optsZero()) })

	It("checks each call's capability before asking the host", func() {
		var asked atomic.Int32
		for serviceType := range platformCalls {
			Expect(w.rt.SetAnswer(serviceType, func(map[string]any) (any, error) { asked.Add(1); return "ok", nil })).To(Succeed())
		}
		p := w.testee(nil, nil)
		for serviceType, capability := range platformCalls {
			_, code := rawCall(p, serviceType, map[string]any{})
			Expect(code).To(Equal("PERMISSION_DENIED"), serviceType)
			Expect(p.CapabilityReport().Denied).To(ContainElement(HaveField("Capability", capability)))
		}
		Expect(asked.Load()).To(BeZero())
	})

	It("answers UNAVAILABLE while the host has configured no answer", func() {
		p := w.testee(platformCapabilities(), nil)
		for serviceType := range platformCalls {
			_, code := rawCall(p, serviceType, map[string]any{})
			Expect(code).To(Equal("UNAVAILABLE"), serviceType)
		}
	})

	It("answers with what the host's function decides from the params", func() {
		p := w.testee(platformCapabilities(), nil)
		Expect(w.rt.SetAnswer("core.users.get", func(params map[string]any) (any, error) {
			if params["id"] != "u1" {
				return nil, wire.Errorf(wire.CodeNotFound, "no user %v", params["id"])
			}
			return map[string]any{"id": "u1", "username": "ada"}, nil
		})).To(Succeed())
		result, code := rawCall(p, "core.users.get", map[string]any{"id": "u1"})
		Expect(code).To(BeEmpty())
		Expect(result).To(Equal(map[string]any{"id": "u1", "username": "ada"}))
		_, code = rawCall(p, "core.users.get", map[string]any{"id": "u2"})
		Expect(code).To(Equal("NOT_FOUND"))

		Expect(w.rt.SetAnswer("core.users.get", nil)).To(Succeed())
		_, code = rawCall(p, "core.users.get", map[string]any{"id": "u1"})
		Expect(code).To(Equal("UNAVAILABLE"))
	})

	It("refuses an answer for a service that is not a platform call", func() {
		Expect(w.rt.SetAnswer("data.sql", func(map[string]any) (any, error) { return nil, nil })).To(match.HaveErrorCode("UNKNOWN_SERVICE"))
	})
})
