package scenario_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness/scenario"
)

// nested returns n arrays, one inside the other, around an empty middle.
func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

var _ = Describe("loading deeply nested and wide files", func() {
	// The top-level mapping is one level, so the member x may hold
	// MaxNesting-1 arrays.
	deepest := scenario.MaxNesting - 1

	DescribeTable("accepts values nested to the limit, in JSON and YAML alike",
		func(name, content string) {
			Expect(loadErrors(name, content)).To(Equal([]string{name + ":1: /x: unknown member"}))
		},
		Entry("JSON", "s.json", `{"id":"x","steps":["start"],"x":`+nested(deepest)+`}`),
		Entry("YAML", "s.yaml", `{id: x, steps: [start], x: `+nested(deepest)+`}`),
	)

	DescribeTable("refuses values nested one level deeper, naming the line, the pointer and the limit",
		func(name, content string) {
			errs := loadErrors(name, content)
			Expect(errs).To(HaveLen(1))
			Expect(strings.HasPrefix(errs[0], name+":1: /x"+strings.Repeat("/0", deepest)+": ")).To(BeTrue(), "%.80s", errs[0])
			Expect(errs[0]).To(HaveSuffix(": values nest more than 1000 levels deep"))
		},
		Entry("JSON", "s.json", `{"id":"x","steps":["start"],"x":`+nested(deepest+1)+`}`),
		Entry("YAML", "s.yaml", `{id: x, steps: [start], x: `+nested(deepest+1)+`}`),
	)

	It("refuses a JSON file 100,000 levels deep at the limit, without reading on", func() {
		errs := loadErrors("s.json", nested(100_000))
		Expect(errs).To(HaveLen(1))
		Expect(errs[0]).To(HaveSuffix(": values nest more than 1000 levels deep"))
	})

	// Before the line index, every value stored its full JSON pointer, so
	// 200,000 items under a 1 MiB key cost 200 GB; now the key is kept once.
	// The test has no clock: a quadratic loader would not end in its
	// timeout.
	It("loads 200,000 items under a 1 MiB key in time and memory linear in the file", func() {
		key := strings.Repeat("k", 1<<20)
		items := strings.TrimSuffix(strings.Repeat("0,", 200_000), ",")
		// YAML allows a key this long only in the explicit "? key" form.
		for name, content := range map[string]string{
			"s.json": `{"id":"x","steps":["start"],"` + key + `":[` + items + `]}`,
			"s.yaml": "id: x\nsteps: [start]\n? " + key + "\n: [" + items + "]\n",
		} {
			errs := loadErrors(name, content)
			Expect(errs).To(HaveLen(1))
			Expect(strings.HasPrefix(errs[0], name+":") && strings.HasSuffix(errs[0], ": /"+key+": unknown member")).To(BeTrue(), "%.80s", errs[0])
		}
	})

	It("loads a YAML scenario of 20,000 steps, as it would the same in JSON", func() {
		list, err := scenario.LoadData("s.yaml", []byte("id: x\nsteps:\n"+strings.Repeat("  - advance: 1ms\n", 20_000)), nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(list[0].Steps).To(HaveLen(20_000))
	})

	It("refuses a YAML file whose aliases expand past 100,000 values (a billion laughs)", func() {
		laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		for i, prev := 1, "a"; i < 9; i++ {
			name := string(rune('a' + i))
			laughs += name + ": &" + name + " [*" + prev + strings.Repeat(", *"+prev, 9) + "]\n"
			prev = name
		}
		errs := loadErrors("s.yaml", "id: x\nsteps: [start]\n"+laughs)
		Expect(errs).To(HaveLen(1))
		Expect(errs[0]).To(HaveSuffix(": its aliases expand to more than 100000 values"))
	})
})
