package mockruntime_test

import (
	"encoding/json"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
	"github.com/conform-dev/conform/mockruntime/wire"
	"github.com/conform-dev/conform/schemas"
)

// callError makes a raw service call through the testee and returns the
// error it got (nil when the call succeeded) and its result.
func callError(p *mockruntime.Plugin, serviceType, params string) (map[string]any, any) {
	GinkgoHelper()
	out, ok := resultOf(call(p, "call", map[string]any{"type": serviceType, "params": json.RawMessage(params)})).(map[string]any)
	Expect(ok).To(BeTrue())
	e, _ := out["error"].(map[string]any)
	return e, out["result"]
}

var _ = Describe("numbers are read the way the schema judged them (FRAME-27, SQL-2)", func() {
	// Every form a JSON Schema integer of 10000 may take on the wire, and
	// forms of other values next to it.
	integerForms := []string{"10000", "1e4", "1E4", "1e+4", "10000.0", "10000.000", "1.0e4", "100000e-1", "0.1e5", "0010000"[2:]}
	notIntegers := []string{"10000.5", "1e-1", "9999.9999"}

	It("crosses the schema's accepted integer forms with the runtime's reading", func() {
		for _, form := range integerForms {
			params, err := schemas.Decode([]byte(`{"name":"tick","interval_ms":` + form + `}`))
			Expect(err).NotTo(HaveOccurred(), form)
			Expect(schemas.ValidateParams("schedule.register", params)).To(Succeed(), form)
			n, ok := wire.Int(params.(map[string]any)["interval_ms"])
			Expect(ok).To(BeTrue(), form)
			Expect(n).To(Equal(int64(10000)), form)
		}
		for _, form := range notIntegers {
			params, err := schemas.Decode([]byte(`{"name":"tick","interval_ms":` + form + `}`))
			Expect(err).NotTo(HaveOccurred(), form)
			Expect(schemas.ValidateParams("schedule.register", params)).NotTo(Succeed(), form)
			_, ok := wire.Int(params.(map[string]any)["interval_ms"])
			Expect(ok).To(BeFalse(), form)
		}
	})

	Context("on the wire, from the Go testee", func() {
		var (
			w *world
			p *mockruntime.Plugin
		)
		BeforeEach(func() {
			// No pings: a step of the fake clock is not real time the
			// testee could answer them in.
			w = newWorld(mockruntime.Options{Timing: mockruntime.Timing{PingInterval: 10000 * time.Hour}})
			p = w.testee([]string{"schedule.register", "data.kv:self", "data.sql:self"}, nil)
		})
		firings := func() int { return len(sentFrames(w.rt, "testee", "schedule.fired")) }

		It("schedules interval_ms: 1e4 and 10000.0 every 10 s, never every 0 ms", func() {
			for _, form := range []string{"1e4", "10000.0"} {
				e, _ := callError(p, "schedule.register", `{"name":"t`+form+`","interval_ms":`+form+`}`)
				Expect(e).To(BeNil())
			}
			w.clock.Advance(9999 * time.Millisecond)
			Expect(firings()).To(Equal(0))
			w.clock.Advance(time.Millisecond)
			Eventually(firings).Should(Equal(2))
			Consistently(firings, "50ms").Should(Equal(2))
		})

		It("fires a schedule at most once per clock step, however far the step goes (SCHED-4)", func() {
			e, _ := callError(p, "schedule.register", `{"name":"tick","interval_ms":1000}`)
			Expect(e).To(BeNil())
			w.clock.Advance(1000 * time.Hour)
			Eventually(firings).Should(Equal(1))
			Consistently(firings, "50ms").Should(Equal(1))
			w.clock.Advance(time.Second)
			Eventually(firings).Should(Equal(2))
			// Runtime.Advance moves the clock in many Advance calls, one per
			// due timer, and is still one step.
			w.advance(time.Hour)
			Eventually(firings).Should(Equal(3))
			Consistently(firings, "50ms").Should(Equal(3))
		})

		It("reads limit: 2.0e0 as 2", func() {
			for _, k := range []string{"a", "b", "c"} {
				e, _ := callError(p, "data.kv", `{"op":"set","key":"`+k+`","value":"v"}`)
				Expect(e).To(BeNil())
			}
			e, result := callError(p, "data.kv", `{"op":"list","prefix":"","limit":2.0e0}`)
			Expect(e).To(BeNil())
			Expect(result).To(HaveLen(2))
		})

		It("refuses numbers that do not fit a float64 cheaply, naming the limit", func() {
			for form, limit := range map[string]string{
				"1e999999":                     "1.7976931348623157e308",
				"-1e999999":                    "1.7976931348623157e308",
				"1e-999999":                    "5e-324",
				"1" + strings.Repeat("0", 100): "100 bytes",
			} {
				e, _ := callError(p, "schedule.register", `{"name":"tick","interval_ms":`+form+`}`)
				Expect(e).To(HaveKeyWithValue("code", "INVALID_PARAMS"), form)
				Expect(e["message"]).To(ContainSubstring(limit), form)
			}
			Expect(w.rt.Transcript()).NotTo(match.HaveViolation(""))
		})

		It("refuses integers the runtime could not hold where the schema once let them through", func() {
			for _, params := range []string{
				`{"name":"tick","interval_ms":1e30}`, `{"name":"tick","interval_ms":9223372036854775807}`,
			} {
				e, _ := callError(p, "schedule.register", params)
				Expect(e).To(HaveKeyWithValue("code", "INVALID_PARAMS"), params)
			}
		})

		It("refuses a 30-digit integer SQL argument instead of rounding it", func() {
			e, _ := callError(p, "data.sql", `{"op":"query","sql":"SELECT ? AS n","args":[123456789012345678901234567890]}`)
			Expect(e).To(HaveKeyWithValue("code", "INVALID_PARAMS"))
			Expect(e["message"]).To(ContainSubstring("pass it as a string"))
			e, result := callError(p, "data.sql", `{"op":"query","sql":"SELECT ? AS n, typeof(?) AS t","args":[1e3,1e3]}`)
			Expect(e).To(BeNil())
			Expect(result).To(Equal([]any{map[string]any{"n": 1000.0, "t": "integer"}}))
		})
	})
})
