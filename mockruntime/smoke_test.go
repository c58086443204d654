package mockruntime_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("a request through the Go testee", func() {
	It("comes back with the echoed params", func() {
		w := newWorld(optsZero())
		p := w.testee(nil, nil)
		r := call(p, "echo", map[string]any{"hello": "world"})
		Expect(r.Error).To(BeNil())
		Expect(string(r.Result)).To(MatchJSON(`{"hello":"world"}`))
	})
})
