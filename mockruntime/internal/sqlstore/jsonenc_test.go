package sqlstore_test

import (
	"encoding/json"
	"math"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
)

var _ = Describe("JSON encoding of results", func() {
	standard := func(v any) string {
		GinkgoHelper()
		b, err := json.Marshal(v)
		Expect(err).NotTo(HaveOccurred())
		return string(b)
	}

	It("writes every single byte as encoding/json does", func() {
		for c := range 256 {
			s := string([]byte{byte(c)})
			Expect(string(sqlstore.AppendJSONString(nil, s))).To(Equal(standard(s)), "byte %#x", c)
		}
	})

	It("writes tricky strings as encoding/json does", func() {
		for _, s := range []string{
			"", "plain", `"quoted" \back\slash`, "<script>&amp;</script>", "line\u2028sep\u2029para",
			"é € 😀", "\xff\xfe broken \xc3", "tab\tnew\nret\rbell\afeed\fback\b", "\x00\x1f\x7f",
			"\xe2\x80", "\xed\xa0\x80 surrogate",
		} {
			Expect(string(sqlstore.AppendJSONString(nil, s))).To(Equal(standard(s)), "%q", s)
		}
	})

	It("writes floats as encoding/json does", func() {
		for _, f := range []float64{
			0, math.Copysign(0, -1), 1, -1.5, 0.1, 1e-6, 9.99999e-7, 1e-7, 1.5e-7, 123456789.125,
			1e20, 1e21, 1.5e21, 1e300, -1e-300, math.MaxFloat64, math.SmallestNonzeroFloat64,
			float64(1 << 53), 3.14159265358979,
		} {
			Expect(string(sqlstore.AppendJSONFloat(nil, f))).To(Equal(standard(f)), "%v", f)
		}
	})

	It("writes infinities and NaN as null", func() {
		for _, f := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
			Expect(string(sqlstore.AppendJSONFloat(nil, f))).To(Equal("null"))
		}
	})
})
