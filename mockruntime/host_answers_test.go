package mockruntime_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("held answers (HoldAnswers)", func() {
	var (
		w *world
		p *mockruntime.Plugin
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee([]string{"data.kv:self"}, nil)
		for _, k := range []string{"a", "b", "c"} {
			Expect(call(p, "kv.set", map[string]any{"key": k, "value": "value-" + k}).Error).To(BeNil())
		}
	})

	It("sends the held answers together, latest call first", func() {
		Expect(p.HoldAnswers(3)).To(Succeed())
		r := call(p, "kv.concurrent", map[string]any{"keys": []any{"a", "b", "c"}})
		Expect(resultOf(r)).To(Equal([]any{"value-a", "value-b", "value-c"}))

		calls, answers := kvGetExchange(w.rt)
		Expect(calls).To(HaveLen(3))
		Expect(answers).To(Equal([]string{calls[2], calls[1], calls[0]}))
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation(""))
	})

	It("answers at once again when the hold is complete", func() {
		Expect(p.HoldAnswers(1)).To(Succeed())
		Expect(resultOf(call(p, "kv.get", map[string]any{"key": "a"}))).To(Equal("value-a"))
		Expect(resultOf(call(p, "kv.getMany", map[string]any{"keys": []any{"b"}}))).To(Equal(map[string]any{"b": "value-b"}))
	})

	It("refuses a hold of nothing and a second hold while one fills", func() {
		Expect(p.HoldAnswers(0)).NotTo(Succeed())
		Expect(p.HoldAnswers(2)).To(Succeed())
		Expect(p.HoldAnswers(1)).NotTo(Succeed())
	})
})

// kvGetExchange returns the ids of the plugin's data.kv get calls in the
// order they arrived, and of the responses to them in the order they went
// out.
func kvGetExchange(rt *mockruntime.Runtime) (calls, answers []string) {
	gets := map[string]bool{}
	for _, e := range rt.Transcript().Entries() {
		if e.Kind != mockruntime.KindFrame {
			continue
		}
		var f struct {
			Params struct {
				Op string `json:"op"`
			} `json:"params"`
		}
		Expect(e.Decode(&f)).To(Succeed())
		switch {
		case e.Dir == mockruntime.DirIn && e.FrameType() == "data.kv" && f.Params.Op == "get":
			calls = append(calls, e.FrameID())
			gets[e.FrameID()] = true
		case e.Dir == mockruntime.DirOut && e.FrameType() == "response" && gets[e.FrameID()]:
			answers = append(answers, e.FrameID())
		}
	}
	return calls, answers
}
