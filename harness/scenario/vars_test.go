package scenario_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("Vars", func() {
	var vars *harness.Vars

	BeforeEach(func() {
		vars = harness.NewVars("guestbook")
		vars.Set("r", map[string]any{"id": "req-1", "result": map[string]any{"n": 2.0, "list": []any{"a", "b"}}})
	})

	DescribeTable("Expand",
		func(s string, want any) {
			Expect(vars.Expand(s)).To(Equal(want))
		},
		Entry("a string without references", "plain ${ text", "plain ${ text"),
		Entry("the slug", "${slug}.entry", "guestbook.entry"),
		Entry("a whole value of any type", "${r.result}", map[string]any{"n": 2.0, "list": []any{"a", "b"}}),
		Entry("a member inside text", "id=${r.id}", "id=req-1"),
		Entry("an array element", "${r.result.list.1}", "b"),
		Entry("a value that is not a string, inside text, as JSON", "n=${r.result.n} list=${r.result.list}", `n=2 list=["a","b"]`),
	)

	It("says which reference it cannot resolve, and what is there", func() {
		_, err := vars.Expand("${r.result.missing}")
		Expect(err).To(MatchError(`${r.result.missing}: r.result has no member "missing" (it is {"list":["a","b"],"n":2})`))
		_, err = vars.Expand("${nope}")
		Expect(err).To(MatchError("${nope} is not set"))
	})

	It("expands every string of a step's arguments without changing them", func() {
		args := harness.RequestArgs{Action: "${slug}.act", Params: map[string]any{"a": "${r.result}", "b": []any{"${r.id}"}}}
		out, err := vars.Apply(args)
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(Equal(harness.RequestArgs{Action: "guestbook.act", Params: map[string]any{"a": map[string]any{"n": 2.0, "list": []any{"a", "b"}}, "b": []any{"req-1"}}}))
		Expect(args.Params).To(HaveKeyWithValue("a", "${r.result}"))
	})
})
